#include "monitor/import/common.hpp"

#include <cctype>
#include <memory>
#include <regex>

#include "monitor/model/period.hpp"
#include "text/number.hpp"

namespace rf::monitor {

ParseInput text_input(std::string text, std::string base_name) {
  auto shared = std::make_shared<std::string>(std::move(text));
  auto source_of = [shared]() -> text::CsvReader::Source {
    auto done = std::make_shared<bool>(false);
    return [shared, done](std::string& out) {
      if (*done) return false;
      *done = true;
      out += *shared;
      return false;
    };
  };
  ParseInput input;
  input.source = source_of();
  input.reread = source_of;
  input.decode_error = [] { return std::optional<ImportError>(); };
  input.base_name = std::move(base_name);
  return input;
}

std::string join_fields(std::span<const std::string_view> fields, char delimiter) {
  std::size_t n = fields.size();
  while (n > 0 && fields[n - 1].empty()) --n;
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out.push_back(delimiter);
    out += fields[i];
  }
  return out;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : trim(s)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

ImportError input_error(const ParseInput& input, const TableBuilder& builder, std::size_t line, std::string message) {
  return input_error(input, builder, line, 0, std::move(message));
}

ImportError input_error(const ParseInput& input, const TableBuilder& builder, std::size_t line, std::size_t column,
                        std::string message) {
  if (input.decode_error) {
    if (auto e = input.decode_error()) return *e;
  }
  ImportError e = builder.error(line, std::move(message));
  e.column = column;
  return e;
}

std::string cell_count_message(std::size_t expected, std::size_t found) {
  std::string out = "Erwartet: " + std::to_string(expected) + " Zellen, gefunden: " + std::to_string(found);
  out += found < expected ? ". Ist die Zeile oder die Datei abgeschnitten?"
                          : ". Steht in einer Zelle das Trennzeichen, oder hat die Zeile ein falsches Trennzeichen?";
  return out;
}

std::string header_without_data_message(std::string_view expected) {
  return "Kopfzeile ohne Daten: erwartet " + std::string(expected);
}

std::string number_expected_message(std::string_view found, bool decimal_point) {
  std::string shown(trim(found).substr(0, 40));
  std::string out = decimal_point ? "Erwartet: eine Zahl mit Dezimalpunkt"
                                  : "Erwartet: eine Zahl oder eines der Zeichen - . x ... / ()";
  out += ", gefunden: ";
  out += shown.empty() ? "eine leere Zelle" : "„" + shown + "“";
  return out;
}

Result<void> expect_record(const ParseInput& input, const TableBuilder& builder, text::CsvReader& reader,
                           std::size_t line, std::string message) {
  if (reader.next()) return {};
  if (reader.too_many_fields()) return input_error(input, builder, reader.line(), reader.too_many_fields_message());
  return input_error(input, builder, line, std::move(message));
}

Result<void> check_reader_end(const ParseInput& input, const TableBuilder& builder, const text::CsvReader& reader) {
  if (reader.too_many_fields()) return input_error(input, builder, reader.line(), reader.too_many_fields_message());
  if (reader.unterminated_quote()) {
    return input_error(input, builder, reader.line(),
                       "Ein Feld in Anführungszeichen beginnt in dieser Zeile und endet nie. "
                       "Ist die Datei abgeschnitten?");
  }
  if (input.decode_error) {
    if (auto e = input.decode_error()) return *e;
  }
  return {};
}

std::string quote_line(const text::CsvReader::Source& source, std::size_t line) {
  constexpr std::size_t kShown = 200;
  if (line == 0 || !source) return {};
  std::string chunk, out;
  std::size_t current = 1;
  bool more = true, cut = false;
  while (more) {
    chunk.clear();
    more = source(chunk);
    for (char c : chunk) {
      if (current > line) break;
      if (c == '\n') {
        ++current;
        continue;
      }
      if (current != line) continue;
      if (out.size() < kShown) {
        out.push_back(c);
      } else {
        cut = true;
      }
    }
    if (current > line) break;
  }
  if (current < line) return {};
  if (!out.empty() && out.back() == '\r') out.pop_back();
  if (cut) {
    // Back to the start of a UTF-8 character.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    out += "…";
  }
  return out;
}

void read_copyright(std::string_view text, TableMeta& meta) {
  std::string flat = collapse_spaces(text);
  if (!meta.copyright.empty()) meta.copyright += " ";
  meta.copyright += flat;
  // "© <publisher>, <year>" — the publisher may itself contain commas.
  static const std::regex kPublisher(R"(©\s*(.*?),?\s*((19|20)\d\d)\b)");
  std::smatch m;
  if (meta.publisher.empty() && std::regex_search(flat, m, kPublisher)) {
    std::string publisher = std::string(trim(m[1].str()));
    while (!publisher.empty() && publisher.back() == ',') publisher.pop_back();
    meta.publisher = publisher;
  }
  std::string lower = to_lower_ascii(flat);
  if (lower.find("datenlizenz deutschland") != std::string::npos) {
    if (lower.find("zero") != std::string::npos) {
      meta.licence = "dl-de/zero-2-0";
    } else if (lower.find("namensnennung") != std::string::npos) {
      meta.licence = "dl-de/by-2-0";
    }
  }
}

bool read_stand(std::string_view text, TableMeta& meta) {
  std::string_view s = trim(text);
  if (!starts_with_ci(s, "Stand:")) return false;
  s = trim(s.substr(6));
  meta.stand_text = std::string(s);
  std::string_view date = s.substr(0, s.find_first_of(" /"));
  if (auto d = text::parse_german_date(date)) meta.stand = text::format_iso_date(*d);
  return true;
}

std::optional<std::string> table_code_from_file_name(std::string_view base_name) {
  static const std::regex kCode(R"(^(\d{5}-\d{2}-\d{2}-\d(-[A-Z])?|\d{5}-\d{4}|\d{5}-\d{2}i|\d{5}-\d{2}-\d{2})"
                                R"(i|\d{5}-\d{4}i))");
  std::string name(base_name);
  std::smatch m;
  if (std::regex_search(name, m, kCode)) return m[1].str();
  return std::nullopt;
}

std::optional<std::string> school_year_from_file_name(std::string_view base_name) {
  std::string name(base_name);
  static const std::regex kLong(R"(((19|20)\d\d)[-_](\d\d)(?!\d))");
  static const std::regex kShort(R"(sj_(\d\d)_(\d\d))", std::regex::icase);
  std::smatch m;
  if (std::regex_search(name, m, kLong)) {
    int first = std::stoi(m[1].str());
    if (std::stoi(m[3].str()) == (first + 1) % 100) return Period::of_school_year(first).key();
  }
  if (std::regex_search(name, m, kShort)) {
    int first = 2000 + std::stoi(m[1].str());
    if (std::stoi(m[2].str()) == (first + 1) % 100) return Period::of_school_year(first).key();
  }
  return std::nullopt;
}

}  // namespace rf::monitor
