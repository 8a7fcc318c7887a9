// Every kind of bad input gives one clear error naming the file and line.
// (That nothing reaches the database is tested in
// integration/monitor_import_test.cpp.)
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "monitor/import/importer.hpp"
#include "monitor/import/region_files.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace rf::monitor;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class BadInput : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  ImportError fails(const std::string& path, const ParseOptions& options = {}, RegionRegister* regions = nullptr) {
    auto t = parse_file(path, options, regions);
    EXPECT_FALSE(t.ok()) << path << " was accepted";
    return t.ok() ? ImportError{} : t.error();
  }
  rf::test::TempDir dir_;
};

const std::string kLeavers = RF_TEST_DATA_DIR + "/genesis/21111-02-06-4.csv";

RegionRegister& regions() {
  static RegionRegister r = [] {
    auto loaded = load_region_files(RF_SOURCE_DIR + "/data");
    EXPECT_TRUE(loaded.ok());
    return loaded.ok() ? std::move(*loaded) : RegionRegister{};
  }();
  return r;
}

// A valid small table with `rows` as its data lines.
std::string table(const std::string& rows) {
  return "Tabelle: 99999-01i\n"
         "Testtabelle;;;;\n"
         ";;;Insgesamt;weiblich\n"
         ";;;Anzahl;Anzahl\n" +
         rows +
         "__________\n"
         "Stand: 19.01.2026\n";
}

TEST_F(BadInput, EmptyFile) {
  auto e = fails(write("empty.csv", ""));
  EXPECT_EQ(e.line, 1u);
  EXPECT_NE(e.message.find("Leere Datei"), std::string::npos) << e.message;
  EXPECT_NE(e.to_string().find("empty.csv:1: Leere Datei"), std::string::npos) << e.to_string();
  EXPECT_FALSE(parse_file(write("blank.csv", "\r\n  \n")).ok());
}

TEST_F(BadInput, TruncatedInsideADataRow) {
  std::string bytes = read(kLeavers);
  // Cut in the middle of line 200.
  std::size_t pos = 0;
  for (int line = 1; line < 200; ++line) pos = bytes.find('\n', pos) + 1;
  std::string path = write("cut.csv", bytes.substr(0, pos + 40));
  auto e = fails(path);
  EXPECT_EQ(e.line, 200u);
  EXPECT_NE(e.message.find("abgeschnitten"), std::string::npos) << e.message;
  EXPECT_EQ(e.to_string().substr(0, path.size() + 5), path + ":200:");
}

TEST_F(BadInput, TruncatedAtALineEnd) {
  std::string bytes = read(kLeavers);
  std::size_t pos = 0;
  for (int line = 1; line <= 300; ++line) pos = bytes.find('\n', pos) + 1;
  auto e = fails(write("cut.csv", bytes.substr(0, pos)));
  EXPECT_EQ(e.line, 300u);
  EXPECT_NE(e.message.find("ohne den Fußteil"), std::string::npos) << e.message;
}

TEST_F(BadInput, TruncatedInsideAQuotedFootnote) {
  std::string bytes = read(kLeavers);
  std::size_t footnote = bytes.find("\"zu \"\"gesamte Tabelle");
  ASSERT_NE(footnote, std::string::npos);
  auto e = fails(write("cut.csv", bytes.substr(0, footnote + 200)));
  EXPECT_EQ(e.line, 549u);
  EXPECT_NE(e.message.find("endet nie"), std::string::npos) << e.message;
}

TEST_F(BadInput, WrongDelimiter) {
  std::string bytes = read(kLeavers);
  for (auto& c : bytes) {
    if (c == ';') c = '\t';
  }
  auto e = fails(write("tabs.csv", bytes));
  EXPECT_EQ(e.line, 2u);
  EXPECT_NE(e.message.find("Falsches Trennzeichen"), std::string::npos) << e.message;

  auto inkar =
      fails(write("inkar_x_kreise.csv", "raumbezug;kennziffer;name;zeitbezug;a\nKreise;05513000;GE;2020;1.5\n"));
  EXPECT_EQ(inkar.line, 1u);
  EXPECT_NE(inkar.message.find("Falsches Trennzeichen"), std::string::npos) << inkar.message;

  auto flat = fails(write("flat.csv", "statistics_code,statistics_label,time_code\n1,2,3\n"));
  EXPECT_NE(flat.message.find("Falsches Trennzeichen"), std::string::npos) << flat.message;
}

