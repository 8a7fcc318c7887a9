#include "text/german.hpp"

namespace rf::text {

std::string place_name(std::string_view official, std::string_view kind) {
  auto comma = official.find(", ");
  if (comma == std::string_view::npos) {
    if (kind == "Kreis" && !official.starts_with("Kreis ")) return "Kreis " + std::string(official);
    return std::string(official);
  }
  std::string_view base = official.substr(0, comma);
  if (official.substr(comma + 2) == "Kreis") return "Kreis " + std::string(base);
  return std::string(base);
}

std::string place_genitive(std::string_view name) {
  // The head noun decides the article and the ending; only the feminine
  // nouns keep their form, "Kreis" takes "-es".
  if (name.starts_with("Kreis ")) return "des Kreises " + std::string(name.substr(6));
  for (std::string_view feminine : {"Metropole ", "Städteregion ", "Stadt ", "Region "}) {
    if (name.starts_with(feminine)) return "der " + std::string(name);
  }
  return "von " + std::string(name);
}

}  // namespace rf::text
