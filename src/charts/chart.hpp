// What every chart of the platform shares: an id (unique on the page, used
// for aria-labelledby), a German title and description, the unit and number
// format. Charts are pure functions from data to an SVG string: role="img",
// <title> and <desc> referenced by aria-labelledby, de-DE numbers, and marks
// that carry a data-value attribute so tests can count them. Pages put the
// source line, footnotes and a data table next to the SVG (see table.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rf::charts {

struct ChartText {
  std::string id;           // e.g. "verlauf-kita_quote_u3"; letters, digits, '-', '_'
  std::string title;        // German title
  std::string description;  // German summary for screen readers
  std::string unit;         // "%", "EUR" …, shown on the value axis
  int decimals = 1;
};

// A value with its marker when there is none ("." secret, "-" nothing …).
struct DataPoint {
  std::string label;  // x label or category, e.g. "2023", "Essen"
  std::optional<double> value;
  std::string marker;  // GENESIS marker shown instead of / next to the value
};

// The eight colours of the charts (colour-blind safe, ≥ 3:1 against white),
// and dash patterns so that colour is never the only carrier.
std::string_view series_colour(std::size_t index);
std::string_view series_dash(std::size_t index);  // "" for solid, else stroke-dasharray

// de-DE number with the unit: format_value(12.345, 1, "%") == "12,3 %".
std::string format_value(double value, int decimals, std::string_view unit = {});
// "Wert fehlt (.)" style text for a missing value.
std::string missing_text(std::string_view marker);

// The width in px of `text` (UTF-8) set in the charts' font, DejaVu Sans,
// at `font_size` px: advance widths per character, so that charts can lay out
// their labels (room for tick labels, legends that fit, labels that do not
// collide) before a browser draws them. Characters outside the table count as
// a digit; the result is exact for DejaVu Sans and a little wide for others.
double text_width(std::string_view text, double font_size = 12, bool bold = false);
// Ascent and descent of the font per px of font size (the box a browser
// reports for a <text> reaches from baseline − ascent to baseline + descent).
inline constexpr double kTextAscent = 0.928;
inline constexpr double kTextDescent = 0.236;

// Axis ticks: "nice" values covering [min, max], at most `max_ticks`.
std::vector<double> nice_ticks(double min, double max, int max_ticks = 6);

}  // namespace rf::charts
