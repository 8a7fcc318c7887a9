#include "monitor/monitor.hpp"

#include "monitor/open_data/module.hpp"
#include "monitor/open_data/openapi.hpp"
#include "monitor/pages/import_pages.hpp"
#include "monitor/pages/pages.hpp"
#include "web/geo.hpp"

#include <spdlog/spdlog.h>

namespace rf::monitor {

namespace {

std::vector<charts::GeoFeature> load_geo(const web::Services& services, web::GeoLevel level) {
  auto features = web::load_geo(services.settings.root, level);
  if (!features) {
    spdlog::warn("monitor: {}", features.error().message);
    return {};
  }
  return std::move(*features);
}

}  // namespace

std::int64_t published_version(db::Database& db) {
  auto row = db.query_one("SELECT SUM(version) FROM cache_versions WHERE name IN ('statistics', 'goals')");
  return row && !row->is_null(0) ? row->integer(0) : 0;
}

std::int64_t Module::pages_version(db::Database& db) const {
  return published_version(db) + static_cast<std::int64_t>(view().serial());
}

const std::vector<charts::GeoFeature>& Module::kreise_geo() {
  std::call_once(kreise_once_, [this] { kreise_ = load_geo(services, web::GeoLevel::kreise); });
  return kreise_;
}

const std::vector<charts::GeoFeature>& Module::gemeinden_geo() {
  std::call_once(gemeinden_once_, [this] { gemeinden_ = load_geo(services, web::GeoLevel::gemeinden); });
  return gemeinden_;
}

const charts::MapOutlines& Module::outlines(bool gemeinden, int width, int height) {
  const auto& features = gemeinden ? gemeinden_geo() : kreise_geo();
  std::lock_guard lock(outlines_mutex_);
  auto& slot = outlines_[{gemeinden, width, height}];
  if (!slot) slot = std::make_unique<const charts::MapOutlines>(charts::map_outlines(features, width, height));
  return *slot;
}

void register_routes(http::Router& router, web::Services& services, ReportFigureLookup report_figures) {
  register_import_routes(router, services, std::move(report_figures));
  // Shared by the handlers, which live as long as the router.
  auto module = std::make_shared<Module>(services);
  // Build the statistics cube now rather than on the first request.
  try {
    module->view();
  } catch (const std::exception& e) {
    spdlog::warn("monitor: statistics not loaded at start: {}", e.what());
  }
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
