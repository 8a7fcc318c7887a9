// A layered network graph: nodes in columns (e.g. partners – measures –
// goals), edges between neighbouring columns. No force layout: columns keep
// the picture readable, stable between requests and easy to put next to a
// table alternative. Every node carries a <title> and a data-node attribute,
// every edge a data-edge attribute, so tests can count them.
#pragma once

#include <string>
#include <vector>

#include "charts/chart.hpp"

namespace rf::charts {

struct GraphNode {
  std::string id;     // unique in the graph
  std::string label;  // shown (shortened to fit) and in the tooltip
  std::string href;   // optional link
};

struct GraphColumn {
  std::string heading;  // "Partner", "Maßnahmen", "Ziele"
  std::vector<GraphNode> nodes;
};

struct GraphEdge {
  std::string from;  // node ids
  std::string to;
};

struct NetworkGraph {
  ChartText text;
  std::vector<GraphColumn> columns;
  std::vector<GraphEdge> edges;
  int width = 960;
  int row_height = 26;
};

std::string network_graph(const NetworkGraph& graph);

}  // namespace rf::charts
