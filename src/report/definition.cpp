#include "report/definition.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "text/files.hpp"

namespace rf::report {
namespace {

class Loader {
 public:
  Loader(std::string file, Diagnostics& diagnostics) : file_(std::move(file)), diag_(diagnostics) {}

  SourceLocation at(const YAML::Node& node) const { return {file_, node.Mark().line >= 0 ? node.Mark().line + 1 : 0}; }
  void error(const YAML::Node& node, std::string message) {
    diag_.error(at(node), std::move(message));
    ok_ = false;
  }
  bool ok() const { return ok_; }

  // A scalar as text; reports an error for anything else.
  std::string text(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar()) {
      error(node, std::string(what) + ": Text erwartet");
      return {};
    }
    return node.Scalar();
  }
  bool flag(const YAML::Node& node, std::string_view what) {
    std::string value = text(node, what);
    if (value == "true" || value == "ja" || value == "yes") return true;
    if (value == "false" || value == "nein" || value == "no") return false;
    error(node, std::string(what) + ": true oder false erwartet");
    return false;
  }
  std::vector<std::string> list(const YAML::Node& node, std::string_view what) {
    std::vector<std::string> out;
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence()) {
      error(node, std::string(what) + ": Liste erwartet");
      return out;
    }
    for (const auto& item : node) out.push_back(text(item, what));
    return out;
  }
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> known, std::string_view where) {
    for (const auto& item : map) {
      std::string key = item.first.Scalar();
      bool found = false;
      for (auto k : known) found = found || k == key;
      if (!found) error(item.first, "unbekannter Schlüssel „" + key + "“ in " + std::string(where));
    }
  }

 private:
  std::string file_;
  Diagnostics& diag_;
  bool ok_ = true;
};

std::string stem_of(const std::string& file) { return std::filesystem::path(file).stem().string(); }

}  // namespace

