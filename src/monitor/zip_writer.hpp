// A minimal ZIP archive writer (stored entries, no compression), enough for
// a data package of a descriptor and a CSV file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rf::monitor {

std::uint32_t crc32(std::string_view data);

class ZipWriter {
 public:
  void add(std::string name, std::string_view data);
  std::string finish();

 private:
  struct Entry {
    std::string name;
    std::uint32_t crc = 0;
    std::uint32_t size = 0;
    std::uint32_t offset = 0;
  };
  std::string out_;
  std::vector<Entry> entries_;
};

}  // namespace rf::monitor
