#include "report/toc_pages.hpp"

#include <array>
#include <cstdio>

namespace rf::report {
namespace {

// Whitespace runs (line breaks, layout spaces, no-break spaces) become one space.
std::string collapse(const std::string& text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool is_space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      is_space = true;
      ++i;
    }
    if (is_space) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

std::optional<std::vector<std::string>> pdf_page_texts(const std::filesystem::path& pdf) {
  if (!std::filesystem::exists("/usr/bin/pdftotext")) return std::nullopt;
  std::string command = "/usr/bin/pdftotext -enc UTF-8 " + shell_quote(pdf.string()) + " - 2>/dev/null";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string text;
  std::array<char, 65536> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) text.append(buffer.data(), n);
  if (pclose(pipe) != 0) return std::nullopt;
  std::vector<std::string> pages;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\f', start);
    if (end == std::string::npos) end = text.size();
    pages.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pages;
}

std::map<std::string, int> find_heading_pages(const std::vector<std::string>& pages,
                                              const std::vector<Document>& chapters) {
  std::vector<std::string> flat;
  for (const auto& p : pages) flat.push_back(collapse(p));
  std::map<std::string, int> result;
  std::size_t from = 0;  // headings come in order: search onwards
  auto find_from = [&](const std::string& needle, std::size_t start) -> std::optional<std::size_t> {
    for (std::size_t i = start; i < flat.size(); ++i) {
      if (flat[i].find(needle) != std::string::npos) return i;
    }
    return std::nullopt;
  };
  for (const auto& doc : chapters) {
    // "KAPITEL 2" stands (upper case by CSS) only above a chapter, never in the contents.
    auto page = find_from("KAPITEL " + doc.number + " ", from);
    if (!page) continue;
    result["kapitel-" + doc.number] = static_cast<int>(*page) + 1;
    from = *page;
    for (const auto& s : doc.sections) {
      auto sp = find_from(collapse(s.number + " " + s.title), from);
      if (!sp) continue;
      result[s.id] = static_cast<int>(*sp) + 1;
      from = *sp;
    }
  }
  if (auto g = find_from("Glossar", from)) {
    result["glossar"] = static_cast<int>(*g) + 1;
    from = *g;
  }
  if (auto q = find_from("Quellen und Literatur", from)) result["quellen"] = static_cast<int>(*q) + 1;
  return result;
}

}  // namespace rf::report
