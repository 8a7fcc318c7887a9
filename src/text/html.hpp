// Escaping for server-rendered HTML.
#pragma once

#include <string>
#include <string_view>

namespace rf::text {

// For text between tags: & < > are replaced.
std::string escape_html(std::string_view text);
// For attribute values in double or single quotes: also " and '.
std::string escape_attribute(std::string_view text);
// Appending variants for building pages without temporary strings.
void append_escaped_html(std::string& out, std::string_view text);
void append_escaped_attribute(std::string& out, std::string_view text);
// A page template's {{value}} (web/mustache.hpp): as an attribute, and / too — the set mstch
// escaped, so that pages keep their bytes.
void append_escaped_template_value(std::string& out, std::string_view text);

}  // namespace rf::text
