// The static web report: every page as HTML (layout from
// templates/report/*.mustache, content built here), the print document of
// the whole report, codes.json, and the assets (static/report/*, fonts).
//
// Output layout (all links relative, so it works from file:// and under /bericht/):
//   index.html                 title, table of contents, downloads, web codes
//   kapitel/<slug>.html        one page per chapter
//   glossar.html quellen.html  glossary, data sources and literature
//   daten/index.html           data appendix: every figure as CSV and XLSX
//   daten/<id>.csv|.xlsx, daten/bericht-daten.xlsx, daten/profile/…
//   profile/index.html, profile/<code>.html     region profiles
//   druck/bericht.html         the whole report as one print document
//   pdf/…                      with --pdf
//   codes.json                 web code → page#figure
//   assets/                    CSS and fonts
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "web/templates.hpp"
#include "report/definition.hpp"
#include "report/document.hpp"
#include "report/glossary.hpp"
#include "report/profiles.hpp"
#include "text/result.hpp"

namespace rf::report {

struct SiteModel {
  const ReportDefinition* definition = nullptr;
  const Glossary* glossary = nullptr;
  const std::vector<Document>* chapters = nullptr;
  const std::vector<Profile>* profiles = nullptr;
  bool pdf = false;      // PDFs are built: link them
  std::string built_on;  // "23.11.2025"
};

class SiteWriter {
 public:
  SiteWriter(const web::Templates& templates, SiteModel model) : templates_(templates), m_(std::move(model)) {}

  std::string index_page() const;
  std::string chapter_page(std::size_t index) const;
  std::string glossary_page() const;
  std::string sources_page() const;
  std::string data_page() const;
  std::string profiles_index_page() const;
  std::string profile_page(const Profile& profile) const;
  // The whole report as one document for printing (druck/bericht.html);
  // with `pages` (anchor id → page, see toc_pages.hpp) the contents show page numbers.
  std::string print_document(const std::map<std::string, int>* pages = nullptr) const;
  // {"report": name, "title", "edition", "codes": {"12345": "kapitel/…html#abb-2-1", …},
  //  "chapters": [{number, title, url}], "figures": [{code, title, place, url, indicators: [id, …]}]}
  std::string codes_json() const;

 private:
  std::string layout(std::string_view page_title, std::string_view root, std::string_view content,
                     std::string_view body_class, std::string_view active, int current_chapter = -1,
                     bool sidebar = true) const;
  std::string toc_html(std::string_view root, bool with_sections) const;
  std::string glossary_body(std::string_view root) const;
  std::string sources_body() const;

  const web::Templates& templates_;
  SiteModel m_;
};

// Writes `content` to out/rel, creating folders; a Failure naming the file.
text::Result<void> write_output(const std::filesystem::path& out, std::string_view rel, std::string_view content);

// Copies <root>/static/report/* to out/assets/ and the Lato fonts (Debian
// fonts-lato) to out/assets/fonts/ when installed.
text::Result<void> copy_assets(const std::filesystem::path& root, const std::filesystem::path& out);

// The link rewriting that turns chapter-page HTML into print-document HTML.
std::string rewrite_for_print_document(std::string html, const std::vector<Document>& chapters);

}  // namespace rf::report
