#include "text/html.hpp"

namespace rf::text {

namespace {

// kAttribute: also " and '; kSlash: also / (the templates' set).
template <bool kAttribute, bool kSlash = false>
void append_escaped(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '/':
        if (kSlash)
          out += "&#x2F;";
        else
          out.push_back(c);
        break;
      case '"':
        if (kAttribute)
          out += "&quot;";
        else
          out.push_back(c);
        break;
      case '\'':
        if (kAttribute)
          out += "&#39;";
        else
          out.push_back(c);
        break;
      default: out.push_back(c);
    }
  }
}

}  // namespace

void append_escaped_html(std::string& out, std::string_view text) { append_escaped<false>(out, text); }

void append_escaped_attribute(std::string& out, std::string_view text) { append_escaped<true>(out, text); }

void append_escaped_template_value(std::string& out, std::string_view text) { append_escaped<true, true>(out, text); }

std::string escape_html(std::string_view text) {
  std::string out;
  append_escaped<false>(out, text);
  return out;
}

std::string escape_attribute(std::string_view text) {
  std::string out;
  append_escaped<true>(out, text);
  return out;
}

}  // namespace rf::text
