// Every file in tests/data/{genesis,ffcsv,inkar,schools} imports (parses and
// resolves its regions against the register), whatever its format.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "monitor/import/importer.hpp"
#include "monitor/import/region_files.hpp"

namespace {

using namespace rf::monitor;

std::vector<std::string> all_files() {
  std::vector<std::string> files;
  for (const char* dir : {"genesis", "ffcsv", "inkar", "schools"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(RF_TEST_DATA_DIR + "/") + dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".csv") {
        files.push_back(entry.path().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(AllFiles, EveryFileImports) {
  auto loaded = load_region_files(RF_SOURCE_DIR + "/data");
  ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
  RegionRegister regions = std::move(*loaded);
  auto files = all_files();
  ASSERT_GE(files.size(), 27u);
  for (const auto& file : files) {
    ImportSink counting;  // only the summary matters here
    auto summary = import_file(file, file, ParseOptions{}, &regions, counting);
    ASSERT_TRUE(summary.ok()) << summary.error().to_string();
    EXPECT_FALSE(summary->code.empty()) << file;
    EXPECT_EQ(summary->sha256.size(), 64u) << file;
    bool something = summary->cells > 0 || summary->institutions > 0 || summary->definitions > 0 ||
                     summary->catalogue_entries > 0 || summary->regions > 0;
    EXPECT_TRUE(something) << file;
  }
}

TEST(AllFiles, CatalogueIsDatasetMetadata) {
  auto t = parse_file(RF_TEST_DATA_DIR + "/genesis/regioDB_tables.csv");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->meta.format, Format::genesis_catalogue);
  EXPECT_EQ(t->summary.cells, 0u);
  EXPECT_GT(t->catalogue_entries.size(), 780u);
  bool leavers = false;
  for (const auto& e : t->catalogue_entries) {
    if (e.code == "21111-02-06-4") {
      leavers = true;
      EXPECT_NE(e.title.find("Abschlussarten"), std::string::npos) << e.title;
      EXPECT_EQ(e.title.find('\n'), std::string::npos);
    }
  }
  EXPECT_TRUE(leavers);
}

}  // namespace