TEST_F(BadInput, Latin1FileDeclaredUtf8) {
  ParseOptions options;
  options.encoding = rf::text::Encoding::utf8;
  auto e = fails(kLeavers, options);
  EXPECT_EQ(e.line, 4u);  // "Kreise und krfr. Städte" has the first non-ASCII byte
  EXPECT_NE(e.message.find("Ungültiges UTF-8"), std::string::npos) << e.message;
  // Detected, the same file reads fine.
  EXPECT_TRUE(parse_file(kLeavers).ok());
}

TEST_F(BadInput, InvalidUtf8LaterInTheFile) {
  std::string bytes = "raumbezug,kennziffer,name,zeitbezug,a\n";
  for (int i = 0; i < 50; ++i) bytes += "Kreise,05513000,Gelsenkirchen," + std::to_string(1970 + i) + ",1.5\n";
  bytes +=
      "Kreise,05112000,Duisburg \xFC"
      "ber,2020,2\n";  // line 52
  ParseOptions options;
  options.encoding = rf::text::Encoding::utf8;
  auto e = fails(write("inkar_y_kreise.csv", bytes), options);
  EXPECT_EQ(e.line, 52u);
}

TEST_F(BadInput, UnknownRegionCode) {
  auto e = fails(write("unknown.csv", table("2023;05;NRW;1;2\n2023;99999;Nirgendwo;1;2\n")), {}, &regions());
  EXPECT_EQ(e.line, 6u);
  EXPECT_NE(e.message.find("Unbekannter Regionalschlüssel „99999“"), std::string::npos) << e.message;
  auto shape = fails(write("shape.csv", table("2023;05X13;Kaputt;1;2\n")), {}, &regions());
  EXPECT_NE(shape.message.find("Unbekannter Regionalschlüssel „05X13“"), std::string::npos) << shape.message;
  // With new regions forbidden, a Kreis code the register and the list of
  // reforms (data/regions/region_changes.csv) lack is unknown too ...
  ParseOptions strict;
  strict.allow_new_regions = false;
  RegionRegister copy = regions();
  auto historic = fails(write("unlisted.csv", table("2023;05359;Altkreis;-;-\n")), strict, &copy);
  EXPECT_NE(historic.message.find("nicht im Gemeindeverzeichnis"), std::string::npos);
  // ... while a Kreis retired by a listed reform is known: historic, not new.
  auto listed = parse_file(write("historic.csv", table("2005;05354;Aachen, Kreis;1;2\n")), strict, &copy);
  ASSERT_TRUE(listed.ok()) << listed.error().to_string();
  EXPECT_TRUE(listed->summary.new_regions.empty());
  EXPECT_TRUE(copy.find("05354")->historic());
}

TEST_F(BadInput, NewRegionsAreAddedProvisionallyWithAWarningSummary) {
  RegionRegister copy = regions();
  auto t = parse_file(write("unlisted.csv", table("2023;05359;Altkreis;-;-\n")), {}, &copy);
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->summary.new_regions, std::vector<std::string>{"05359"});
  const Region* added = copy.find("05359");
  ASSERT_NE(added, nullptr);
  EXPECT_TRUE(added->provisional);
  EXPECT_EQ(added->parent, "053");
}

TEST_F(BadInput, DuplicateCells) {
  auto e = fails(write("dup.csv", table("2023;05;NRW;1;2\n2023;05513;GE;3;4\n2023;05;NRW;1;2\n")));
  EXPECT_EQ(e.line, 7u);
  EXPECT_NE(e.message.find("Doppelte Zellen"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("steht schon in Zeile 5"), std::string::npos) << e.message;

  std::string flat =
      "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;"
      "1_variable_attribute_code;1_variable_attribute_label;value;value_unit;value_variable_code;"
      "value_variable_label\n"
      "1;T;JAHR;Jahr;2020;DLAND;Länder;05;NRW;1;Anzahl;V;W\n"
      "1;T;JAHR;Jahr;2020;DLAND;Länder;05;NRW;2;Anzahl;V;W\n";
  auto f = fails(write("dup_flat.csv", flat));
  EXPECT_EQ(f.line, 3u);
  EXPECT_NE(f.message.find("steht schon in Zeile 2"), std::string::npos) << f.message;
}

TEST_F(BadInput, HeaderWithoutData) {
  auto e = fails(write("nodata.csv", table("")));
  EXPECT_EQ(e.line, 5u);
  EXPECT_NE(e.message.find("Kopfzeile ohne Daten"), std::string::npos) << e.message;
  auto inkar = fails(write("inkar_z_kreise.csv", "raumbezug,kennziffer,name,zeitbezug,a\n"));
  EXPECT_NE(inkar.message.find("Kopfzeile ohne Daten"), std::string::npos) << inkar.message;
  auto only_header = fails(write("only.csv", "Tabelle: 1\nTitel\n;;;A\n;;;Anzahl\n"));
  EXPECT_NE(only_header.message.find("Kopfzeile ohne Daten"), std::string::npos);
}

TEST_F(BadInput, FootnoteThatLooksLikeADataRowIsAFootnote) {
  std::string text = table("2023;05;NRW;1;2\n");
  text.insert(text.find("Stand:"), "31.12.2023;05513;Gelsenkirchen;7;8\n");
  auto t = parse_file(write("footnote.csv", text));
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->summary.cells, 2u);
  EXPECT_EQ(t->summary.regions, 1u);
  EXPECT_NE(t->meta.footnotes.find("31.12.2023;05513"), std::string::npos);
}

