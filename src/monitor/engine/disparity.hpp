// Disparities: the gap (in the indicator's unit, percentage points for "%")
// and the ratio between two groups of the same indicator and period —
// female/male, Ruhr/NRW, one Kreis/Ruhr, Sozialindex ≥ 6 / < 6.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "monitor/indicators.hpp"

namespace rf::monitor {

struct Comparison {
  std::string label_a, label_b;
  IndicatorValue a, b;
  std::optional<double> gap;    // a − b
  std::optional<double> ratio;  // a / b
};

// Two values already computed (of regions or groups), with their labels.
Comparison compare(IndicatorValue a, IndicatorValue b, std::string label_a, std::string label_b);
// Two regions (codes or aliases), optionally within a breakdown group.
Comparison compare_regions(const IndicatorView& view, std::string_view indicator, std::string_view region_a,
                           std::string_view region_b, std::string_view period, const BreakdownGroup& group = {});
// Two groups of one breakdown dimension in one region ("sex": "female" vs "male").
Comparison compare_groups(const IndicatorView& view, std::string_view indicator, std::string_view region,
                          std::string_view period, std::string_view dimension, std::string_view group_a,
                          std::string_view group_b);

// "Abstand 1,3 Prozentpunkte, Verhältnis 1,21" (German, for pages).
std::string describe_gap(const Comparison& c, std::string_view unit, int decimals);

}  // namespace rf::monitor
