// The indicator catalogue: data/indicators.yaml (or a replacement a data
// steward uploaded), parsed and validated. Format (German texts, English keys):
//
//   indicators:
//     - id: schulabgaenger_ohne_abschluss
//       title: Schulabgänger/-innen ohne Hauptschulabschluss
//       definition: Anteil der Abgänger/-innen … an allen Absolvierenden/Abgehenden.
//       stage: Allgemeinbildende Schule      # one of the five stages (label or slug)
//       unit: "%"
//       polarity: down                       # up | down | neutral: is up good?
//       decimals: 1
//       source: "IT.NRW …; BBSR, INKAR 2024"
//       footnotes: ["…"]
//       synonyms: ["…"]          # other words the site search finds it by
//       breakdowns: {sex: {female: weiblich, male: männlich}}
//       sources:                             # tried in order, per period
//         - numerator: '21111-02-06-4[h2="ohne Hauptschulabschluss", h3="Insgesamt"]'
//           denominator: '21111-02-06-4[h2="Insgesamt", h3="Insgesamt"]'
//           scale: 100
//           by: {sex: {female: {numerator: …, denominator: …}, male: {…}}}
//         - rate: 'inkar2024_bildung_kreise[a_schul_oA]'   # published rates …
//           weight: ['21111-02-06-4[h2="Insgesamt", h3="Insgesamt"]']  # … weighted by
//           weight_label: Schulabgänger/-innen insgesamt
//
// A `counts` source gives scale × Σnumerator / Σdenominator over the members
// of a region (just Σnumerator without a denominator). A `rate` source takes a
// published rate where the region has one and otherwise weights the members'
// rates by the weight (from the weight period nearest in years), flagged "e".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/engine/expression.hpp"
#include "monitor/indicators.hpp"

namespace rf::monitor {

// The expressions of one source for one breakdown group (or the total).
struct SourceExprs {
  Expression numerator;             // counts
  Expression denominator;           // counts; empty: a sum
  Expression rate;                  // rate
  std::vector<Expression> weights;  // rate: alternatives by period
  Expression excluded;              // optional: counted separately (e.g. schools without index)
};

struct IndicatorSource {
  enum class Kind { counts, rate };
  Kind kind = Kind::counts;
  SourceExprs total;
  std::map<std::string, SourceExprs> groups;  // "sex=female" → expressions
  double scale = 1;
  bool estimated = false;      // values over members are estimates (derived denominators)
  std::string weight_label;    // "Bevölkerung unter 3 Jahren"
  std::string excluded_label;  // "Schulen ohne Sozialindex"
  std::string note;            // footnote for values from this source
  // Years this source serves (0: open); set for the new-edition sources a
  // code list adds (code_lists.hpp).
  int from_year = 0;
  int until_year = 0;
  bool serves(int year) const {
    return (from_year == 0 || year >= from_year) && (until_year == 0 || year <= until_year);
  }

  // The expressions for a group; nullptr when this source cannot give it.
  const SourceExprs* exprs(const BreakdownGroup& breakdown) const;
};

struct IndicatorDef {
  IndicatorInfo info;
  // dimension → (group → German label), in file order.
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> groups;
  std::vector<IndicatorSource> sources;

  // Every dataset code the indicator reads.
  std::vector<std::string> datasets() const;
  // German label of a group, e.g. ("sex", "female") → "weiblich"; "" if unknown.
  std::string group_label(const BreakdownGroup& breakdown) const;
  bool has_group(const BreakdownGroup& breakdown) const;
};

struct Catalogue {
  std::vector<IndicatorDef> indicators;
  std::string text;  // the YAML it was read from

  const IndicatorDef* find(std::string_view id) const;
};

struct CatalogueResult {
  std::optional<Catalogue> catalogue;
  std::vector<std::string> errors;  // German, "Indikator kita_quote_u3: …"
  std::vector<std::string> warnings;
};

// Parses and checks the YAML text on its own (syntax, required fields, known
// stages and polarities, expressions). Unknown keys are errors.
CatalogueResult parse_catalogue(std::string_view yaml_text);

// Parses the stage from its German label or slug.
std::optional<Stage> parse_stage(std::string_view text);

}  // namespace rf::monitor
