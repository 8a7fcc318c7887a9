#include "web/geo.hpp"

#include <fstream>
#include <sstream>

namespace rf::web {

text::Result<std::vector<charts::GeoFeature>> load_geo(const std::filesystem::path& root, GeoLevel level) {
  const std::filesystem::path file =
      root / "data" / "geo" / (level == GeoLevel::kreise ? "nrw_kreise_sim200.geojson" : "municipality_nrw.geojson");
  std::ifstream in(file, std::ios::binary);
  if (!in) return text::Failure{"Karte nicht lesbar: " + file.string()};
  std::ostringstream content;
  content << in.rdbuf();
  auto features = charts::parse_geojson(content.str(), "AGS");
  if (!features) return text::Failure{file.string() + ": " + features.error().message};
  return features;
}

}  // namespace rf::web
