#include "monitor/model/region.hpp"

#include <algorithm>
#include <set>

#include "text/strings.hpp"

namespace rf::monitor {

using text::all_digits;

namespace {

// The Ruhr and the two NRW parts compared with it (Bildungsbericht Ruhr).
struct AggregateDefinition {
  const char* code;
  const char* name;
  std::vector<std::string> districts;  // Regierungsbezirke whose members count, minus the Ruhr
};

const std::vector<AggregateDefinition>& aggregate_definitions() {
  static const std::vector<AggregateDefinition> kDefinitions = {
      {"rheinland-ohne-ruhr", "Rheinland ohne Ruhr", {"051", "053"}},
      {"westfalen-ohne-ruhr", "Westfalen ohne Ruhr", {"055", "057", "059"}},
  };
  return kDefinitions;
}

const std::vector<std::string> kNoMembers;

}  // namespace

std::string_view level_name(RegionLevel level) {
  switch (level) {
    case RegionLevel::country: return "country";
    case RegionLevel::state: return "state";
    case RegionLevel::district: return "district";
    case RegionLevel::county: return "county";
    case RegionLevel::municipality: return "municipality";
    case RegionLevel::youth_office: return "youth_office";
    case RegionLevel::aggregate: return "aggregate";
  }
  return "?";
}

std::optional<RegionLevel> parse_level_name(std::string_view name) {
  for (auto level : {RegionLevel::country, RegionLevel::state, RegionLevel::district, RegionLevel::county,
                     RegionLevel::municipality, RegionLevel::youth_office, RegionLevel::aggregate}) {
    if (level_name(level) == name) return level;
  }
  return std::nullopt;
}

bool Region::valid_in(int year) const {
  const std::string end_of_year = std::to_string(year) + "-12-31";
  if (!valid_from.empty() && valid_from > end_of_year) return false;
  if (!valid_to.empty() && valid_to < end_of_year) return false;
  return true;
}

std::optional<RegionLevel> level_of_code(std::string_view code) {
  if (code == "DG") return RegionLevel::country;
  if (code.size() == 10 && code.starts_with("JH") && all_digits(code.substr(2))) {
    return RegionLevel::youth_office;
  }
  if (!all_digits(code)) return std::nullopt;
  switch (code.size()) {
    case 2: return RegionLevel::state;
    case 3: return RegionLevel::district;
    case 5: return RegionLevel::county;
    case 8: return RegionLevel::municipality;
    default: return std::nullopt;
  }
}

Region& RegionRegister::add(Region region) {
  if (auto it = index_.find(region.code); it != index_.end()) {
    Region& existing = regions_[it->second];
    existing = std::move(region);
    return existing;
  }
  index_.emplace(region.code, regions_.size());
  regions_.push_back(std::move(region));
  return regions_.back();
}

void RegionRegister::add_alias(std::string alias, std::string code) { aliases_[std::move(alias)] = std::move(code); }

void RegionRegister::set_members(const std::string& aggregate, std::vector<std::string> members) {
  members_[aggregate] = std::move(members);
}

const Region* RegionRegister::find(std::string_view code) const {
  if (auto it = index_.find(code); it != index_.end()) return &regions_[it->second];
  if (auto alias = aliases_.find(std::string(code)); alias != aliases_.end()) {
    if (auto it = index_.find(alias->second); it != index_.end()) return &regions_[it->second];
  }
  return nullptr;
}

Region* RegionRegister::find_mutable(std::string_view code) {
  return const_cast<Region*>(static_cast<const RegionRegister*>(this)->find(code));
}

const Region* RegionRegister::nearest_ancestor(std::string_view code) const {
  std::string_view digits = code.starts_with("JH") ? code.substr(2) : code;
  if (!all_digits(digits)) return nullptr;
  if (digits.size() > 5 || code.starts_with("JH")) {
    if (digits.size() >= 5) {
      if (const Region* r = find(digits.substr(0, 5))) return r;
    }
  }
  if (digits.size() > 3) {
    if (const Region* r = find(digits.substr(0, 3))) return r;
  }
  if (digits.size() > 2) {
    if (const Region* r = find(digits.substr(0, 2))) return r;
  }
  if (digits.size() == 2) return find("DG");
  return nullptr;
}

const std::vector<std::string>& RegionRegister::members(std::string_view aggregate) const {
  const Region* r = find(aggregate);
  if (!r) return kNoMembers;
  auto it = members_.find(r->code);
  return it == members_.end() ? kNoMembers : it->second;
}

std::vector<const Region*> RegionRegister::children(std::string_view code) const {
  std::vector<const Region*> out;
  for (const auto& r : regions_) {
    if (r.parent == code) out.push_back(&r);
  }
  return out;
}

std::string normalize_region_name(std::string_view name) {
  std::string s;
  s.reserve(name.size());
  // Lower case, including the German capitals (UTF-8 Ä Ö Ü).
  for (std::size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      unsigned char d = static_cast<unsigned char>(name[i + 1]);
      if (d == 0x84 || d == 0x96 || d == 0x9C) d += 0x20;  // Ä Ö Ü → ä ö ü
      s.push_back(static_cast<char>(c));
      s.push_back(static_cast<char>(d));
      ++i;
      continue;
    }
    s.push_back(static_cast<char>(std::tolower(c)));
  }
  // Drop parenthesised remarks: "Städteregion Aachen (einschl. Stadt Aachen)".
  std::string without;
  int depth = 0;
  for (char c : s) {
    if (c == '(')
      ++depth;
    else if (c == ')' && depth > 0)
      --depth;
    else if (depth == 0)
      without.push_back(c);
  }
  // "a.d.Ruhr" → "an der ruhr"
  for (std::size_t pos; (pos = without.find("a.d.")) != std::string::npos;) {
    without.replace(pos, 4, " an der ");
  }
  static const std::set<std::string> kDrop = {"kreis",
                                              "stadt",
                                              "krfr.",
                                              "kreisfreie",
                                              "landkreis",
                                              "hansestadt",
                                              "landeshauptstadt",
                                              "gemeinde",
                                              "regierungsbezirk",
                                              "kreisangehörige"};
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!kDrop.count(word)) {
      for (std::string_view ending : {"ischen", "ischer", "isches", "ische"}) {
        if (word.size() > ending.size() + 2 && word.ends_with(ending)) {
          word.erase(word.size() - ending.size());
          word += "isch";
          break;
        }
      }
      if (!out.empty()) out.push_back(' ');
      out += word;
    }
    word.clear();
  };
  for (char c : without) {
    if (c == ' ' || c == ',' || c == '/' || c == '\t') {
      flush();
    } else {
      word.push_back(c);
    }
  }
  flush();
  return out;
}

