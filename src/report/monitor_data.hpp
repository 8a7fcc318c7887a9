// The report's Data over the monitor's IndicatorView (the in-memory cube).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "monitor/indicators.hpp"
#include "report/data.hpp"

namespace rf::report {

// A region name for texts: "Wesel, Kreis" → "Kreis Wesel", "Duisburg, krfr.
// Stadt" → "Duisburg", "Castrop-Rauxel, Stadt" → "Castrop-Rauxel".
std::string display_region_name(std::string_view official);

class MonitorData : public Data {
 public:
  // `municipalities_csv`: data/regions/rvr_municipalities.csv (the 53 members
  // of the Ruhr — the IndicatorView lists only the 15 Kreise);
  // `nrw_kreise`: the codes of all Kreise of NRW (from the map).
  MonitorData(monitor::IndicatorView view, const std::filesystem::path& municipalities_csv,
              std::vector<std::string> nrw_kreise);

  const monitor::IndicatorInfo* indicator(std::string_view id) const override;
  monitor::IndicatorValue value(std::string_view indicator, std::string_view region, std::string_view period,
                                const monitor::BreakdownGroup& breakdown) const override;
  std::vector<monitor::SeriesPoint> series(std::string_view indicator, std::string_view region,
                                           const monitor::BreakdownGroup& breakdown) const override;
  std::vector<std::string> periods(std::string_view indicator) const override;
  std::optional<std::string> latest_period(std::string_view indicator, std::string_view region) const override;
  std::optional<monitor::RegionInfo> region(std::string_view code_or_alias) const override;
  std::vector<monitor::RegionInfo> ruhr_kreise() const override;
  std::vector<monitor::RegionInfo> ruhr_municipalities() const override;
  std::vector<monitor::RegionInfo> nrw_kreise() const override;
  std::string period_label(std::string_view period_key) const override;

 private:
  monitor::RegionInfo named(monitor::RegionInfo info) const;

  monitor::IndicatorView view_;
  std::vector<monitor::RegionInfo> kreise_;
  std::vector<monitor::RegionInfo> municipalities_;
  std::vector<monitor::RegionInfo> nrw_kreise_;
};

}  // namespace rf::report
