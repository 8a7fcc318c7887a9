#include <unistd.h>

#include <iostream>

#include "db/database.hpp"
#include "report/geo_data.hpp"
#include "report/monitor_data.hpp"
#include "report/report.hpp"

namespace rf::report {

int report_build_command(const ReportBuildOptions& options) {
  if (!std::filesystem::is_regular_file(options.report_dir / "report.yaml")) {
    std::cerr << (options.report_dir / "report.yaml").string() << ": Berichtsdefinition nicht gefunden\n";
    return 2;
  }
  if (options.out_dir.empty()) {
    std::cerr << "--out DIR fehlt\n";
    return 2;
  }
  try {
    bool tty = options.progress.value_or(isatty(STDERR_FILENO) != 0);
    if (tty) std::cerr << "Statistiken werden geladen …" << std::flush;
    auto db = db::open(options.database_url);
    auto view = monitor::load_indicators(*db, options.root / "data/indicators.yaml");
    auto geo = load_geo_data(options.root);
    std::vector<std::string> nrw_kreise;
    for (const auto& [code, feature] : geo.kreise) nrw_kreise.push_back(code);
    MonitorData data(std::move(view), options.root / "data/regions/rvr_municipalities.csv", std::move(nrw_kreise));
    if (tty) std::cerr << "\r\033[K" << std::flush;
    return build_report(options, data, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "Fehler: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace rf::report
