#include "monitor/zip_writer.hpp"

#include <array>
#include <stdexcept>

namespace rf::monitor {

namespace {

std::array<std::uint32_t, 256> make_table() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}

void put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>(v >> 8);
}
void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// 1 January 2024, 00:00 in MS-DOS format (fixed, so archives are reproducible).
constexpr std::uint16_t kDosTime = 0;
constexpr std::uint16_t kDosDate = ((2024 - 1980) << 9) | (1 << 5) | 1;

}  // namespace

std::uint32_t crc32(std::string_view data) {
  static const auto table = make_table();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void ZipWriter::add(std::string name, std::string_view data) {
  if (data.size() > 0xFFFFFFF0u || out_.size() > 0xFFFFFFF0u) throw std::length_error("zip: entry too large");
  Entry e{std::move(name), crc32(data), static_cast<std::uint32_t>(data.size()),
          static_cast<std::uint32_t>(out_.size())};
  put32(out_, 0x04034b50);
  put16(out_, 20);       // version needed
  put16(out_, 0x0800);   // UTF-8 names
  put16(out_, 0);        // stored
  put16(out_, kDosTime);
  put16(out_, kDosDate);
  put32(out_, e.crc);
  put32(out_, e.size);
  put32(out_, e.size);
  put16(out_, static_cast<std::uint16_t>(e.name.size()));
  put16(out_, 0);
  out_ += e.name;
  out_.append(data);
  entries_.push_back(std::move(e));
}

std::string ZipWriter::finish() {
  const auto directory = static_cast<std::uint32_t>(out_.size());
  for (const auto& e : entries_) {
    put32(out_, 0x02014b50);
    put16(out_, 20);
    put16(out_, 20);
    put16(out_, 0x0800);
    put16(out_, 0);
    put16(out_, kDosTime);
    put16(out_, kDosDate);
    put32(out_, e.crc);
    put32(out_, e.size);
    put32(out_, e.size);
    put16(out_, static_cast<std::uint16_t>(e.name.size()));
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put32(out_, 0);
    put32(out_, e.offset);
    out_ += e.name;
  }
  const auto size = static_cast<std::uint32_t>(out_.size()) - directory;
  put32(out_, 0x06054b50);
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, static_cast<std::uint16_t>(entries_.size()));
  put16(out_, static_cast<std::uint16_t>(entries_.size()));
  put32(out_, size);
  put32(out_, directory);
  put16(out_, 0);
  return std::move(out_);
}

}  // namespace rf::monitor
