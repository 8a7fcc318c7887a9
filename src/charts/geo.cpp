#include "charts/geo.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace rf::charts {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = kPi / 180.0;

bool read_ring(const nlohmann::json& coords, Ring& ring) {
  if (!coords.is_array()) return false;
  for (const auto& p : coords) {
    if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) return false;
    ring.push_back({p[0].get<double>(), p[1].get<double>()});
  }
  return true;
}

bool read_polygon(const nlohmann::json& coords, std::vector<Ring>& rings) {
  if (!coords.is_array()) return false;
  for (const auto& r : coords) {
    Ring ring;
    if (!read_ring(r, ring)) return false;
    rings.push_back(std::move(ring));
  }
  return true;
}

std::string property_text(const nlohmann::json& props, std::string_view name) {
  if (!props.is_object()) return "";
  auto it = props.find(std::string(name));
  if (it == props.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return "";
}

}  // namespace

text::Result<std::vector<GeoFeature>> parse_geojson(std::string_view text, std::string_view code_property) {
  auto fail = [](std::string message) { return text::Failure{std::move(message)}; };
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return fail("kein JSON-Objekt");
  auto features = doc.find("features");
  if (features == doc.end() || !features->is_array()) return fail("keine FeatureCollection");
  std::vector<GeoFeature> out;
  for (const auto& f : *features) {
    if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object()) continue;
    const auto& g = f["geometry"];
    GeoFeature feature;
    const auto props = f.contains("properties") ? f["properties"] : nlohmann::json();
    feature.code = property_text(props, code_property);
    feature.name = property_text(props, "GEN");
    const std::string type = g.value("type", "");
    if (type == "Polygon") {
      if (!read_polygon(g["coordinates"], feature.rings)) return fail("ungültiges Polygon");
    } else if (type == "MultiPolygon") {
      if (!g["coordinates"].is_array()) return fail("ungültiges MultiPolygon");
      for (const auto& poly : g["coordinates"]) {
        if (!read_polygon(poly, feature.rings)) return fail("ungültiges MultiPolygon");
      }
    } else {
      continue;
    }
    out.push_back(std::move(feature));
  }
  return out;
}

Projection::Projection(double min_lon, double min_lat, double max_lon, double max_lat, double width, double height,
                       double margin)
    : min_lon_(min_lon), max_lat_(max_lat) {
  const double k = std::cos((min_lat + max_lat) / 2 * kDeg);
  const double span_x = std::max(1e-9, (max_lon - min_lon) * k);
  const double span_y = std::max(1e-9, max_lat - min_lat);
  const double scale = std::min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y);
  scale_x_ = scale * k;
  scale_y_ = scale;
  offset_x_ = (width - span_x * scale) / 2;
  offset_y_ = margin;
  height_ = span_y * scale + 2 * margin;
}

Projection Projection::fit(const std::vector<GeoFeature>& features, double width, double height, double margin) {
  double min_lon = std::numeric_limits<double>::max(), min_lat = min_lon;
  double max_lon = std::numeric_limits<double>::lowest(), max_lat = max_lon;
  for (const auto& f : features) {
    for (const auto& r : f.rings) {
      for (const auto& p : r) {
        min_lon = std::min(min_lon, p.lon);
        max_lon = std::max(max_lon, p.lon);
        min_lat = std::min(min_lat, p.lat);
        max_lat = std::max(max_lat, p.lat);
      }
    }
  }
  if (min_lon > max_lon) return Projection(0, 0, 1, 1, width, height, margin);
  return Projection(min_lon, min_lat, max_lon, max_lat, width, height, margin);
}

double Projection::x(const LonLat& p) const { return offset_x_ + (p.lon - min_lon_) * scale_x_; }
double Projection::y(const LonLat& p) const { return offset_y_ + (max_lat_ - p.lat) * scale_y_; }

LonLat utm32_to_lonlat(double easting, double northing) {
  // Transverse Mercator inverse (Snyder, "Map Projections – A Working Manual",
  // 1987, eqs. 8-18 … 8-25) on the GRS80 ellipsoid, zone 32: λ₀ = 9° E,
  // k₀ = 0.9996, false easting 500 000 m.
  constexpr double a = 6378137.0;
  constexpr double f = 1 / 298.257222101;
  constexpr double k0 = 0.9996;
  const double e2 = f * (2 - f);
  const double ep2 = e2 / (1 - e2);
  const double m = northing / k0;
  const double mu = m / (a * (1 - e2 / 4 - 3 * e2 * e2 / 64 - 5 * e2 * e2 * e2 / 256));
  const double e1 = (1 - std::sqrt(1 - e2)) / (1 + std::sqrt(1 - e2));
  const double phi1 = mu + (3 * e1 / 2 - 27 * std::pow(e1, 3) / 32) * std::sin(2 * mu) +
                      (21 * e1 * e1 / 16 - 55 * std::pow(e1, 4) / 32) * std::sin(4 * mu) +
                      (151 * std::pow(e1, 3) / 96) * std::sin(6 * mu) +
                      (1097 * std::pow(e1, 4) / 512) * std::sin(8 * mu);
  const double sin1 = std::sin(phi1), cos1 = std::cos(phi1), tan1 = std::tan(phi1);
  const double c1 = ep2 * cos1 * cos1;
  const double t1 = tan1 * tan1;
  const double n1 = a / std::sqrt(1 - e2 * sin1 * sin1);
  const double r1 = a * (1 - e2) / std::pow(1 - e2 * sin1 * sin1, 1.5);
  const double d = (easting - 500000.0) / (n1 * k0);
  const double lat =
      phi1 -
      (n1 * tan1 / r1) * (d * d / 2 - (5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * std::pow(d, 4) / 24 +
                          (61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * std::pow(d, 6) / 720);
  const double lon =
      9.0 * kDeg + (d - (1 + 2 * t1 + c1) * std::pow(d, 3) / 6 +
                    (5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * std::pow(d, 5) / 120) /
                       cos1;
  return {lon / kDeg, lat / kDeg};
}

}  // namespace rf::charts
