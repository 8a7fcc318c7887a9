#include "charts/choropleth.hpp"

#include <algorithm>
#include <cmath>

#include "charts/svg.hpp"
#include "text/html.hpp"

namespace rf::charts {

namespace {

// Sequential blues (ColorBrewer-like), light to dark; classes also get their
// own hatching so that they can be told apart without colour.
constexpr std::string_view kFills[] = {"#dbe9f6", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"};

std::string pattern_defs(const std::string& id, int classes) {
  std::string out = "<defs>";
  for (int c = 0; c < classes; ++c) {
    const std::string fill(kFills[std::min(c, 4)]);
    const std::string ink = c >= 3 ? "#ffffff" : "#08306b";
    out += "<pattern id=\"" + id + "-c" + std::to_string(c) +
           "\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"" + fill +
           "\"/>";
    switch (c % 5) {
      case 0: break;  // plain
      case 1: out += "<circle cx=\"4\" cy=\"4\" r=\"1\" fill=\"" + ink + "\" fill-opacity=\"0.55\"/>"; break;
      case 2: out += "<path d=\"M0 8L8 0\" stroke=\"" + ink + "\" stroke-opacity=\"0.5\" stroke-width=\"1\"/>"; break;
      case 3:
        out += "<path d=\"M0 8L8 0M0 0L8 8\" stroke=\"" + ink + "\" stroke-opacity=\"0.45\" stroke-width=\"1\"/>";
        break;
      default:
        out += "<path d=\"M0 4H8M4 0V8\" stroke=\"" + ink + "\" stroke-opacity=\"0.45\" stroke-width=\"1\"/>";
        break;
    }
    out += "</pattern>";
  }
  out += "<pattern id=\"" + id +
         "-na\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" "
         "fill=\"#f4f4f4\"/><path d=\"M0 6L6 0\" stroke=\"#9aa0a8\" stroke-width=\"1\"/></pattern>";
  out += "</defs>";
  return out;
}

std::string ring_path(const Ring& ring, const Projection& p) {
  std::string d;
  double last_x = 1e18, last_y = 1e18;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const double x = p.x(ring[i]), y = p.y(ring[i]);
    // Drop points within 0.7 px of the previous one: invisible, but they
    // would make a map of 396 Gemeinden several hundred kilobytes larger.
    if (i > 0 && i + 1 < ring.size() && std::abs(x - last_x) < 0.7 && std::abs(y - last_y) < 0.7) continue;
    d += (d.empty() ? "M" : "L") + svg::num(x) + " " + svg::num(y);
    last_x = x;
    last_y = y;
  }
  if (!d.empty()) d += "Z";
  return d;
}

// Centre of the largest ring's bounding box (good enough for a value label)
// and that box's size in square degrees.
std::pair<LonLat, double> label_point(const MapArea& area) {
  const Ring* best = nullptr;
  double best_size = -1;
  for (const auto& r : area.rings) {
    double min_lon = 1e9, max_lon = -1e9, min_lat = 1e9, max_lat = -1e9;
    for (const auto& p : r) {
      min_lon = std::min(min_lon, p.lon);
      max_lon = std::max(max_lon, p.lon);
      min_lat = std::min(min_lat, p.lat);
      max_lat = std::max(max_lat, p.lat);
    }
    double size = (max_lon - min_lon) * (max_lat - min_lat);
    if (size > best_size) {
      best_size = size;
      best = &r;
    }
  }
  if (!best || best->empty()) return {};
  double lon = 0, lat = 0;
  for (const auto& p : *best) {
    lon += p.lon;
    lat += p.lat;
  }
  return {{lon / static_cast<double>(best->size()), lat / static_cast<double>(best->size())}, best_size};
}

}  // namespace

int class_of(double value, const std::vector<double>& breaks) {
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    if (value <= breaks[i] + 1e-12) return static_cast<int>(i);
  }
  return breaks.empty() ? 0 : static_cast<int>(breaks.size()) - 1;
}

