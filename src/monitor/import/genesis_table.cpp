#include "monitor/import/genesis_table.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <regex>
#include <set>
#include <unordered_map>

#include "text/csv.hpp"

namespace rf::monitor {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

bool is_statistic_line(std::string_view line) {
  std::string lower = to_lower_ascii(line);
  for (std::string_view word : {"statistik", "fortschreibung", "erhebung", "vgr der", "zensus",
                                "sozialberichterstattung", "mikrozensus", "volkszählung"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

bool is_period_dimension_label(std::string_view label) {
  for (std::string_view word : {"Jahr", "Jahre", "Stichtag", "Schuljahr", "Zeit", "Berichtsjahr", "Semester"}) {
    if (label == word) return true;
  }
  return false;
}

// A name for a header level, from the labels it holds.
std::string dimension_name(const std::vector<std::string>& labels, std::size_t level) {
  std::set<std::string> distinct;
  for (const auto& l : labels) {
    if (!l.empty()) distinct.insert(l);
  }
  static const std::set<std::string> kSex = {"Insgesamt", "männlich", "weiblich",   "Männer",
                                             "Frauen",    "divers",   "ohne Angabe"};
  bool sex = !distinct.empty();
  bool has_sex_word = false;
  std::size_t ages = 0;
  for (const auto& l : distinct) {
    if (!kSex.count(l)) sex = false;
    if (l == "männlich" || l == "weiblich" || l == "Männer" || l == "Frauen") has_sex_word = true;
    if (l.find("Jahre") != std::string::npos || l.find("Jahr ") != std::string::npos || l.ends_with("Jahr")) {
      ++ages;
    }
  }
  if (sex && has_sex_word) return "Geschlecht";
  if (distinct.size() == 1) return "Merkmal";
  if (!distinct.empty() && ages * 2 >= distinct.size()) return "Altersgruppe";
  return "Kopfzeile " + std::to_string(level);
}

struct Column {
  std::vector<std::string> labels;  // per remaining header level ("" = none)
  std::string unit;
  bool unit_in_unit_row = false;        // the unit row has a unit for this column
  std::optional<Period> header_period;  // when the period is a header level
  std::uint32_t period = kNone;         // header_period (or the title's) once numbered
};

// The state of one table while its data rows stream by.
class TableParser {
 public:
  TableParser(const ParseInput& input, TableBuilder& builder)
      : input_(input), b_(builder), reader_(input.source, text::CsvOptions{';', '"'}) {}

  Result<void> run();

 private:
  Result<void> read_header();
  Result<void> analyse_header();
  Result<void> read_data_row();
  void read_footer_record();
  Result<std::uint32_t> series_for(std::uint32_t combo, std::size_t column);
  void find_repeated_columns();
  Result<void> check_repeated_column(std::size_t column, const CellValue& value, std::size_t line);
  std::string column_path(std::size_t column) const;
  std::size_t file_column(std::size_t column) const { return label_columns_ + column + 1; }

  const ParseInput& input_;
  TableBuilder& b_;
  InputErrors fail{input_, b_};
  text::CsvReader reader_;

  std::vector<std::string> title_lines_;
  struct HeaderRow {
    std::vector<std::string> fields;
    std::size_t line;
  };
  std::vector<HeaderRow> header_rows_;
  std::size_t label_columns_ = 0;  // K
  std::size_t width_ = 0;          // N
  std::vector<Column> columns_;
  // For a column whose header path (and period) an earlier column has
  // already: that column's index; kNoRepeat otherwise.
  static constexpr std::size_t kNoRepeat = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> repeat_of_;
  std::vector<CellValue> row_values_;  // this row's values, to compare repeats
  std::size_t levels_ = 0;
  bool has_unit_row_ = false;
  std::string table_unit_;
  std::string measure_;
  std::optional<Period> title_period_;

  bool layout_known_ = false;
  bool period_column_ = false;
  std::size_t code_col_ = 0, name_col_ = 0, row_labels_ = 0;

  std::string last_period_text_;
  std::uint32_t last_period_ = kNone;
  std::unordered_map<std::string, std::uint32_t> combos_;
  std::vector<std::vector<std::string>> combo_labels_;
  std::vector<std::vector<std::uint32_t>> combo_series_;
  std::string combo_key_;

  std::size_t data_rows_ = 0;
  bool footer_ = false;
};

Result<void> TableParser::run() {
  RF_TRY(read_header());
  RF_TRY(analyse_header());
  // The first data row was read by read_header().
  bool have = true;
  while (have) {
    auto fields = reader_.fields();
    bool blank = std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return trim(f).empty(); });
    if (!blank) {
      if (trim(fields[0]).starts_with("___")) {
        footer_ = true;
        break;
      }
      RF_TRY(read_data_row());
    }
    have = reader_.next();
  }
  if (footer_) {
    while (reader_.next()) read_footer_record();
  }
  RF_TRY(check_reader_end(input_, b_, reader_));
  if (data_rows_ == 0) {
    return fail(header_rows_.back().line + 1,
                header_without_data_message("Datenzeilen (Zeitraum;Regionalschlüssel;Name;Werte…)"));
  }
  if (!footer_) {
    return fail(reader_.next_line() > 1 ? reader_.next_line() - 1 : 1,
                "Die Datei endet ohne den Fußteil („__________“, Fußnoten, „Stand:“). "
                "Ist sie abgeschnitten?");
  }
  for (std::size_t j = 0; j < repeat_of_.size(); ++j) {
    if (repeat_of_[j] == kNoRepeat) continue;
    b_.warn("Spalte " + std::to_string(file_column(j)) + " wiederholt Spalte " +
            std::to_string(file_column(repeat_of_[j])) + " („" + column_path(j) +
            "“) mit denselben Werten in jeder Zeile: einmal übernommen");
  }
  return {};
}

// The Regionaldatenbank prints a column twice when two parent headings share
// it: the same header path, the same period. Such columns would be one series
// twice; they are compared row by row instead and taken once.
void TableParser::find_repeated_columns() {
  repeat_of_.assign(columns_.size(), kNoRepeat);
  std::unordered_map<std::string, std::size_t> first;
  for (std::size_t j = 0; j < columns_.size(); ++j) {
    std::string key;
    for (const auto& l : columns_[j].labels) {
      key += l;
      key += '\x1f';
    }
    if (columns_[j].header_period) key += columns_[j].header_period->key();
    auto [it, inserted] = first.try_emplace(key, j);
    if (!inserted) repeat_of_[j] = it->second;
  }
}

std::string TableParser::column_path(std::size_t column) const {
  std::string path;
  for (const auto& l : columns_[column].labels) {
    if (l.empty()) continue;
    if (!path.empty()) path += " | ";
    path += l;
  }
  if (columns_[column].header_period) {
    if (!path.empty()) path += " | ";
    path += columns_[column].header_period->label_de();
  }
  return path.empty() ? std::string("ohne Kopfzeile") : path;
}

Result<void> TableParser::check_repeated_column(std::size_t column, const CellValue& value, std::size_t line) {
  std::size_t original = repeat_of_[column];
  const CellValue& first = row_values_[original];
  if (first.status == value.status && first.value == value.value) return {};
  auto shown = [&](std::size_t j) { return "'" + std::string(trim(reader_[label_columns_ + j]).substr(0, 40)) + "'"; };
  return fail(line, "Spalte " + std::to_string(file_column(column)) + " wiederholt Spalte " +
                        std::to_string(file_column(original)) + " („" + column_path(column) +
                        "“), hat hier aber einen anderen Wert: " + shown(column) + " statt " + shown(original) +
                        ". Erwartet: Spalten mit derselben Kopfzeile haben in jeder Zeile "
                        "denselben Wert");
}

Result<void> TableParser::read_header() {
  if (!reader_.next()) {
    RF_TRY(check_reader_end(input_, b_, reader_));  // a line with too many cells, an open quote
    return fail(1, "Leere Datei: erwartet „GENESIS-Tabelle: <Code>“ oder „Tabelle: <Code>“");
  }
  std::string_view first = trim(reader_[0]);
  std::string_view code;
  if (starts_with_ci(first, "GENESIS-Tabelle:"))
    code = trim(first.substr(16));
  else if (starts_with_ci(first, "Tabelle:"))
    code = trim(first.substr(8));
  if (code.empty()) {
    return fail(reader_.line(), "Erwartet in der ersten Zeile: „GENESIS-Tabelle: <Code>“ oder „Tabelle: <Code>“");
  }
  TableMeta& meta = b_.meta();
  meta.code = std::string(code);
  meta.format = Format::genesis_table;

  while (reader_.next()) {
    auto fields = reader_.fields();
    bool blank = std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return trim(f).empty(); });
    if (blank) continue;
    if (fields.size() == 1) {
      // Every header line of a ';' export has the table's width; a line
      // without any ';' that is full of other separators was saved wrongly.
      std::string_view raw = reader_.raw();
      for (std::string_view other : {",,", "\t"}) {
        if (raw.find(other) != std::string_view::npos && raw.find(';') == std::string_view::npos) {
          return fail(reader_.line(),
                      std::string("Falsches Trennzeichen: erwartet „;“ zwischen den Zellen, gefunden: „") +
                          (other == "\t" ? "Tabulator" : ",") + "“");
        }
      }
    }
    std::string_view f0 = trim(fields[0]);
    if (f0.starts_with("___")) {
      return fail(reader_.line(),
                  header_rows_.empty()
                      ? "Erwartet: Spaltenköpfe („;;;Bezeichnung;…“) vor dem Fußteil"
                      : header_without_data_message("Datenzeilen, doch auf die Spaltenköpfe folgt der Fußteil"));
    }
    if (f0.empty()) {
      HeaderRow row{{}, reader_.line()};
      for (auto f : fields) row.fields.emplace_back(trim(f));
      header_rows_.push_back(std::move(row));
      continue;
    }
    if (header_rows_.empty()) {
      title_lines_.emplace_back(f0);
      continue;
    }
    return {};  // the first data row; run() takes it from here
  }
  RF_TRY(check_reader_end(input_, b_, reader_));
  if (header_rows_.empty()) {
    return fail(reader_.next_line() > 1 ? reader_.next_line() - 1 : 1,
                "Erwartet: Spaltenköpfe („;;;Bezeichnung;…“) nach dem Titel");
  }
  return fail(header_rows_.back().line + 1,
              header_without_data_message("Datenzeilen (Zeitraum;Regionalschlüssel;Name;Werte…)"));
}

