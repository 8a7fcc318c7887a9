// The statistics shipped in data/ (see data/README.md), imported by
// `ruhrfutur demo` so that the monitor has real figures from the start.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/indicators.hpp"
#include "monitor/monitor.hpp"

namespace rf::monitor {

namespace {

// The shipped statistics files under `root`/data, in import order (INKAR
// definitions first, so that INKAR series get their names).
std::vector<std::string> shipped_statistics_files(const std::filesystem::path& root) {
  const auto data = root / "data";
  const char* files[] = {
      "inkar/inkar2024_indikatoren_meta.csv",
      "inkar/inkar2024_bildung_kreise_1995-2022.csv",
      "inkar/inkar2024_kinderbetreuung_kreise_2006-2022.csv",
      "inkar/inkar2024_sozialleistungen_kreise_1995-2022.csv",
      "inkar/inkar2024_sozialleistungen_gemeinden_2021-2022.csv",
      "genesis/21111-02-06-4.csv",
      "genesis/21111-01-03-4.csv",
      "genesis/13211-02-05-4.csv",
      "genesis/82411-01-03-4.csv",
      "genesis/12411-0018.csv",
      "genesis/12411-02-03-4_NRW.csv",
      "genesis/12411-09i.csv",
      "schools/schuldaten.csv",
      "schools/AS_BS_Verzeichnis_2024_25_mit_Sozialindex.csv",
  };
  std::vector<std::string> out;
  for (const char* f : files) out.push_back((data / f).string());
  return out;
}

}  // namespace

int import_shipped_statistics(db::Database& db, const std::filesystem::path& root, std::ostream& out,
                              std::ostream& err) {
  auto imported = db.query_one("SELECT COUNT(*) FROM imports");
  if (imported && imported->integer(0) > 0) {
    out << "statistics: already imported, nothing to do\n";
    return 0;
  }
  ImportOptions options;
  options.files = shipped_statistics_files(root);
  options.data_dir = (root / "data").string();
  options.who = "demo";
  options.progress = false;
  std::ostream null_out(nullptr);
  int code = run_import_command(options, db, null_out, err);
  if (code != 0) return code;
  bump_statistics_version(db);
  out << "statistics: " << options.files.size() << " shipped files imported\n";
  return 0;
}

}  // namespace rf::monitor
