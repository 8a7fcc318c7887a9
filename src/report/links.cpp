#include "report/links.hpp"

namespace rf::report {

std::string chapter_page(std::string_view slug) { return "kapitel/" + std::string(slug) + ".html"; }
std::string profile_page(std::string_view code) { return "profile/" + std::string(code) + ".html"; }
std::string chapter_pdf(std::string_view slug) { return "pdf/kapitel/" + std::string(slug) + ".pdf"; }
std::string profile_pdf(std::string_view code) { return "pdf/profile/" + std::string(code) + ".pdf"; }

std::string PageLinks::href(std::string_view page, std::string_view anchor) const {
  bool in_document = page.substr(0, 8) == "kapitel/" || page == kGlossaryPage || page == kSourcesPage;
  if (single_document && in_document && !anchor.empty()) return "#" + std::string(anchor);
  std::string out = to_root + std::string(page);
  if (!anchor.empty()) out += "#" + std::string(anchor);
  return out;
}

std::string slugify(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      auto d = static_cast<unsigned char>(text[i + 1]);
      const char* repl = nullptr;
      switch (d) {
        case 0xA4:
        case 0x84: repl = "ae"; break;
        case 0xB6:
        case 0x96: repl = "oe"; break;
        case 0xBC:
        case 0x9C: repl = "ue"; break;
        case 0x9F: repl = "ss"; break;
        default: break;
      }
      if (repl) {
        out += repl;
        ++i;
        continue;
      }
    }
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(static_cast<char>(c));
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace rf::report