Result<void> TableParser::analyse_header() {
  TableMeta& meta = b_.meta();
  // Title, statistic and measure lines.
  std::size_t statistic = title_lines_.size();
  for (std::size_t i = 1; i < title_lines_.size(); ++i) {
    if (is_statistic_line(title_lines_[i])) {
      statistic = i;
      break;
    }
  }
  static const std::regex kMeasure(R"(^(.+?)\s*\(([^()]+)\)$)");
  std::size_t measure_line = title_lines_.size();
  if (title_lines_.size() > 1) {
    std::smatch m;
    const std::string& last = title_lines_.back();
    if (std::regex_match(last, m, kMeasure) && is_unit_label(m[2].str())) {
      measure_line = title_lines_.size() - 1;
      measure_ = m[1].str();
      table_unit_ = m[2].str();
    }
  }
  std::string title;
  for (std::size_t i = 0; i < std::min(statistic, measure_line); ++i) {
    if (!title.empty()) title += ' ';
    title += title_lines_[i];
  }
  meta.title = title.empty() && !title_lines_.empty() ? title_lines_[0] : title;
  if (statistic < title_lines_.size()) meta.statistic = title_lines_[statistic];
  meta.title_lines = title_lines_;
  // A period written in the title, for tables without any other ("… 2023").
  static const std::regex kTitlePeriod(R"((\d{2}\.\d{2}\.\d{4}|\b(19|20)\d\d/\d\d\b|\b(19|20)\d\d\b))");
  for (const auto& line : title_lines_) {
    std::smatch m;
    if (std::regex_search(line, m, kTitlePeriod)) {
      if (auto p = parse_period(m[1].str())) {
        title_period_ = p;
        break;
      }
    }
  }

  // Column headers: K label columns, the rest values.
  label_columns_ = std::numeric_limits<std::size_t>::max();
  for (const auto& row : header_rows_) {
    std::size_t lead = 0;
    while (lead < row.fields.size() && row.fields[lead].empty()) ++lead;
    if (lead < row.fields.size()) label_columns_ = std::min(label_columns_, lead);
    width_ = std::max(width_, row.fields.size());
  }
  if (label_columns_ < 2 || label_columns_ == std::numeric_limits<std::size_t>::max()) {
    return fail(header_rows_.front().line,
                "Erwartet: Spaltenköpfe, die mit mindestens zwei leeren Zellen beginnen („;;;Bezeichnung“)");
  }
  // Trailing empty header cells do not make columns.
  while (width_ > label_columns_) {
    bool used = false;
    for (const auto& row : header_rows_) {
      if (width_ - 1 < row.fields.size() && !row.fields[width_ - 1].empty()) used = true;
    }
    if (used) break;
    --width_;
  }
  std::size_t count = width_ - label_columns_;
  if (count == 0) return fail(header_rows_.front().line, "Erwartet: mindestens eine Spalte mit Werten");
  auto label = [&](const HeaderRow& row, std::size_t j) -> std::string {
    std::size_t i = label_columns_ + j;
    return i < row.fields.size() ? row.fields[i] : std::string();
  };

  std::vector<const HeaderRow*> rows;
  for (const auto& r : header_rows_) rows.push_back(&r);
  columns_.assign(count, Column{});

  // A unit row is the last header row when all its labels are units.
  if (!rows.empty()) {
    const HeaderRow& last = *rows.back();
    bool any = false, all_units = true;
    for (std::size_t j = 0; j < count; ++j) {
      std::string l = label(last, j);
      if (l.empty()) continue;
      any = true;
      if (!is_unit_label(l)) all_units = false;
    }
    if (any && all_units) {
      has_unit_row_ = true;
      for (std::size_t j = 0; j < count; ++j) {
        columns_[j].unit = label(last, j);
        columns_[j].unit_in_unit_row = !columns_[j].unit.empty();
      }
      rows.pop_back();
    }
  }
  for (auto& c : columns_) {
    if (c.unit.empty()) c.unit = table_unit_;
  }
  // A header row of periods ("2023") gives each column its period; a row
  // above it naming the dimension ("Jahr") goes with it.
  for (std::size_t r = 0; r < rows.size(); ++r) {
    bool any = false, all_periods = true;
    std::vector<std::optional<Period>> periods(count);
    for (std::size_t j = 0; j < count; ++j) {
      std::string l = label(*rows[r], j);
      if (l.empty()) continue;
      any = true;
      periods[j] = parse_period(l);
      if (!periods[j]) all_periods = false;
    }
    if (!any || !all_periods) continue;
    for (std::size_t j = 0; j < count; ++j) columns_[j].header_period = periods[j];
    bool named_above = false;
    if (r > 0) {
      named_above = true;
      for (std::size_t j = 0; j < count; ++j) {
        std::string l = label(*rows[r - 1], j);
        if (!l.empty() && !is_period_dimension_label(l)) named_above = false;
      }
    }
    rows.erase(rows.begin() + static_cast<long>(r));
    if (named_above) rows.erase(rows.begin() + static_cast<long>(r - 1));
    break;
  }
  levels_ = rows.size();
  for (std::size_t j = 0; j < count; ++j) {
    for (const auto* row : rows) columns_[j].labels.push_back(label(*row, j));
  }
  return {};
}

