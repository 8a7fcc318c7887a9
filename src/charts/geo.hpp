// Geometry for maps: polygons from GeoJSON (lon/lat, CRS84), a projection to
// SVG coordinates, and the inverse of UTM zone 32 (ETRS89, EPSG:25832) to
// lon/lat for school coordinates.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/result.hpp"

namespace rf::charts {

struct LonLat {
  double lon = 0;
  double lat = 0;
};
using Ring = std::vector<LonLat>;

struct GeoFeature {
  std::string code;         // the property named by the caller, e.g. "AGS"
  std::string name;         // property "GEN" when present
  std::vector<Ring> rings;  // outer rings and holes of all polygons
};

// Reads Polygon and MultiPolygon features; `code_property` names the id
// property. A Failure (German) for text that is not GeoJSON.
text::Result<std::vector<GeoFeature>> parse_geojson(std::string_view text, std::string_view code_property);

// Projects lon/lat onto a width×height box (equirectangular with cos(φ₀)
// scaling around the box's centre latitude, fitted with a margin).
class Projection {
 public:
  Projection(double min_lon, double min_lat, double max_lon, double max_lat, double width, double height,
             double margin = 8);
  static Projection fit(const std::vector<GeoFeature>& features, double width, double height, double margin = 8);
  double x(const LonLat& p) const;
  double y(const LonLat& p) const;
  double height() const { return height_; }

 private:
  double min_lon_, max_lat_, scale_x_, scale_y_, offset_x_, offset_y_, height_;
};

// UTM zone 32N on the GRS80 ellipsoid (EPSG:25832) → lon/lat in degrees.
// Accurate to well below a metre within the zone.
LonLat utm32_to_lonlat(double easting, double northing);

}  // namespace rf::charts
