// libFuzzer target: the indicator catalogue's expression parser
// (numerator/denominator expressions over datasets with breakdown filters).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "monitor/engine/expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = rf::monitor::parse_expression(text);
  if (parsed.error.empty()) {
    // What parsed once parses again from its own text.
    auto again = rf::monitor::parse_expression(parsed.expression.text());
    if (!again.error.empty()) __builtin_trap();
  }
  return 0;
}
