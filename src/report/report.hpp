// The report module's public face: the education report as code.
//
//   ruhrfutur report build reports/<name> --out DIR [--pdf] [--strict] [--database URL]
//
// reads reports/<name>/report.yaml, its Markdown chapters with directives,
// glossary.yaml and the profile template, computes every number from the
// statistics in the database at build time and writes a static web report
// (pages, data appendix as CSV and XLSX, region profiles, codes.json) and,
// with --pdf, print-quality PDFs. See README.md, section "Reports".
//
// `ruhrfutur serve` serves the built report under /bericht/… and redirects
// /code/NNNNN (the web codes printed next to every figure) to the figure.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "web/web.hpp"

namespace rf::report {

class Data;

struct ReportBuildOptions {
  std::filesystem::path report_dir;  // reports/<name>
  std::filesystem::path out_dir;     // --out DIR
  bool pdf = false;                  // --pdf
  bool strict = false;               // --strict: missing data fail the build
  bool profiles = true;              // --no-profiles skips the region profiles
  std::string database_url;          // --database URL
  std::filesystem::path root = ".";  // project root: templates/, static/, data/
  unsigned threads = 0;              // 0: one per core
  std::string chromium = "/usr/bin/chromium";
  std::optional<bool> progress;  // default: when stderr is a terminal
};

// Opens the database, loads the indicators and builds the report; returns
// the exit code (0 built, 1 errors in the sources or data, 2 usage or I/O).
int report_build_command(const ReportBuildOptions& options);

// The same on given statistics (tests); messages go to `out` and `err`.
int build_report(const ReportBuildOptions& options, const Data& data, std::ostream& out, std::ostream& err);

// What a built report publishes, read from its codes.json: for the portal's
// home page, sitemap and search, and the figures an import's update report
// names. URLs are absolute paths under /bericht/.
struct PublishedReport {
  struct Chapter {
    std::string number;  // "2"
    std::string title;   // "Frühe Bildung"
    std::string url;     // "/bericht/kapitel/02-fruehe-bildung.html"
  };
  struct FigureEntry {
    std::string code;                     // five-digit web code
    std::string title;                    // the figure's title
    std::string place;                    // "Kapitel 2 Frühe Bildung", "Profil Gelsenkirchen"
    std::string url;                      // "/bericht/kapitel/02-….html#abb-2-1"
    std::vector<std::string> indicators;  // ids of the indicators it reads (empty from reports built before)
  };
  std::string title;    // "Bildungsbericht Ruhr"
  std::string edition;  // "2025"
  std::vector<Chapter> chapters;
  std::vector<FigureEntry> figures;
};
// Nullopt when no report is built in `built_dir` (or its codes.json is unreadable).
std::optional<PublishedReport> read_published_report(const std::filesystem::path& built_dir);
// The folder the server serves the report from (web::Settings::report_dir, made absolute).
std::filesystem::path served_report_dir(const web::Services& services);

// GET /bericht and /bericht/{path...}: the built report from the report dir
// (web::Settings::report_dir); GET /code/{code}: 303 to the figure.
void register_routes(http::Router& router, web::Services& services);
// The same with an explicit folder (tests).
void register_routes(http::Router& router, const std::filesystem::path& report_dir);

}  // namespace rf::report
