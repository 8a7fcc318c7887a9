#include "report/monitor_data.hpp"

#include "text/german.hpp"

#include <algorithm>

#include "report/definition.hpp"
#include "text/csv.hpp"
#include "text/files.hpp"

namespace rf::report {

MonitorData::MonitorData(monitor::IndicatorView view, const std::filesystem::path& municipalities_csv,
                         std::vector<std::string> nrw_kreise)
    : view_(std::move(view)) {
  for (auto& k : view_.ruhr_kreise()) kreise_.push_back(named(std::move(k)));
  if (auto text = text::read_file(municipalities_csv)) {
    text::CsvReader reader(*text);
    bool header = true;
    while (reader.next()) {
      if (header) {
        header = false;
        continue;
      }
      if (reader.size() < 3) continue;
      std::string code(reader[0]);
      monitor::RegionInfo info;
      if (auto r = view_.region(code)) {
        info = *r;
      } else {
        info = {code, std::string(reader[1]), "municipality", std::string(reader[2])};
      }
      if (info.parent.size() > 5) info.parent = info.parent.substr(0, 5);
      if (info.parent.empty()) info.parent = std::string(reader[2]);
      municipalities_.push_back(named(std::move(info)));
    }
  }
  std::sort(municipalities_.begin(), municipalities_.end(),
            [](const auto& a, const auto& b) { return a.code < b.code; });
  std::sort(nrw_kreise.begin(), nrw_kreise.end());
  for (const auto& code : nrw_kreise) {
    if (auto r = view_.region(code)) nrw_kreise_.push_back(named(*r));
  }
}

monitor::RegionInfo MonitorData::named(monitor::RegionInfo info) const {
  info.name = display_region_name(info.name);
  return info;
}

std::string display_region_name(std::string_view official) { return text::place_name(official); }

const monitor::IndicatorInfo* MonitorData::indicator(std::string_view id) const { return view_.find(id); }

monitor::IndicatorValue MonitorData::value(std::string_view indicator, std::string_view region, std::string_view period,
                                           const monitor::BreakdownGroup& breakdown) const {
  return view_.value(indicator, region, period, breakdown);
}

std::vector<monitor::SeriesPoint> MonitorData::series(std::string_view indicator, std::string_view region,
                                                      const monitor::BreakdownGroup& breakdown) const {
  return view_.series(indicator, region, breakdown);
}

std::vector<std::string> MonitorData::periods(std::string_view indicator) const { return view_.periods(indicator); }

std::optional<std::string> MonitorData::latest_period(std::string_view indicator, std::string_view region) const {
  return view_.latest_period(indicator, region);
}

std::optional<monitor::RegionInfo> MonitorData::region(std::string_view code_or_alias) const {
  auto r = view_.region(code_or_alias);
  if (!r) return std::nullopt;
  return named(std::move(*r));
}

std::vector<monitor::RegionInfo> MonitorData::ruhr_kreise() const { return kreise_; }
std::vector<monitor::RegionInfo> MonitorData::ruhr_municipalities() const { return municipalities_; }
std::vector<monitor::RegionInfo> MonitorData::nrw_kreise() const { return nrw_kreise_; }

std::string MonitorData::period_label(std::string_view period_key) const {
  return monitor::IndicatorView::period_label(period_key);
}

}  // namespace rf::report
