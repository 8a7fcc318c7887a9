#include "monitor/import/table_catalogue.hpp"

#include <set>

#include "text/csv.hpp"

namespace rf::monitor {

Result<void> parse_table_catalogue(const ParseInput& input, TableBuilder& b) {
  text::CsvReader reader(input.source, text::CsvOptions{',', '"'});
  InputErrors fail(input, b);
  if (!reader.next() || reader.size() < 3 || trim(reader[0]) != "Code" || trim(reader[1]) != "Content") {
    return fail(1, "Erwartet: die Kopfzeile „Code,Content,Time“");
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
      return fail(reader.line(), cell_count_message(3, reader.size()));
    }
    CatalogueEntry entry;
    entry.source = "regionaldatenbank";
    entry.code = std::string(trim(reader[0]));
    entry.title = collapse_spaces(reader[1]);
    entry.time_span = std::string(trim(reader[2]));
    if (entry.code.empty()) return fail(reader.line(), "Erwartet: ein Tabellencode in der ersten Spalte");
    if (!seen.insert(entry.code).second) {
      return fail(reader.line(), "Doppelter Tabellencode " + entry.code + ". Erwartet: jeder Code nur einmal");
    }
    b.catalogue(entry);
    ++rows;
  }
  RF_TRY(check_reader_end(input, b, reader));
  if (rows == 0) return fail(2, header_without_data_message("Zeilen des Katalogs"));
  return {};
}

}  // namespace rf::monitor
