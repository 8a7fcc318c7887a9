#include "monitor/open_data/zip_writer.hpp"

#include <stdexcept>

namespace rf::monitor {

namespace {

void put16(std::ostream& out, std::uint16_t v) {
  out.put(static_cast<char>(v & 0xFF));
  out.put(static_cast<char>(v >> 8));
}
void put32(std::ostream& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.put(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// 1 January 2024, 00:00 in MS-DOS format (fixed, so archives are reproducible).
constexpr std::uint16_t kDosTime = 0;
constexpr std::uint16_t kDosDate = ((2024 - 1980) << 9) | (1 << 5) | 1;
constexpr std::uint64_t kLimit = 0xFFFFFFF0u;

std::uint32_t narrow(std::uint64_t v) {
  if (v > kLimit) throw std::length_error("zip: archive larger than 4 GiB");
  return static_cast<std::uint32_t>(v);
}

// CRC, compressed size and size, as in the local header and the directory.
void put_sizes(std::ostream& out, std::uint32_t crc, std::uint64_t size) {
  put32(out, crc);
  put32(out, narrow(size));
  put32(out, narrow(size));
}

}  // namespace

void ZipStreamWriter::begin_entry(std::string name) {
  if (open_) end_entry();
  Entry e{std::move(name), 0, 0, static_cast<std::uint64_t>(out_.tellp())};
  narrow(e.offset);
  put32(out_, 0x04034b50);
  put16(out_, 20);      // version needed
  put16(out_, 0x0800);  // UTF-8 names
  put16(out_, 0);       // stored
  put16(out_, kDosTime);
  put16(out_, kDosDate);
  put_sizes(out_, 0, 0);  // filled in by end_entry()
  put16(out_, static_cast<std::uint16_t>(e.name.size()));
  put16(out_, 0);
  out_ << e.name;
  entries_.push_back(std::move(e));
  open_ = true;
}

void ZipStreamWriter::write(std::string_view data) {
  if (!open_) throw std::logic_error("zip: write() outside an entry");
  Entry& e = entries_.back();
  e.crc = crc32_update(e.crc, data);
  e.size += data.size();
  narrow(e.offset + 30 + e.name.size() + e.size);
  out_.write(data.data(), static_cast<std::streamsize>(data.size()));
}

void ZipStreamWriter::end_entry() {
  if (!open_) return;
  open_ = false;
  const Entry& e = entries_.back();
  const auto end = out_.tellp();
  out_.seekp(static_cast<std::streamoff>(e.offset + 14));
  put_sizes(out_, e.crc, e.size);
  out_.seekp(end);
}

void ZipStreamWriter::add(std::string name, std::string_view data) {
  begin_entry(std::move(name));
  write(data);
  end_entry();
}

void ZipStreamWriter::finish() {
  end_entry();
  const auto directory = static_cast<std::uint64_t>(out_.tellp());
  for (const auto& e : entries_) {
    put32(out_, 0x02014b50);
    put16(out_, 20);
    put16(out_, 20);
    put16(out_, 0x0800);
    put16(out_, 0);
    put16(out_, kDosTime);
    put16(out_, kDosDate);
    put_sizes(out_, e.crc, e.size);
    put16(out_, static_cast<std::uint16_t>(e.name.size()));
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put32(out_, 0);
    put32(out_, narrow(e.offset));
    out_ << e.name;
  }
  const auto size = static_cast<std::uint64_t>(out_.tellp()) - directory;
  put32(out_, 0x06054b50);
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, static_cast<std::uint16_t>(entries_.size()));
  put16(out_, static_cast<std::uint16_t>(entries_.size()));
  put32(out_, narrow(size));
  put32(out_, narrow(directory));
  put16(out_, 0);
  if (!out_) throw std::runtime_error("zip: write failed");
}

std::string ZipWriter::finish() {
  zip_.finish();
  return buffer_.str();
}

}  // namespace rf::monitor
