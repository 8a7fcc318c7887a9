// libFuzzer target: encoding detection and conversion to UTF-8, then the CSV reader
// (streamed in small chunks so records cross chunk borders).
#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "text/csv.hpp"
#include "text/encoding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char delimiter = ";,\t|"[data[0] & 3];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  auto encoding = rf::text::detect_encoding(bytes);
  auto utf8 = rf::text::to_utf8(bytes, encoding);
  if (!utf8) return 0;
  if (rf::text::find_invalid_utf8(*utf8)) __builtin_trap();  // the converter's promise
  std::size_t offset = 0;
  // Chunks of 256 B to 32 KB (the importers read 1 MB): a record that spans many chunks
  // is rescanned from its start after each one, so tiny chunks would only measure that.
  const std::size_t chunk = std::size_t{256} << ((data[0] >> 2) & 7);
  rf::text::CsvReader reader(
      [&](std::string& out) {
        auto n = std::min(chunk, utf8->size() - offset);
        out.append(*utf8, offset, n);
        offset += n;
        return offset < utf8->size();
      },
      rf::text::CsvOptions{delimiter, '"'});
  std::size_t last_line = 0;
  while (reader.next()) {
    if (reader.line() < last_line) __builtin_trap();  // lines only go forward
    last_line = reader.line();
    for (std::size_t i = 0; i < reader.size(); ++i) (void)reader[i].size();
  }
  return 0;
}
