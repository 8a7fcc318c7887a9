// The glossary of a report: glossary.yaml, a list of terms
//
//   - id: sozialindex
//     term: Schulsozialindex
//     abbreviation: SI                # optional: rendered as <abbr>
//     definition: Maß für die soziale Belastung des Schulumfelds …
//     see: [sgb-ii-quote]             # optional cross references
//
// Terms are marked in the text with {{begriff sozialindex}} (or
// {{begriff sozialindex text="Sozialindizes"}}) and link to the glossary
// page, where each term is a <dfn> with its definition.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/diagnostics.hpp"

namespace rf::report {

struct GlossaryTerm {
  std::string id;
  std::string term;
  std::string abbreviation;
  std::string definition;  // plain text (may contain Markdown emphasis)
  std::vector<std::string> see;
  SourceLocation where;
};

class Glossary {
 public:
  const GlossaryTerm* find(std::string_view id) const;
  // Sorted by term (German collation for umlauts is approximated).
  std::vector<const GlossaryTerm*> sorted() const;
  bool empty() const { return terms_.empty(); }
  std::size_t size() const { return terms_.size(); }

  void add(GlossaryTerm term) { terms_.push_back(std::move(term)); }

 private:
  std::vector<GlossaryTerm> terms_;
};

// Loads `file`; problems go to `diagnostics` (with lines).
Glossary load_glossary(const std::string& file, Diagnostics& diagnostics);

// A key for sorting German words: lower case, umlauts as their base letter, ß as ss.
std::string german_sort_key(std::string_view text);

}  // namespace rf::report
