// Repeated columns: the Regionaldatenbank prints the same header path twice
// when two parent headings share a column. The test files are built from the
// shipped leavers table (21111-02-06-4) by appending a copy of one of its
// value columns.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "monitor/import/importer.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace rf::monitor;

const std::string kLeavers = RF_TEST_DATA_DIR + "/genesis/21111-02-06-4.csv";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split(const std::string& line, char delimiter) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == delimiter)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

// The leavers table with column `copied` (0-based, in the file) appended once
// more to every header and data line. `change_line` (1-based, 0 for none)
// gets `changed` in the copy instead.
std::string with_repeated_column(std::size_t copied, std::size_t change_line = 0, const std::string& changed = "") {
  std::string bytes = read(kLeavers);
  std::istringstream in(bytes);
  std::string out, line;
  std::size_t number = 0;
  bool footer = false;
  while (std::getline(in, line)) {
    ++number;
    std::string body = line;
    bool cr = !body.empty() && body.back() == '\r';
    if (cr) body.pop_back();
    if (body.starts_with("___")) footer = true;
    auto fields = split(body, ';');
    // Header rows start with ';;;', data rows with a period: both have the
    // table's 17 cells. Title lines have 17 cells too but the copy is empty.
    if (!footer && number > 1 && fields.size() == 17) {
      body += ';';
      body += number == change_line ? changed : fields[copied];
    }
    out += body;
    out += cr ? "\r\n" : "\n";
  }
  return out;
}

class RepeatedColumns : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  rf::test::TempDir dir_;
};

TEST_F(RepeatedColumns, IdenticalValuesAreTakenOnceWithAWarning) {
  auto original = parse_file(kLeavers);
  ASSERT_TRUE(original.ok()) << original.error().to_string();
  // Column 6: "ohne Hauptschulabschluss | Insgesamt".
  auto repeated = parse_file(write("21111-02-06-4.csv", with_repeated_column(5)));
  ASSERT_TRUE(repeated.ok()) << repeated.error().to_string();
  EXPECT_EQ(repeated->cells.size(), original->cells.size());
  EXPECT_EQ(repeated->series_specs.size(), original->series_specs.size());
  EXPECT_EQ(repeated->summary.cells, 7532u);
  const SeriesSpec* without = repeated->find_series({{"h2", "ohne Hauptschulabschluss"}, {"h3", "Insgesamt"}});
  ASSERT_NE(without, nullptr);
  const Cell* ge = repeated->find("05513", "2023", without->key);
  ASSERT_NE(ge, nullptr);
  EXPECT_EQ(ge->value, 370);
  ASSERT_EQ(repeated->summary.warnings.size(), 1u);
  const std::string& w = repeated->summary.warnings[0];
  EXPECT_NE(w.find("Spalte 18"), std::string::npos) << w;
  EXPECT_NE(w.find("Spalte 6"), std::string::npos) << w;
  EXPECT_NE(w.find("ohne Hauptschulabschluss | Insgesamt"), std::string::npos) << w;
  EXPECT_NE(w.find("einmal übernommen"), std::string::npos) << w;
  EXPECT_TRUE(original->summary.warnings.empty());
}

TEST_F(RepeatedColumns, DifferentValuesNameBothColumnsAndTheFirstLine) {
  // Line 12 is Flensburg's data row (90 leavers without Hauptschulabschluss).
  std::string path = write("21111-02-06-4.csv", with_repeated_column(5, 12, "91"));
  auto t = parse_file(path);
  ASSERT_FALSE(t.ok());
  const ImportError& e = t.error();
  EXPECT_EQ(e.line, 12u) << e.to_string();
  EXPECT_EQ(e.to_string().substr(0, path.size() + 4), path + ":12:");
  EXPECT_NE(e.message.find("Spalte 18"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("Spalte 6"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("'91'"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("'90'"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("ohne Hauptschulabschluss | Insgesamt"), std::string::npos) << e.message;
}

TEST_F(RepeatedColumns, AMarkerAgainstANumberIsADifference) {
  std::string path = write("21111-02-06-4.csv", with_repeated_column(5, 13, "."));
  auto t = parse_file(path);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 13u) << t.error().to_string();
}

TEST_F(RepeatedColumns, TheSameLabelsUnderDifferentParentsAreNoRepetition) {
  // Column 18 copies column 6 but names another parent heading: a series of
  // its own, no warning.
  std::string bytes = with_repeated_column(5);
  std::size_t header = bytes.find("\n;;;Absolvierende") + 1;
  std::size_t end = bytes.find('\n', header);
  std::string line = bytes.substr(header, end - header);
  bool cr = line.ends_with('\r');
  if (cr) line.pop_back();
  line = line.substr(0, line.rfind(';') + 1) + "Andere Obergruppe";
  bytes.replace(header, end - header, cr ? line + "\r" : line);
  auto t = parse_file(write("21111-02-06-4.csv", bytes));
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->summary.cells, 7532u + 7532u / 14u);
  EXPECT_TRUE(t->summary.warnings.empty());
}

}  // namespace
