// Computes catalogue indicators from the cube for any region and period.
//
// For a region R and period P the engine takes the first source of the
// indicator whose main dataset has data for P and can serve R:
//   - directly, when the dataset has cells for R itself;
//   - through members otherwise (those valid in the period: a Kreis retired
//     by a reform counts before it, its successor after; a value over
//     members from before a reform is flagged with a note): the Kreise of an aggregate (Ruhr, Rheinland
//     ohne Ruhr …) or of a Land/Regierungsbezirk/Germany, or their Gemeinden
//     when the dataset is published for Gemeinden only (schools); a dataset
//     covering less than half of the members does not serve the region.
// Counts: scale × Σ_m numerator(m) / Σ_m denominator(m) (see aggregate.hpp).
// Published rates: the region's own rate, else Σ_m rate(m)·w(m) / Σ_m w(m)
// with the weight from the period nearest in years, flagged "e".
// A member whose cells are secret or missing makes the aggregate unknown
// ("."), with the members listed: never a value from the rest.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "monitor/engine/catalogue.hpp"
#include "monitor/engine/cube.hpp"
#include "monitor/indicators.hpp"
#include "monitor/model/region.hpp"

namespace rf::monitor {

struct MemberValue;

// An expression with its references resolved to cube series.
struct CompiledExpr {
  const Expression* expression = nullptr;
  std::vector<std::vector<std::uint32_t>> series;  // per reference
  int dataset = -1;                                // cube dataset of the first reference
  std::vector<std::uint16_t> periods;              // periods with cells of the first reference, sorted
  std::string source;                              // Engine::source_text, written once (not per value)
};

class Engine {
 public:
  Engine(Catalogue catalogue, Cube cube, RegionRegister regions);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Catalogue& catalogue() const { return catalogue_; }
  const Cube& cube() const { return cube_; }
  const RegionRegister& regions() const { return regions_; }

  IndicatorValue value(const IndicatorDef& def, std::string_view region, std::string_view period,
                       const BreakdownGroup& breakdown = {}) const;
  // value() of each region (codes or aliases) for one period, in order. The
  // regions a source serves with their own cells (every Gemeinde of a map) are
  // evaluated together, each series read once for all of them; the others as
  // by value(). The results are the same as region by region.
  std::vector<IndicatorValue> values(const IndicatorDef& def, const std::vector<std::string>& regions,
                                     std::string_view period, const BreakdownGroup& breakdown = {}) const;
  // Period keys with data, oldest first.
  std::vector<std::string> periods(const IndicatorDef& def) const;
  // Resolves a period given as key, German text or bare year ("2024" for
  // "2024-12-31" when that is the only period of that year); nullopt if none.
  std::optional<std::string> resolve_period(const IndicatorDef& def, std::string_view text) const;
  // The canonical code of a region code or alias; nullopt when unknown.
  std::optional<std::string> resolve_region(std::string_view code_or_alias) const;
  // The 15 Kreise/kreisfreie Städte of the Ruhr, by code.
  const std::vector<std::string>& ruhr_kreise() const { return ruhr_kreise_; }

  // Problems of a catalogue against the loaded datasets (unknown datasets,
  // references matching no series, totals mixed with their parts).
  static void check_against_cube(const Catalogue& catalogue, const Cube& cube, std::vector<std::string>& errors,
                                 std::vector<std::string>& warnings);

 private:
  struct Members {
    std::vector<std::uint32_t> ids;  // cube region ids
    bool direct = false;
  };
  // What value() evaluates for a region and period: the first source whose
  // main dataset has the period and serves the region, with its members.
  struct Choice {
    const IndicatorSource* source = nullptr;
    const SourceExprs* exprs = nullptr;
    Members members;
  };
  // The sums evaluate_counts combines: numerator, denominator, excluded.
  struct CountSums;
  void compile(const Expression& e);
  void collect_periods();
  const CompiledExpr* compiled(const Expression& e) const;
  // The members valid in `year` (Gebietsstand of the period) when given.
  Members members(std::string_view region, int dataset, std::optional<int> year = std::nullopt) const;
  // A note when a region's area changed within the indicator's series ("" if none).
  std::string area_change_note(const Region& region, const Members& members, std::optional<int> year) const;
  // The period id of a period text for the indicator; nullopt when it has none.
  std::optional<std::uint16_t> period_id(const IndicatorDef& def, std::string_view period) const;
  // The choice for a region (canonical code); `served` tells whether any
  // source serves the region at all (for the message when none is chosen).
  std::optional<Choice> choose(const IndicatorDef& def, const std::string& region, std::optional<std::uint16_t> period,
                               const BreakdownGroup& breakdown, bool& served) const;
  IndicatorValue counts_value(const IndicatorSource& source, const SourceExprs& exprs, const Members& members,
                              const CountSums& sums, bool has_denominator, bool has_excluded) const;
  IndicatorValue direct_rate_value(const IndicatorSource& source, const CompiledExpr& rate, const MemberValue& v) const;
  IndicatorValue evaluate_counts(const IndicatorDef& def, const IndicatorSource& source, const SourceExprs& exprs,
                                 const Members& members, std::uint16_t period) const;
  IndicatorValue evaluate_rate(const IndicatorDef& def, const IndicatorSource& source, const SourceExprs& exprs,
                               const Members& members, std::uint16_t period) const;
  std::string source_text(const CompiledExpr& e) const;

  Catalogue catalogue_;
  Cube cube_;
  RegionRegister regions_;
  std::unordered_map<const Expression*, CompiledExpr> compiled_;
  std::unordered_map<const IndicatorDef*, std::vector<std::string>> periods_;
  // Kreise and Gemeinden below each non-municipal region and aggregate (cube ids).
  std::unordered_map<std::string, std::vector<std::uint32_t>> county_members_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> municipal_members_;
  std::vector<std::string> ruhr_kreise_;
  // Regions with a validity (reforms), by cube id (nullptr for the others):
  // members outside their validity are left out of the aggregates of a period.
  // A vector: members() looks up every member of Germany's ~11,000 Gemeinden.
  std::vector<const Region*> dated_members_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> predecessors_;  // successor → retired
};

}  // namespace rf::monitor
