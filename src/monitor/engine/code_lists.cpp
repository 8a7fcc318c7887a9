#include "monitor/engine/code_lists.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "monitor/engine/cube.hpp"

namespace rf::monitor {

namespace {

// Collects "FILE:LINE: message" errors.
struct Problems {
  std::string file;
  std::vector<std::string> errors;
  void at(const YAML::Node& node, const std::string& message) {
    errors.push_back(file + ":" + std::to_string(node.Mark().line + 1) + ": " + message);
  }
};

bool check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, Problems& problems) {
  bool ok = true;
  for (const auto& item : map) {
    const auto key = item.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      problems.at(item.first, "unbekannter Schlüssel '" + key + "' (erlaubt: " + list + ")");
      ok = false;
    }
  }
  return ok;
}

// A non-empty text; an error naming `what` otherwise.
std::optional<std::string> text_of(const YAML::Node& map, const YAML::Node& where, const char* key,
                                   const std::string& what, Problems& problems) {
  const auto node = map[key];
  if (!node) {
    problems.at(where, what + ": '" + key + "' fehlt");
    return std::nullopt;
  }
  if (!node.IsScalar() || node.as<std::string>().find_first_not_of(" \t") == std::string::npos) {
    problems.at(node, what + ": '" + key + "' muss ein nicht leerer Text sein");
    return std::nullopt;
  }
  return node.as<std::string>();
}

bool is_table_code(std::string_view code) {
  return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' ||
           c == '-';
  });
}

void parse_synonym(const YAML::Node& node, bool tables, CodeEntry& entry, Problems& problems) {
  const std::string what = "Synonym von '" + entry.code + "'";
  if (!node.IsMap()) {
    problems.at(node, what + ": Eintrag mit code und from erwartet, z. B. {code: \"…\", from: 2024}");
    return;
  }
  check_keys(node, {"code", "from", "note"}, problems);
  CodeSynonym s;
  auto code = text_of(node, node, "code", what, problems);
  if (!code) return;
  s.code = *code;
  if (tables && !is_table_code(s.code)) {
    problems.at(node["code"],
                what + ": '" + s.code + "' ist kein Tabellencode (nur Buchstaben, Ziffern, '-', '_' und '.')");
    return;
  }
  const auto from = node["from"];
  if (!from) {
    problems.at(node, what + ": 'from' (das Jahr der Änderung) fehlt");
    return;
  }
  try {
    s.from = from.as<int>();
  } catch (const YAML::Exception&) {
    problems.at(from, what + ": 'from' muss eine Jahreszahl sein, nicht '" + from.Scalar() + "'");
    return;
  }
  if (s.from < 1900 || s.from > 2100) {
    problems.at(from, what + ": Jahr " + std::to_string(s.from) + " liegt nicht zwischen 1900 und 2100");
    return;
  }
  if (s.code == entry.code) {
    problems.at(node["code"], what + ": das Synonym ist gleich dem Code");
    return;
  }
  for (const auto& other : entry.synonyms) {
    if (other.from == s.from) {
      problems.at(from, what + ": für " + std::to_string(s.from) + " ist schon '" + other.code + "' eingetragen");
      return;
    }
  }
  if (const auto note = node["note"]) s.note = note.IsScalar() ? note.as<std::string>() : "";
  entry.synonyms.push_back(std::move(s));
}

void parse_list(const YAML::Node& node, CodeLists& out, Problems& problems) {
  if (!node.IsMap()) {
    problems.at(node, "Codeliste mit dimension und entries erwartet");
    return;
  }
  check_keys(node, {"dimension", "tables", "entries"}, problems);
  CodeList list;
  auto dimension = text_of(node, node, "dimension", "Codeliste", problems);
  if (!dimension) return;
  list.dimension = *dimension;
  const bool tables = list.dimension == kTableDimension;
  for (const auto& other : out.lists) {
    if (other.dimension == list.dimension) {
      problems.at(node["dimension"], "die Dimension '" + list.dimension + "' ist schon weiter oben beschrieben");
      return;
    }
  }
  if (const auto t = node["tables"]) {
    if (tables) {
      problems.at(t, "'tables' gibt es nur bei Kategorien, nicht bei der Dimension Tabelle");
    } else if (!t.IsSequence()) {
      problems.at(t, "'tables' muss eine Liste von Tabellencodes sein, z. B. [21111-02-06-4]");
    } else {
      for (const auto& code : t) list.tables.push_back(code.as<std::string>());
    }
  }
  const auto entries = node["entries"];
  if (!entries || !entries.IsSequence() || entries.size() == 0) {
    problems.at(entries ? entries : node,
                "Codeliste '" + list.dimension + "': 'entries' muss eine nicht leere Liste sein");
    return;
  }
  std::set<std::string> seen;
  for (const auto& e : entries) {
    if (!e.IsMap()) {
      problems.at(e, "Eintrag mit code und synonyms erwartet");
      continue;
    }
    check_keys(e, {"code", "synonyms"}, problems);
    CodeEntry entry;
    auto code = text_of(e, e, "code", "Eintrag", problems);
    if (!code) continue;
    entry.code = *code;
    if (tables && !is_table_code(entry.code)) {
      problems.at(e["code"], "'" + entry.code + "' ist kein Tabellencode");
      continue;
    }
    if (!seen.insert(entry.code).second) {
      problems.at(e["code"], "'" + entry.code + "' steht zweimal in der Codeliste '" + list.dimension + "'");
      continue;
    }
    const auto synonyms = e["synonyms"];
    if (!synonyms || !synonyms.IsSequence() || synonyms.size() == 0) {
      problems.at(synonyms ? synonyms : e, "'" + entry.code + "': 'synonyms' muss eine nicht leere Liste sein");
      continue;
    }
    for (const auto& s : synonyms) parse_synonym(s, tables, entry, problems);
    std::sort(entry.synonyms.begin(), entry.synonyms.end(),
              [](const CodeSynonym& a, const CodeSynonym& b) { return a.from < b.from; });
    list.entries.push_back(std::move(entry));
  }
  out.lists.push_back(std::move(list));
}

