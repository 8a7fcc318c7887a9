// What the report asks of the statistics: the monitor's IndicatorView behind
// a small interface, so that the report can be rendered and tested on fixed
// values (tests/unit/report_fake_data.hpp) as well as on the real cube
// (monitor_data.hpp). Implementations must be safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/indicators.hpp"

namespace rf::report {

class Data {
 public:
  virtual ~Data() = default;

  virtual const monitor::IndicatorInfo* indicator(std::string_view id) const = 0;
  virtual monitor::IndicatorValue value(std::string_view indicator, std::string_view region, std::string_view period,
                                        const monitor::BreakdownGroup& breakdown) const = 0;
  // The values of one region over all periods of the indicator, oldest first.
  virtual std::vector<monitor::SeriesPoint> series(std::string_view indicator, std::string_view region,
                                                   const monitor::BreakdownGroup& breakdown) const = 0;
  // Every period with data for the indicator, oldest first.
  virtual std::vector<std::string> periods(std::string_view indicator) const = 0;
  // The newest period in which `region` has a value.
  virtual std::optional<std::string> latest_period(std::string_view indicator, std::string_view region) const = 0;

  virtual std::optional<monitor::RegionInfo> region(std::string_view code_or_alias) const = 0;
  // The 15 Kreise and kreisfreie Städte of the Ruhr, by code.
  virtual std::vector<monitor::RegionInfo> ruhr_kreise() const = 0;
  // The 53 municipalities of the Ruhr, by code (parent = their Kreis).
  virtual std::vector<monitor::RegionInfo> ruhr_municipalities() const = 0;
  // Every Kreis of NRW (for maps that show the Ruhr within the Land).
  virtual std::vector<monitor::RegionInfo> nrw_kreise() const = 0;

  // A period key as German text ("31.12.2024", "2024/25").
  virtual std::string period_label(std::string_view period_key) const = 0;
};

}  // namespace rf::report
