// Large downloads: files written once per statistics version, generated
// export tables, and ZIP archives written piece by piece.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "monitor/open_data/download_files.hpp"
#include "monitor/open_data/export_table.hpp"
#include "monitor/open_data/zip_writer.hpp"
#include "support/temp_dir.hpp"

using namespace rf::monitor;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::uint32_t le32(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

std::size_t count_files(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

ExportTable small_table(bool generated) {
  ExportTable t;
  t.name = "probe";
  t.fields = {{"region", "string", "Region", ""}, {"value", "number", "Wert", "", true}};
  std::vector<std::vector<std::string>> rows = {{"05513", "370"}, {"05913", "."}, {"Mülheim, Stadt", "7.5"}};
  if (generated) {
    t.row_count = rows.size();
    t.generate = [rows](const ExportTable::RowSink& sink) {
      for (const auto& r : rows) sink(r);
    };
  } else {
    t.rows = rows;
  }
  return t;
}

}  // namespace

TEST(DownloadFiles, WritesOncePerVersionAndRemovesOlderVersions) {
  rf::test::TempDir dir;
  DownloadFiles files(dir.path() / "downloads");
  int writes = 0;
  auto write = [&](const fs::path& path) {
    ++writes;
    std::ofstream(path) << "version " << writes;
  };
  const fs::path first = files.get(3, "api/datasets/x/.csv", ".csv", write);
  EXPECT_EQ(read(first), "version 1");
  EXPECT_EQ(files.get(3, "api/datasets/x/.csv", ".csv", write), first);
  EXPECT_EQ(writes, 1);  // the second request found the file
  const fs::path other = files.get(3, "api/datasets/y/.csv", ".csv", write);
  EXPECT_NE(other, first);
  EXPECT_EQ(writes, 2);

  // A new statistics version: a new file, and the version-3 files go.
  const fs::path newer = files.get(4, "api/datasets/x/.csv", ".csv", write);
  EXPECT_NE(newer, first);
  EXPECT_EQ(read(newer), "version 3");
  EXPECT_FALSE(fs::exists(first));
  EXPECT_FALSE(fs::exists(other));
  // An instance still on an older version does not remove newer files.
  files.get(2, "api/datasets/x/.csv", ".csv", write);
  EXPECT_TRUE(fs::exists(newer));
}

TEST(DownloadFiles, FailedWriteLeavesNothingAndIsRetried) {
  rf::test::TempDir dir;
  DownloadFiles files(dir.path());
  auto failing = [](const fs::path& path) {
    std::ofstream(path) << "half";
    throw std::runtime_error("disk full");
  };
  EXPECT_THROW(files.get(1, "k", ".csv", failing), std::runtime_error);
  EXPECT_EQ(count_files(dir.path()), 0u);
  auto path = files.get(1, "k", ".csv", [](const fs::path& p) { std::ofstream(p) << "ganz"; });
  EXPECT_EQ(read(path), "ganz");
}

TEST(DownloadFiles, RespondStreamsTheFileAsAnAttachment) {
  rf::test::TempDir dir;
  DownloadFiles files(dir.path());
  auto res = files.respond(1, "k", "text/csv; charset=utf-8", "21111-02-06-4.csv",
                           [](const fs::path& p) { std::ofstream(p) << "a,b\r\n"; });
  EXPECT_EQ(res.body, "");
  EXPECT_EQ(read(res.body_file), "a,b\r\n");
  EXPECT_FALSE(res.body_file_temporary);
  EXPECT_EQ(res.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(res.header("Content-Disposition"), "attachment; filename=\"21111-02-06-4.csv\"");
}

TEST(ExportTable, GeneratedRowsWriteTheSameCsvAsStoredRows) {
  const std::string expected = "region,value\r\n05513,370\r\n05913,.\r\n\"Mülheim, Stadt\",7.5\r\n";
  EXPECT_EQ(to_csv(small_table(false)), expected);
  EXPECT_EQ(to_csv(small_table(true)), expected);
  EXPECT_EQ(small_table(true).size(), 3u);
}

TEST(ZipStreamWriter, EntryWrittenInPiecesHasItsCrcAndSizeInBothHeaders) {
  std::ostringstream out;
  ZipStreamWriter zip(out);
  zip.add("a.json", "{}");
  zip.begin_entry("daten.csv");
  std::string data;
  for (int i = 0; i < 1000; ++i) {
    std::string piece = "05513;" + std::to_string(i) + "\r\n";
    zip.write(piece);
    data += piece;
  }
  zip.finish();
  const std::string bytes = out.str();
  // The second local header follows the first entry (30 + 6 + 2 bytes).
  const std::size_t second = 30 + 6 + 2;
  ASSERT_EQ(le32(bytes, second), 0x04034b50u);
  EXPECT_EQ(le32(bytes, second + 14), crc32(data));
  EXPECT_EQ(le32(bytes, second + 18), data.size());
  EXPECT_EQ(le32(bytes, second + 22), data.size());
  EXPECT_EQ(bytes.substr(second + 30, 9), "daten.csv");
  EXPECT_EQ(bytes.substr(second + 39, data.size()), data);
  // The central directory repeats them.
  const std::size_t directory = bytes.find(std::string("PK\x01\x02", 4), second + 39 + data.size());
  ASSERT_NE(directory, std::string::npos);
  const std::size_t second_dir = bytes.find(std::string("PK\x01\x02", 4), directory + 4);
  ASSERT_NE(second_dir, std::string::npos);
  EXPECT_EQ(le32(bytes, second_dir + 16), crc32(data));
  EXPECT_EQ(le32(bytes, second_dir + 24), data.size());
  EXPECT_EQ(le32(bytes, second_dir + 42), second);  // offset of the local header
  EXPECT_EQ(crc32_update(crc32("0551"), "3;0\r\n"), crc32("05513;0\r\n"));
}

TEST(DownloadFiles, FolderStaysWithinItsBudgetDroppingTheLeastRecentlyUsed) {
  rf::test::TempDir dir;
  DownloadFiles files(dir.path() / "downloads", 3000);
  auto write_kb = [](const fs::path& path) { std::ofstream(path, std::ios::binary) << std::string(1000, 'x'); };
  const fs::path first = files.get(7, "filter=a", ".csv", write_kb);
  files.get(7, "filter=b", ".csv", write_kb);
  files.get(7, "filter=c", ".csv", write_kb);
  EXPECT_EQ(count_files(dir.path() / "downloads"), 3u);
  // "a" is used again, so "b" is now the least recently used one.
  fs::last_write_time(first, fs::file_time_type::clock::now() - std::chrono::hours(1));
  EXPECT_EQ(files.get(7, "filter=a", ".csv", write_kb), first);
  const fs::path fourth = files.get(7, "filter=d", ".csv", write_kb);
  EXPECT_EQ(count_files(dir.path() / "downloads"), 3u);
  EXPECT_TRUE(fs::exists(first));
  EXPECT_TRUE(fs::exists(fourth));
  int rewrites = 0;
  files.get(7, "filter=b", ".csv", [&](const fs::path& p) {
    ++rewrites;
    write_kb(p);
  });
  EXPECT_EQ(rewrites, 1);  // "b" had been removed
  std::uint64_t total = 0;
  for (const auto& e : fs::directory_iterator(dir.path() / "downloads")) total += e.file_size();
  EXPECT_LE(total, 3000u);
}
