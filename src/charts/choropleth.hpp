// A choropleth map: areas shaded by value class (quantiles or given breaks),
// each class also with its own hatch pattern and every area labelled with its
// value on hover and in the legend table, so colour is never the only carrier.
// Optional point symbols (schools) on top.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "charts/chart.hpp"
#include "charts/geo.hpp"

namespace rf::charts {

struct MapArea {
  std::string code;
  std::string name;
  std::vector<Ring> rings;
  std::optional<double> value;
  std::string marker;       // when there is no value
  bool highlight = false;   // outlined (e.g. members of the Ruhr)
  bool show_label = false;  // write the value into the area
};

struct MapPoint {
  std::string label;
  LonLat position;
  int symbol_class = 0;  // index into the point legend
};

// The outlines of a set of areas drawn for one chart size: the projection
// fitted to them and one SVG path per area. Projecting and writing the paths
// is most of a map's cost, so a caller that draws the same boundaries again
// and again (the monitor's maps of NRW) computes them once.
struct MapOutlines {
  Projection projection;
  std::vector<std::string> paths;  // per area, in the areas' order
};

// The outlines of `areas` for a Choropleth of width x height.
MapOutlines map_outlines(const std::vector<GeoFeature>& areas, int width, int height);

struct Choropleth {
  ChartText text;
  std::vector<MapArea> areas;
  // Outlines of exactly these areas in this order at this width and height
  // (map_outlines); the areas' rings are then needed only for value labels.
  // Null: computed from the rings.
  const MapOutlines* outlines = nullptr;
  std::vector<double> breaks;  // class upper bounds; empty: quintiles of the values
  int classes = 5;
  bool higher_is_darker = true;
  std::vector<MapPoint> points;
  std::vector<std::string> point_legend;  // one label per symbol class
  int width = 640;
  int height = 520;
  // Areas only as background for the points: no values, no class legend.
  bool base_map = false;
};

// The SVG; one mark (data-value) per area with a value, one per point.
std::string choropleth(const Choropleth& chart);

// Class index (0-based) of a value given upper bounds; used by the legend and tests.
int class_of(double value, const std::vector<double>& breaks);
// Quantile breaks of the present values (classes−1 inner bounds + max).
std::vector<double> quantile_breaks(std::vector<double> values, int classes);

}  // namespace rf::charts
