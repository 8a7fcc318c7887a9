// The boundaries the program ships for maps (data/geo/: BKG VG250, simplified,
// attribution in data/README.md), read the same way by the monitor's pages
// and the report.
#pragma once

#include <filesystem>
#include <vector>

#include "charts/geo.hpp"
#include "text/result.hpp"

namespace rf::web {

enum class GeoLevel {
  kreise,     // the 53 Kreise and kreisfreie Städte of NRW (data/geo/nrw_kreise_sim200.geojson)
  gemeinden,  // the 396 Gemeinden of NRW (data/geo/municipality_nrw.geojson)
};

// The features of one level, coded by their AGS; a Failure with a German
// message naming the file when the file is missing or not GeoJSON.
text::Result<std::vector<charts::GeoFeature>> load_geo(const std::filesystem::path& root, GeoLevel level);

}  // namespace rf::web