// The code in force in `year` for `code` of an entry list; `code` if none.
const CodeSynonym* synonym_in(const CodeList& list, std::string_view code, int year, const CodeEntry** entry) {
  for (const auto& e : list.entries) {
    if (e.code != code) continue;
    const CodeSynonym* found = nullptr;
    for (const auto& s : e.synonyms) {
      if (s.from <= year) found = &s;
    }
    if (found && entry) *entry = &e;
    return found;
  }
  return nullptr;
}

// The references of `e` as they read in `year`; the notes of the changes in
// force then are added to `notes` (once each).
std::vector<DatasetRef> rewrite(const Expression& e, const CodeLists& lists, int year,
                                std::set<std::string>& notes_seen, std::vector<std::string>& notes) {
  std::vector<DatasetRef> out = e.refs();
  for (auto& ref : out) {
    const std::string table = ref.dataset;  // as the catalogue names it
    for (const auto& list : lists.lists) {
      if (list.dimension == kTableDimension) {
        const CodeEntry* entry = nullptr;
        if (const auto* s = synonym_in(list, table, year, &entry)) {
          ref.dataset = s->code;
          auto note = change_note(list, *entry, *s);
          if (notes_seen.insert(note).second) notes.push_back(note);
        }
        continue;
      }
      if (!list.tables.empty() && std::find(list.tables.begin(), list.tables.end(), table) == list.tables.end())
        continue;
      for (auto& f : ref.filters) {
        for (auto& v : f.values) {
          const CodeEntry* entry = nullptr;
          if (const auto* s = synonym_in(list, v, year, &entry)) {
            v = s->code;
            auto note = change_note(list, *entry, *s);
            if (notes_seen.insert(note).second) notes.push_back(note);
          }
        }
      }
    }
  }
  return out;
}

// Whether the cube has cells of `ref`'s table from `year` on.
bool has_data_from(const Cube& cube, const DatasetRef& ref, int year) {
  const auto* ds = cube.dataset(ref.dataset);
  if (!ds) return false;
  for (auto s : ds->series) {
    const auto& info = cube.series(s);
    if (!matches(ref, info.key, info.breakdown)) continue;
    for (auto p : cube.series_periods(s)) {
      if (cube.period(p).year >= year) return true;
    }
  }
  return false;
}

}  // namespace

CodeListsResult parse_code_lists(std::string_view yaml_text, std::string_view file) {
  CodeListsResult result;
  Problems problems{std::string(file), {}};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::ParserException& e) {
    result.errors.push_back(std::string(file) + ":" + std::to_string(e.mark.line + 1) + ": kein gültiges YAML (" +
                            e.msg + ")");
    return result;
  }
  CodeLists lists;
  lists.text = std::string(yaml_text);
  if (root.IsNull()) {
    result.lists = std::move(lists);  // an empty file: no code lists
    return result;
  }
  try {
    if (!root.IsMap() || !root["code_lists"]) {
      problems.at(root, "Schlüssel 'code_lists' mit einer Liste von Codelisten erwartet");
    } else {
      check_keys(root, {"code_lists"}, problems);
      const auto all = root["code_lists"];
      if (!all.IsSequence()) {
        problems.at(all, "'code_lists' muss eine Liste sein");
      } else {
        for (const auto& node : all) parse_list(node, lists, problems);
      }
    }
  } catch (const YAML::Exception& e) {
    problems.errors.push_back(std::string(file) + ":" + std::to_string(e.mark.line + 1) + ": unerwarteter Aufbau (" +
                              e.msg + ")");
  }
  result.errors = std::move(problems.errors);
  if (result.errors.empty()) result.lists = std::move(lists);
  return result;
}