std::vector<double> quantile_breaks(std::vector<double> values, int classes) {
  std::vector<double> out;
  if (values.empty() || classes < 1) return out;
  std::sort(values.begin(), values.end());
  for (int c = 1; c <= classes; ++c) {
    std::size_t idx = static_cast<std::size_t>(std::ceil(static_cast<double>(values.size()) * c / classes)) - 1;
    idx = std::min(idx, values.size() - 1);
    double b = values[idx];
    if (out.empty() || b > out.back()) out.push_back(b);
  }
  return out;
}

MapOutlines map_outlines(const std::vector<GeoFeature>& areas, int width, int height) {
  MapOutlines out{Projection::fit(areas, width, height - 40), {}};
  out.paths.reserve(areas.size());
  for (const auto& a : areas) {
    std::string d;
    for (const auto& r : a.rings) d += ring_path(r, out.projection);
    out.paths.push_back(std::move(d));
  }
  return out;
}

std::string choropleth(const Choropleth& chart) {
  using svg::num;
  const std::string id = svg::id_part(chart.text.id);
  std::optional<MapOutlines> own;
  if (!chart.outlines || chart.outlines->paths.size() != chart.areas.size()) {
    std::vector<GeoFeature> shapes;
    for (const auto& a : chart.areas) shapes.push_back({a.code, a.name, a.rings});
    own = map_outlines(shapes, chart.width, chart.height);
  }
  const MapOutlines& outlines = own ? *own : *chart.outlines;
  const Projection& projection = outlines.projection;
  std::vector<double> values;
  for (const auto& a : chart.areas) {
    if (a.value) values.push_back(*a.value);
  }
  std::vector<double> breaks = chart.breaks.empty() ? quantile_breaks(values, chart.classes) : chart.breaks;
  const int classes = std::max<int>(1, static_cast<int>(breaks.size()));
  const int legend_rows = (chart.base_map ? 0 : classes + 1) + static_cast<int>(chart.point_legend.size());
  const int height = static_cast<int>(projection.height()) + 20 + 22 * legend_rows + 10;

  std::string out = svg::open(chart.text, chart.width, height, "map");
  std::size_t path_bytes = 0;
  for (const auto& d : outlines.paths) path_bytes += d.size();
  out.reserve(out.size() + 2 * path_bytes + 300 * chart.areas.size() + 4096);  // paths, highlights, titles, legend
  out += pattern_defs(id, classes);
  auto fill_for = [&](const MapArea& a) -> std::string {
    if (chart.base_map) return "#eef1f5";
    if (!a.value) return "url(#" + id + "-na)";
    int c = class_of(*a.value, breaks);
    if (!chart.higher_is_darker) c = classes - 1 - c;
    return "url(#" + id + "-c" + std::to_string(c) + ")";
  };
  out += "<g class=\"areas\">";
  for (std::size_t i = 0; i < chart.areas.size(); ++i) {
    const MapArea& a = chart.areas[i];
    const std::string& d = outlines.paths[i];
    // Appended piece by piece: a chain of + would copy each path (most of the map's bytes) once more.
    out += "<path d=\"";
    out += d;
    out += "\" fill=\"";
    out += fill_for(a);
    out += "\" fill-rule=\"evenodd\" stroke=\"";
    out += chart.base_map ? "#8a93a0" : "#ffffff";
    out += "\" stroke-width=\"0.8\"";
    if (a.value) {
      out += " class=\"mark\" data-value=\"";
      out += svg::exact(*a.value);
      out += '"';
    }
    out += " data-code=\"";
    text::append_escaped_html(out, a.code);
    // The tooltip "name: value marker", escaped straight into the map.
    out += "\"><title>";
    text::append_escaped_html(out, a.name);
    out += ": ";
    if (a.value) {
      text::append_escaped_html(out, format_value(*a.value, chart.text.decimals, chart.text.unit));
      if (!a.marker.empty()) {
        out += ' ';
        text::append_escaped_html(out, a.marker);
      }
    } else {
      text::append_escaped_html(out, missing_text(a.marker));
    }
    out += "</title></path>";
  }
  out += "</g>";
  // Outlines of highlighted areas on top (e.g. the Ruhr).
  out += "<g class=\"highlight\" aria-hidden=\"true\">";
  for (std::size_t i = 0; i < chart.areas.size(); ++i) {
    if (!chart.areas[i].highlight) continue;
    out += "<path d=\"";
    out += outlines.paths[i];
    out += "\" fill=\"none\" stroke=\"#1b1b1f\" stroke-width=\"1.6\"/>";
  }
  out += "</g>";
  // Value labels, largest areas first; a label that would overlap one
  // already placed or leave the map is left out (the value stays in the
  // tooltip and the data table).
  struct Candidate {
    double size;
    double x, y;
    std::string text;
  };
  std::vector<Candidate> candidates;
  for (const auto& a : chart.areas) {
    if (!a.show_label || !a.value) continue;
    const auto [c, size] = label_point(a);
    candidates.push_back({size, projection.x(c), projection.y(c) + 4, format_value(*a.value, chart.text.decimals, "")});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.size > b.size; });
  std::vector<svg::Box> placed;
  // Phone-sized maps are drawn at about 1:1: their labels get the charts' 12 px.
  const double label_size = chart.width < 520 ? 12 : 10;
  out += "<g class=\"labels\" aria-hidden=\"true\">";
  for (const auto& c : candidates) {
    const svg::Box box = svg::text_box(c.x, c.y, c.text, "middle", label_size);
    if (!box.inside(chart.width, projection.height())) continue;
    if (std::any_of(placed.begin(), placed.end(), [&](const svg::Box& p) { return p.overlaps(box, 1); })) continue;
    placed.push_back(box);
    out += "<text x=\"" + num(c.x) + "\" y=\"" + num(c.y) + "\" text-anchor=\"middle\" font-size=\"" + num(label_size) +
           "\" fill=\"#1b1b1f\" stroke=\"#ffffff\" stroke-width=\"3\" "
           "paint-order=\"stroke\">" +
           svg::esc(c.text) + "</text>";
  }
  out += "</g>";
  // Points.
  if (!chart.points.empty()) {
    out += "<g class=\"points\">";
    for (const auto& p : chart.points) {
      out += svg::marker(static_cast<std::size_t>(p.symbol_class), projection.x(p.position), projection.y(p.position),
                         3.2, series_colour(static_cast<std::size_t>(p.symbol_class) + 1), p.symbol_class, p.label);
    }
    out += "</g>";
  }
  // Legend: one swatch (colour + hatch) per class with its range.
  double y = projection.height() + 14;
  out += "<g class=\"legend\" aria-hidden=\"true\">";
  if (!chart.base_map) {
    if (!chart.text.unit.empty()) out += svg::label(8, y, "Klassen (" + chart.text.unit + ")", "start", "strong");
    y += 8;
    for (int c = 0; c < classes; ++c) {
      const int shade = chart.higher_is_darker ? c : classes - 1 - c;
      const double from =
          c == 0 ? (values.empty() ? 0 : *std::min_element(values.begin(), values.end())) : breaks[c - 1];
      std::string range = c == 0 ? "bis " + format_value(breaks[0], chart.text.decimals, "")
                                 : "über " + format_value(from, chart.text.decimals, "") + " bis " +
                                       format_value(breaks[c], chart.text.decimals, "");
      out += "<rect x=\"8\" y=\"" + num(y) + "\" width=\"26\" height=\"16\" fill=\"url(#" + id + "-c" +
             std::to_string(shade) + ")\" stroke=\"#6b7280\"/>";
      out += svg::label(42, y + 12, range);
      y += 22;
    }
    out += "<rect x=\"8\" y=\"" + num(y) + "\" width=\"26\" height=\"16\" fill=\"url(#" + id +
           "-na)\" stroke=\"#6b7280\"/>";
    out += svg::label(42, y + 12, "keine Angabe");
    y += 22;
  }
  for (std::size_t i = 0; i < chart.point_legend.size(); ++i) {
    std::string m = svg::marker(i, 21, y + 8, 4, series_colour(i + 1), 0, chart.point_legend[i]);
    auto pos = m.find(" class=\"mark\"");
    if (pos != std::string::npos) m.replace(pos, 13, " class=\"legend-mark\"");
    out += m + svg::label(42, y + 12, chart.point_legend[i]);
    y += 22;
  }
  out += "</g></svg>";
  return out;
}

}  // namespace rf::charts
