// Trends of an indicator for one region: the change since a baseline and the
// streak of improving years, judged by the indicator's polarity.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/indicators.hpp"

namespace rf::monitor {

enum class Judgement { better, worse, stable, changed, unknown };  // changed: neutral polarity

struct Trend {
  std::optional<std::string> baseline_period;
  std::optional<std::string> latest_period;
  std::optional<double> baseline_value;
  std::optional<double> latest_value;
  std::optional<double> change;  // latest − baseline, in the indicator's unit
  int direction = 0;             // +1 rising, −1 falling, 0 stable or unknown
  Judgement judgement = Judgement::unknown;
  // Consecutive most recent steps between present values that improved
  // (for neutral indicators: that went in the latest direction).
  int streak = 0;
};

// `series` oldest first. The baseline is the first present value at or after
// `baseline_year` (default: the oldest present value). Changes smaller than
// half a unit of the last displayed decimal count as stable.
Trend compute_trend(const std::vector<SeriesPoint>& series, Polarity polarity, int decimals,
                    std::optional<int> baseline_year = std::nullopt);

// "↑" "↓" "→" and German text for the arrow ("gestiegen, günstige Entwicklung").
std::string_view trend_arrow(const Trend& trend);
std::string trend_text(const Trend& trend);
std::string_view judgement_class(Judgement j);  // CSS class: "better", "worse", …

}  // namespace rf::monitor
