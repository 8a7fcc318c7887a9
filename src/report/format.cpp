#include "report/format.hpp"

#include <charconv>
#include <cmath>

#include "text/number.hpp"

namespace rf::report {
namespace {

double rounded(double value, int decimals) {
  double factor = std::pow(10.0, decimals);
  return std::round(value * factor) / factor;
}

}  // namespace

std::string machine_number(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string display_unit(std::string_view unit) {
  if (unit == "EUR" || unit == "Euro") return "€";
  return std::string(unit);
}

std::string format_with_unit(double value, int decimals, std::string_view unit) {
  std::string out = text::format_number(value, decimals);
  std::string u = display_unit(unit);
  if (!u.empty()) {
    out += kNbsp;
    out += u;
  }
  return out;
}

std::string difference_unit(std::string_view unit, bool singular) {
  if (unit == "%") return singular ? "Prozentpunkt" : "Prozentpunkte";
  return display_unit(unit);
}

std::string format_difference(double difference, int decimals, std::string_view unit) {
  std::string number = text::format_number(std::fabs(difference), decimals);
  std::string u = difference_unit(unit, number == "1");
  return u.empty() ? number : number + std::string(kNbsp) + u;
}

Direction direction_of(double rounded_difference) {
  if (rounded_difference > 0) return Direction::above;
  if (rounded_difference < 0) return Direction::below;
  return Direction::equal;
}

std::string comparison_phrase(double a, double b, int decimals, std::string_view unit, std::string_view reference_name,
                              std::string_view reference_phrase) {
  // Compare the printed values, so the phrase never contradicts the numbers next to it.
  double diff = rounded(rounded(a, decimals) - rounded(b, decimals), decimals);
  std::string reference =
      reference_phrase.empty() ? "dem Wert für " + std::string(reference_name) : std::string(reference_phrase);
  switch (direction_of(diff)) {
    case Direction::above: return format_difference(diff, decimals, unit) + " über " + reference;
    case Direction::below: return format_difference(diff, decimals, unit) + " unter " + reference;
    case Direction::equal: break;
  }
  return "gleichauf mit " + reference;
}

std::string ratio_phrase(double a, double b, int decimals, std::string_view reference_name) {
  double r = rounded(a / b, decimals);
  return text::format_number(r, decimals) + "-mal so hoch wie in " + std::string(reference_name);
}

std::string change_phrase(double from, double to, int decimals, std::string_view unit) {
  double diff = rounded(rounded(to, decimals) - rounded(from, decimals), decimals);
  switch (direction_of(diff)) {
    case Direction::above: return "um " + format_difference(diff, decimals, unit) + " gestiegen";
    case Direction::below: return "um " + format_difference(diff, decimals, unit) + " gesunken";
    case Direction::equal: break;
  }
  return "unverändert geblieben";
}

}  // namespace rf::report
