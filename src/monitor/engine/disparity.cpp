#include "monitor/engine/disparity.hpp"

#include <cmath>

#include "monitor/engine/indicator_state.hpp"
#include "text/number.hpp"

namespace rf::monitor {

Comparison compare(IndicatorValue a, IndicatorValue b, std::string label_a, std::string label_b) {
  Comparison c;
  c.gap = gap(a, b);
  c.ratio = ratio(a, b);
  c.a = std::move(a);
  c.b = std::move(b);
  c.label_a = std::move(label_a);
  c.label_b = std::move(label_b);
  return c;
}

Comparison compare_regions(const IndicatorView& view, std::string_view indicator, std::string_view region_a,
                           std::string_view region_b, std::string_view period, const BreakdownGroup& group) {
  auto name = [&view](std::string_view code) {
    auto r = view.region(code);
    return r ? r->name : std::string(code);
  };
  return compare(view.value(indicator, region_a, period, group), view.value(indicator, region_b, period, group),
                 name(region_a), name(region_b));
}

Comparison compare_groups(const IndicatorView& view, std::string_view indicator, std::string_view region,
                          std::string_view period, std::string_view dimension, std::string_view group_a,
                          std::string_view group_b) {
  BreakdownGroup a{std::string(dimension), std::string(group_a)};
  BreakdownGroup b{std::string(dimension), std::string(group_b)};
  std::string label_a(group_a), label_b(group_b);
  if (view.state()) {
    if (const auto* def = engine_of(view).catalogue().find(indicator)) {
      label_a = def->group_label(a);
      label_b = def->group_label(b);
    }
  }
  return compare(view.value(indicator, region, period, a), view.value(indicator, region, period, b), std::move(label_a),
                 std::move(label_b));
}

std::string describe_gap(const Comparison& c, std::string_view unit, int decimals) {
  if (!c.gap) return "Abstand nicht berechenbar";
  std::string g = text::format_number(*c.gap, decimals);
  if (*c.gap > 0) g = "+" + g;
  std::string out = "Abstand " + g + (unit == "%" ? " Prozentpunkte" : " " + std::string(unit));
  if (c.ratio) out += ", Verhältnis " + text::format_number(*c.ratio, 2);
  return out;
}

}  // namespace rf::monitor
