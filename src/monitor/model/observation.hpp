// One cell of official statistics: a value for a dataset, region, period and
// breakdown, with the status marker the publisher gave it.
//
// The markers follow the GENESIS "Zeichenerklärung". A marker is never turned
// into 0: "-" (exactly nothing) is kept as status zero without a value, so a
// sum over members can tell a true zero from a secret or missing cell.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "monitor/model/period.hpp"
#include "text/number.hpp"

namespace rf::monitor {

enum class Status : std::uint8_t {
  ok = 0,          // a plain value
  zero,            // "-"   exactly nothing
  secret,          // "."   unknown or secret (Geheimhaltung)
  not_applicable,  // "x"   cell blocked, no meaningful statement
  not_yet,         // "..." not yet available
  unreliable,      // "/"   no statement, value not reliable enough
  limited,         // "()"  limited reliability; "(12)" carries a value
  provisional,     // "p"   provisional value
  revised,         // "r"   revised value
  estimated,       // "e"   estimated value
};
inline constexpr std::size_t kStatusCount = 10;

// "" for ok, else the marker as written in tables: "-", ".", "x", "...", "/",
// "()", "p", "r", "e".
std::string_view status_marker(Status status);
// The inverse of status_marker (also "…" for "..." and "( )" for "()").
std::optional<Status> status_from_marker(std::string_view marker);
// A short German explanation for legends and tooltips.
std::string_view status_label_de(Status status);
// Whether cells with this status carry a number (ok, (), p, r, e).
constexpr bool status_has_value(Status s) {
  return s == Status::ok || s == Status::limited || s == Status::provisional || s == Status::revised ||
         s == Status::estimated;
}

// Counts per status, indexed by the enum value.
using StatusCounts = std::array<std::uint64_t, kStatusCount>;

// A parsed cell text: a number, a marker, or a number with a marker.
struct CellValue {
  std::optional<double> value;
  Status status = Status::ok;
};

// Reads a cell as statistics files write it: a number in the given style, a
// marker ("-", ".", "x", "...", "/", "()"), a number in parentheses (limited
// reliability) or a number followed by "p", "r" or "e" (provisional, revised,
// estimated). nullopt for empty text and anything else.
std::optional<CellValue> parse_cell_value(std::string_view text, text::NumberStyle style);

struct Observation {
  std::string dataset;  // table code, e.g. "21111-02-06-4"
  std::string region;   // region code, e.g. "05513"
  Period period;
  // Breakdown values in the dataset's dimension order, e.g. {"h2", "ohne
  // Hauptschulabschluss"}; names are the dataset's dimension keys.
  std::vector<std::pair<std::string, std::string>> breakdown;
  std::optional<double> value;
  Status status = Status::ok;
};

}  // namespace rf::monitor
