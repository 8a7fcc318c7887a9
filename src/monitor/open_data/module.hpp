// What the monitor's handlers share: the services, the current indicator
// view, the download files and the map boundaries (module-internal). It lives
// in open_data/, the lowest room with routes; pages/ builds on it.
#pragma once

#include <memory>
#include <vector>

#include "charts/choropleth.hpp"
#include "charts/geo.hpp"

#include "web/page_cache.hpp"
#include "http/router.hpp"
#include "web/web.hpp"
#include "monitor/open_data/download_files.hpp"
#include "monitor/engine/indicator_state.hpp"
#include "monitor/indicators.hpp"

namespace rf::monitor {

// The sum of the statistics and goals counters in cache_versions: both only
// grow, so the sum changes whenever either does. Not the portal's content
// counter: no monitor page or API answer shows content, and an editor's every
// save would otherwise make each instance render its monitor pages anew.
std::int64_t published_version(db::Database& db);

// The sizes of the indicator pages' maps: wide, and for phones 320 px, about
// the width a 360 px screen leaves a figure (its 12 px text is not scaled down).
struct MapSize {
  int width;
  int height;
};
inline constexpr MapSize kWideMap{640, 520};
inline constexpr MapSize kNarrowMap{320, 295};

// One level's boundaries and their outlines at kWideMap and kNarrowMap.
struct MapShapes {
  std::vector<charts::GeoFeature> features;
  charts::MapOutlines wide, narrow;
};
class ShippedShapes;  // monitor.cpp

struct Module {
  explicit Module(web::Services& s);
  web::Services& services;
  IndicatorView view() const { return current_indicators(services.pool, services.settings.root); }
  // Large downloads, written once per statistics version (var_dir/downloads).
  DownloadFiles downloads{services.settings.var_dir / "downloads"};
  // Anonymous pages and API answers, valid while the statistics (imports,
  // catalogue) and the goals stay as they are and rendered from the cube in use
  // (cache="monitor" on /metrics).
  web::PageCache pages{services.pool, "monitor", [this](db::Database& db) { return pages_version(db); }};
  // published_version plus the serial of the cube this instance answers from:
  // the database's counter changes first, and pages rendered while the cube is
  // rebuilt (from the old one) would otherwise stay cached under the new
  // version; the cube's serial changes once the new cube is in use.
  std::int64_t pages_version(db::Database& db) const;

  // The boundaries of the NRW Kreise or Gemeinden (data/geo/) and their
  // outlines at both sizes of the indicator pages' maps; no features when the
  // file is missing. Waits only while they are still being prepared (below).
  const MapShapes& kreise_shapes() const;
  const MapShapes& gemeinden_shapes() const;

 private:
  // The shapes never change while the program runs, and reading and
  // projecting them took 30 ms: they are prepared once per process and root,
  // on a thread of their own that the first Module starts (not on the I/O
  // threads, and not on a visitor's first map page).
  const ShippedShapes& shapes_;
};
using ModulePtr = std::shared_ptr<Module>;

// A route's handler as a named function of the request and the module, so
// that each file registers its routes in one readable table of one line per
// route (as portal/publication_pages.cpp does) instead of long lambdas.
using ModuleHandler = http::Response (*)(http::Request&, const ModulePtr&);

// `fn` bound to `module`, for the router.
inline http::Handler handler(const ModulePtr& module, ModuleHandler fn) {
  return [module, fn](http::Request& req) { return fn(req, module); };
}

// The same, answered from the module's cache of anonymous pages while the
// statistics and the goals stay as they are.
inline http::Handler cached(const ModulePtr& module, ModuleHandler fn) {
  return module->pages.wrap(handler(module, fn));
}

// /api/v1/ (api.cpp), its downloads (downloads.cpp) and the DCAT-AP.de
// catalogue of both (catalog.cpp).
void register_api(http::Router& router, const ModulePtr& module);
void register_catalog(http::Router& router, const ModulePtr& module);
void register_downloads(http::Router& router, const ModulePtr& module);

}  // namespace rf::monitor
