#include "monitor/import/table_catalogue.hpp"

#include <set>

#include "text/csv.hpp"

namespace rf::monitor {

Result<void> parse_table_catalogue(const ParseInput& input, TableBuilder& b) {
  text::CsvReader reader(input.source, text::CsvOptions{',', '"'});
  auto fail = [&](std::size_t line, std::string message) { return input_error(input, b, line, std::move(message)); };
  if (!reader.next() || reader.size() < 3 || trim(reader[0]) != "Code" || trim(reader[1]) != "Content") {
    return fail(1, "expected the header 'Code,Content,Time'");
  }
  TableMeta& meta = b.meta();
  meta.format = Format::genesis_catalogue;
  std::string stem(input.base_name);
  if (auto dot = stem.rfind('.'); dot != std::string::npos) stem.erase(dot);
  meta.code = stem;
  meta.title = "Tabellenkatalog der Regionaldatenbank Deutschland";
  meta.publisher = "Statistische Ämter des Bundes und der Länder";
  meta.licence = "dl-de/by-2-0";
  b.begin();
  std::set<std::string> seen;
  std::size_t rows = 0;
  while (reader.next()) {
    if (reader.size() == 1 && trim(reader[0]).empty()) continue;
    if (reader.size() < 3) {
      return fail(reader.line(), "expected 3 cells (Code,Content,Time), found " + std::to_string(reader.size()));
    }
    CatalogueEntry entry;
    entry.source = "regionaldatenbank";
    entry.code = std::string(trim(reader[0]));
    entry.title = collapse_spaces(reader[1]);
    entry.time_span = std::string(trim(reader[2]));
    if (entry.code.empty()) return fail(reader.line(), "expected a table code");
    if (!seen.insert(entry.code).second) {
      return fail(reader.line(), "duplicate table code " + entry.code);
    }
    b.catalogue(entry);
    ++rows;
  }
  if (reader.too_many_fields()) return fail(reader.line(), reader.too_many_fields_message());
  if (reader.unterminated_quote()) {
    return fail(reader.line(), "a quoted field starts here and never ends: is the file truncated?");
  }
  if (input.decode_error) {
    if (auto e = input.decode_error()) return *e;
  }
  if (rows == 0) return fail(2, "header without data: expected catalogue rows");
  return {};
}

}  // namespace rf::monitor
