#include "report/geo_data.hpp"

#include "report/definition.hpp"

namespace rf::report {
namespace {

void load(const std::filesystem::path& file, std::map<std::string, charts::GeoFeature>& into, std::string* error) {
  auto text = read_text_file(file);
  if (!text) {
    if (error) *error += "Karte nicht lesbar: " + file.string() + "\n";
    return;
  }
  std::string parse_error;
  auto features = charts::parse_geojson(*text, "AGS", &parse_error);
  if (!features) {
    if (error) *error += file.string() + ": " + parse_error + "\n";
    return;
  }
  for (auto& f : *features) into[f.code] = std::move(f);
}

}  // namespace

GeoData load_geo_data(const std::filesystem::path& root, std::string* error) {
  GeoData geo;
  load(root / "data/geo/nrw_kreise_sim200.geojson", geo.kreise, error);
  load(root / "data/geo/municipality_nrw.geojson", geo.municipalities, error);
  return geo;
}

}  // namespace rf::report
