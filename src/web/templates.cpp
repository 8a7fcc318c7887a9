#include "web/templates.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rf::web {

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
  // mstch takes partials as a name -> source map; every template is a partial.
  return mstch::render(it->second, context, sources_);
}

}  // namespace rf::web
