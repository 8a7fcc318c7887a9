#include "monitor/import/genesis_flat.hpp"

#include <limits>
#include <regex>
#include <set>

#include "text/csv.hpp"

namespace rf::monitor {

namespace {

constexpr std::size_t kMissing = std::numeric_limits<std::size_t>::max();

bool is_region_variable(std::string_view code) {
  static const std::set<std::string, std::less<>> kRegional = {"DINSG",  "DLAND",  "DLANDS",   "REGBEZ",
                                                               "KREISE", "GEMEIN", "GEMEINDE", "GEM"};
  return kRegional.count(code) > 0;
}

struct Variable {
  std::size_t code = kMissing, label = kMissing, attribute_code = kMissing, attribute_label = kMissing;
};

struct ValueColumn {
  std::size_t index = kMissing;
  std::size_t quality = kMissing;
  std::string code, label, unit;
};

// The quality column: e final, p/v provisional, r revised, s estimated;
// some files put a table marker there ("()" limited reliability).
std::optional<Status> quality_status(std::string_view q) {
  if (q.empty() || q == "e") return Status::ok;  // e: endgültig (final)
  if (q == "p" || q == "v") return Status::provisional;
  if (q == "r") return Status::revised;
  if (q == "s") return Status::estimated;  // s: geschätzt
  return status_from_marker(q);
}

std::optional<Period> period_of(std::string_view time_code, std::string_view time) {
  if (time_code == "JAHR") {
    if (auto p = parse_period(time); p && p->kind == PeriodKind::year) return p;
    return std::nullopt;
  }
  return parse_period(time);
}

class FlatParser {
 public:
  FlatParser(const ParseInput& input, TableBuilder& builder, bool new_layout)
      : input_(input), b_(builder), new_layout_(new_layout), reader_(input.source, text::CsvOptions{';', '"'}) {}

  Result<void> run();

 private:
  Result<void> read_header();
  Result<void> first_row();
  Result<void> row();
  Result<void> add_value(std::string_view value_code, std::string_view value_label, std::string_view unit,
                         std::string_view text, std::string_view quality, std::uint32_t region, std::uint32_t period);

  const ParseInput& input_;
  TableBuilder& b_;
  InputErrors fail{input_, b_};
  bool new_layout_;
  text::CsvReader reader_;

