// Numbers the way the report prints them: de-DE digits, the indicator's unit,
// and German phrases for comparisons ("2,3 Prozentpunkte über dem Wert für
// Nordrhein-Westfalen").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rf::report {

// The shortest text that reads back as `value`, with a decimal point (for
// data-value attributes and <data value>): 25.84, 5100000.
std::string machine_number(double value);

// A no-break space: between a number and its unit.
inline constexpr std::string_view kNbsp = "\u00a0";

// "7,9 %", "1.234 Personen", "23.456 €"; `unit` as in the catalogue.
std::string format_with_unit(double value, int decimals, std::string_view unit);
// The unit as printed after a number ("EUR" → "€"; "%" stays).
std::string display_unit(std::string_view unit);
// The unit of a difference of two values: "Prozentpunkte" for "%".
std::string difference_unit(std::string_view unit, bool singular);
// The absolute difference with its unit: "2,3 Prozentpunkte", "1 Prozentpunkt".
std::string format_difference(double difference, int decimals, std::string_view unit);

// Direction words.
enum class Direction { above, below, equal };
Direction direction_of(double rounded_difference);

// "2,3 Prozentpunkte über dem Wert für Nordrhein-Westfalen"; `reference`
// is the German noun phrase after "dem Wert für" unless `reference_phrase`
// (e.g. "dem Landesdurchschnitt") is given.
std::string comparison_phrase(double a, double b, int decimals, std::string_view unit, std::string_view reference_name,
                              std::string_view reference_phrase = {});
// "1,4-mal so hoch wie in Nordrhein-Westfalen" / "halb so hoch …" is not attempted.
std::string ratio_phrase(double a, double b, int decimals, std::string_view reference_name);
// "um 2,8 Prozentpunkte gestiegen" / "um 1.234 Personen gesunken" / "unverändert geblieben".
std::string change_phrase(double from, double to, int decimals, std::string_view unit);

}  // namespace rf::report
