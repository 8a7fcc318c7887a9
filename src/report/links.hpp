// How the pages of a built report link to each other. Every link is relative
// ("../glossar.html#begriff-sozialindex"), so the report works from file://,
// under /bericht/ on the website and from any other folder it is copied to.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace rf::report {

// The output layout (paths relative to the report's root folder).
inline constexpr std::string_view kIndexPage = "index.html";
inline constexpr std::string_view kGlossaryPage = "glossar.html";
inline constexpr std::string_view kSourcesPage = "quellen.html";
inline constexpr std::string_view kDataPage = "daten/index.html";
inline constexpr std::string_view kProfilesPage = "profile/index.html";
inline constexpr std::string_view kPrintPage = "druck/bericht.html";
inline constexpr std::string_view kCodesFile = "codes.json";

std::string chapter_page(std::string_view slug);  // "kapitel/02-fruehe-bildung.html"
std::string profile_page(std::string_view code);  // "profile/05513.html"
std::string chapter_pdf(std::string_view slug);   // "pdf/kapitel/02-fruehe-bildung.pdf"
std::string profile_pdf(std::string_view code);   // "pdf/profile/05513.pdf"
inline constexpr std::string_view kReportPdf = "pdf/bericht.pdf";

// Where a numbered figure lives.
struct FigureRef {
  std::string label;  // "Abbildung 2.1"
  std::string page;   // "kapitel/02-fruehe-bildung.html"
};

struct PageLinks {
  std::string to_root;  // "" for pages in the root folder, "../" one level down
  // The whole report in one document (print version): links to chapters,
  // glossary and sources become in-document anchors.
  bool single_document = false;
  const std::map<std::string, FigureRef>* figures = nullptr;  // id → where

  // A link from this page to `page` (relative to the root) and `anchor`.
  std::string href(std::string_view page, std::string_view anchor = {}) const;
};

// An id usable in HTML and file names: lower case letters, digits and '-'.
std::string slugify(std::string_view text);

}  // namespace rf::report
