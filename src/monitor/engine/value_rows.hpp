// Sets of indicator values as the API and the downloads deliver them:
// which regions and periods, resolved and checked, evaluated row by row.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/engine/indicator_state.hpp"
#include "monitor/indicators.hpp"

namespace rf::monitor {

struct ValueRow {
  std::string region;
  std::string region_name;
  std::string period;
  BreakdownGroup group;     // empty: total
  std::string group_label;  // "weiblich"
  IndicatorValue value;
};

struct ValueQuery {
  std::vector<std::string> regions;  // codes or aliases; empty: the standard set
  std::vector<std::string> periods;  // keys or texts; empty: all
  std::string by;                    // breakdown dimension or ""
};

struct QueryError {
  int status = 400;
  std::string message;  // German
};

struct ValueResult {
  std::vector<ValueRow> rows;
  std::optional<QueryError> error;
};

// Evaluates the query; a 404 for an unknown indicator, a 400 for an unknown
// region, period or breakdown. Without regions, the standard set is used
// (Germany, NRW, the Ruhr and the other two parts of NRW, the five
// Regierungsbezirke, the 53 NRW Kreise, and the NRW Gemeinden where the
// indicator has data for Gemeinden) and rows the level has no data for are
// left out.
ValueResult query_values(const IndicatorView& view, std::string_view indicator, const ValueQuery& query);

// The standard comparison regions in display order: Ruhr, NRW, Deutschland,
// Rheinland ohne Ruhr, Westfalen ohne Ruhr.
const std::vector<std::string>& comparison_regions();
// Codes of the NRW Kreise (53) and, on request, Gemeinden, from the register.
std::vector<std::string> nrw_regions(const Engine& engine, bool municipalities);

// The marker as the API writes it: "ok" for a plain value, else "-", ".", "e" …
std::string status_code(Status s);

}  // namespace rf::monitor
