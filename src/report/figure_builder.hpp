// Builds a Figure from a block directive:
//
//   ::: abbildung typ=zeitreihe indikator=I [regionen=R] [von=P] [bis=P] [gruppe=D:G]
//   ::: abbildung typ=balken    indikator=I [regionen=R] [periode=P] [referenz=R] [gruppe=D:G]
//   ::: abbildung typ=rangfolge indikator=I [regionen=kreise] [periode=P] [referenz=ruhr,nrw] [hervorheben=R]
//   ::: abbildung typ=karte     indikator=I [periode=P] [ebene=kreise|gemeinden] [gebiet=ruhr|nrw] [hervorheben=R]
//   ::: tabelle indikatoren=I1,I2,… [regionen=R] [periode=P] [ausrichtung=regionen|indikatoren]
//   ::: tabelle indikator=I perioden=P1,P2,… [regionen=R]
//
// Every one also takes id=, titel=, untertitel=, fussnote=… (repeatable).
// Defaults: regionen = the report's set "vergleich" (else ruhr,nrw), periode
// = neueste.
#pragma once

#include <optional>

#include "report/directive.hpp"
#include "report/figure.hpp"
#include "report/resolver.hpp"

namespace rf::report {

// True for directive names that make a numbered figure or table.
bool is_figure_directive(const Directive& d);

// The figure, numbered later; nullopt when the directive could not be
// resolved (problems reported through the resolver's diagnostics).
std::optional<Figure> build_figure(const Directive& d, const Resolver& resolver);

// Reports every argument of `d` that is not in `allowed` (typos such as indicator=).
bool check_arguments(const Directive& d, std::initializer_list<std::string_view> allowed, Diagnostics& diagnostics);

// "in %", "je 1.000 Einwohner", "in €".
std::string unit_phrase(std::string_view unit);

// A cell of a figure from an indicator value.
charts::DataPoint data_point(std::string label, const monitor::IndicatorValue& value);

}  // namespace rf::report
