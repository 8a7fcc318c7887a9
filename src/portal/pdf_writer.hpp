// A minimal PDF 1.4 writer for generated documents (demo publications):
// A4 pages of Helvetica text, wrapped to the page width. German text is
// converted to WinAnsiEncoding, which covers umlauts and ß.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rf::portal {

struct PdfDocument {
  std::string title;                    // big heading on page 1 and document info
  std::string subtitle;                 // smaller line under it
  std::vector<std::string> paragraphs;  // body text; a paragraph starting "## " is a heading
};

std::string write_pdf(const PdfDocument& doc);

}  // namespace rf::portal
