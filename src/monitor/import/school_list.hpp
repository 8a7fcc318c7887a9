// NRW school lists; each school becomes an institution below its
// municipality. Four layouts are recognised by their header:
//   MSB "schuldaten.csv" — line 1 "sep=;", Schulnummer;Schulform (code);…;
//     Gemeindeschluessel;…;EPSG;UTMRechtswert;UTMHochwert (EPSG:25832)
//   IT.NRW directory — Schuljahr,Schulform,Amtlicher Gemeindeschlüssel,…,
//     Rechtsstatus,…,Anzahl (pupils),Sozialindex
//   Sozialindex list — Bezirksregierung,Kreis/Stadt,Schulform,Schulnummer,
//     Schulname,Sozialindex (no municipality: the Kreis, or the school's
//     known municipality, is used)
//   MSB open-data Sozialindex — Schulnummer;Kurzbezeichnung;Bezirksregierung;
//     Kreis;Gemeinde;Sozialindexstufe ("ohne" = school without index)
#pragma once

#include "monitor/import/builder.hpp"
#include "monitor/import/common.hpp"

namespace rf::monitor {

// `regions` resolves municipality and Kreis names (may be null: then lists
// without codes cannot be placed and fail).
Result<void> parse_school_list(const ParseInput& input, TableBuilder& builder, char delimiter,
                               const RegionRegister* regions);

// Names of the MSB Schulform codes that are certain; "" for others.
std::string_view school_form_name(std::string_view code);

}  // namespace rf::monitor
