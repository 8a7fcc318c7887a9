// Mustache templates (mstch) loaded once at start from templates/. A template
// "portal/home" is the file templates/portal/home.mustache; every file is also
// available as a partial under the same name ({{> portal/teaser}}).
#pragma once

#include <filesystem>
#include <map>
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

 private:
  std::map<std::string, std::string> sources_;
};

}  // namespace rf::web