std::string code_lists_yaml(const CodeLists& lists) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "code_lists" << YAML::Value << YAML::BeginSeq;
  for (const auto& list : lists.lists) {
    out << YAML::BeginMap << YAML::Key << "dimension" << YAML::Value << list.dimension;
    if (!list.tables.empty()) out << YAML::Key << "tables" << YAML::Value << YAML::Flow << list.tables;
    out << YAML::Key << "entries" << YAML::Value << YAML::BeginSeq;
    for (const auto& e : list.entries) {
      out << YAML::BeginMap << YAML::Key << "code" << YAML::Value << YAML::DoubleQuoted << e.code;
      out << YAML::Key << "synonyms" << YAML::Value << YAML::BeginSeq;
      for (const auto& s : e.synonyms) {
        out << YAML::BeginMap << YAML::Key << "code" << YAML::Value << YAML::DoubleQuoted << s.code << YAML::Key
            << "from" << YAML::Value << s.from;
        if (!s.note.empty()) out << YAML::Key << "note" << YAML::Value << YAML::DoubleQuoted << s.note;
        out << YAML::EndMap;
      }
      out << YAML::EndSeq << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string change_note(const CodeList& list, const CodeEntry& entry, const CodeSynonym& synonym) {
  if (!synonym.note.empty()) return synonym.note;
  const std::string year = std::to_string(synonym.from);
  if (list.dimension == kTableDimension) {
    return "Ab " + year + " Tabelle " + synonym.code + " (bis " + std::to_string(synonym.from - 1) + ": " + entry.code +
           "); Bruch in der Reihe.";
  }
  return "Ab " + year + " „" + synonym.code + "“ (bis " + std::to_string(synonym.from - 1) + ": „" + entry.code +
         "“, " + list.dimension + "); Bruch in der Reihe.";
}

void apply_code_lists(Catalogue& catalogue, const CodeLists& lists, const Cube& cube) {
  if (lists.empty()) return;
  std::set<int> years;
  for (const auto& list : lists.lists) {
    for (const auto& e : list.entries) {
      for (const auto& s : e.synonyms) years.insert(s.from);
    }
  }
  for (auto& def : catalogue.indicators) {
    std::vector<IndicatorSource> sources;
    std::set<std::string> footnotes_seen(def.info.footnotes.begin(), def.info.footnotes.end());
    for (const auto& source : def.sources) {
      // The source as it reads in `year`, with the notes of the changes in force then.
      auto edition = [&](int year, std::vector<std::string>& notes, std::string& signature) {
        std::set<std::string> seen;
        auto map = [&](const Expression& e) {
          if (e.empty()) return Expression(e);
          auto mapped = e.with_refs(rewrite(e, lists, year, seen, notes));
          signature += mapped.text() + "\n";
          return mapped;
        };
        auto map_all = [&](const SourceExprs& s) {
          SourceExprs out;
          out.numerator = map(s.numerator);
          out.denominator = map(s.denominator);
          out.rate = map(s.rate);
          for (const auto& w : s.weights) out.weights.push_back(map(w));
          out.excluded = map(s.excluded);
          return out;
        };
        IndicatorSource copy = source;
        copy.total = map_all(source.total);
        for (auto& [name, g] : copy.groups) g = map_all(source.groups.at(name));
        return copy;
      };
      std::vector<std::string> no_notes;
      std::string previous;
      edition(0, no_notes, previous);  // as the catalogue writes it
      // One new-edition source per year of change that alters this source.
      std::vector<std::pair<int, IndicatorSource>> by_year;
      for (int year : years) {
        std::vector<std::string> notes;
        std::string signature;
        IndicatorSource copy = edition(year, notes, signature);
        if (signature == previous) continue;  // this year's changes do not touch this source
        previous = std::move(signature);
        std::string note;
        for (const auto& n : notes) note += (note.empty() ? "" : " ") + n;
        copy.note = source.note.empty() ? note : source.note + " " + note;
        copy.from_year = year;
        const Expression& main = copy.kind == IndicatorSource::Kind::counts ? copy.total.numerator : copy.total.rate;
        if (!main.refs().empty() && has_data_from(cube, main.refs().front(), year)) {
          for (const auto& n : notes) {
            if (footnotes_seen.insert(n).second) def.info.footnotes.push_back(n);
          }
        }
        by_year.emplace_back(year, std::move(copy));
      }
      for (std::size_t i = 0; i + 1 < by_year.size(); ++i) by_year[i].second.until_year = by_year[i + 1].first - 1;
      // Latest edition first; the source as written stays as the fallback.
      for (auto it = by_year.rbegin(); it != by_year.rend(); ++it) sources.push_back(std::move(it->second));
      sources.push_back(source);
    }
    def.sources = std::move(sources);
  }
}

}  // namespace rf::monitor
