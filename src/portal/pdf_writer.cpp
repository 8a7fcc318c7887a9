#include "portal/pdf_writer.hpp"

#include <cstdio>

namespace rf::portal {
namespace {

// The code point of the UTF-8 sequence at text[i], advancing i; a broken
// sequence gives U+FFFD and advances one byte.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (len == 1 || i + len > text.size()) {
    ++i;
    return c < 0x80 ? c : U'\uFFFD';
  }
  char32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  i += len;
  return cp;
}

// UTF-8 to WinAnsi (Latin-1 for the characters we need; a few typographic
// characters mapped to their WinAnsi positions; the rest becomes '?').
std::string to_winansi(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    switch (cp) {
      case U'–': out.push_back('\x96'); continue;
      case U'—': out.push_back('\x97'); continue;
      case U'„': out.push_back('\x84'); continue;
      case U'“': out.push_back('\x93'); continue;
      case U'”': out.push_back('\x94'); continue;
      case U'‚': out.push_back('\x82'); continue;
      case U'‘': out.push_back('\x91'); continue;
      case U'’': out.push_back('\x92'); continue;
      case U'…': out.push_back('\x85'); continue;
      case U'€': out.push_back('\x80'); continue;
      default: break;
    }
    out.push_back(cp < 0x100 ? static_cast<char>(cp) : '?');
  }
  return out;
}

// A text string of the document information (PDF 1.7, 7.9.2.2): UTF-16BE
// with a byte order mark, as hex. WinAnsi bytes would be read as
// PDFDocEncoding there, which differs exactly at the typographic characters
// ("–" is 0x96 in WinAnsi, "Œ" in PDFDocEncoding).
std::string pdf_text_string(std::string_view utf8) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "<FEFF";
  auto unit = [&](char32_t u) {
    for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(u >> shift) & 0xF]);
  };
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, i);
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = U'\uFFFD';
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out + ">";
}

std::string pdf_string(std::string_view latin1) {
  std::string out = "(";
  for (char c : latin1) {
    if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + ")";
}

// Greedy wrapping by an average glyph width (Helvetica ~0.5 em): good enough
// for generated documents, and never wider than the page.
std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t space = text.find(' ', pos);
    std::string word(text.substr(pos, space == std::string_view::npos ? std::string_view::npos : space - pos));
    pos = space == std::string_view::npos ? text.size() : space + 1;
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

struct Line {
  std::string text;  // WinAnsi
  int size;
  bool bold;
  int gap_before;
};

}  // namespace

std::string write_pdf(const PdfDocument& doc) {
  // Lay out all lines, then cut them into A4 pages (595 x 842 pt).
  std::vector<Line> lines;
  for (const auto& l : wrap(to_winansi(doc.title), 38)) lines.push_back({l, 22, true, lines.empty() ? 0 : 4});
  if (!doc.subtitle.empty()) {
    for (const auto& l : wrap(to_winansi(doc.subtitle), 70)) lines.push_back({l, 12, false, 6});
  }
  for (const auto& p : doc.paragraphs) {
    bool heading = p.rfind("## ", 0) == 0;
    auto text = to_winansi(heading ? std::string_view(p).substr(3) : std::string_view(p));
    bool first = true;
    for (const auto& l : wrap(text, heading ? 60 : 88)) {
      lines.push_back({l, heading ? 14 : 10, heading, first ? (heading ? 18 : 10) : 3});
      first = false;
    }
  }
  std::vector<std::string> pages;
  std::string content;
  double y = 842 - 72;
  for (const auto& line : lines) {
    double advance = line.gap_before + line.size;
    if (y - advance < 72 && !content.empty()) {
      pages.push_back(content);
      content.clear();
      y = 842 - 72;
    }
    y -= advance;
    char pos[64];
    std::snprintf(pos, sizeof pos, "%d %.1f Td ", 64, y);
    content += "BT /" + std::string(line.bold ? "F2" : "F1") + " " + std::to_string(line.size) + " Tf " + pos +
               pdf_string(line.text) + " Tj ET\n";
  }
  if (!content.empty() || pages.empty()) pages.push_back(content);

  // Objects: 1 catalog, 2 pages, 3 font regular, 4 font bold, 5 info, then per page: page + content.
  std::vector<std::string> objects;
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) kids += std::to_string(6 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  objects.push_back("<< /Title " + pdf_text_string(doc.title) + " /Producer (RuhrFutur) >>");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R "
        "/F2 4 0 R >> >> /Contents " +
        std::to_string(7 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(pages[i].size()) + " >>\nstream\n" + pages[i] + "endstream");
  }
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto off : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R /Info 5 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace rf::portal
