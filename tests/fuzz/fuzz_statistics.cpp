// libFuzzer target: the statistics readers behind `ruhrfutur import` — format
// detection, GENESIS tables and flat files, the table catalogue, INKAR exports and
// region lists, NRW school lists. The first byte picks the file name the reader sees
// (some formats take the table code or school year from it); the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "monitor/import/importer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kNames[] = {"21111-02-06-4.csv", "inkar_2023.csv",      "schulen-2023-24.csv",
                                       "sozialindex.csv",   "12411-01-01-4-B.csv", "daten.csv",
                                       "inkar_meta.csv",    "tabellen.csv"};
  std::string name = kNames[data[0] % (sizeof kNames / sizeof *kNames)];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto result = rf::monitor::parse_text(std::move(text), name);
  (void)result;
  return 0;
}
