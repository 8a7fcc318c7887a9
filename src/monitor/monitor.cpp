#include "monitor/monitor.hpp"

#include "monitor/open_data/module.hpp"
#include "monitor/open_data/openapi.hpp"
#include "monitor/pages/import_pages.hpp"
#include "monitor/pages/pages.hpp"
#include "web/geo.hpp"

#include <spdlog/spdlog.h>

#include <future>
#include <map>
#include <mutex>
#include <thread>

namespace rf::monitor {

namespace {

// What ShippedShapes prepares: one level's features and outlines.
MapShapes load_shapes(const std::filesystem::path& root, web::GeoLevel level) {
  auto loaded = web::load_geo(root, level);
  if (!loaded) spdlog::warn("monitor: {}", loaded.error().message);
  std::vector<charts::GeoFeature> features = loaded ? std::move(*loaded) : std::vector<charts::GeoFeature>{};
  auto wide = charts::map_outlines(features, kWideMap.width, kWideMap.height);
  auto narrow = charts::map_outlines(features, kNarrowMap.width, kNarrowMap.height);
  return MapShapes{std::move(features), std::move(wide), std::move(narrow)};
}

}  // namespace

std::int64_t published_version(db::Database& db) {
  auto row = db.query_one("SELECT SUM(version) FROM cache_versions WHERE name IN ('statistics', 'goals')");
  return row && !row->is_null(0) ? row->integer(0) : 0;
}

std::int64_t Module::pages_version(db::Database& db) const {
  return published_version(db) + static_cast<std::int64_t>(view().serial());
}

// The shapes of one root, prepared on a thread of their own: the Kreise first
// (most maps show them), then the Gemeinden.
class ShippedShapes {
 public:
  explicit ShippedShapes(const std::filesystem::path& root)
      : kreise_(kreise_promise_.get_future().share()),
        gemeinden_(gemeinden_promise_.get_future().share()),
        thread_([this, root] {
          prepare(kreise_promise_, root, web::GeoLevel::kreise);
          prepare(gemeinden_promise_, root, web::GeoLevel::gemeinden);
        }) {}
  ~ShippedShapes() { thread_.join(); }
  ShippedShapes(const ShippedShapes&) = delete;
  ShippedShapes& operator=(const ShippedShapes&) = delete;

  const MapShapes& kreise() const { return kreise_.get(); }
  const MapShapes& gemeinden() const { return gemeinden_.get(); }

  // The process's shapes of `root`, started on the first call. They live
  // until the program ends (and are joined then).
  static const ShippedShapes& of(const std::filesystem::path& root) {
    static std::mutex mutex;
    static std::map<std::filesystem::path, std::unique_ptr<ShippedShapes>> by_root;
    std::lock_guard lock(mutex);
    auto& shapes = by_root[root];
    if (!shapes) shapes = std::make_unique<ShippedShapes>(root);
    return *shapes;
  }

 private:
  static void prepare(std::promise<MapShapes>& promise, const std::filesystem::path& root, web::GeoLevel level) {
    try {
      promise.set_value(load_shapes(root, level));
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
  }

  std::promise<MapShapes> kreise_promise_, gemeinden_promise_;
  std::shared_future<MapShapes> kreise_, gemeinden_;
  std::thread thread_;  // last: starts once the promises exist
};

Module::Module(web::Services& s) : services(s), shapes_(ShippedShapes::of(s.settings.root)) {}

const MapShapes& Module::kreise_shapes() const { return shapes_.kreise(); }
const MapShapes& Module::gemeinden_shapes() const { return shapes_.gemeinden(); }

void register_routes(http::Router& router, web::Services& services, ReportFigureLookup report_figures) {
  register_import_routes(router, services, std::move(report_figures));
  // Shared by the handlers, which live as long as the router.
  // Build the statistics cube now rather than on the first request, before
  // the Module starts preparing the map shapes: that thread then runs beside
  // the server's start, not beside the cube's build.
  try {
    current_indicators(services.pool, services.settings.root);
  } catch (const std::exception& e) {
    spdlog::warn("monitor: statistics not loaded at start: {}", e.what());
  }
  auto module = std::make_shared<Module>(services);
  register_api(router, module);
  register_catalog(router, module);
  register_openapi(router, module);
  register_downloads(router, module);
  register_overview_pages(router, module);
  register_indicator_pages(router, module);
  register_region_pages(router, module);
  register_catalogue_and_goal_pages(router, module);
  register_code_list_pages(router, module);
}

}  // namespace rf::monitor
