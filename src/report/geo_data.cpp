#include "report/geo_data.hpp"

#include "web/geo.hpp"

namespace rf::report {
namespace {

void load(const std::filesystem::path& root, web::GeoLevel level, std::map<std::string, charts::GeoFeature>& into,
          std::string* error) {
  std::string message;
  auto features = web::load_geo(root, level, &message);
  if (!features) {
    if (error) *error += message + "\n";
    return;
  }
  for (auto& f : *features) into[f.code] = std::move(f);
}

}  // namespace

GeoData load_geo_data(const std::filesystem::path& root, std::string* error) {
  GeoData geo;
  load(root, web::GeoLevel::kreise, geo.kreise, error);
  load(root, web::GeoLevel::gemeinden, geo.municipalities, error);
  return geo;
}

}  // namespace rf::report
