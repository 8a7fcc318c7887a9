// Turns the arguments of a directive into things of the statistics: an
// indicator, regions (codes, aliases, named sets, profile variables), a
// period (key, named period, "neueste") and a breakdown group. Every failure
// is reported at the directive's FILE:LINE — as an error in strict mode, as a
// warning otherwise — and gives nullopt, so callers render a placeholder.
//
// Region arguments accept a comma list of
//   codes and aliases  05513, ruhr, nrw, rheinland-ohne-ruhr, westfalen-ohne-ruhr
//   named sets         those of report.yaml `regions:`, plus the built-in
//                      kreise (the 15 of the Ruhr), gemeinden (the 53),
//                      nrw-kreise (all Kreise of NRW)
//   profile variables  $region (the profile's region), $kreis (its Kreis or
//                      itself), $gemeinden (the municipalities of $kreis)
// Period arguments accept a key or text ("2023", "31.12.2024", "2024/25"), a
// name from report.yaml `periods:`, or `neueste` (the newest with a value).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/indicators.hpp"
#include "report/data.hpp"
#include "report/definition.hpp"
#include "report/diagnostics.hpp"
#include "report/directive.hpp"

namespace rf::report {

// The region a profile is about.
struct ProfileRegion {
  monitor::RegionInfo region;
  monitor::RegionInfo kreis;  // the region itself for a Kreis
  bool is_kreis = true;
};

class Resolver {
 public:
  Resolver(const ReportDefinition& definition, const Data& data, Diagnostics& diagnostics,
           const ProfileRegion* profile = nullptr)
      : def_(definition), data_(data), diag_(diagnostics), profile_(profile) {}

  const Data& data() const { return data_; }
  const ReportDefinition& definition() const { return def_; }
  Diagnostics& diagnostics() const { return diag_; }
  const ProfileRegion* profile() const { return profile_; }

  // A required argument; reports "Argument „key“ fehlt" when absent.
  std::optional<std::string> require(const Directive& d, std::string_view key) const;

  const monitor::IndicatorInfo* indicator(const Directive& d, std::string_view id) const;
  // `indikator=` of the directive.
  const monitor::IndicatorInfo* indicator(const Directive& d) const;

  std::optional<monitor::RegionInfo> region(const Directive& d, std::string_view spec) const;
  // A comma list of regions and sets, in order, without duplicates; empty on error.
  std::vector<monitor::RegionInfo> regions(const Directive& d, std::string_view spec) const;

  // The period key for `spec`; "neueste" takes the newest period with a
  // value for `region` (or, for a list, any of them).
  std::optional<std::string> period(const Directive& d, const monitor::IndicatorInfo& indicator, std::string_view spec,
                                    std::string_view region = "ruhr") const;
  // Periods of the indicator between `from` and `to` (inclusive; empty = open).
  std::vector<std::string> period_range(const Directive& d, const monitor::IndicatorInfo& indicator,
                                        std::string_view from, std::string_view to) const;

  // `gruppe=dimension:group` (e.g. sex:female); {} when absent.
  std::optional<monitor::BreakdownGroup> breakdown(const Directive& d, const monitor::IndicatorInfo& indicator) const;

  // Region name for texts; "Kreis Recklinghausen" style for Kreise.
  std::string region_name(const monitor::RegionInfo& region) const;

 private:
  std::optional<std::vector<std::string>> expand_set(std::string_view name) const;

  const ReportDefinition& def_;
  const Data& data_;
  Diagnostics& diag_;
  const ProfileRegion* profile_;
};

// German label of a breakdown group ("weiblich" for sex:female).
std::string group_label(const monitor::BreakdownGroup& breakdown);

// Splits "a,b, c" into its trimmed, non-empty parts.
std::vector<std::string> split_list(std::string_view text);

}  // namespace rf::report
