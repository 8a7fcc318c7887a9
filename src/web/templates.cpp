#include "web/templates.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "web/mustache.hpp"

namespace rf::web {

struct Templates::Catalogue {
  // Partials point into this map: its nodes never move once it is filled.
  std::map<std::string, mustache::Template, std::less<>> templates;
  std::set<std::string, std::less<>> room_stylesheets;  // rooms with static/css/<room>.css
};

Templates::Templates(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) {
    throw std::runtime_error("template directory not found: " + dir.string());
  }
  auto catalogue = std::make_shared<Catalogue>();
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto name = std::filesystem::relative(entry.path(), dir).replace_extension().generic_string();
    catalogue->templates.emplace(std::move(name), mustache::Template(text.str(), entry.path().string()));
  }
  const auto find = [&catalogue](const std::string& name) -> const mustache::Template* {
    auto it = catalogue->templates.find(name);
    return it == catalogue->templates.end() ? nullptr : &it->second;
  };
  for (auto& [name, tmpl] : catalogue->templates) tmpl.link(find);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir.parent_path() / "static" / "css", ec)) {
    if (entry.path().extension() == ".css") catalogue->room_stylesheets.insert(entry.path().stem().string());
  }
  catalogue_ = std::move(catalogue);
}

std::string Templates::room_stylesheet(std::string_view name) const {
  const auto slash = name.find('/');
  if (slash == std::string_view::npos) return "";
  const std::string room(name.substr(0, slash));
  return catalogue_->room_stylesheets.count(room) ? "/static/css/" + room + ".css" : "";
}

bool Templates::has(std::string_view name) const { return catalogue_->templates.count(name) > 0; }

std::string Templates::render(std::string_view name, const mstch::map& context) const {
  auto it = catalogue_->templates.find(name);
  if (it == catalogue_->templates.end()) throw std::out_of_range("no template named " + std::string(name));
  std::string out;
  it->second.render(context, out);
  return out;
}

}  // namespace rf::web
