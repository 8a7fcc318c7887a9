// Inline directives: a value, a comparison, a change, a rank, a count, the
// extreme or the range of a set of regions, a period or region name, a
// glossary term, a cross reference, a citation. Each renders to a short
// piece of HTML inside a sentence:
//
//   {{wert indikator=I [region=ruhr] [periode=neueste] [gruppe=D:G] [einheit=nein] [stellen=N]}}
//                                               → 7,9 %
//   {{vergleich indikator=I [region=ruhr] [mit=nrw] [periode=neueste] [art=differenz|verhaeltnis]
//               [bezug="dem Landesdurchschnitt"] [einheit=nein]}}
//                                               → 2,3 Prozentpunkte über dem Wert für Nordrhein-Westfalen
//   {{entwicklung indikator=I [region=ruhr] von=P [bis=neueste] [form=kurz|lang] [einheit=nein]}}
//                                               → um 2,8 Prozentpunkte gestiegen
//   {{rang indikator=I region=R [in=kreise] [periode=neueste] [form=text|zahl]}}
//                                               → Rang 3 von 15 (Rang 1 = höchster Wert)
//   {{anzahl regionen=kreise [indikator=I periode=P ueber=R|unter=R]}}
//                                               → 15, or how many lie above/below R
//   {{extrem indikator=I [regionen=kreise] [periode=neueste] [art=hoechster|niedrigster]
//            [form=name|wert|beides]}}          → Gelsenkirchen (23,4 %)
//   {{spanne indikator=I [regionen=kreise] [periode=neueste]}}
//                                               → von 12,3 % (Münster) bis 34,5 % (Gelsenkirchen)
//   {{periode indikator=I [region=ruhr] [wahl=neueste|erste]}}, {{periode basis}}
//                                               → 2023, 31.12.2024, 2024/25
//   {{region $region}}, {{region ruhr}}         → Gelsenkirchen, Metropole Ruhr
//   {{region $kreis fall=genitiv}}              → des Kreises Wesel (der Metropole Ruhr, von Bochum)
//   {{begriff sozialindex [text="Sozialindizes"]}}  → link to the glossary
//   {{verweis abb-betreuung}}                   → "Abbildung 2.1" linking to the figure
//   {{quelle bid2024}}                          → the citation, linking to the sources list
#pragma once

#include <string>

#include "report/directive.hpp"
#include "report/glossary.hpp"
#include "report/links.hpp"
#include "report/resolver.hpp"

namespace rf::report {

bool is_inline_directive(const Directive& d);

// The HTML for an inline directive; a visible placeholder "[Wert fehlt: …]"
// when data are missing (reported through the resolver's diagnostics).
std::string render_inline(const Directive& d, const Resolver& resolver, const Glossary& glossary,
                          const PageLinks& links);

// The placeholder for a directive whose data are missing.
std::string missing_placeholder(const Directive& d);

}  // namespace rf::report
