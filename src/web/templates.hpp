// Mustache templates loaded and parsed once at start from templates/. A
// template "portal/home" is the file templates/portal/home.mustache; every file
// is also available as a partial under the same name ({{> portal/teaser}}).
// The contexts are mstch's types (mstch::map, mstch::array, mstch::node); the
// renderer is our own (mustache.hpp, internal to web/), which renders what
// mstch rendered, byte for byte, from the parsed form. A template that does
// not parse (an unclosed section, a mismatched closing tag, an unsupported
// tag) fails the constructor, naming its file and line.
//
// A room's stylesheet belongs to its templates: static/css/<room>.css (beside
// templates/) is the stylesheet of every template under templates/<room>/, and
// render_page (web.hpp) links it, so no page of a room can go without it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

namespace rf::web {

class Templates {
 public:
  // Throws std::runtime_error (mustache::ParseError) naming the file and line
  // of a template that does not parse.
  explicit Templates(const std::filesystem::path& dir);
  // Throws std::out_of_range naming the template when it does not exist.
  // Thread-safe: the parsed templates are never changed after construction.
  std::string render(std::string_view name, const mstch::map& context) const;
  bool has(std::string_view name) const;
  // "/static/css/monitor.css" for "monitor/import/datensatz" when that file
  // exists; "" for a room without a stylesheet of its own.
  std::string room_stylesheet(std::string_view name) const;

 private:
  struct Catalogue;
  std::shared_ptr<const Catalogue> catalogue_;  // the parsed templates, their partials linked
};

}  // namespace rf::web