const Region* RegionRegister::find_by_name(std::string_view name, RegionLevel level, std::string_view within) const {
  std::string wanted = normalize_region_name(name);
  if (wanted.empty()) return nullptr;
  const Region* found = nullptr;
  for (const auto& r : regions_) {
    if (r.level != level || !r.code.starts_with(within)) continue;
    if (normalize_region_name(r.name) != wanted) continue;
    // Current register entries before provisional and historic ones.
    auto rank = [](const Region& x) { return (x.provisional ? 2 : 0) + (x.historic() ? 1 : 0); };
    if (!found || rank(r) < rank(*found)) found = &r;
  }
  return found;
}

void add_aggregates(RegionRegister& regions) {
  std::set<std::string> ruhr(regions.members("ruhr").begin(), regions.members("ruhr").end());
  for (const auto& def : aggregate_definitions()) {
    std::vector<std::string> members;
    for (const auto& r : regions.regions()) {
      if (r.level != RegionLevel::county && r.level != RegionLevel::municipality) continue;
      if (r.provisional || r.historic() || ruhr.count(r.code)) continue;
      bool inside = false;
      for (const auto& d : def.districts) inside = inside || r.code.starts_with(d);
      if (inside) members.push_back(r.code);
    }
    Region aggregate;
    aggregate.code = def.code;
    aggregate.name = def.name;
    aggregate.level = RegionLevel::aggregate;
    aggregate.parent = "05";
    aggregate.source = "Regierungsbezirke ohne die Mitglieder des Regionalverbands Ruhr";
    regions.add(aggregate);
    regions.set_members(def.code, std::move(members));
  }
  // Population of each aggregate from its Kreise (all of them must be known).
  for (const char* code : {"ruhr", "rheinland-ohne-ruhr", "westfalen-ohne-ruhr"}) {
    Region* aggregate = regions.find_mutable(code);
    if (!aggregate) continue;
    std::int64_t sum = 0;
    bool complete = true;
    std::string date;
    for (const auto& m : regions.members(code)) {
      const Region* r = regions.find(m);
      if (!r || r->level != RegionLevel::county) continue;
      if (!r->population)
        complete = false;
      else
        sum += *r->population;
      date = r->population_date;
    }
    if (complete && sum > 0) {
      aggregate->population = sum;
      aggregate->population_date = date;
    }
  }
  regions.add_alias("nrw", "05");
  regions.add_alias("NRW", "05");
  regions.add_alias("de", "DG");
}

}  // namespace rf::monitor