  std::size_t width_ = 0;
  std::size_t statistics_code_ = kMissing, statistics_label_ = kMissing;
  std::size_t time_code_ = kMissing, time_ = kMissing;
  std::vector<Variable> variables_;
  std::vector<ValueColumn> values_;  // old layout
  std::size_t value_ = kMissing, value_unit_ = kMissing, value_code_ = kMissing, value_label_ = kMissing,
              value_q_ = kMissing;  // new layout
  std::size_t region_variable_ = kMissing;
  bool started_ = false;
  std::string last_time_;
  std::uint32_t last_period_ = 0;
  std::string key_;
  std::size_t rows_ = 0;
};

Result<void> FlatParser::run() {
  RF_TRY(read_header());
  while (reader_.next()) {
    auto fields = reader_.fields();
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;
    // Notes below the data do not start with the statistic's number.
    if (statistics_code_ != kMissing && !fields.empty()) {
      std::string_view first = trim(fields[statistics_code_]);
      if (first.empty() || !std::isdigit(static_cast<unsigned char>(first[0]))) {
        b_.warn("Zeile " + std::to_string(reader_.line()) + " ist keine Datenzeile und wurde übersprungen");
        continue;
      }
    }
    if (!started_) RF_TRY(first_row());
    RF_TRY(row());
    ++rows_;
  }
  RF_TRY(check_reader_end(input_, b_, reader_));
  if (rows_ == 0) return fail(2, header_without_data_message("Datenzeilen nach der Kopfzeile"));
  return {};
}

Result<void> FlatParser::read_header() {
  RF_TRY(expect_record(input_, b_, reader_, 1, "Leere Datei: erwartet die Kopfzeile eines GENESIS-Flatfiles"));
  std::vector<std::string> names;
  for (auto f : reader_.fields()) {
    std::string name(trim(f));
    if (name.starts_with("\xEF\xBB\xBF")) name.erase(0, 3);
    names.push_back(name);
  }
  width_ = names.size();
  static const std::regex kVariable(
      R"(^(\d+)_(Merkmal_Code|Merkmal_Label|Auspraegung_Code|Auspraegung_Label|)"
      R"(variable_code|variable_label|variable_attribute_code|variable_attribute_label)$)");
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    std::string lower = to_lower_ascii(n);
    std::smatch m;
    if (std::regex_match(n, m, kVariable)) {
      // More than two digits is never a variable number (and may not fit an integer).
      std::size_t k = m[1].length() > 2 ? 0 : std::stoul(m[1].str());
      if (k == 0 || k > 50)
        return fail(1, i + 1, "Unerwartete Merkmalsnummer in der Spalte „" + n + "“: erwartet 1 bis 50");
      if (variables_.size() < k) variables_.resize(k);
      std::string part = m[2].str();
      Variable& v = variables_[k - 1];
      if (part == "Merkmal_Code" || part == "variable_code")
        v.code = i;
      else if (part == "Merkmal_Label" || part == "variable_label")
        v.label = i;
      else if (part == "Auspraegung_Code" || part == "variable_attribute_code")
        v.attribute_code = i;
      else
        v.attribute_label = i;
      continue;
    }
    if (lower == "statistik_code" || lower == "statistics_code")
      statistics_code_ = i;
    else if (lower == "statistik_label" || lower == "statistics_label")
      statistics_label_ = i;
    else if (lower == "zeit_code" || lower == "time_code")
      time_code_ = i;
    else if (lower == "zeit" || lower == "time")
      time_ = i;
    else if (new_layout_ && lower == "value")
      value_ = i;
    else if (new_layout_ && lower == "value_unit")
      value_unit_ = i;
    else if (new_layout_ && lower == "value_variable_code")
      value_code_ = i;
    else if (new_layout_ && lower == "value_variable_label")
      value_label_ = i;
    else if (new_layout_ && lower == "value_q")
      value_q_ = i;
  }
  if (statistics_code_ == kMissing || time_ == kMissing) {
    return fail(1, "Erwartet: die Spalten Statistik_Code/statistics_code und Zeit/time");
  }
  for (std::size_t k = 0; k < variables_.size(); ++k) {
    const Variable& v = variables_[k];
    if (v.code == kMissing || v.attribute_code == kMissing) {
      return fail(1,
                  "Dem Merkmal " + std::to_string(k + 1) + " fehlt die Spalte mit seinem Code oder seiner Ausprägung");
    }
  }
  if (new_layout_) {
    if (value_ == kMissing || value_code_ == kMissing) {
      return fail(1, "Erwartet: die Spalten value und value_variable_code");
    }
    return {};
  }
  // Old layout: every column after the variables is a value or its quality.
  std::size_t first_value = time_ + 1;
  for (const auto& v : variables_) {
    for (std::size_t i : {v.code, v.label, v.attribute_code, v.attribute_label}) {
      if (i != kMissing) first_value = std::max(first_value, i + 1);
    }
  }
  for (std::size_t i = first_value; i < names.size(); ++i) {
    const std::string& n = names[i];
    if (n.empty()) continue;
    if (n.ends_with("__q")) {
      if (values_.empty() || values_.back().quality != kMissing) {
        return fail(1, i + 1, "Qualitätsspalte „" + n + "“ ohne Wertspalte davor");
      }
      values_.back().quality = i;
      continue;
    }
    ValueColumn column;
    column.index = i;
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
      std::size_t sep = n.find("__", start);
      parts.push_back(n.substr(start, sep == std::string::npos ? std::string::npos : sep - start));
      if (sep == std::string::npos) break;
      start = sep + 2;
    }
    if (parts.size() == 3) {
      column.code = parts[0];
      column.label = parts[1];
      column.unit = parts[2];
    } else {
      column.code = n;
      column.label = parts[0];
    }
    for (auto& c : column.label) {
      if (c == '_') c = ' ';
    }
    for (auto& c : column.unit) {
      if (c == '_') c = ' ';
    }
    values_.push_back(std::move(column));
  }
  if (values_.empty()) return fail(1, "Erwartet: Wertspalten „<MERKMAL>__<Bezeichnung>__<Einheit>“");
  return {};
}

Result<void> FlatParser::first_row() {
  started_ = true;
  auto fields = reader_.fields();
  TableMeta& meta = b_.meta();
  std::string statistics_code(trim(reader_.field_or_empty(statistics_code_)));
  meta.format = new_layout_ ? Format::genesis_flat_new : Format::genesis_flat_old;
  meta.code = table_code_from_file_name(input_.base_name).value_or(statistics_code);
  meta.statistic = std::string(trim(reader_.field_or_empty(statistics_label_)));
  meta.title = meta.statistic;
  // Regionaldatenbank codes (…-4, …-5) belong to the statistical offices of
  // the Bund and the Länder; other GENESIS-Online tables to Destatis. Both are
  // published under the Datenlizenz Deutschland – Namensnennung 2.0.
  static const std::regex kRegional(R"(^\d{5}-\d{2}-\d{2}-\d)");
  meta.publisher = std::regex_search(meta.code, kRegional) ? "Statistische Ämter des Bundes und der Länder"
                                                           : "Statistisches Bundesamt (Destatis)";
  meta.licence = "dl-de/by-2-0";
  for (std::size_t k = 0; k < variables_.size(); ++k) {
    std::string code(trim(reader_.field_or_empty(variables_[k].code)));
    if (is_region_variable(code)) {
      if (region_variable_ == kMissing) region_variable_ = k;
      continue;
    }
    std::string name =
        variables_[k].label != kMissing ? std::string(trim(reader_.field_or_empty(variables_[k].label))) : code;
    meta.dimensions.push_back({code, name});
  }
  if (region_variable_ == kMissing) {
    b_.warn("Kein regionales Merkmal: alle Werte gelten für Deutschland (DG)");
  }
  (void)fields;
  b_.begin();
  return {};
}

