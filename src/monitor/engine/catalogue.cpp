#include "monitor/engine/catalogue.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>
#include <set>

namespace rf::monitor {

namespace {

constexpr std::string_view kStageLabels[] = {"Rahmenbedingungen", "Frühe Bildung", "Allgemeinbildende Schule",
                                             "Berufliche Bildung", "Hochschule"};
constexpr std::string_view kStageSlugs[] = {"rahmenbedingungen", "fruehe-bildung", "allgemeinbildende-schule",
                                            "berufliche-bildung", "hochschule"};

// Collects problems with a prefix naming the indicator.
class Problems {
 public:
  explicit Problems(CatalogueResult& result) : result_(result) {}
  void set_context(std::string context) { context_ = std::move(context); }
  void error(const std::string& message) { result_.errors.push_back(context_ + message); }
  void warning(const std::string& message) { result_.warnings.push_back(context_ + message); }

 private:
  CatalogueResult& result_;
  std::string context_;
};

std::string line_of(const YAML::Node& node) { return " (Zeile " + std::to_string(node.Mark().line + 1) + ")"; }

void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, Problems& problems,
                const std::string& where) {
  for (const auto& item : map) {
    auto key = item.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      problems.error("unbekannter Schlüssel '" + key + "' in " + where + line_of(item.first));
    }
  }
}

std::string scalar(const YAML::Node& map, const char* key) {
  const auto node = map[key];
  if (!node || !node.IsScalar()) return "";
  return node.as<std::string>();
}

Expression parse_expr(const YAML::Node& node, const std::string& what, Problems& problems) {
  if (!node) return {};
  if (!node.IsScalar()) {
    problems.error(what + ": Ausdruck als Text erwartet" + line_of(node));
    return {};
  }
  auto parsed = parse_expression(node.as<std::string>());
  if (!parsed.error.empty()) {
    problems.error(what + ": " + parsed.error + " in '" + node.as<std::string>() + "'" + line_of(node));
    return {};
  }
  return std::move(parsed.expression);
}

SourceExprs parse_exprs(const YAML::Node& node, IndicatorSource::Kind kind, Problems& problems,
                        const std::string& where, bool is_group) {
  SourceExprs out;
  if (kind == IndicatorSource::Kind::counts) {
    out.numerator = parse_expr(node["numerator"], where + " numerator", problems);
    out.denominator = parse_expr(node["denominator"], where + " denominator", problems);
    if (out.numerator.empty() && !node["numerator"]) {
      problems.error(where + ": 'numerator' fehlt");
    }
  } else {
    out.rate = parse_expr(node["rate"], where + " rate", problems);
    if (!node["rate"]) problems.error(where + ": 'rate' fehlt");
    const auto weight = node["weight"];
    if (!weight) {
      problems.error(where + ": 'weight' fehlt (Veröffentlichte Quoten werden nie ungewichtet gemittelt)");
    } else if (weight.IsSequence()) {
      for (const auto& w : weight) out.weights.push_back(parse_expr(w, where + " weight", problems));
    } else {
      out.weights.push_back(parse_expr(weight, where + " weight", problems));
    }
  }
  out.excluded = parse_expr(node["excluded"], where + " excluded", problems);
  (void)is_group;
  return out;
}

void parse_source(const YAML::Node& node, IndicatorDef& def, std::size_t index, Problems& problems) {
  const std::string where = "Quelle " + std::to_string(index + 1);
  if (!node.IsMap()) {
    problems.error(where + ": Eintrag mit numerator/denominator oder rate/weight erwartet" + line_of(node));
    return;
  }
  check_keys(node,
             {"numerator", "denominator", "rate", "weight", "scale", "estimated", "weight_label", "excluded",
              "excluded_label", "note", "by"},
             problems, where);
  IndicatorSource source;
  const bool has_counts = static_cast<bool>(node["numerator"]);
  const bool has_rate = static_cast<bool>(node["rate"]);
  if (has_counts == has_rate) {
    problems.error(where + ": entweder 'numerator' (Zählwerte) oder 'rate' (veröffentlichte Quoten) angeben" +
                   line_of(node));
    return;
  }
  source.kind = has_rate ? IndicatorSource::Kind::rate : IndicatorSource::Kind::counts;
  if (has_rate && node["denominator"]) {
    problems.error(where + ": 'denominator' gehört zu Zählwerten; bei 'rate' heißt es 'weight'");
  }
  try {
    if (node["scale"]) source.scale = node["scale"].as<double>();
    if (node["estimated"]) source.estimated = node["estimated"].as<bool>();
  } catch (const YAML::Exception&) {
    problems.error(where + ": 'scale' muss eine Zahl und 'estimated' true/false sein");
  }
  if (source.scale <= 0) problems.error(where + ": 'scale' muss größer als 0 sein");
  source.weight_label = scalar(node, "weight_label");
  source.excluded_label = scalar(node, "excluded_label");
  source.note = scalar(node, "note");
  source.total = parse_exprs(node, source.kind, problems, where, false);
  if (const auto by = node["by"]) {
    if (!by.IsMap()) {
      problems.error(where + ": 'by' muss Dimensionen mit Gruppen enthalten" + line_of(by));
    } else {
      for (const auto& dim : by) {
        const auto dimension = dim.first.as<std::string>();
        for (const auto& group : dim.second) {
          const auto name = group.first.as<std::string>();
          BreakdownGroup b{dimension, name};
          if (!def.has_group(b)) {
            problems.error(where + ": Gruppe " + dimension + "=" + name + " ist nicht unter 'breakdowns' erklärt" +
                           line_of(group.first));
            continue;
          }
          if (!group.second.IsMap()) {
            problems.error(where + ": Gruppe " + dimension + "=" + name + " braucht Ausdrücke");
            continue;
          }
          source.groups[dimension + "=" + name] =
              parse_exprs(group.second, source.kind, problems, where + " (" + dimension + "=" + name + ")", true);
        }
      }
    }
  }
  def.sources.push_back(std::move(source));
}