Result<std::uint32_t> TableParser::series_for(std::uint32_t combo, std::size_t column) {
  std::uint32_t& slot = combo_series_[combo][column];
  if (slot != kNone) return slot;
  const Column& c = columns_[column];
  const auto& row_labels = combo_labels_[combo];
  std::string key;
  std::vector<Breakdown> breakdown;
  std::string label;
  for (std::size_t level = 0; level < c.labels.size(); ++level) {
    if (c.labels[level].empty()) continue;
    std::string dim = "h" + std::to_string(level + 1);
    if (!key.empty()) key += '|';
    key += dim + "=" + c.labels[level];
    breakdown.push_back({dim, c.labels[level], ""});
    if (!label.empty()) label += " | ";
    label += c.labels[level];
  }
  for (std::size_t i = 0; i < row_labels.size(); ++i) {
    if (row_labels[i].empty()) continue;
    std::string dim = "r" + std::to_string(i + 1);
    if (!key.empty()) key += '|';
    key += dim + "=" + row_labels[i];
    breakdown.push_back({dim, row_labels[i], ""});
    if (!label.empty()) label += " | ";
    label += row_labels[i];
  }
  if (key.empty()) {
    // A table with a single unlabelled value column (22811-01i).
    key = "value";
    label = measure_.empty() ? b_.meta().title : measure_;
  }
  std::string unit = c.unit;
  slot = b_.series(key, [&] {
    SeriesSpec spec;
    spec.label = label;
    spec.unit = unit;
    spec.breakdown = breakdown;
    return spec;
  });
  return slot;
}

