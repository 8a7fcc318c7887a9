// Mustache templates (mstch) loaded once at start from templates/. A template
// "portal/home" is the file templates/portal/home.mustache; every file is also
// available as a partial under the same name ({{> portal/teaser}}).
//
// A room's stylesheet belongs to its templates: static/css/<room>.css (beside
// templates/) is the stylesheet of every template under templates/<room>/, and
// render_page (web.hpp) links it, so no page of a room can go without it.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

namespace rf::web {

class Templates {
 public:
  explicit Templates(const std::filesystem::path& dir);
  // Throws std::out_of_range naming the template when it does not exist.
  std::string render(std::string_view name, const mstch::map& context) const;
  bool has(std::string_view name) const;
  // "/static/css/monitor.css" for "monitor/import/datensatz" when that file
  // exists; "" for a room without a stylesheet of its own.
  std::string room_stylesheet(std::string_view name) const;

 private:
  std::map<std::string, std::string> sources_;
  std::set<std::string> room_stylesheets_;  // rooms with static/css/<room>.css
};

}  // namespace rf::web
