// The region register: every area statistics are published for, identified
// by its official code (Amtlicher/Regionaler Schlüssel):
//   DG        Germany
//   05        Land (2 digits)
//   051       Regierungsbezirk (3 digits)
//   05513     Kreis or kreisfreie Stadt (5 digits)
//   05513000  Gemeinde (8 digits, AGS)
// plus youth-welfare offices (JH + 8 digits, as IT.NRW publishes them) and
// aggregates defined by membership, whose code is a slug: "ruhr",
// "rheinland-ohne-ruhr", "westfalen-ohne-ruhr". Aliases map other slugs to
// codes ("nrw" → "05").
//
// The register is filled from the project's data/ folder by
// import/region_files.hpp.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rf::monitor {

enum class RegionLevel : std::uint8_t {
  country,       // DG
  state,         // Land
  district,      // Regierungsbezirk
  county,        // Kreis / kreisfreie Stadt
  municipality,  // Gemeinde
  youth_office,  // Jugendamt (JH…)
  aggregate,     // defined by members
};

std::string_view level_name(RegionLevel level);  // "country", "state", …
std::optional<RegionLevel> parse_level_name(std::string_view name);

struct Region {
  std::string code;
  std::string name;
  RegionLevel level = RegionLevel::municipality;
  std::string parent;  // code of the parent region, "" for Germany and aggregates
  std::string kind;    // e.g. "Kreisfreie Stadt", "Kreis", "Stadt" (GV100AD text key)
  std::optional<std::int64_t> population;
  std::string population_date;  // ISO date the population refers to
  std::optional<double> area_km2;
  // True for regions taken from a statistics file because the register does
  // not know them (historic Kreise, Berlin districts, newer municipalities).
  bool provisional = false;
  std::string source;   // where the entry comes from
  std::int64_t id = 0;  // database id once stored
  // Validity (data/regions/region_changes.csv): ISO dates, "" for open ends.
  // A historic region has valid_to and usually the successor's code.
  std::string valid_from;
  std::string valid_to;
  std::string successor;

  bool historic() const { return !valid_to.empty(); }
  // Whether the region exists on 31 December of `year` (the Gebietsstand of
  // a year's statistics).
  bool valid_in(int year) const;
};

// The shape of a code tells its level; nullopt for anything that is not a
// region code. Aggregates are not recognised here (they are slugs).
std::optional<RegionLevel> level_of_code(std::string_view code);

class RegionRegister {
 public:
  // Inserts or replaces the region with the same code; returns the stored entry.
  Region& add(Region region);
  void add_alias(std::string alias, std::string code);
  void set_members(const std::string& aggregate, std::vector<std::string> members);

  // By code or alias; nullptr when unknown.
  const Region* find(std::string_view code_or_alias) const;
  Region* find_mutable(std::string_view code_or_alias);
  // The closest registered region above `code` by code prefix (Kreis, then
  // Regierungsbezirk, then Land; DG for a Land). nullptr when none.
  const Region* nearest_ancestor(std::string_view code) const;
  // Members of an aggregate (codes of Kreise and Gemeinden), empty otherwise.
  const std::vector<std::string>& members(std::string_view aggregate) const;
  // Regions whose parent is `code`, in register order.
  std::vector<const Region*> children(std::string_view code) const;

  // In insertion order; references stay valid when regions are added.
  const std::deque<Region>& regions() const { return regions_; }
  const std::unordered_map<std::string, std::string>& aliases() const { return aliases_; }
  const std::unordered_map<std::string, std::vector<std::string>>& all_members() const { return members_; }
  std::size_t size() const { return regions_.size(); }

  // Finds a Kreis or Gemeinde by the name lists and directories use ("Kreis
  // Mettmann", "Stadt Mülheim a.d.Ruhr", "Märkischen Kreis", "Haan"): names
  // are compared after dropping "Kreis", "Stadt", "krfr." and the like.
  // `within` restricts the search to children of that region.
  const Region* find_by_name(std::string_view name, RegionLevel level, std::string_view within = {}) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::deque<Region> regions_;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> index_;
  std::unordered_map<std::string, std::string> aliases_;
  std::unordered_map<std::string, std::vector<std::string>> members_;
};

// Normalises a region name for matching (lower case, no "Kreis"/"Stadt"
// words, "a.d." → "an der", adjective endings unified).
std::string normalize_region_name(std::string_view name);

// Adds the aggregates "ruhr", "rheinland-ohne-ruhr", "westfalen-ohne-ruhr"
// (after read_ruhr_members, import/region_files.hpp) and the alias "nrw".
void add_aggregates(RegionRegister& regions);

}  // namespace rf::monitor
