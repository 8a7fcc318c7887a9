#include "report/geo_data.hpp"

#include "web/geo.hpp"

namespace rf::report {
namespace {

void load(const std::filesystem::path& root, web::GeoLevel level, std::map<std::string, charts::GeoFeature>& into,
          std::string& problems) {
  auto features = web::load_geo(root, level);
  if (!features) {
    problems += features.error().message + "\n";
    return;
  }
  for (auto& f : *features) into[f.code] = std::move(f);
}

}  // namespace

GeoData load_geo_data(const std::filesystem::path& root) {
  GeoData geo;
  load(root, web::GeoLevel::kreise, geo.kreise, geo.problems);
  load(root, web::GeoLevel::gemeinden, geo.municipalities, geo.problems);
  return geo;
}

}  // namespace rf::report
