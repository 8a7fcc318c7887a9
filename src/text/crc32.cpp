#include "text/crc32.hpp"

#include <array>

namespace rf::text {

namespace {

// One entry per byte value: the byte's remainder after its eight shifts.
std::array<std::uint32_t, 256> make_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}

}  // namespace

std::uint32_t crc32_update(std::uint32_t crc, std::string_view data) {
  static const auto table = make_table();
  std::uint32_t c = crc ^ 0xFFFFFFFFu;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::uint32_t crc32(std::string_view data) { return crc32_update(0, data); }

}  // namespace rf::text
