// libFuzzer target: a report chapter — directives ({{…}} inline, ::: blocks) parsed
// out of the Markdown, the rest rendered by cmark-gfm and sanitised, the tokens put back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "report/diagnostics.hpp"
#include "report/directive.hpp"
#include "text/markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rf::report::Diagnostics diagnostics;
  rf::report::ParseOptions options;
  options.condition = [](const rf::report::Directive& d) { return d.has("ebene"); };
  auto parsed = rf::report::parse_directives(text, "kapitel/fuzz.md", diagnostics, options);
  auto html = rf::text::markdown_to_html(parsed.markdown);
  if (html.find("<script") != std::string::npos) __builtin_trap();  // raw HTML never passes
  auto out = rf::report::replace_tokens(html, [&](std::size_t index) {
    if (index >= parsed.directives.size()) __builtin_trap();  // a token for a directive that was not parsed
    return parsed.directives[index].text();
  });
  (void)rf::text::markdown_to_text(text);
  return 0;
}
