#include "web/geo.hpp"

#include <fstream>
#include <sstream>

namespace rf::web {

std::optional<std::vector<charts::GeoFeature>> load_geo(const std::filesystem::path& root, GeoLevel level,
                                                        std::string* error) {
  const std::filesystem::path file =
      root / "data" / "geo" / (level == GeoLevel::kreise ? "nrw_kreise_sim200.geojson" : "municipality_nrw.geojson");
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    if (error) *error = "Karte nicht lesbar: " + file.string();
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string parse_error;
  auto features = charts::parse_geojson(text.str(), "AGS", &parse_error);
  if (!features && error) *error = file.string() + ": " + parse_error;
  return features;
}

}  // namespace rf::web
