// A minimal ZIP archive writer (stored entries, no compression), enough for
// a data package of a descriptor and a CSV file. ZipStreamWriter writes to a
// seekable stream and takes an entry's data in pieces (a CSV of any size in
// constant memory); ZipWriter builds a small archive in memory.
#pragma once

#include <cstdint>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "text/crc32.hpp"

namespace rf::monitor {

// The entries' checksums (text/crc32.hpp).
using text::crc32;
using text::crc32_update;

class ZipStreamWriter {
 public:
  explicit ZipStreamWriter(std::ostream& out) : out_(out) {}
  void begin_entry(std::string name);
  void write(std::string_view data);
  // Goes back to the entry's header to fill in its CRC and size.
  void end_entry();
  void add(std::string name, std::string_view data);
  // Writes the central directory. Throws std::length_error past 4 GiB (no ZIP64).
  void finish();

 private:
  struct Entry {
    std::string name;
    std::uint32_t crc = 0;
    std::uint64_t size = 0;
    std::uint64_t offset = 0;
  };
  std::ostream& out_;
  std::vector<Entry> entries_;
  bool open_ = false;
};

class ZipWriter {
 public:
  ZipWriter() : zip_(buffer_) {}
  void add(std::string name, std::string_view data) { zip_.add(std::move(name), data); }
  std::string finish();

 private:
  std::ostringstream buffer_;
  ZipStreamWriter zip_;
};

}  // namespace rf::monitor
