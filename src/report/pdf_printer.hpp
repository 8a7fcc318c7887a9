// Print-quality PDFs from the report's HTML with headless Debian Chromium.
//
// Chromium's `--print-to-pdf` flag prints either no header and footer or
// its fixed default (date, file:// URL, "1/12"), and CSS @page margin boxes
// (page numbers in CSS) are not implemented. So each browser is driven over
// the DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages
// ending in NUL on file descriptors 3 and 4): Page.printToPDF takes header
// and footer templates with the report's running head and "Seite X von Y",
// writes a tagged PDF with an outline (bookmarks from the headings), and one
// browser prints many PDFs in a row — starting Chromium costs more than
// printing a page. The pool starts at most `max_browsers` (the core count)
// and reuses them; each has its own fresh --user-data-dir.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "text/result.hpp"

namespace rf::report {

struct PrintJob {
  std::filesystem::path html;  // absolute path of the page to print
  std::filesystem::path pdf;   // where to write the PDF
  std::string running_head;    // left in the header, e.g. "Bildungsmonitoring Ruhr 2025"
  std::string running_title;   // right in the header, e.g. "2 Frühe Bildung"
  std::string footer_left;     // e.g. the publisher
};

class Browser;

class PdfPrinter {
 public:
  explicit PdfPrinter(std::string chromium = "/usr/bin/chromium", unsigned max_browsers = 1);
  ~PdfPrinter();
  PdfPrinter(const PdfPrinter&) = delete;
  PdfPrinter& operator=(const PdfPrinter&) = delete;

  // Prints one job (blocks until a browser is free); a Failure saying why not.
  text::Result<void> print(const PrintJob& job);
  // Number of Chromium processes started so far.
  unsigned browsers_started() const;

 private:
  text::Result<std::unique_ptr<Browser>> acquire();
  void release(std::unique_ptr<Browser> browser);

  std::string chromium_;
  unsigned max_browsers_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Browser>> idle_;
  unsigned running_ = 0;  // started and not closed
  unsigned started_ = 0;
};

// The header and footer templates (HTML for Chromium's print header/footer).
std::string header_template(const PrintJob& job);
std::string footer_template(const PrintJob& job);

// Decodes standard base64 (whitespace ignored); nullopt-like empty + false on bad input.
bool decode_base64(std::string_view in, std::string& out);

}  // namespace rf::report
