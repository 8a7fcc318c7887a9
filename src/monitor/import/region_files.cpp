#include "monitor/import/region_files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "monitor/import/common.hpp"
#include "monitor/import/importer.hpp"
#include "text/csv.hpp"
#include "text/number.hpp"
#include "text/strings.hpp"
#include "text/files.hpp"

namespace rf::monitor {

using text::all_digits;

namespace {

// GV100AD field by the 1-based positions of the record layout.
std::string_view field(std::string_view record, std::size_t from, std::size_t to) {
  if (record.size() < from) return {};
  return record.substr(from - 1, std::min(to, record.size()) - from + 1);
}

std::optional<std::int64_t> number_field(std::string_view s) {
  s = trim(s);
  if (!all_digits(s)) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string_view county_kind(std::string_view key) {
  if (key == "41") return "Kreisfreie Stadt";
  if (key == "42") return "Stadtkreis";
  if (key == "43") return "Kreis";
  if (key == "44") return "Landkreis";
  if (key == "45") return "Regionalverband";
  return "";
}

std::string_view municipality_kind(std::string_view key) {
  if (key == "60") return "Markt";
  if (key == "61") return "Kreisfreie Stadt";
  if (key == "62") return "Stadtkreis";
  if (key == "63") return "Stadt";
  if (key == "64") return "Kreisangehörige Gemeinde";
  if (key == "65") return "gemeindefreies Gebiet, bewohnt";
  if (key == "66") return "gemeindefreies Gebiet, unbewohnt";
  if (key == "67") return "Große Kreisstadt";
  return "";
}

}  // namespace

Result<void> read_gv100ad(const std::string& path, RegionRegister& regions) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ImportError{path, 0, "cannot open the Gemeindeverzeichnis"};
  if (!regions.find("DG")) {
    Region germany;
    germany.code = "DG";
    germany.name = "Deutschland";
    germany.level = RegionLevel::country;
    germany.source = "GV100AD";
    regions.add(germany);
  }
  std::string raw;
  std::size_t line = 0;
  // Population counts of the municipalities summed up for their parents.
  std::map<std::string, std::int64_t> sums;
  while (std::getline(in, raw)) {
    ++line;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (raw.empty()) continue;
    std::string_view record = raw;  // positions count bytes of the ISO-8859-1 record
    if (record.size() < 128) {
      return ImportError{path, line,
                         "expected a fixed-width record of 220 characters, found " + std::to_string(record.size())};
    }
    std::string_view type = field(record, 1, 2);
    std::string_view key = field(record, 11, 18);
    std::string stand(field(record, 3, 10));
    // The name is cut from the Latin-1 record, then converted.
    std::string name(trim(*text::to_utf8(field(record, 23, 72), text::Encoding::latin1)));
    std::string_view text_key = field(record, 123, 124);
    Region r;
    r.name = name;
    r.source = "GV100AD " + stand.substr(6, 2) + "." + stand.substr(4, 2) + "." + stand.substr(0, 4);
    if (type == "10") {
      r.code = std::string(key.substr(0, 2));
      r.level = RegionLevel::state;
      r.parent = "DG";
    } else if (type == "20") {
      r.code = std::string(key.substr(0, 3));
      r.level = RegionLevel::district;
      r.parent = std::string(key.substr(0, 2));
    } else if (type == "40") {
      r.code = std::string(key.substr(0, 5));
      r.level = RegionLevel::county;
      std::string district(key.substr(0, 3));
      r.parent = regions.find(district) ? district : std::string(key.substr(0, 2));
      r.kind = std::string(county_kind(text_key));
    } else if (type == "60") {
      r.code = std::string(key);
      r.level = RegionLevel::municipality;
      r.parent = std::string(key.substr(0, 5));
      r.kind = std::string(municipality_kind(text_key));
      if (auto ha = number_field(field(record, 129, 139))) r.area_km2 = static_cast<double>(*ha) / 100.0;
      if (auto people = number_field(field(record, 140, 150))) {
        r.population = *people;
        // GV100AD of 30.09. carries the population of the previous 31.12.
        int year = std::stoi(stand.substr(0, 4)) - (stand.substr(4, 2) == "12" ? 0 : 1);
        r.population_date = std::to_string(year) + "-12-31";
        for (std::size_t len : {5u, 3u, 2u}) sums[r.code.substr(0, len)] += *people;
        sums["DG"] += *people;
      }
    } else {
      continue;  // Regionen (BaWü) and Gemeindeverbände are not statistics regions here
    }
    if (!all_digits(r.code)) {
      return ImportError{path, line, "expected a numeric Regionalschlüssel, found '" + r.code + "'"};
    }
    regions.add(std::move(r));
  }
  for (const auto& [code, people] : sums) {
    Region* r = regions.find_mutable(code);
    if (!r || r->level == RegionLevel::municipality || r->population) continue;
    r->population = people;
    for (const auto& child : regions.regions()) {
      if (child.level == RegionLevel::municipality && !child.population_date.empty()) {
        r->population_date = child.population_date;
        break;
      }
    }
  }
  if (line == 0) return ImportError{path, 1, "empty file: expected GV100AD records"};
  return {};
}

Result<void> read_nrw_municipalities(const std::string& path, RegionRegister& regions) {
  auto table = parse_file(path);
  if (!table) return table.error();
  // Columns: population, area (qkm), density.
  std::optional<std::uint32_t> population, area;
  for (std::uint32_t i = 0; i < table->series_specs.size(); ++i) {
    const auto& unit = table->series_specs[i].unit;
    if (unit == "Anzahl" && !population) population = i;
    if (unit == "qkm" && !area) area = i;
  }
  if (!population) return ImportError{path, 0, "expected a population column (unit Anzahl)"};
  std::map<std::uint32_t, const Cell*> people, km2;
  for (const auto& c : table->cells) {
    if (c.series == *population) people[c.region] = &c;
    if (area && c.series == *area) km2[c.region] = &c;
  }
  for (std::uint32_t i = 0; i < table->region_list.size(); ++i) {
    const Region& listed = table->region_list[i];
    const Cell* p = people.count(i) ? people[i] : nullptr;
    if (!p || !p->has_value) continue;  // historic areas are listed with "-"
    Region* r = regions.find_mutable(listed.code);
    if (!r) {
      Region added;
      added.code = listed.code;
      added.level = listed.level;
      added.parent = regions.nearest_ancestor(listed.code) ? regions.nearest_ancestor(listed.code)->code : "";
      r = &regions.add(std::move(added));
    }
    r->name = listed.name;
    r->population = static_cast<std::int64_t>(p->value);
    r->population_date = table->period_list[p->period].key();
    if (km2.count(i) && km2[i]->has_value) r->area_km2 = km2[i]->value;
    r->source = "IT.NRW 12411-15i";
  }
  return {};
}

Result<void> read_region_changes(const std::string& path, RegionRegister& regions) {
  auto content = text::read_file(path);
  if (!content) return ImportError{path, 0, "cannot open the list of region changes"};
  text::CsvReader reader(*content, text::CsvOptions{';', '"'});
  if (!reader.next() || reader.size() < 6 || trim(reader[0]) != "code") {
    return ImportError{path, 1, "expected the header 'code;name;valid_from;valid_to;successor;source'"};
  }
  auto is_date = [](std::string_view d) { return d.empty() || text::parse_iso_date(d).has_value(); };
  while (reader.next()) {
    if (reader.size() == 1 && trim(reader[0]).empty()) continue;
    if (reader.size() < 6)
      return ImportError{path, reader.line(), "expected code;name;valid_from;valid_to;successor;source"};
    const std::string code(trim(reader[0]));
    const auto level = level_of_code(code);
    if (!level || *level == RegionLevel::aggregate) {
      return ImportError{path, reader.line(), "'" + code + "' is not an official region code"};
    }
    const std::string from(trim(reader[2])), to(trim(reader[3])), successor(trim(reader[4]));
    if (!is_date(from) || !is_date(to)) return ImportError{path, reader.line(), "expected ISO dates (YYYY-MM-DD)"};
    Region* r = regions.find_mutable(code);
    if (!r) {
      if (to.empty()) return ImportError{path, reader.line(), "unknown region '" + code + "' without valid_to"};
      Region added;
      added.code = code;
      added.level = *level;
      const Region* parent = regions.nearest_ancestor(code);
      added.parent = parent ? parent->code : "";
      r = &regions.add(std::move(added));
      r->name = std::string(trim(reader[1]));
    }
    r->valid_from = from;
    r->valid_to = to;
    r->successor = successor;
    r->provisional = false;
    r->source = std::string(trim(reader[5]));
  }
  return {};
}

Result<void> read_ruhr_members(const std::string& path, RegionRegister& regions) {
  const auto content = text::read_file(path);
  if (!content) return ImportError{path, 0, "cannot open the list of Ruhr municipalities"};
  text::CsvReader reader(*content, text::CsvOptions{';', '"'});
  if (!reader.next() || reader.size() < 3 || trim(reader[0]) != "ags") {
    return ImportError{path, 1, "expected the header 'ags;name;kreis_ags;kind'"};
  }
  std::vector<std::string> members;
  std::set<std::string> counties;
  while (reader.next()) {
    if (reader.size() == 1 && trim(reader[0]).empty()) continue;
    if (reader.size() < 3) return ImportError{path, reader.line(), "expected ags;name;kreis_ags;kind"};
    std::string ags(trim(reader[0]));
    std::string county(trim(reader[2]));
    if (!regions.find(ags)) {
      return ImportError{path, reader.line(), "unknown region code '" + ags + "'"};
    }
    if (!regions.find(county)) {
      return ImportError{path, reader.line(), "unknown region code '" + county + "'"};
    }
    members.push_back(ags);
    if (counties.insert(county).second) members.push_back(county);
  }
  if (members.empty()) return ImportError{path, 2, "header without data"};
  Region ruhr;
  ruhr.code = "ruhr";
  ruhr.name = "Metropole Ruhr";
  ruhr.level = RegionLevel::aggregate;
  ruhr.parent = "05";
  ruhr.source = "Regionalverband Ruhr";
  regions.add(ruhr);
  regions.set_members("ruhr", std::move(members));
  return {};
}

Result<RegionRegister> load_region_files(const std::string& data_dir) {
  RegionRegister regions;
  RF_TRY(read_gv100ad(data_dir + "/regions/GV100AD_300918.ASC", regions));
  RF_TRY(read_nrw_municipalities(data_dir + "/regions/12411-15i.csv", regions));
  if (std::filesystem::exists(data_dir + "/regions/region_changes.csv")) {
    RF_TRY(read_region_changes(data_dir + "/regions/region_changes.csv", regions));
  }
  RF_TRY(read_ruhr_members(data_dir + "/regions/rvr_municipalities.csv", regions));
  add_aggregates(regions);
  return regions;
}

}  // namespace rf::monitor