Result<void> FlatParser::row() {
  auto fields = reader_.fields();
  const std::size_t line = reader_.line();
  if (fields.size() < width_) {
    // A trailing empty column may be missing; anything shorter is cut off.
    bool only_trailing = fields.size() + 1 == width_ && !new_layout_ && values_.back().quality == width_ - 1;
    if (!only_trailing) {
      return fail(line, fields.size() + 1, cell_count_message(width_, fields.size()));
    }
  }
  std::string_view time = trim(reader_.field_or_empty(time_));
  if (time != last_time_ || rows_ == 0) {
    auto period = period_of(trim(reader_.field_or_empty(time_code_)), time);
    if (!period) {
      return fail(line, time_ + 1,
                  "Erwartet: ein Zeitraum in der Spalte Zeit/time, gefunden: „" + std::string(time) + "“");
    }
    last_time_ = std::string(time);
    last_period_ = b_.period(*period);
  }
  std::uint32_t region = 0;
  if (region_variable_ != kMissing) {
    const Variable& v = variables_[region_variable_];
    std::string_view code = trim(reader_.field_or_empty(v.attribute_code));
    std::string_view name =
        v.attribute_label != kMissing ? trim(reader_.field_or_empty(v.attribute_label)) : std::string_view();
    if (trim(reader_.field_or_empty(v.code)) == "DINSG" && code.empty()) code = "DG";
    auto r = b_.region(code, name, line);
    if (!r) return r.error();
    region = *r;
  } else {
    auto r = b_.region("DG", "Deutschland", line);
    if (!r) return r.error();
    region = *r;
  }
  if (new_layout_) {
    return add_value(trim(reader_.field_or_empty(value_code_)),
                     value_label_ != kMissing ? trim(reader_.field_or_empty(value_label_)) : "",
                     value_unit_ != kMissing ? trim(reader_.field_or_empty(value_unit_)) : "",
                     reader_.field_or_empty(value_), value_q_ != kMissing ? trim(reader_.field_or_empty(value_q_)) : "",
                     region, last_period_);
  }
  for (const auto& column : values_) {
    RF_TRY(add_value(column.code, column.label, column.unit, reader_.field_or_empty(column.index),
                     column.quality != kMissing ? trim(reader_.field_or_empty(column.quality)) : "", region,
                     last_period_));
  }
  return {};
}

Result<void> FlatParser::add_value(std::string_view value_code, std::string_view value_label, std::string_view unit,
                                   std::string_view text, std::string_view quality, std::uint32_t region,
                                   std::uint32_t period) {
  const std::size_t line = reader_.line();
  if (trim(text).empty()) {
    b_.empty_cell();
    return {};
  }
  auto value = parse_cell_value(text, text::NumberStyle::german);
  if (!value) {
    return fail(line, "Wert von " + std::string(value_code) + ": " + number_expected_message(text));
  }
  auto flag = quality_status(quality);
  if (!flag) {
    b_.warn("Unbekanntes Qualitätskennzeichen „" + std::string(quality) + "“ übergangen");
  } else if (value->status == Status::ok && value->value) {
    if (status_has_value(*flag)) {
      value->status = *flag;
    } else if (*flag != Status::ok) {
      b_.warn("Qualitätskennzeichen „" + std::string(quality) + "“ an einem Wert übergangen");
    }
  }

  // Series key: value variable and unit (one variable may come in several
  // units: an index and its change in %), then every non-regional
  // variable's attribute.
  key_.assign(value_code);
  if (!unit.empty()) {
    key_ += " [";
    key_ += unit;
    key_ += ']';
  }
  for (std::size_t k = 0; k < variables_.size(); ++k) {
    if (k == region_variable_) continue;
    key_ += '|';
    key_ += trim(reader_.field_or_empty(variables_[k].code));
    key_ += '=';
    key_ += trim(reader_.field_or_empty(variables_[k].attribute_code));
  }
  std::uint32_t series = b_.series(key_, [&] {
    SeriesSpec spec;
    spec.label = std::string(value_label.empty() ? value_code : value_label);
    spec.unit = std::string(unit);
    for (std::size_t k = 0; k < variables_.size(); ++k) {
      if (k == region_variable_) continue;
      const Variable& v = variables_[k];
      std::string label =
          v.attribute_label != kMissing ? std::string(trim(reader_.field_or_empty(v.attribute_label))) : std::string();
      std::string code(trim(reader_.field_or_empty(v.attribute_code)));
      if (label.empty()) label = code.empty() ? "Insgesamt" : code;
      spec.breakdown.push_back({std::string(trim(reader_.field_or_empty(v.code))), label, code});
      spec.label += " | " + label;
    }
    return spec;
  });
  return b_.cell(series, region, period, *value, line);
}

}  // namespace

Result<void> parse_genesis_flat(const ParseInput& input, TableBuilder& builder, bool new_layout) {
  FlatParser parser(input, builder, new_layout);
  return parser.run();
}

}  // namespace rf::monitor
