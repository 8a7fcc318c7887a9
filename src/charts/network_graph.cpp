#include "charts/network_graph.hpp"

#include <algorithm>
#include <map>

#include "charts/svg.hpp"

namespace rf::charts {

std::string network_graph(const NetworkGraph& g) {
  using svg::num;
  const double top = 36;
  std::size_t rows = 1;
  for (const auto& c : g.columns) rows = std::max(rows, c.nodes.size());
  const int height = static_cast<int>(top + rows * g.row_height + 10);
  const std::size_t ncols = std::max<std::size_t>(1, g.columns.size());
  const double col_width = static_cast<double>(g.width) / static_cast<double>(ncols);
  const double box_width = col_width * 0.7;

  struct Place {
    double x, y;
    std::size_t column;
  };
  std::map<std::string, Place> places;
  for (std::size_t c = 0; c < g.columns.size(); ++c) {
    const auto& nodes = g.columns[c].nodes;
    // Centre short columns vertically.
    double offset = (static_cast<double>(rows) - static_cast<double>(nodes.size())) * g.row_height / 2.0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      places[nodes[i].id] = {col_width * static_cast<double>(c) + (col_width - box_width) / 2,
                             top + offset + static_cast<double>(i) * g.row_height, c};
    }
  }
  std::string out = svg::open(g.text, g.width, height, "network-graph");
  for (std::size_t c = 0; c < g.columns.size(); ++c) {
    out +=
        svg::label(col_width * static_cast<double>(c) + col_width / 2, 18, g.columns[c].heading, "middle", "heading");
  }
  out += "<g class=\"edges\" fill=\"none\" stroke=\"#8a96a8\" stroke-width=\"1\">";
  for (const auto& e : g.edges) {
    auto a = places.find(e.from), b = places.find(e.to);
    if (a == places.end() || b == places.end()) continue;
    const auto& [from, to] =
        a->second.column <= b->second.column ? std::pair(a->second, b->second) : std::pair(b->second, a->second);
    double x1 = from.x + box_width, y1 = from.y + g.row_height / 2.0 - 2;
    double x2 = to.x, y2 = to.y + g.row_height / 2.0 - 2;
    double mid = (x1 + x2) / 2;
    out += "<path data-edge=\"" + svg::esc(e.from + ">" + e.to) + "\" d=\"M" + num(x1) + "," + num(y1) + " C" +
           num(mid) + "," + num(y1) + " " + num(mid) + "," + num(y2) + " " + num(x2) + "," + num(y2) + "\"/>";
  }
  out += "</g>";
  for (const auto& column : g.columns) {
    for (const auto& n : column.nodes) {
      const auto& p = places[n.id];
      const std::string shown = svg::fit_text(n.label, box_width - 12);
      std::string node = "<g class=\"node\" data-node=\"" + svg::esc(n.id) + "\"><title>" + svg::esc(n.label) +
                         "</title><rect x=\"" + num(p.x) + "\" y=\"" + num(p.y) + "\" width=\"" + num(box_width) +
                         "\" height=\"" + num(g.row_height - 6) + "\" rx=\"4\" fill=\"#e8f0f8\" stroke=\"#0b5394\"/>" +
                         svg::label(p.x + 6, p.y + g.row_height / 2.0 + 2, shown, "start", "node-label") + "</g>";
      if (!n.href.empty()) node = "<a href=\"" + svg::esc(n.href) + "\">" + node + "</a>";
      out += node;
    }
  }
  out += "</svg>";
  return out;
}

}  // namespace rf::charts
