// Page numbers for the table of contents of the printed report. Chromium
// cannot number pages in CSS (no target-counter()), so the build prints the
// report once, reads the text of every page back with pdftotext (Debian
// poppler-utils), finds the page of each chapter and section heading, writes
// the numbers into the contents and prints again. Adding the numbers does
// not move any page break: each sits on a line that is already there.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "report/document.hpp"

namespace rf::report {

// The text of each page of a PDF (pdftotext, pages split at form feeds);
// nullopt when pdftotext is missing or fails.
std::optional<std::vector<std::string>> pdf_page_texts(const std::filesystem::path& pdf);

// Anchor id → 1-based page: "kapitel-2", section ids ("abschnitt-2-1"),
// "glossar", "quellen". Headings that are not found are left out.
std::map<std::string, int> find_heading_pages(const std::vector<std::string>& pages,
                                              const std::vector<Document>& chapters);

}  // namespace rf::report
