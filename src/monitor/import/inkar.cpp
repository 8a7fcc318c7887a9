#include "monitor/import/inkar.hpp"

#include <cctype>
#include <map>
#include <regex>

#include "text/csv.hpp"

namespace rf::monitor {

namespace {

constexpr char kPublisher[] = "Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR), Bonn";

std::string capitalise(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// Region code from raumbezug and kennziffer; nullopt with `why` set otherwise.
std::optional<std::string> region_code(std::string_view level, std::string_view number, std::string* why) {
  std::string l = to_lower_ascii(level);
  if (l == "bund") return std::string("DG");
  if (l == "bundesländer" || l == "länder" || l == "bundeslaender") {
    if (number.size() == 1) return "0" + std::string(number);
    if (number.size() == 2) return std::string(number);
  } else if (l == "regierungsbezirke") {
    if (number.size() == 3) return std::string(number);
  } else if (l == "kreise") {
    if (number.size() == 8 && number.substr(5) == "000") return std::string(number.substr(0, 5));
    if (number.size() == 7 && number.substr(4) == "000") return "0" + std::string(number.substr(0, 4));
    if (number.size() == 5) return std::string(number);
    if (number.size() == 4) return "0" + std::string(number);
  } else if (l == "gemeinden") {
    if (number.size() == 8) return std::string(number);
    if (number.size() == 7) return "0" + std::string(number);
  } else {
    *why = "Raumbezug „" + std::string(level) +
           "“ wird nicht unterstützt: erwartet Bund, Bundesländer, Regierungsbezirke, Kreise oder Gemeinden";
    return std::nullopt;
  }
  *why = "Kennziffer „" + std::string(number) + "“ passt nicht zum Raumbezug „" + std::string(level) + "“";
  return std::nullopt;
}

std::string file_title(std::string_view code) {
  // inkar2024_bildung_kreise → "INKAR 2024: Bildung (Kreise)"
  static const std::regex kParts(R"(^inkar(\d{4})_(.+)_(kreise|gemeinden|länder|laender|bund|regionen)$)",
                                 std::regex::icase);
  std::string c(code);
  std::smatch m;
  if (std::regex_match(c, m, kParts)) {
    std::string theme = m[2].str();
    for (auto& ch : theme) {
      if (ch == '_') ch = ' ';
    }
    return "INKAR " + m[1].str() + ": " + capitalise(theme) + " (" + capitalise(m[3].str()) + ")";
  }
  return "INKAR: " + c;
}

}  // namespace

std::string inkar_dataset_code(std::string_view base_name) {
  std::string name(base_name);
  if (auto dot = name.rfind('.'); dot != std::string::npos) name.erase(dot);
  static const std::regex kYears(R"(_(\d{4})(-\d{4})?$)");
  return std::regex_replace(name, kYears, "");
}

std::string inkar_unit(std::string_view name) {
  std::string n = collapse_spaces(name);
  if (n.find("in %") != std::string::npos || n.find("in Prozent") != std::string::npos) {
    return "Prozent";
  }
  std::smatch m;
  static const std::regex kEuro(R"(\bin (€|Euro)\s*(je .*)?$)");
  if (std::regex_search(n, m, kEuro)) return m[2].matched ? "EUR " + m[2].str() : "EUR";
  static const std::regex kPerNumber(R"(\b(je [0-9][0-9.]* .*)$)");
  if (std::regex_search(n, m, kPerNumber)) return m[1].str();
  if (n.starts_with("Anteil")) return "Prozent";
  static const std::regex kPer(R"(\b(je .*)$)");
  if (std::regex_search(n, m, kPer)) return m[1].str();
  if (n.find("in Jahren") != std::string::npos) return "Jahre";
  return "";
}

Result<void> parse_inkar(const ParseInput& input, TableBuilder& b,
                         const std::vector<IndicatorDefinition>& definitions) {
  text::CsvReader reader(input.source, text::CsvOptions{',', '"'});
  InputErrors fail(input, b);
  RF_TRY(expect_record(input, b, reader, 1, "Leere Datei: erwartet eine INKAR-Kopfzeile"));
  std::vector<std::string> codes;
  for (std::size_t i = 4; i < reader.size(); ++i) codes.emplace_back(trim(reader[i]));
  if (reader.size() < 5 || trim(reader[0]) != "raumbezug" || trim(reader[1]) != "kennziffer") {
    return fail(1, "Erwartet: die INKAR-Kopfzeile „raumbezug,kennziffer,name,zeitbezug,<Indikatoren…>“");
  }
  std::map<std::string, const IndicatorDefinition*> by_code;
  for (const auto& d : definitions) by_code.emplace(d.code, &d);  // keeps the first variant

  TableMeta& meta = b.meta();
  meta.format = Format::inkar;
  meta.code = inkar_dataset_code(input.base_name);
  meta.title = file_title(meta.code);
  meta.publisher = kPublisher;
  meta.licence = "dl-de/by-2-0";
  meta.copyright = "© BBSR Bonn";
  meta.dimensions.push_back({"indicator", "Indikator"});
  if (definitions.empty()) {
    b.warn("Keine INKAR-Indikatorbeschreibungen gefunden: die Reihen tragen ihre Kürzel als Namen");
  }
  b.begin();
  std::vector<std::uint32_t> series(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    auto it = by_code.find(codes[i]);
    if (it == by_code.end() && !definitions.empty()) {
      b.warn("Indikator " + codes[i] + " fehlt in den Indikatorbeschreibungen");
    }
    series[i] = b.series(codes[i], [&] {
      SeriesSpec spec;
      spec.label = it != by_code.end() ? it->second->name : codes[i];
      spec.unit = it != by_code.end() ? inkar_unit(it->second->name) : "";
      spec.breakdown.push_back({"indicator", it != by_code.end() ? it->second->short_name : codes[i], codes[i]});
      return spec;
    });
  }
  std::size_t rows = 0;
  std::string last_year;
  std::uint32_t period = 0;
  while (reader.next()) {
    const std::size_t line = reader.line();
    if (reader.size() == 1 && trim(reader[0]).empty()) continue;
    if (reader.size() != codes.size() + 4) {
      return fail(line, std::min(reader.size(), codes.size() + 4) + 1,
                  cell_count_message(codes.size() + 4, reader.size()));
    }
    std::string why;
    auto code = region_code(trim(reader[0]), trim(reader[1]), &why);
    if (!code) return fail(line, 2, why);
    auto region = b.region(*code, trim(reader[2]), line);
    if (!region) return region.error();
    std::string_view year = trim(reader[3]);
    if (year != last_year || rows == 0) {
      auto p = parse_period(year);
      if (!p || p->kind != PeriodKind::year) {
        return fail(line, 4, "Erwartet: ein Jahr in der Spalte zeitbezug, gefunden: „" + std::string(year) + "“");
      }
      last_year = std::string(year);
      period = b.period(*p);
    }
    for (std::size_t i = 0; i < codes.size(); ++i) {
      std::string_view text = trim(reader[4 + i]);
      if (text.empty()) {
        b.empty_cell();
        continue;
      }
      auto value = parse_cell_value(text, text::NumberStyle::plain);
      if (!value) {
        return fail(line, 5 + i, "Indikator " + codes[i] + ": " + number_expected_message(text, true));
      }
      RF_TRY(b.cell(series[i], *region, period, *value, line));
    }
    ++rows;
  }
  RF_TRY(check_reader_end(input, b, reader));
  if (rows == 0) return fail(2, header_without_data_message("Zeilen nach der INKAR-Kopfzeile"));
  return {};
}

Result<void> parse_inkar_meta(const ParseInput& input, TableBuilder& b, std::vector<IndicatorDefinition>* out) {
  text::CsvReader reader(input.source, text::CsvOptions{',', '"'});
  InputErrors fail(input, b);
  RF_TRY(expect_record(input, b, reader, 1, "Leere Datei: erwartet die Kopfzeile der INKAR-Indikatorbeschreibungen"));
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < reader.size(); ++i) column[std::string(trim(reader[i]))] = i;
  for (const char* required : {"kuerzel", "name"}) {
    if (!column.count(required)) {
      return fail(1, std::string("Erwartet: eine Spalte „") + required +
                         "“ in der Kopfzeile der INKAR-Indikatorbeschreibungen");
    }
  }
  TableMeta& meta = b.meta();
  meta.format = Format::inkar_meta;
  std::string stem(input.base_name);
  if (auto dot = stem.rfind('.'); dot != std::string::npos) stem.erase(dot);
  meta.code = stem;
  std::string source = stem.substr(0, stem.find('_'));
  meta.title = "INKAR indicator definitions (" + source + ")";
  meta.publisher = kPublisher;
  meta.licence = "dl-de/by-2-0";
  b.begin();
  auto get = [&](const char* name) -> std::string {
    auto it = column.find(name);
    return it == column.end() ? std::string() : std::string(trim(reader.field_or_empty(it->second)));
  };
  std::map<std::string, int> variants;
  std::size_t rows = 0;
  while (reader.next()) {
    if (reader.size() == 1 && trim(reader[0]).empty()) continue;
    IndicatorDefinition d;
    d.source = source;
    d.code = get("kuerzel");
    if (d.code.empty()) return fail(reader.line(), "Erwartet: ein Indikatorkürzel in der Spalte kuerzel");
    d.variant = ++variants[d.code];
    d.area = get("bereich");
    d.short_name = get("kurzname");
    d.name = get("name");
    d.algorithm = get("algorithmus");
    d.notes = get("anmerkungen");
    d.basis = get("statistische_grundlagen");
    if (out) out->push_back(d);
    b.definition(d);
    ++rows;
  }
  RF_TRY(check_reader_end(input, b, reader));
  if (rows == 0) return fail(2, header_without_data_message("Indikatorbeschreibungen"));
  return {};
}

Result<void> parse_inkar_regions(const ParseInput& input, TableBuilder& b) {
  text::CsvReader reader(input.source, text::CsvOptions{',', '"'});
  InputErrors fail(input, b);
  if (!reader.next() || reader.size() < 3 || trim(reader[0]) != "raumbezug") {
    return fail(1, "Erwartet: die Kopfzeile „raumbezug,kennziffer,name“");
  }
  TableMeta& meta = b.meta();
  meta.format = Format::inkar_regions;
  meta.code = inkar_dataset_code(input.base_name);
  meta.title = "INKAR region list";
  meta.publisher = kPublisher;
  meta.licence = "dl-de/by-2-0";
  b.begin();
  std::size_t rows = 0;
  while (reader.next()) {
    if (reader.size() == 1 && trim(reader[0]).empty()) continue;
    if (reader.size() < 3) return fail(reader.line(), cell_count_message(3, reader.size()));
    std::string why;
    auto code = region_code(trim(reader[0]), trim(reader[1]), &why);
    if (!code) return fail(reader.line(), 2, why);
    auto region = b.region(*code, trim(reader[2]), reader.line());
    if (!region) return region.error();
    ++rows;
  }
  if (input.decode_error) {
    if (auto e = input.decode_error()) return *e;
  }
  if (rows == 0) return fail(2, header_without_data_message("Zeilen mit Regionen"));
  return {};
}

}  // namespace rf::monitor