const SourceRef* ReportDefinition::find_source(std::string_view id) const {
  for (const auto& s : sources) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::string ReportDefinition::path_of(std::string_view relative) const {
  return (dir / std::filesystem::path(std::string(relative))).lexically_normal().string();
}

std::optional<ReportDefinition> load_definition(const std::filesystem::path& dir, Diagnostics& diagnostics) {
  ReportDefinition def;
  def.dir = dir;
  def.name = std::filesystem::path(dir).lexically_normal().filename().string();
  if (def.name.empty() || def.name == ".") {
    def.name = std::filesystem::absolute(dir).lexically_normal().parent_path().filename().string();
  }
  def.file = (dir / "report.yaml").lexically_normal().string();

  auto content = text::read_file(dir / "report.yaml");
  if (!content) {
    diagnostics.error({def.file, 0}, "Berichtsdefinition nicht lesbar");
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(*content);
  } catch (const YAML::Exception& e) {
    diagnostics.error({def.file, e.mark.line + 1}, "YAML-Fehler: " + e.msg);
    return std::nullopt;
  }
  if (!root.IsMap()) {
    diagnostics.error({def.file, 1}, "eine Zuordnung (title:, chapters:, …) erwartet");
    return std::nullopt;
  }

  Loader l(def.file, diagnostics);
  l.check_keys(root,
               {"title", "subtitle", "edition", "publisher", "authors", "base_url", "regions", "periods", "chapters",
                "glossary", "sources", "profiles"},
               "report.yaml");
  if (root["title"]) def.title = l.text(root["title"], "title");
  if (def.title.empty()) diagnostics.error({def.file, 1}, "„title“ fehlt");
  if (root["subtitle"]) def.subtitle = l.text(root["subtitle"], "subtitle");
  if (root["edition"]) def.edition = l.text(root["edition"], "edition");
  if (root["publisher"]) def.publisher = l.text(root["publisher"], "publisher");
  if (root["authors"]) def.authors = l.list(root["authors"], "authors");
  if (root["base_url"]) def.base_url = l.text(root["base_url"], "base_url");
  while (!def.base_url.empty() && def.base_url.back() == '/') def.base_url.pop_back();

  if (const auto& regions = root["regions"]) {
    if (!regions.IsMap()) {
      l.error(regions, "regions: Zuordnung Name → Liste von Regionen erwartet");
    } else {
      for (const auto& item : regions) {
        def.region_sets[item.first.Scalar()] = l.list(item.second, "regions");
      }
    }
  }
  if (const auto& periods = root["periods"]) {
    if (!periods.IsMap()) {
      l.error(periods, "periods: Zuordnung Name → Periode erwartet");
    } else {
      for (const auto& item : periods) {
        def.periods[item.first.Scalar()] = l.text(item.second, "periods");
      }
    }
  }

  const auto& chapters = root["chapters"];
  if (!chapters || !chapters.IsSequence() || chapters.size() == 0) {
    diagnostics.error(chapters ? l.at(chapters) : SourceLocation{def.file, 1},
                      "„chapters“: Liste der Kapiteldateien erwartet");
    return std::nullopt;
  }
  std::set<std::string> slugs;
  for (const auto& item : chapters) {
    ChapterRef ref;
    ref.where = l.at(item);
    if (item.IsMap()) {
      l.check_keys(item, {"file"}, "chapters");
      if (item["file"]) ref.file = l.text(item["file"], "file");
    } else {
      ref.file = l.text(item, "chapters");
    }
    if (ref.file.empty()) {
      l.error(item, "Kapitel ohne Datei");
      continue;
    }
    ref.slug = stem_of(ref.file);
    ref.number = static_cast<int>(def.chapters.size()) + 1;
    if (!slugs.insert(ref.slug).second) {
      l.error(item, "Kapitel „" + ref.slug + "“ ist doppelt");
      continue;
    }
    if (!std::filesystem::is_regular_file(dir / ref.file)) {
      l.error(item, "Kapiteldatei „" + ref.file + "“ nicht gefunden");
    }
    def.chapters.push_back(std::move(ref));
  }

  if (root["glossary"]) {
    def.glossary_file = l.text(root["glossary"], "glossary");
    if (!std::filesystem::is_regular_file(dir / def.glossary_file)) {
      l.error(root["glossary"], "Glossar „" + def.glossary_file + "“ nicht gefunden");
    }
  }

  if (const auto& sources = root["sources"]) {
    if (!sources.IsSequence()) {
      l.error(sources, "sources: Liste erwartet");
    } else {
      std::set<std::string> ids;
      for (const auto& item : sources) {
        if (!item.IsMap()) {
          l.error(item, "Quelle: Zuordnung mit id und text erwartet");
          continue;
        }
        l.check_keys(item, {"id", "cite", "text", "url"}, "sources");
        SourceRef s;
        if (item["id"]) s.id = l.text(item["id"], "id");
        if (item["text"]) s.text = l.text(item["text"], "text");
        if (item["url"]) s.url = l.text(item["url"], "url");
        if (item["cite"]) s.cite = l.text(item["cite"], "cite");
        if (s.id.empty() || s.text.empty()) {
          l.error(item, "Quelle braucht „id“ und „text“");
          continue;
        }
        if (!ids.insert(s.id).second) l.error(item, "Quelle „" + s.id + "“ ist doppelt");
        def.sources.push_back(std::move(s));
      }
    }
  }

  if (const auto& profiles = root["profiles"]) {
    if (!profiles.IsMap()) {
      l.error(profiles, "profiles: Zuordnung erwartet");
    } else {
      l.check_keys(profiles, {"template", "kreise", "gemeinden"}, "profiles");
      def.profiles.enabled = true;
      def.profiles.template_file =
          profiles["template"] ? l.text(profiles["template"], "template") : std::string("profil.md");
      if (profiles["kreise"]) def.profiles.kreise = l.flag(profiles["kreise"], "kreise");
      if (profiles["gemeinden"]) def.profiles.gemeinden = l.flag(profiles["gemeinden"], "gemeinden");
      if (!std::filesystem::is_regular_file(dir / def.profiles.template_file)) {
        l.error(profiles, "Profilvorlage „" + def.profiles.template_file + "“ nicht gefunden");
      }
    }
  }

  if (!l.ok() || def.title.empty()) return std::nullopt;
  return def;
}

}  // namespace rf::report
