// The streaming XLSX reader on workbooks built here byte by byte (shared and
// inline strings, rich text, gaps, namespace prefixes) and on broken files.
#include <gtest/gtest.h>

#include <zip.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.hpp"
#include "text/xlsx.hpp"

namespace {

using rf::text::XlsxError;
using rf::text::XlsxReader;
using Parts = std::vector<std::pair<std::string, std::string>>;

void write_zip(const std::filesystem::path& path, const Parts& parts) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(z, nullptr);
  for (const auto& [name, body] : parts) {
    zip_source_t* src = zip_source_buffer(z, body.data(), body.size(), 0);
    ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(z), 0);
}

const std::string kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>)"
    R"(</Relationships>)";
const std::string kWorkbook =
    R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="survey" sheetId="1" r:id="rId1"/><sheet name="Übersicht" sheetId="2" r:id="rId2"/></sheets></workbook>)";
const std::string kShared =
    R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">)"
    R"(<si><t>type</t></si><si><r><t>Größe </t></r><r><rPr><b/></rPr><t>in cm</t></r><rPh><t>x</t></rPh></si><si><t xml:space="preserve">  Lücke &amp; Co </t></si></sst>)";
const std::string kSheet1 =
    R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>)"
    R"(<row r="3"><c r="A3"><v>2.5</v></c><c r="B3" t="inlineStr"><is><t>inline</t></is></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="str"><f>A3*2</f><v>5</v></c></row>)"
    R"(<row r="4"><c r="B4" t="s"><v>2</v></c></row>)"
    R"(</sheetData></worksheet>)";
const std::string kSheet2 =
    R"(<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
    R"(<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>eins</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c></x:row>)"
    R"(</x:sheetData></x:worksheet>)";

Parts good_parts() {
  return {{"xl/_rels/workbook.xml.rels", kRels},
          {"xl/workbook.xml", kWorkbook},
          {"xl/sharedStrings.xml", kShared},
          {"xl/worksheets/sheet1.xml", kSheet1},
          {"xl/worksheets/sheet2.xml", kSheet2}};
}

TEST(XlsxReader, ReadsSheetsRowsAndEveryKindOfCell) {
  rf::test::TempDir dir;
  auto file = dir.path() / "mappe.xlsx";
  write_zip(file, good_parts());
  XlsxReader book(file);
  EXPECT_EQ(book.sheet_names(), (std::vector<std::string>{"survey", "Übersicht"}));
  EXPECT_TRUE(book.has_sheet("Übersicht"));
  EXPECT_FALSE(book.has_sheet("choices"));

  std::vector<std::pair<std::size_t, std::vector<std::string>>> rows;
  book.read_sheet("survey", [&](std::size_t row, const std::vector<std::string>& cells) {
    rows.emplace_back(row, cells);
    return true;
  });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].first, 1u);
  EXPECT_EQ(rows[0].second, (std::vector<std::string>{"type", "", "Größe in cm"}));
  EXPECT_EQ(rows[1].first, 3u);  // row 2 is missing in the file
  EXPECT_EQ(rows[1].second, (std::vector<std::string>{"2.5", "inline", "", "1", "5"}));
  EXPECT_EQ(rows[2].second, (std::vector<std::string>{"", "  Lücke & Co "}));

  std::vector<std::string> second;
  book.read_sheet("Übersicht", [&](std::size_t, const std::vector<std::string>& cells) {
    second.push_back(cells.at(0));
    return false;  // stop after the first row
  });
  EXPECT_EQ(second, (std::vector<std::string>{"eins"}));
}

TEST(XlsxReader, ColumnLetters) {
  EXPECT_EQ(XlsxReader::column_index("A1"), 0u);
  EXPECT_EQ(XlsxReader::column_index("Z9"), 25u);
  EXPECT_EQ(XlsxReader::column_index("AA10"), 26u);
  EXPECT_EQ(XlsxReader::column_index("XFD1"), 16383u);
  EXPECT_EQ(XlsxReader::column_index("12"), std::string::npos);
  EXPECT_EQ(XlsxReader::column_index("AB"), std::string::npos);
}

TEST(XlsxReader, BrokenFilesAreOneGermanError) {
  rf::test::TempDir dir;
  auto expect_error = [&](const std::string& name, const Parts& parts, const std::string& needle) {
    auto file = dir.path() / name;
    write_zip(file, parts);
    try {
      XlsxReader book(file);
      book.read_sheet("survey", [](std::size_t, const std::vector<std::string>&) { return true; });
      ADD_FAILURE() << name << ": no error";
    } catch (const XlsxError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << name << ": " << e.what();
    }
  };
  Parts no_workbook = good_parts();
  no_workbook.erase(no_workbook.begin() + 1);
  expect_error("ohne.xlsx", no_workbook, "„xl/workbook.xml“ fehlt");

  Parts broken_xml = good_parts();
  broken_xml[3].second = "<worksheet><sheetData><row><c r=\"A1\"><v>1</c></row>";
  expect_error("kaputt.xlsx", broken_xml, "beschädigt");

  Parts bad_index = good_parts();
  bad_index[3].second =
      R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>)";
  expect_error("index.xlsx", bad_index, "fehlenden Text");

  Parts bad_ref = good_parts();
  bad_ref[3].second = R"(<worksheet><sheetData><row r="1"><c r="ZZZZ1"><v>1</v></c></row></sheetData></worksheet>)";
  expect_error("spalte.xlsx", bad_ref, "Zellbezug");

  auto not_zip = dir.path() / "text.xlsx";
  std::ofstream(not_zip) << "type;name\n";
  EXPECT_THROW(XlsxReader{not_zip}, XlsxError);
}

TEST(XlsxReader, UncompressedSizeIsLimited) {
  rf::test::TempDir dir;
  Parts big = good_parts();
  std::string rows;
  for (int i = 1; i <= 2000; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c r=\"A" + std::to_string(i) + "\"><v>1</v></c></row>";
  big[3].second = "<worksheet><sheetData>" + rows + "</sheetData></worksheet>";
  auto file = dir.path() / "gross.xlsx";
  write_zip(file, big);
  rf::text::XlsxLimits limits;
  limits.max_part_bytes = 10000;
  XlsxReader book(file, limits);
  try {
    book.read_sheet("survey", [](std::size_t, const std::vector<std::string>&) { return true; });
    ADD_FAILURE() << "no error";
  } catch (const XlsxError& e) {
    EXPECT_NE(std::string(e.what()).find("größer als"), std::string::npos) << e.what();
  }
}

}  // namespace
