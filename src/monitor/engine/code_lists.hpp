// Code lists: how table codes and category labels change between editions of
// official tables, so that an indicator's series continues across a renaming.
// data/codelists.yaml (or a version a data steward uploaded), English keys,
// German texts:
//
//   code_lists:
//     - dimension: Tabelle                 # "Tabelle": table codes themselves
//       entries:
//         - code: 21111-02-06-4            # as the indicator catalogue writes it
//           synonyms:
//             - {code: 21111-02-06-4-B, from: 2024}
//     - dimension: Abschlussart            # any other name: category labels
//       tables: [21111-02-06-4]            # optional: only in these tables
//       entries:
//         - code: ohne Hauptschulabschluss
//           synonyms:
//             - code: ohne Ersten Schulabschluss
//               from: 2024
//               note: "Ab 2024 …"          # optional footnote; else generated
//
// The catalogue keeps naming the old codes. For every indicator source that
// names a code with synonyms, apply_code_lists() adds one source per year of
// change that reads the new codes and serves the periods from that year on; it
// is tried before the old source, which stays as the fallback for older
// periods. An indicator whose new-edition source has data gets a footnote
// "Ab 2024 …" marking the break in the series (page, API and downloads show
// the indicator's footnotes).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/engine/catalogue.hpp"

namespace rf::monitor {

class Cube;

inline constexpr std::string_view kTableDimension = "Tabelle";

struct CodeSynonym {
  std::string code;  // the new code or label
  int from = 0;      // first year (period year) it is used
  std::string note;  // German footnote; "" for the generated one
};

struct CodeEntry {
  std::string code;  // as the catalogue names it
  std::vector<CodeSynonym> synonyms;
};

struct CodeList {
  std::string dimension;            // "Tabelle" or a category dimension's name
  std::vector<std::string> tables;  // category lists: only in these tables (empty: all)
  std::vector<CodeEntry> entries;
};

struct CodeLists {
  std::vector<CodeList> lists;
  std::string text;  // the YAML it was read from

  bool empty() const { return lists.empty(); }
};

struct CodeListsResult {
  std::optional<CodeLists> lists;
  std::vector<std::string> errors;  // German, "codelists.yaml:12: …"
};

// Parses and checks a code-list file; `file` names it in messages. All or
// nothing: any error leaves `lists` empty.
CodeListsResult parse_code_lists(std::string_view yaml_text, std::string_view file = "codelists.yaml");

// The YAML of code lists (for a version written by the steward page).
std::string code_lists_yaml(const CodeLists& lists);

// The footnote of a change: the note given, or "Ab 2024: Tabelle … statt …".
std::string change_note(const CodeList& list, const CodeEntry& entry, const CodeSynonym& synonym);

// Adds the new-edition sources to every indicator (see above) and the break
// footnotes of those whose new edition is in the cube.
void apply_code_lists(Catalogue& catalogue, const CodeLists& lists, const Cube& cube);

}  // namespace rf::monitor