TEST_F(BadInput, ValueThatIsNeitherNumberNorMarker) {
  auto e = fails(write("nan.csv", table("2023;05;NRW;1;2\n2023;05513;GE;3;abc\n")));
  EXPECT_EQ(e.line, 6u);
  EXPECT_EQ(e.column, 5u);
  EXPECT_NE(e.message.find("gefunden: „abc“"), std::string::npos) << e.message;
  // The one format of every import error: file, line, column, message, and
  // the line quoted from the file.
  EXPECT_EQ(e.quoted, "2023;05513;GE;3;abc");
  EXPECT_EQ(e.to_string(),
            e.file +
                ":6: Spalte 5: Erwartet: eine Zahl oder eines der Zeichen - . x ... / (), gefunden: „abc“\n"
                "  Zeile 6: „2023;05513;GE;3;abc“");
  auto empty = fails(write("hole.csv", table("2023;05;NRW;;2\n")));
  EXPECT_NE(empty.message.find("eine leere Zelle"), std::string::npos) << empty.message;
  auto zero = fails(write("o.csv", table("2023;05;NRW;1,2,3;2\n")));
  EXPECT_EQ(zero.line, 5u);
}

TEST_F(BadInput, FileOverTheSizeLimit) {
  ParseOptions options;
  options.max_file_size = 1000;
  auto e = fails(kLeavers, options);
  EXPECT_NE(e.message.find("mehr als die Grenze"), std::string::npos) << e.message;
  EXPECT_NE(e.to_string().find("21111-02-06-4.csv: Die Datei hat 54568 Bytes"), std::string::npos) << e.to_string();
}

TEST_F(BadInput, UnknownFormatAndMissingFile) {
  auto e = fails(write("random.csv", "just some text\nmore\n"));
  EXPECT_NE(e.message.find("Unbekanntes Dateiformat"), std::string::npos);
  auto missing = fails("/nonexistent/file.csv");
  EXPECT_NE(missing.message.find("es gibt sie nicht"), std::string::npos);
}

TEST_F(BadInput, HeaderWithTooManyColumns) {
  // 12.5 million empty columns in 25 MB took the server to 3 GB; now the
  // reader stops at the limit with a clear message naming the line.
  std::string wide = ";;;Insgesamt";
  wide.reserve(2 * 1000000 + 64);
  for (int i = 0; i < 1000000; ++i) wide += ";x";
  auto e = fails(write("breit.csv", table("").replace(table("").find(";;;Insgesamt;weiblich"), 21, wide)));
  EXPECT_EQ(e.line, 3u);
  EXPECT_NE(e.message.find("mehr als 10.000 Spalten"), std::string::npos) << e.message.substr(0, 300);
  EXPECT_NE(e.to_string().find("breit.csv:3: Die Zeile hat mehr als"), std::string::npos);
  // The same in a GENESIS flat file's header.
  std::string flat = "Statistik_Code;Statistik_Label;Zeit_Code";
  for (int i = 0; i < 20000; ++i) flat += ";spalte" + std::to_string(i);
  auto f = fails(write("flach.csv", flat + "\n"));
  EXPECT_NE(f.message.find("Spalten"), std::string::npos) << f.message.substr(0, 300);
}

// Found by fuzz_statistics (tests/fuzz): a 96-digit variable number in a flat file's
// header made std::stoul throw out_of_range instead of giving an error.
TEST_F(BadInput, FlatFileVariableNumberTooLargeForAnInteger) {
  auto path = write("12411-01-01-4_flat.csv",
                    "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;" +
                        std::string(96, '5') + "_variable_label;value\n12411;x;JAHR;Jahr;2020;K;L;1\n");
  auto e = fails(path);
  EXPECT_EQ(e.line, 1u);
  EXPECT_NE(e.message.find("Unerwartete Merkmalsnummer"), std::string::npos) << e.message;
}

}  // namespace
