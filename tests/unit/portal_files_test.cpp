// Generated files (PDF, PNG) and the detection of upload types by content.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "portal/pdf_writer.hpp"
#include "portal/png_writer.hpp"
#include "portal/uploads.hpp"
#include "support/temp_dir.hpp"

namespace rf::portal {
namespace {

TEST(Uploads, TypeComesFromTheBytes) {
  EXPECT_EQ(sniff_media_type(std::string("\x89PNG\r\n\x1a\n....", 12)), "image/png");
  EXPECT_EQ(sniff_media_type("\xFF\xD8\xFF\xE0 JFIF"), "image/jpeg");
  EXPECT_EQ(sniff_media_type("RIFF\x10\x00\x00\x00WEBPVP8 "), "");  // embedded NUL cuts the literal
  EXPECT_EQ(sniff_media_type(std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(sniff_media_type("%PDF-1.7\n"), "application/pdf");
  EXPECT_EQ(sniff_media_type("<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>"), "");
  EXPECT_EQ(sniff_media_type("<html><script>alert(1)</script>"), "");
  EXPECT_EQ(sniff_media_type("GIF89a"), "");
  EXPECT_EQ(sniff_media_type(""), "");
  EXPECT_EQ(upload_url("ab12"), "/dateien/ab12");
}

TEST(Pdf, IsWellFormed) {
  PdfDocument doc{"Bildungsbericht – Kurzfassung", "RuhrFutur · 2024", {}};
  for (int i = 0; i < 80; ++i)
    doc.paragraphs.push_back(i % 10 == 0 ? "## Abschnitt (mit Klammern) \\ Übergänge"
                                         : "Ein längerer Absatz über Übergänge, Schulen und Hochschulen im Ruhrgebiet, "
                                           "der umbrochen werden muss, weil er breiter ist als die Seite.");
  auto pdf = write_pdf(doc);
  ASSERT_EQ(pdf.rfind("%PDF-1.4\n", 0), 0u);
  EXPECT_TRUE(pdf.ends_with("%%EOF\n"));
  EXPECT_EQ(sniff_media_type(pdf), "application/pdf");
  // Several pages, and the xref table points at every object.
  auto count_at = pdf.find("/Count ");
  ASSERT_NE(count_at, std::string::npos);
  EXPECT_GT(std::stoi(pdf.substr(count_at + 7)), 1);
  auto startxref = std::stoul(pdf.substr(pdf.rfind("startxref\n") + 10));
  ASSERT_EQ(pdf.compare(startxref, 5, "xref\n"), 0);
  std::regex entry(R"((\d{10}) 00000 n )");
  int object = 1;
  std::string table = pdf.substr(startxref);
  for (std::sregex_iterator it(table.begin(), table.end(), entry), end; it != end; ++it, ++object) {
    auto offset = std::stoul((*it)[1]);
    EXPECT_EQ(pdf.compare(offset, std::to_string(object).size() + 6, std::to_string(object) + " 0 obj"), 0)
        << "object " << object;
  }
  EXPECT_GT(object, 6);
  // Umlauts in WinAnsi, parentheses and backslashes escaped.
  EXPECT_NE(pdf.find("\xDC"
                     "berg\xE4nge"),
            std::string::npos);
  EXPECT_NE(pdf.find("\\(mit Klammern\\) \\\\"), std::string::npos);
  // The document information's title is UTF-16BE: "–" is U+2013 there, not
  // the WinAnsi byte 0x96 that readers show as "Œ" (PDFDocEncoding).
  EXPECT_NE(pdf.find("/Title <FEFF00420069006C"), std::string::npos) << pdf.substr(pdf.find("/Title"), 80);
  EXPECT_NE(pdf.find("002020130020"), std::string::npos);
}

TEST(Pdf, TitleMetadataReadsBackAsWritten) {
  if (!std::filesystem::exists("/usr/bin/pdfinfo")) GTEST_SKIP() << "pdfinfo (poppler-utils) fehlt";
  rf::test::TempDir dir;
  const auto file = dir / "titel.pdf";
  std::ofstream(file, std::ios::binary) << write_pdf({"Bildungsbericht – „Übergänge“ 𝟚", "", {"Text"}});
  std::string info;
  std::FILE* pipe = popen(("pdfinfo -enc UTF-8 " + file.string() + " 2>&1").c_str(), "r");
  ASSERT_TRUE(pipe);
  std::array<char, 4096> buffer;
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) info.append(buffer.data(), n);
  pclose(pipe);
  EXPECT_NE(info.find("Title:           Bildungsbericht – „Übergänge“ 𝟚\n"), std::string::npos) << info;
}

TEST(Png, IsWellFormed) {
  auto png = cover_png({11, 83, 148}, {255, 191, 71}, 3);
  EXPECT_EQ(sniff_media_type(png), "image/png");
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(png.substr(png.size() - 8, 4), "IEND");
  // IHDR: 180 x 240, 8 bit palette.
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  EXPECT_EQ(be32(16), 180u);
  EXPECT_EQ(be32(20), 240u);
  EXPECT_EQ(png[24], 8);
  EXPECT_EQ(png[25], 3);
  EXPECT_NE(cover_png({0, 0, 0}, {255, 255, 255}, 1), cover_png({0, 0, 0}, {255, 255, 255}, 2));
}

}  // namespace
}  // namespace rf::portal