void parse_indicator(const YAML::Node& node, Catalogue& catalogue, std::set<std::string>& ids, Problems& problems) {
  IndicatorDef def;
  auto& info = def.info;
  info.id = scalar(node, "id");
  problems.set_context("Indikator " + (info.id.empty() ? std::string("(ohne id)") : info.id) + ": ");
  check_keys(node,
             {"id", "title", "definition", "stage", "unit", "polarity", "decimals", "source", "footnotes", "breakdowns",
              "sources", "synonyms"},
             problems, "der Indikatordefinition");
  static const std::regex id_pattern("[a-z][a-z0-9_]{1,63}");
  if (info.id.empty()) {
    problems.error("'id' fehlt" + line_of(node));
  } else if (!std::regex_match(info.id, id_pattern)) {
    problems.error("'id' darf nur Kleinbuchstaben, Ziffern und _ enthalten");
  } else if (!ids.insert(info.id).second) {
    problems.error("die id kommt doppelt vor");
  }
  info.title = scalar(node, "title");
  info.definition = scalar(node, "definition");
  info.unit = scalar(node, "unit");
  info.source = scalar(node, "source");
  for (auto [field, value] : {std::pair{"title", &info.title},
                              {"definition", &info.definition},
                              {"unit", &info.unit},
                              {"source", &info.source}}) {
    if (value->empty()) problems.error(std::string("'") + field + "' fehlt oder ist leer");
  }
  const auto stage_text = scalar(node, "stage");
  if (auto stage = parse_stage(stage_text)) {
    info.stage = *stage;
  } else {
    problems.error("unbekannte Bildungsstufe '" + stage_text +
                   "' (erlaubt: Rahmenbedingungen, Frühe Bildung, Allgemeinbildende Schule, "
                   "Berufliche Bildung, Hochschule)");
  }
  const auto polarity = scalar(node, "polarity");
  if (polarity == "up") {
    info.polarity = Polarity::up_is_good;
  } else if (polarity == "down") {
    info.polarity = Polarity::down_is_good;
  } else if (polarity == "neutral") {
    info.polarity = Polarity::neutral;
  } else {
    problems.error("'polarity' muss up, down oder neutral sein, nicht '" + polarity + "'");
  }
  if (const auto d = node["decimals"]) {
    try {
      info.decimals = d.as<int>();
    } catch (const YAML::Exception&) {
      info.decimals = -1;
    }
    if (info.decimals < 0 || info.decimals > 4) problems.error("'decimals' muss 0 bis 4 sein");
  }
  if (const auto s = node["synonyms"]) {
    if (!s.IsSequence()) {
      problems.error("'synonyms' muss eine Liste sein");
    } else {
      for (const auto& n : s) info.synonyms.push_back(n.as<std::string>());
    }
  }
  if (const auto f = node["footnotes"]) {
    if (!f.IsSequence()) {
      problems.error("'footnotes' muss eine Liste sein");
    } else {
      for (const auto& n : f) info.footnotes.push_back(n.as<std::string>());
    }
  }
  if (const auto b = node["breakdowns"]) {
    if (!b.IsMap()) {
      problems.error("'breakdowns' muss Dimensionen mit Gruppen enthalten, z. B. sex: {female: weiblich}");
    } else {
      for (const auto& dim : b) {
        const auto dimension = dim.first.as<std::string>();
        std::vector<std::pair<std::string, std::string>> groups;
        if (!dim.second.IsMap()) {
          problems.error("Gruppen von '" + dimension + "' brauchen Namen und Beschriftung");
          continue;
        }
        for (const auto& g : dim.second) {
          groups.emplace_back(g.first.as<std::string>(), g.second.as<std::string>());
        }
        info.breakdowns.push_back(dimension);
        def.groups.emplace_back(dimension, std::move(groups));
      }
    }
  }
  const auto sources = node["sources"];
  if (!sources || !sources.IsSequence() || sources.size() == 0) {
    problems.error("'sources' fehlt: mindestens eine Quelle mit Ausdrücken angeben");
  } else {
    for (std::size_t i = 0; i < sources.size(); ++i) parse_source(sources[i], def, i, problems);
  }
  // Every declared group must be computable from some source.
  for (const auto& [dimension, groups] : def.groups) {
    for (const auto& [group, label] : groups) {
      BreakdownGroup b{dimension, group};
      bool served = std::any_of(def.sources.begin(), def.sources.end(),
                                [&](const IndicatorSource& s) { return s.exprs(b) != nullptr; });
      if (!served) {
        problems.error("keine Quelle liefert die Gruppe " + dimension + "=" + group +
                       " (unter 'by' einer Quelle angeben)");
      }
    }
  }
  catalogue.indicators.push_back(std::move(def));
}

}  // namespace