Result<void> TableParser::read_data_row() {
  auto fields = reader_.fields();
  const std::size_t line = reader_.line();
  if (!layout_known_) {
    layout_known_ = true;
    period_column_ = parse_period(trim(fields[0])).has_value() && !level_of_code(trim(fields[0]));
    code_col_ = period_column_ ? 1 : 0;
    name_col_ = code_col_ + 1;
    if (label_columns_ < name_col_ + 1) {
      return fail(line, "Erwartet: " + std::to_string(name_col_ + 1) +
                            " Spalten mit Bezeichnungen (Zeitraum;Regionalschlüssel;Name) vor den Werten");
    }
    std::vector<std::string> row_names(label_columns_ - name_col_ - 1);
    // A header may name a row-label column ("Schulart"); then that column
    // looked like a value column. It has no unit in the unit row, and the
    // first data row has text there instead of a value or a marker.
    while (has_unit_row_ && columns_.size() > 1 && !columns_.front().unit_in_unit_row &&
           label_columns_ < fields.size()) {
      std::string_view first_value = trim(fields[label_columns_]);
      if (first_value.empty() || parse_cell_value(first_value, text::NumberStyle::german)) break;
      std::string name;
      for (const auto& l : columns_.front().labels) {
        if (!l.empty()) name = l;
      }
      row_names.push_back(name);
      columns_.erase(columns_.begin());
      ++label_columns_;
    }
    row_labels_ = label_columns_ - name_col_ - 1;
    find_repeated_columns();
    row_values_.assign(columns_.size(), CellValue{});
    for (std::size_t level = 0; level < levels_; ++level) {
      std::vector<std::string> labels;
      for (const auto& c : columns_) labels.push_back(c.labels[level]);
      b_.meta().dimensions.push_back({"h" + std::to_string(level + 1), dimension_name(labels, level + 1)});
    }
    for (std::size_t i = 0; i < row_labels_; ++i) {
      b_.meta().dimensions.push_back({"r" + std::to_string(i + 1),
                                      row_names[i].empty() ? "Zeilenmerkmal " + std::to_string(i + 1) : row_names[i]});
    }
    // The metadata is complete up to the footer: from here on the builder
    // numbers periods, regions and series and the sink hears of them.
    b_.begin();
    if (!period_column_) {
      for (auto& c : columns_) {
        if (!c.header_period && !title_period_) {
          return fail(line,
                      "Kein Zeitraum: erwartet ein Jahr, Schuljahr oder Stichtag in der ersten Spalte, "
                      "in einer Kopfzeile oder im Titel");
        }
        c.period = b_.period(c.header_period ? *c.header_period : *title_period_);
      }
    }
  }
  std::string_view f0 = trim(fields[0]);
  if (fields.size() < width_) {
    return fail(line, fields.size() + 1, cell_count_message(width_, fields.size()));
  }
  for (std::size_t i = width_; i < fields.size(); ++i) {
    if (!trim(fields[i]).empty()) {
      return fail(line, i + 1, cell_count_message(width_, fields.size()));
    }
  }
  std::uint32_t row_period = kNone;
  if (period_column_) {
    if (f0 != last_period_text_ || last_period_ == kNone) {
      auto period = parse_period(f0);
      if (!period) {
        return fail(line, 1,
                    "Erwartet: eine Datenzeile „<Zeitraum>;<Regionalschlüssel>;<Name>;…“ oder die "
                    "Fußzeile „__________“, gefunden: „" +
                        std::string(f0.substr(0, 60)) + "“");
      }
      last_period_text_ = std::string(f0);
      last_period_ = b_.period(*period);
    }
    row_period = last_period_;
  }
  std::string_view code = trim(fields[code_col_]);
  std::string_view name = trim(fields[name_col_]);
  auto region = b_.region(code, name, line);
  if (!region) return region.error();

  combo_key_.clear();
  for (std::size_t i = 0; i < row_labels_; ++i) {
    combo_key_ += trim(fields[name_col_ + 1 + i]);
    combo_key_ += '\x1f';
  }
  auto [it, inserted] = combos_.try_emplace(combo_key_, static_cast<std::uint32_t>(combos_.size()));
  std::uint32_t combo = it->second;
  if (inserted) {
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < row_labels_; ++i) {
      labels.emplace_back(trim(fields[name_col_ + 1 + i]));
    }
    combo_labels_.push_back(std::move(labels));
    combo_series_.emplace_back(columns_.size(), kNone);
  }
  std::uint64_t row_key = (static_cast<std::uint64_t>(combo) << 42) | (static_cast<std::uint64_t>(*region) << 21) |
                          (row_period == kNone ? 0x1FFFFFu : row_period);
  std::uint32_t first = 0;
  if (!b_.unique_row(row_key, line, &first)) {
    std::string what = "Region " + std::string(code);
    if (row_period != kNone) what += ", Zeitraum " + b_.period_at(row_period).label_de();
    return fail(line, "Doppelte Zellen: " + what + " steht schon in Zeile " + std::to_string(first) +
                          ". Erwartet: jede Region und jeder Zeitraum nur einmal");
  }
  for (std::size_t j = 0; j < columns_.size(); ++j) {
    std::string_view text = fields[label_columns_ + j];
    auto value = parse_cell_value(text, text::NumberStyle::german);
    if (!value) {
      return fail(line, label_columns_ + j + 1, number_expected_message(text));
    }
    if (repeat_of_[j] != kNoRepeat) {
      RF_TRY(check_repeated_column(j, *value, line));
      continue;
    }
    row_values_[j] = *value;
    auto series = series_for(combo, j);
    if (!series) return series.error();
    std::uint32_t period = row_period != kNone ? row_period : columns_[j].period;
    RF_TRY(b_.cell(*series, *region, period, *value, line, /*check_duplicate=*/false));
  }
  ++data_rows_;
  return {};
}

