// libFuzzer target: url-encoded forms and query strings, and the Cookie header
// (the first byte chooses which; the rest is the input).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] & 1) {
    auto params = rf::http::parse_urlencoded(input);
    for (const auto& [key, value] : params.items()) {
      // A decoded pair encodes and decodes back to itself.
      if (rf::http::url_decode(rf::http::url_encode(key)) != key) __builtin_trap();
      if (rf::http::url_decode(rf::http::url_encode(value)) != value) __builtin_trap();
    }
    (void)params.get("a");
    (void)params.all("b");
  } else {
    rf::http::Request req;
    req.headers.emplace("Cookie", std::string(input));
    (void)req.cookie("rf_session");
    (void)req.cookie("rf_csrf");
    (void)req.cookie("");
  }
  return 0;
}