std::optional<Stage> parse_stage(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kStageLabels); ++i) {
    if (text == kStageLabels[i] || text == kStageSlugs[i]) return static_cast<Stage>(i);
  }
  return std::nullopt;
}

std::string_view stage_label(Stage stage) { return kStageLabels[static_cast<std::size_t>(stage)]; }
std::string_view stage_slug(Stage stage) { return kStageSlugs[static_cast<std::size_t>(stage)]; }

const SourceExprs* IndicatorSource::exprs(const BreakdownGroup& breakdown) const {
  if (breakdown.empty()) return &total;
  auto it = groups.find(breakdown.dimension + "=" + breakdown.group);
  return it == groups.end() ? nullptr : &it->second;
}

std::vector<std::string> IndicatorDef::datasets() const {
  std::vector<std::string> out;
  auto add = [&out](const Expression& e) {
    for (const auto& r : e.refs()) {
      if (std::find(out.begin(), out.end(), r.dataset) == out.end()) out.push_back(r.dataset);
    }
  };
  auto add_all = [&add](const SourceExprs& s) {
    add(s.numerator);
    add(s.denominator);
    add(s.rate);
    for (const auto& w : s.weights) add(w);
    add(s.excluded);
  };
  for (const auto& s : sources) {
    add_all(s.total);
    for (const auto& [name, g] : s.groups) add_all(g);
  }
  return out;
}

std::string IndicatorDef::group_label(const BreakdownGroup& breakdown) const {
  for (const auto& [dimension, groups] : this->groups) {
    if (dimension != breakdown.dimension) continue;
    for (const auto& [group, label] : groups) {
      if (group == breakdown.group) return label;
    }
  }
  return "";
}

bool IndicatorDef::has_group(const BreakdownGroup& breakdown) const {
  for (const auto& [dimension, groups] : this->groups) {
    if (dimension != breakdown.dimension) continue;
    for (const auto& [group, label] : groups) {
      if (group == breakdown.group) return true;
    }
  }
  return false;
}

const IndicatorDef* Catalogue::find(std::string_view id) const {
  for (const auto& d : indicators) {
    if (d.info.id == id) return &d;
  }
  return nullptr;
}

CatalogueResult parse_catalogue(std::string_view yaml_text) {
  CatalogueResult result;
  Problems problems(result);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::ParserException& e) {
    result.errors.push_back("YAML-Fehler in Zeile " + std::to_string(e.mark.line + 1) + ": " + e.msg);
    return result;
  }
  if (!root.IsMap() || !root["indicators"] || !root["indicators"].IsSequence()) {
    result.errors.push_back("Die Datei braucht eine Liste 'indicators:' auf oberster Ebene.");
    return result;
  }
  Catalogue catalogue;
  catalogue.text = std::string(yaml_text);
  std::set<std::string> ids;
  try {
    check_keys(root, {"version", "indicators"}, problems, "der obersten Ebene");
    for (const auto& node : root["indicators"]) {
      if (!node.IsMap()) {
        problems.set_context("");
        problems.error("Jeder Indikator muss ein Eintrag mit Schlüsseln sein" + line_of(node));
        continue;
      }
      parse_indicator(node, catalogue, ids, problems);
    }
  } catch (const YAML::Exception& e) {
    problems.error(std::string("unerwarteter Aufbau: ") + e.what());
  }
  if (catalogue.indicators.empty() && result.errors.empty()) {
    result.errors.push_back("Der Katalog enthält keine Indikatoren.");
  }
  if (result.errors.empty()) result.catalogue = std::move(catalogue);
  return result;
}

}  // namespace rf::monitor
