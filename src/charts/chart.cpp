#include "charts/chart.hpp"

#include <cmath>

#include "text/number.hpp"

namespace rf::charts {

namespace {

// Colour-blind safe, each ≥ 3:1 against white (WCAG 1.4.11 for graphics).
constexpr std::string_view kColours[] = {"#0b5394", "#b35806", "#1b7837", "#762a83",
                                         "#a50f15", "#01665e", "#4d4d4d", "#8c510a"};
constexpr std::string_view kDashes[] = {"", "6 4", "2 3", "8 3 2 3", "", "6 4", "2 3", "8 3 2 3"};

// Advance widths of DejaVu Sans Book and Bold for ' ' … '~' in 1/1000 em,
// measured with Chromium's canvas measureText at 1000 px; 16 characters a row.
// clang-format off
constexpr unsigned short kBook[95] = {
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838};
constexpr unsigned short kBold[95] = {
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838};
// clang-format on

// Width of one code point in 1/1000 em.
double advance(char32_t c, bool bold) {
  const auto& table = bold ? kBold : kBook;
  if (c >= 0x20 && c < 0x7f) return table[c - 0x20];
  switch (c) {
    // Umlauts are as wide as their base letters.
    case U'Ä': return table['A' - 0x20];
    case U'Ö': return table['O' - 0x20];
    case U'Ü': return table['U' - 0x20];
    case U'ä': return table['a' - 0x20];
    case U'ö': return table['o' - 0x20];
    case U'ü': return table['u' - 0x20];
    case U'ß': return bold ? 719 : 630;
    case U'\u00a0': return table[0];  // no-break space
    case U'\u2009':
    case U'\u202f': return 200;  // thin spaces
    case U'–': return 500;
    case U'—':
    case U'…': return 1000;
    case U'·':
    case U'’': return bold ? 380 : 318;
    case U'„':
    case U'“':
    case U'”': return bold ? 657 : 518;
    case U'°': return 500;
    case U'↑':
    case U'↓':
    case U'→':
    case U'↗':
    case U'↘': return 838;
    default: return table['0' - 0x20];  // € and the rest: as wide as a digit
  }
}

}  // namespace

double text_width(std::string_view text, double font_size, bool bold) {
  double total = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    char32_t c = len == 1 ? b : b & (0x3F >> (len - 1));
    for (std::size_t k = 1; k < len && i + k < text.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    total += advance(c, bold);
    i += len;
  }
  return total * font_size / 1000.0;
}

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
