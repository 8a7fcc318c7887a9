// Boundaries for report maps, read once per build with web/geo.hpp: the
// Kreise of NRW and the municipalities of NRW, by code.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "charts/geo.hpp"

namespace rf::report {

struct GeoData {
  std::map<std::string, charts::GeoFeature> kreise;          // by 5-digit code
  std::map<std::string, charts::GeoFeature> municipalities;  // by 8-digit AGS
  // What could not be read (German, one line per file); the maps it concerns
  // stay empty and the report is built without them.
  std::string problems;

  bool empty() const { return kreise.empty() && municipalities.empty(); }
};

// Loads <root>/data/geo/nrw_kreise_sim200.geojson and municipality_nrw.geojson;
// a file that is missing or broken leaves its map empty and is named in
// `problems`.
GeoData load_geo_data(const std::filesystem::path& root);

}  // namespace rf::report
