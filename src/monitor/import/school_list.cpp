#include "monitor/import/school_list.hpp"

#include <map>
#include <set>

#include "text/csv.hpp"
#include "text/number.hpp"
#include "text/strings.hpp"

namespace rf::monitor {

namespace {

constexpr std::size_t kMissing = static_cast<std::size_t>(-1);

using text::all_digits;

}  // namespace

std::string_view school_form_name(std::string_view code) {
  static const std::map<std::string, std::string, std::less<>> kForms = {
      {"02", "Grundschule"}, {"04", "Hauptschule"},          {"08", "Förderschule"},
      {"10", "Realschule"},  {"14", "Sekundarschule"},       {"15", "Gesamtschule"},
      {"20", "Gymnasium"},   {"25", "Weiterbildungskolleg"}, {"30", "Berufskolleg"}};
  auto it = kForms.find(code);
  return it == kForms.end() ? std::string_view() : std::string_view(it->second);
}

Result<void> parse_school_list(const ParseInput& input, TableBuilder& b, char delimiter,
                               const RegionRegister* regions) {
  text::CsvReader reader(input.source, text::CsvOptions{delimiter, '"'});
  InputErrors fail(input, b);
  RF_TRY(expect_record(input, b, reader, 1, "Leere Datei: erwartet die Kopfzeile einer Schulliste"));
  if (starts_with_ci(trim(reader.raw()), "sep=")) {
    RF_TRY(expect_record(input, b, reader, 2, "Erwartet: die Kopfzeile nach „sep=“"));
  }
  const std::size_t header_line = reader.line();
  std::map<std::string, std::size_t, std::less<>> column;
  std::size_t width = reader.size();
  while (width > 0 && trim(reader[width - 1]).empty()) --width;  // trailing ';'
  for (std::size_t i = 0; i < width; ++i) {
    std::string name(trim(reader[i]));
    if (name.starts_with("\xEF\xBB\xBF")) name.erase(0, 3);
    column.emplace(name, i);
  }
  auto col = [&](std::initializer_list<std::string_view> names) {
    for (auto n : names) {
      if (auto it = column.find(n); it != column.end()) return it->second;
    }
    return kMissing;
  };
  const std::size_t c_number = col({"Schulnummer"});
  if (c_number == kMissing) return fail(header_line, "Erwartet: eine Spalte „Schulnummer“");
  const std::size_t c_ags = col({"Gemeindeschluessel", "Amtlicher Gemeindeschlüssel"});
  const std::size_t c_kreis = col({"Kreis/Stadt", "Kreis"});
  const std::size_t c_gemeinde = col({"Gemeinde"});
  const std::size_t c_form = col({"Schulform"});
  const std::size_t c_public_code = col({"Rechtsform"});
  const std::size_t c_public_text = col({"Rechtsstatus"});
  const std::size_t c_pupils = col({"Anzahl"});
  const std::size_t c_index = col({"Sozialindex", "Sozialindexstufe"});
  const std::size_t c_year = col({"Schuljahr"});
  const std::size_t c_x = col({"UTMRechtswert"});
  const std::size_t c_y = col({"UTMHochwert"});
  const std::size_t c_epsg = col({"EPSG"});
  const std::size_t c_street = col({"Strasse", "Straße und Hausnummer"});
  const std::size_t c_postcode = col({"PLZ", "Postleitzahl"});
  const std::size_t c_city = col({"Ort"});
  std::vector<std::size_t> c_names;
  for (auto n : {"Schulbezeichnung_1", "Schulbezeichnung_2", "Schulbezeichnung_3", "Amtliche Bezeichnung 1",
                 "Amtliche Bezeichnung 2", "Amtliche Bezeichnung 3"}) {
    if (auto it = column.find(n); it != column.end()) c_names.push_back(it->second);
  }
  if (c_names.empty()) {
    if (auto c = col({"Schulname", "Kurzbezeichnung"}); c != kMissing) c_names.push_back(c);
  }
  if (c_ags == kMissing && c_kreis == kMissing) {
    return fail(header_line,
                "Erwartet: eine Spalte mit dem Gemeindeschlüssel (Gemeindeschluessel) oder eine Spalte Kreis");
  }

  TableMeta& meta = b.meta();
  meta.format = Format::school_list;
  std::string stem(input.base_name);
  if (auto dot = stem.rfind('.'); dot != std::string::npos) stem.erase(dot);
  meta.code = stem;
  std::string year = school_year_from_file_name(input.base_name).value_or("");
  bool msb = c_epsg != kMissing || column.count("Sozialindexstufe") || column.count("Kreis/Stadt");
  meta.publisher = msb ? "Ministerium für Schule und Bildung des Landes Nordrhein-Westfalen (MSB)"
                       : "IT.NRW, Düsseldorf; Schulsozialindex: MSB NRW";
  meta.licence = "dl-de/by-2-0";
  if (c_epsg != kMissing)
    meta.title = "Schuldaten NRW (MSB)";
  else if (c_pupils != kMissing)
    meta.title = "Schulverzeichnis NRW (IT.NRW)";
  else
    meta.title = "Schulsozialindex NRW (MSB)";
  if (!year.empty()) meta.title += " " + Period::of_school_year(std::stoi(year.substr(0, 4))).label_de();
  b.begin();

  std::set<std::string> seen;
  // Names resolved through the register, each once: a lookup by name scans
  // every region, and a list names the same Kreise and Gemeinden thousands of
  // times. Key: the Kreis's name, or the Kreis's code and the Gemeinde's name.
  std::map<std::string, const Region*, std::less<>> by_name;
  auto find_by_name = [&](std::string_view name, RegionLevel level, const std::string& within) {
    std::string key = within + '\n' + std::string(name);
    auto it = by_name.find(key);
    if (it == by_name.end()) it = by_name.emplace(std::move(key), regions->find_by_name(name, level, within)).first;
    return it->second;
  };
  std::size_t rows = 0;
  std::size_t assumed_crs = 0;
  while (reader.next()) {
    const std::size_t line = reader.line();
    if (reader.size() == 1 && trim(reader[0]).empty()) continue;
    if (reader.size() < width) {
      return fail(line, reader.size() + 1, cell_count_message(width, reader.size()));
    }
    auto get = [&](std::size_t c) -> std::string_view {
      return c == kMissing ? std::string_view() : trim(reader.field_or_empty(c));
    };
    Institution school;
    school.line = static_cast<std::uint32_t>(line);
    school.code = std::string(get(c_number));
    if (!all_digits(school.code)) {
      return fail(line, "Erwartet: eine Schulnummer (Ziffern), gefunden: „" + school.code + "“");
    }
    if (!seen.insert(school.code).second) {
      return fail(line, "Doppelte Schulnummer " + school.code + ". Erwartet: jede Schule nur einmal");
    }
    for (std::size_t c : c_names) {
      std::string_view part = get(c);
      if (part.empty() || part.starts_with("-")) continue;  // "- Primarstufe -" is a note
      if (!school.name.empty()) school.name += ' ';
      school.name += std::string(part);
    }
    if (school.name.empty() && !c_names.empty()) school.name = std::string(get(c_names.front()));

    // The municipality: its code, or names resolved through the register.
    if (c_ags != kMissing) {
      std::string ags(get(c_ags));
      if (ags.size() != 8 || !all_digits(ags)) {
        return fail(line, "Erwartet: ein achtstelliger Gemeindeschlüssel, gefunden: „" + ags + "“");
      }
      if (regions && !regions->find(ags)) {
        return fail(line,
                    "Unbekannter Regionalschlüssel „" + ags + "“: die Gemeinde steht nicht im Gemeindeverzeichnis");
      }
      school.region = ags;
    } else {
      std::string_view kreis_name = get(c_kreis);
      const Region* kreis = regions ? find_by_name(kreis_name, RegionLevel::county, "05") : nullptr;
      if (!kreis) {
        return fail(line, "Unbekannter Kreis „" + std::string(kreis_name) + "“");
      }
      const Region* place = nullptr;
      if (c_gemeinde != kMissing) {
        std::string_view gemeinde = get(c_gemeinde);
        place = find_by_name(gemeinde, RegionLevel::municipality, kreis->code);
        if (!place && normalize_region_name(gemeinde) == normalize_region_name(kreis->name)) {
          // A kreisfreie Stadt: its one municipality may carry a longer
          // official name ("Hagen, Stadt der FernUniversität").
          place = regions->find(kreis->code + "000");
        }
        if (!place) {
          return fail(line, "Unbekannte Gemeinde „" + std::string(gemeinde) + "“ im Kreis " + kreis->name);
        }
      } else if (const Region* city = regions->find(kreis->code + "000")) {
        place = city;  // a kreisfreie Stadt is its own single municipality
      }
      school.region = place ? place->code : kreis->code;
      school.region_is_municipality = place != nullptr;
    }

    if (c_form != kMissing) {
      std::string form(get(c_form));
      if (all_digits(form) || (form.size() == 2 && std::isdigit(static_cast<unsigned char>(form[0])))) {
        school.school_form_code = form;
        school.school_form = std::string(school_form_name(form));
      } else {
        school.school_form = form;
      }
    }
    if (c_public_code != kMissing) {
      std::string_view r = get(c_public_code);
      if (r == "1")
        school.is_public = true;
      else if (r == "2")
        school.is_public = false;
    } else if (c_public_text != kMissing) {
      std::string r = to_lower_ascii(get(c_public_text));
      if (r.starts_with("öffentlich") || r.starts_with("\xc3\x96"
                                                       "ffentlich"))
        school.is_public = true;
      else if (r.starts_with("privat"))
        school.is_public = false;
    }
    if (c_pupils != kMissing && !get(c_pupils).empty()) {
      auto n = text::parse_number(get(c_pupils), text::NumberStyle::plain);
      if (!n || *n < 0) {
        return fail(line,
                    "Erwartet: eine Schülerzahl in der Spalte Anzahl, gefunden: „" + std::string(get(c_pupils)) + "“");
      }
      school.pupils = static_cast<std::int64_t>(*n + 0.5);
    }
    std::string row_year = c_year != kMissing ? std::string(get(c_year)) : std::string();
    if (!row_year.empty()) {
      auto p = parse_period(row_year);
      if (!p) return fail(line, "Erwartet: ein Schuljahr, gefunden: „" + row_year + "“");
      row_year = p->key();
    }
    school.pupils_period = school.pupils ? (row_year.empty() ? year : row_year) : "";
    if (c_index != kMissing) {
      std::string_view s = get(c_index);
      if (s == "ohne" || s == "Ohne") {
        school.sozialindex_none = true;
      } else if (!s.empty()) {
        if (!all_digits(s) || s.size() > 1 || s == "0") {
          return fail(line, "Erwartet: eine Sozialindexstufe 1–9 oder „ohne“, gefunden: „" + std::string(s) + "“");
        }
        school.sozialindex = s[0] - '0';
      }
      // The IT.NRW directory merges the index of a later school year; only
      // the Sozialindex lists name theirs.
      if (school.sozialindex || school.sozialindex_none) {
        school.sozialindex_period = c_pupils == kMissing ? year : std::string();
      }
    }
    if (c_x != kMissing && c_y != kMissing) {
      auto x = text::parse_number(get(c_x), text::NumberStyle::plain);
      auto y = text::parse_number(get(c_y), text::NumberStyle::plain);
      if (x && y) {
        school.x = *x;
        school.y = *y;
        std::string_view epsg = get(c_epsg);
        if (epsg.empty() || epsg == "null") {
          // The list gives all coordinates in UTM zone 32; a missing EPSG
          // code does not change that.
          school.crs = "EPSG:25832";
          ++assumed_crs;
        } else {
          school.crs = std::string(epsg);
        }
      }
    }
    school.street = std::string(get(c_street));
    school.postcode = std::string(get(c_postcode));
    school.city = std::string(get(c_city));
    b.institution(school);
    ++rows;
  }
  RF_TRY(check_reader_end(input, b, reader));
  if (input.decode_error) {
    if (auto e = input.decode_error()) return *e;
  }
  if (rows == 0) return fail(header_line + 1, header_without_data_message("eine Zeile je Schule"));
  if (assumed_crs > 0) {
    b.warn(std::to_string(assumed_crs) + " Schule(n) ohne EPSG-Code: EPSG:25832 angenommen");
  }
  return {};
}

}  // namespace rf::monitor