void TableParser::read_footer_record() {
  TableMeta& meta = b_.meta();
  std::string text = join_fields(reader_.fields(), ';');
  std::string_view t = trim(text);
  if (t.empty()) {
    if (!meta.footnotes.empty()) meta.footnotes += '\n';
    return;
  }
  if (t.starts_with("©") || t.starts_with("(c)")) {
    read_copyright(t, meta);
    return;
  }
  if (read_stand(t, meta)) return;
  if (!meta.footnotes.empty() && meta.footnotes.back() != '\n') meta.footnotes += '\n';
  meta.footnotes += std::string(t);
}

}  // namespace

bool is_unit_label(std::string_view label) {
  static const std::set<std::string, std::less<>> kUnits = {"Anzahl",
                                                            "Prozent",
                                                            "%",
                                                            "Promille",
                                                            "qkm",
                                                            "km²",
                                                            "ha",
                                                            "EUR",
                                                            "Euro",
                                                            "Tsd. EUR",
                                                            "Mill. EUR",
                                                            "Mio. EUR",
                                                            "Mrd. EUR",
                                                            "1000 EUR",
                                                            "1 000 EUR",
                                                            "Tsd.",
                                                            "1000",
                                                            "Mill.",
                                                            "Mio.",
                                                            "EW pro qkm",
                                                            "EW je qkm",
                                                            "Einwohner je qkm",
                                                            "Jahre",
                                                            "Monate",
                                                            "Tage",
                                                            "Stunden",
                                                            "Std.",
                                                            "Personen",
                                                            "Index",
                                                            "t",
                                                            "kg",
                                                            "Tonnen",
                                                            "m²",
                                                            "qm",
                                                            "1000 qm",
                                                            "Stück",
                                                            "km",
                                                            "MWh",
                                                            "kWh",
                                                            "Tsd. t",
                                                            "Ew. je qkm",
                                                            "je 1000 EW",
                                                            "je 1.000 EW",
                                                            "je 100.000 EW",
                                                            "EUR je Einwohner",
                                                            "EUR je EW",
                                                            "Tsd. Std."};
  std::string_view l = trim(label);
  if (kUnits.count(l)) return true;
  static const std::regex kIndexBase(R"(^\d{4}(=|\s*=\s*)100$)");
  return std::regex_match(std::string(l), kIndexBase);
}

Result<void> parse_genesis_table(const ParseInput& input, TableBuilder& builder) {
  TableParser parser(input, builder);
  return parser.run();
}

}  // namespace rf::monitor
