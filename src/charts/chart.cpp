#include "charts/chart.hpp"

#include <cmath>

#include "text/number.hpp"

namespace rf::charts {

namespace {

// Colour-blind safe, each ≥ 3:1 against white (WCAG 1.4.11 for graphics).
constexpr std::string_view kColours[] = {"#0b5394", "#b35806", "#1b7837", "#762a83",
                                         "#a50f15", "#01665e", "#4d4d4d", "#8c510a"};
constexpr std::string_view kDashes[] = {"", "6 4", "2 3", "8 3 2 3", "", "6 4", "2 3", "8 3 2 3"};

}  // namespace

std::string_view series_colour(std::size_t index) { return kColours[index % std::size(kColours)]; }
std::string_view series_dash(std::size_t index) { return kDashes[index % std::size(kDashes)]; }

std::string format_value(double value, int decimals, std::string_view unit) {
  std::string out = text::format_number(value, decimals);
  // Short units follow the number ("7,7 %", "21.345 EUR"); long ones ("je
  // 1.000 Einwohner") belong in titles and axis labels.
  if (!unit.empty() && unit.size() <= 4) {
    out += "\u00a0";
    out += unit;
  }
  return out;
}

std::string missing_text(std::string_view marker) {
  if (marker == ".") return "keine Angabe (.)";
  if (marker == "-") return "nichts vorhanden (-)";
  if (marker == "x") return "nicht sinnvoll (x)";
  if (marker == "...") return "noch nicht verfügbar (...)";
  if (marker == "/") return "nicht sicher genug (/)";
  if (marker.empty()) return "keine Angabe";
  return "keine Angabe (" + std::string(marker) + ")";
}

std::vector<double> nice_ticks(double min, double max, int max_ticks) {
  if (max_ticks < 2) max_ticks = 2;
  if (!(max > min)) {
    double pad = std::abs(min) > 0 ? std::abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const double rough = (max - min) / (max_ticks - 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  double step = magnitude * 10;
  for (double f : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (f * magnitude >= rough) {
      step = f * magnitude;
      break;
    }
  }
  std::vector<double> ticks;
  const double start = std::floor(min / step + 1e-9) * step;
  for (double t = start; t <= max + step * 0.999; t += step) {
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    if (ticks.size() > 50) break;
  }
  return ticks;
}

}  // namespace rf::charts
