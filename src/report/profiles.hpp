// Region profiles: one page (and PDF) per Kreis / kreisfreie Stadt (15) and
// per municipality of the Ruhr (53), all from one Markdown template
// (reports/<name>/profil.md) with the directives of the chapters plus
//
//   $region, $kreis, $gemeinden   in region arguments (resolver.hpp)
//   ::: wenn ebene=kreis|gemeinde [kreis=CODE] [region=CODE,…] [daten=INDIKATOR]
//   …
//   ::: sonst
//   …
//   ::: ende
//
// `daten=I` is true when indicator I has a value for the profile's region, so
// a template can leave out what the statistics do not publish for small
// municipalities. Several conditions must all hold.
#pragma once

#include <string>
#include <vector>

#include "report/data.hpp"
#include "report/definition.hpp"
#include "report/document.hpp"
#include "report/resolver.hpp"

namespace rf::report {

struct Profile {
  ProfileRegion region;
  Document doc;
};

// The regions to profile, as report.yaml asks: Kreise first (by code), then
// municipalities (by code). A kreisfreie Stadt gets both: its Kreis profile
// (05911) and its municipal profile (05911000), which uses the Gemeinde
// branch of the template, so the municipal list stays complete (53).
std::vector<ProfileRegion> profile_regions(const ReportDefinition& definition, const Data& data);

// The condition of `::: wenn …` for one profile.
ParseOptions profile_parse_options(const ProfileRegion& region, const Resolver& resolver);

// Parses the template for one region and builds its figures.
Document prepare_profile(const ProfileRegion& region, const std::string& template_file,
                         const std::string& template_text, const Resolver& resolver);

}  // namespace rf::report
