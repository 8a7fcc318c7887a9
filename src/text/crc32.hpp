// CRC-32 as ZIP and PNG use it (ISO 3309: reflected polynomial 0xEDB88320,
// initial value and final XOR 0xFFFFFFFF).
#pragma once

#include <cstdint>
#include <string_view>

namespace rf::text {

std::uint32_t crc32(std::string_view data);
// Continues a CRC-32 over more data: crc32_update(crc32(a), b) == crc32(a + b);
// crc32_update(0, a) == crc32(a).
std::uint32_t crc32_update(std::uint32_t crc, std::string_view data);

}  // namespace rf::text
