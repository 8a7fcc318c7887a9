#include "web/templates.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "text/strings.hpp"

namespace rf::web {
namespace {

// The partials `source` can reach ({{> name}}), directly or through other
// partials. mstch parses every partial it is handed on every render, so a
// page gets these few rather than all templates. (Changed delimiters,
// {{=<% %>=}}, are not followed: templates do not use them.)
std::map<std::string, std::string> reachable_partials(const std::string& source,
                                                      const std::map<std::string, std::string>& sources) {
  std::map<std::string, std::string> reachable;
  std::vector<const std::string*> todo{&source};
  while (!todo.empty()) {
    std::string_view text = *todo.back();
    todo.pop_back();
    for (auto pos = text.find("{{>"); pos != std::string_view::npos; pos = text.find("{{>", pos + 3)) {
      auto end = text.find("}}", pos + 3);
      if (end == std::string_view::npos) break;
      auto it = sources.find(std::string(text::trim(text.substr(pos + 3, end - pos - 3))));
      // An unknown partial renders as nothing, with or without it in the map.
      if (it != sources.end() && reachable.emplace(it->first, it->second).second) todo.push_back(&it->second);
    }
  }
  return reachable;
}

}  // namespace

Templates::Templates(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) {
    throw std::runtime_error("template directory not found: " + dir.string());
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto name = std::filesystem::relative(entry.path(), dir).replace_extension().generic_string();
    sources_.emplace(std::move(name), text.str());
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir.parent_path() / "static" / "css", ec)) {
    if (entry.path().extension() == ".css") room_stylesheets_.insert(entry.path().stem().string());
  }
}

std::string Templates::room_stylesheet(std::string_view name) const {
  const auto slash = name.find('/');
  if (slash == std::string_view::npos) return "";
  const std::string room(name.substr(0, slash));
  return room_stylesheets_.count(room) ? "/static/css/" + room + ".css" : "";
}

bool Templates::has(std::string_view name) const { return sources_.count(std::string(name)) > 0; }

std::string Templates::render(std::string_view name, const mstch::map& context) const {
  auto it = sources_.find(std::string(name));
  if (it == sources_.end()) throw std::out_of_range("no template named " + std::string(name));
  return mstch::render(it->second, context, reachable_partials(it->second, sources_));
}

}  // namespace rf::web
