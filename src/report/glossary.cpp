#include "report/glossary.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "report/definition.hpp"
#include "text/files.hpp"

namespace rf::report {

const GlossaryTerm* Glossary::find(std::string_view id) const {
  for (const auto& t : terms_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

std::vector<const GlossaryTerm*> Glossary::sorted() const {
  std::vector<const GlossaryTerm*> out;
  for (const auto& t : terms_) out.push_back(&t);
  std::stable_sort(out.begin(), out.end(), [](const GlossaryTerm* a, const GlossaryTerm* b) {
    return german_sort_key(a->term) < german_sort_key(b->term);
  });
  return out;
}

std::string german_sort_key(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      auto d = static_cast<unsigned char>(text[i + 1]);
      const char* base = nullptr;
      switch (d) {
        case 0xA4:
        case 0x84: base = "a"; break;  // ä Ä
        case 0xB6:
        case 0x96: base = "o"; break;  // ö Ö
        case 0xBC:
        case 0x9C: base = "u"; break;   // ü Ü
        case 0x9F: base = "ss"; break;  // ß
        default: break;
      }
      if (base) {
        out += base;
        ++i;
        continue;
      }
    }
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

Glossary load_glossary(const std::string& file, Diagnostics& diagnostics) {
  Glossary glossary;
  auto content = text::read_file(file);
  if (!content) {
    diagnostics.error({file, 0}, "Glossar nicht lesbar");
    return glossary;
  }
  YAML::Node root;
  try {
    root = YAML::Load(*content);
  } catch (const YAML::Exception& e) {
    diagnostics.error({file, e.mark.line + 1}, "YAML-Fehler: " + e.msg);
    return glossary;
  }
  auto at = [&](const YAML::Node& n) { return SourceLocation{file, n.Mark().line + 1}; };
  if (!root.IsSequence()) {
    diagnostics.error({file, 1}, "Liste von Begriffen erwartet (- id: …, term: …, definition: …)");
    return glossary;
  }
  std::set<std::string> ids;
  for (const auto& item : root) {
    if (!item.IsMap()) {
      diagnostics.error(at(item), "Begriff: Zuordnung erwartet");
      continue;
    }
    GlossaryTerm t;
    t.where = at(item);
    bool ok = true;
    for (const auto& kv : item) {
      std::string key = kv.first.Scalar();
      if (key == "see") {
        if (kv.second.IsSequence()) {
          for (const auto& s : kv.second) t.see.push_back(s.Scalar());
        } else {
          t.see.push_back(kv.second.Scalar());
        }
        continue;
      }
      if (!kv.second.IsScalar()) {
        diagnostics.error(at(kv.second), "„" + key + "“: Text erwartet");
        ok = false;
        continue;
      }
      if (key == "id") {
        t.id = kv.second.Scalar();
      } else if (key == "term") {
        t.term = kv.second.Scalar();
      } else if (key == "abbreviation") {
        t.abbreviation = kv.second.Scalar();
      } else if (key == "definition") {
        t.definition = kv.second.Scalar();
      } else {
        diagnostics.error(at(kv.first), "unbekannter Schlüssel „" + key + "“ im Glossar");
        ok = false;
      }
    }
    if (t.id.empty() || t.term.empty() || t.definition.empty()) {
      diagnostics.error(t.where, "Begriff braucht „id“, „term“ und „definition“");
      continue;
    }
    if (!ids.insert(t.id).second) {
      diagnostics.error(t.where, "Begriff „" + t.id + "“ ist doppelt");
      continue;
    }
    if (ok) glossary.add(std::move(t));
  }
  for (const auto* t : glossary.sorted()) {
    for (const auto& s : t->see) {
      if (!glossary.find(s)) {
        diagnostics.error(t->where, "Begriff „" + t->id + "“ verweist auf unbekannten Begriff „" + s + "“");
      }
    }
  }
  return glossary;
}

}  // namespace rf::report
