// The PDF printer's pieces that need no browser: base64, the header and
// footer templates; and one real print of a two-page page when Chromium is
// installed (page numbers in the footer, a file:// URL with spaces).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "report/definition.hpp"
#include "report/pdf_printer.hpp"
#include "support/temp_dir.hpp"

namespace rf::report {
namespace {

TEST(ReportPdf, DecodesBase64) {
  std::string out;
  ASSERT_TRUE(decode_base64("JVBERi0xLjQK", out));
  EXPECT_EQ(out, "%PDF-1.4\n");
  ASSERT_TRUE(decode_base64("w6TDtsO8\n", out));
  EXPECT_EQ(out, "äöü");
  EXPECT_TRUE(decode_base64("", out));
  EXPECT_EQ(out, "");
  EXPECT_FALSE(decode_base64("ab$c", out));
}

TEST(ReportPdf, TemplatesEscapeAndNumberPages) {
  PrintJob job{"/tmp/x.html", "/tmp/x.pdf", "Bericht <2025>", "2 Frühe Bildung", "RuhrFutur & Co"};
  auto header = header_template(job);
  EXPECT_NE(header.find("Bericht &lt;2025&gt;"), std::string::npos);
  EXPECT_NE(header.find("2 Frühe Bildung"), std::string::npos);
  auto footer = footer_template(job);
  EXPECT_NE(footer.find("RuhrFutur &amp; Co"), std::string::npos);
  EXPECT_NE(footer.find("Seite <span class=\"pageNumber\"></span> von <span class=\"totalPages\"></span>"),
            std::string::npos);
  EXPECT_NE(footer.find("font-size:"), std::string::npos) << "Chromium's default template font size is 0";
}

TEST(ReportPdf, PrintsWithPageNumbers) {
  if (!std::filesystem::exists("/usr/bin/chromium") || !std::filesystem::exists("/usr/bin/pdftotext")) {
    GTEST_SKIP() << "chromium/pdftotext fehlen";
  }
  rf::test::TempDir dir;
  auto html = dir / "eine Seite.html";
  std::ofstream(html)
      << "<!doctype html><html lang=de><head><meta charset=utf-8><title>T</title></head><body>"
         "<h1>Erste Seite</h1><p style=\"break-after:page\">Text</p><h1>Zweite Seite</h1></body></html>";
  PdfPrinter printer("/usr/bin/chromium", 1);
  PrintJob job{html, dir / "pdf/aus.pdf", "Testbericht", "Kapitel", "Herausgeber"};
  auto printed = printer.print(job);
  ASSERT_TRUE(printed) << printed.error().message;
  // The same browser prints again.
  printed = printer.print(job);
  ASSERT_TRUE(printed) << printed.error().message;
  EXPECT_EQ(printer.browsers_started(), 1u);
  std::string text;
  std::FILE* pipe = popen(("pdftotext " + job.pdf.string() + " - 2>/dev/null").c_str(), "r");
  ASSERT_TRUE(pipe);
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) text.append(buffer.data(), n);
  pclose(pipe);
  EXPECT_NE(text.find("Seite 1 von 2"), std::string::npos) << text;
  EXPECT_NE(text.find("Seite 2 von 2"), std::string::npos) << text;
  EXPECT_NE(text.find("Testbericht"), std::string::npos);
  EXPECT_NE(text.find("Zweite Seite"), std::string::npos);
  // A page that does not exist is an error, not a hang.
  PrintJob missing{dir / "fehlt.html", dir / "fehlt.pdf", "", "", ""};
  auto failed = printer.print(missing);
  ASSERT_FALSE(failed);
  EXPECT_FALSE(failed.error().message.empty());
}

}  // namespace
}  // namespace rf::report
