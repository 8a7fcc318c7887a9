#include "monitor/open_data/dcat.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "http/request.hpp"
#include "monitor/engine/engine.hpp"
#include "monitor/model/period.hpp"
#include "text/strings.hpp"

namespace rf::monitor {

namespace {

// ---- a small RDF graph: nodes with compact predicate names ---------------

struct Node;

struct Term {
  enum class Kind { iri, text, typed, node };
  Kind kind = Kind::text;
  std::string value;
  std::string extra;  // language of a text, datatype of a typed literal
  std::shared_ptr<Node> node;
};

struct Node {
  std::string iri;  // empty: a blank node
  std::vector<std::string> types;
  std::vector<std::pair<std::string, Term>> properties;

  Node& add(std::string predicate, Term term) {
    properties.emplace_back(std::move(predicate), std::move(term));
    return *this;
  }
};
using NodePtr = std::shared_ptr<Node>;

Term iri(std::string value) { return Term{Term::Kind::iri, std::move(value), "", nullptr}; }
Term german(std::string value) { return Term{Term::Kind::text, std::move(value), "de", nullptr}; }
Term plain(std::string value) { return Term{Term::Kind::text, std::move(value), "", nullptr}; }
Term date(std::string iso) { return Term{Term::Kind::typed, std::move(iso), "xsd:date", nullptr}; }
Term node(NodePtr n) { return Term{Term::Kind::node, "", "", std::move(n)}; }

NodePtr make_node(std::string iri, std::string type) {
  auto n = std::make_shared<Node>();
  n->iri = std::move(iri);
  n->types.push_back(std::move(type));
  return n;
}

struct Prefix {
  const char* name;
  const char* iri;
};
constexpr Prefix kPrefixes[] = {
    {"dcat", "http://www.w3.org/ns/dcat#"},        {"dct", "http://purl.org/dc/terms/"},
    {"dcatde", "http://dcat-ap.de/def/dcatde/"},   {"foaf", "http://xmlns.com/foaf/0.1/"},
    {"vcard", "http://www.w3.org/2006/vcard/ns#"}, {"xsd", "http://www.w3.org/2001/XMLSchema#"},
};

// ---- the vocabularies the profile asks for --------------------------------

constexpr const char* kLicences = "http://dcat-ap.de/def/licenses/";
constexpr const char* kGeocoding = "http://dcat-ap.de/def/politicalGeocoding/";
constexpr const char* kFileTypes = "http://publications.europa.eu/resource/authority/file-type/";
constexpr const char* kThemes = "http://publications.europa.eu/resource/authority/data-theme";
constexpr const char* kMediaTypes = "https://www.iana.org/assignments/media-types/";

// The licence a table states (as read from its © footer), as a DCAT-AP.de
// licence IRI; the portal's own licence when the table states none.
std::string licence_iri(const std::string& licence) {
  if (licence == "dl-de/zero-2-0") return std::string(kLicences) + "dl-zero-de/2.0";
  if (licence == "cc-by-4.0") return std::string(kLicences) + "cc-by/4.0";
  if (licence == "cc-zero") return std::string(kLicences) + "cc-zero";
  return std::string(kLicences) + "dl-by-de/2.0";
}

std::string two_digits(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

std::string iso(int year, int month, int day) {
  return std::to_string(year) + "-" + two_digits(month) + "-" + two_digits(day);
}

// First and last day a period covers.
std::pair<std::string, std::string> period_span(const Period& p) {
  switch (p.kind) {
    case PeriodKind::year: return {iso(p.year, 1, 1), iso(p.year, 12, 31)};
    case PeriodKind::school_year: return {iso(p.year, 8, 1), iso(p.year + 1, 7, 31)};
    case PeriodKind::date: return {iso(p.year, p.month, p.day), iso(p.year, p.month, p.day)};
    case PeriodKind::semester:
      if (p.month == 10) return {iso(p.year, 10, 1), iso(p.year + 1, 3, 31)};
      return {iso(p.year, 4, 1), iso(p.year, 9, 30)};
  }
  return {iso(p.year, 1, 1), iso(p.year, 12, 31)};
}

// dct:temporal over the periods (keys); nothing when there are none.
void add_temporal(Node& dataset, const std::vector<std::string>& period_keys) {
  std::string start, end;
  for (const auto& key : period_keys) {
    auto p = parse_period_key(key);
    if (!p) continue;
    auto [from, to] = period_span(*p);
    if (start.empty() || from < start) start = from;
    if (end.empty() || to > end) end = to;
  }
  if (start.empty()) return;
  auto span = make_node("", "dct:PeriodOfTime");
  span->add("dcat:startDate", date(start)).add("dcat:endDate", date(end));
  dataset.add("dct:temporal", node(span));
}

// Spatial coverage from the region codes a dataset has cells for: the Länder
// (DCAT-AP.de stateKey) or Germany, and the finest level as the geocoding level.
void add_spatial(Node& dataset, const std::vector<std::string>& codes) {
  std::set<std::string> states;
  bool federal = false;
  std::size_t finest = 0;
  for (const auto& code : codes) {
    if (code == "DG") {
      federal = true;
      continue;
    }
    if (!text::all_digits(code) || code.size() < 2) continue;
    states.insert(code.substr(0, 2));
    finest = std::max(finest, code.size());
  }
  if (!federal && states.empty()) return;
  const char* level = finest >= 8   ? "municipality"
                      : finest >= 5 ? "administrativeDistrict"
                      : finest >= 2 ? "state"
                                    : "federal";
  if (federal) dataset.add("dct:spatial", iri("http://publications.europa.eu/resource/authority/country/DEU"));
  for (const auto& s : states) {
    dataset.add("dct:spatial", iri(std::string(kGeocoding) + "stateKey/" + s));
    dataset.add("dcatde:politicalGeocodingURI", iri(std::string(kGeocoding) + "stateKey/" + s));
  }
  dataset.add("dcatde:politicalGeocodingLevelURI", iri(std::string(kGeocoding) + "Level/" + level));
}

struct Download {
  const char* file;    // below the dataset's API path
  const char* title;   // German
  const char* format;  // EU file type
  const char* media;   // IANA media type
};
constexpr Download kDownloads[] = {
    {"daten.csv", "CSV-Datei", "CSV", "text/csv"},
    {"daten.xlsx", "Excel-Arbeitsmappe (XLSX)", "XLSX",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"sdmx.csv", "SDMX-CSV", "CSV", "text/csv"},
    {"datapackage.json", "Frictionless Data Package (Beschreibung)", "JSON", "application/json"},
};
// Indicators also have the German Excel CSV (semicolons, decimal commas).
constexpr Download kIndicatorExcelCsv{"excel.csv", "CSV-Datei für Excel (deutsches Format)", "CSV", "text/csv"};

class CatalogBuilder {
 public:
  CatalogBuilder(const Engine& engine, std::string base, const std::string& contact_email)
      : engine_(engine), base_(std::move(base)) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
    publisher_ = make_node(base_ + "/#ruhrfutur", "foaf:Organization");
    publisher_->add("foaf:name", german("RuhrFutur")).add("foaf:homepage", iri(base_ + "/"));
    contact_ = make_node("", "vcard:Organization");
    contact_->add("vcard:fn", german("RuhrFutur, Bildungsmonitoring")).add("vcard:hasURL", iri(base_ + "/kontakt"));
    if (!contact_email.empty()) contact_->add("vcard:hasEmail", iri("mailto:" + contact_email));
  }

  std::vector<NodePtr> build() {
    auto catalog = make_node(base_ + "/api/v1/catalog", "dcat:Catalog");
    catalog->add("dct:title", german("Offene Daten von RuhrFutur: Bildungsmonitoring Metropole Ruhr"))
        .add("dct:description",
             german("Indikatoren des Bildungsmonitorings der Metropole Ruhr entlang der Bildungsbiografie und die "
                    "amtlichen Tabellen, aus denen sie berechnet werden, mit Downloads als CSV, Excel, SDMX-CSV "
                    "und Frictionless Data Package."))
        .add("dct:publisher", node(publisher_))
        .add("foaf:homepage", iri(base_ + "/monitor/offene-daten"))
        .add("dct:language", iri("http://publications.europa.eu/resource/authority/language/DEU"))
        .add("dct:license", iri(licence_iri("dl-de/by-2-0")))
        .add("dcat:themeTaxonomy", iri(kThemes))
        .add("dct:spatial", iri(std::string(kGeocoding) + "stateKey/05"));
    std::vector<NodePtr> out{catalog};
    std::string modified;
    for (const auto& d : engine_.cube().datasets()) {
      auto n = table_dataset(d);
      catalog->add("dcat:dataset", iri(n->iri));
      out.push_back(n);
      modified = std::max(modified, d.stand);
    }
    for (const auto& def : engine_.catalogue().indicators) {
      auto n = indicator_dataset(def);
      catalog->add("dcat:dataset", iri(n->iri));
      out.push_back(n);
    }
    if (!modified.empty()) catalog->add("dct:modified", date(modified));
    return out;
  }

 private:
  NodePtr agent(const std::string& name) {
    auto a = make_node("", "foaf:Organization");
    a->add("foaf:name", german(name));
    return a;
  }

  void add_distributions(Node& dataset, const std::string& api_path, const std::string& licence,
                         const std::string& attribution, const std::string& modified, bool indicator) {
    std::vector<Download> downloads(std::begin(kDownloads), std::end(kDownloads));
    if (indicator) downloads.push_back(kIndicatorExcelCsv);
    for (const auto& d : downloads) {
      std::string url = base_ + api_path + d.file;
      auto dist = make_node(dataset.iri + "#" + d.file, "dcat:Distribution");
      dist->add("dct:title", german(d.title))
          .add("dcat:accessURL", iri(url))
          .add("dcat:downloadURL", iri(url))
          .add("dct:format", iri(std::string(kFileTypes) + d.format))
          .add("dcat:mediaType", iri(std::string(kMediaTypes) + d.media))
          .add("dct:license", iri(licence))
          .add("dcatde:licenseAttributionByText", german(attribution));
      if (!modified.empty()) dist->add("dct:modified", date(modified));
      dataset.add("dcat:distribution", node(dist));
    }
  }

  void add_common(Node& n, const std::string& landing_page) {
    n.add("dct:publisher", node(publisher_))
        .add("dcat:contactPoint", node(contact_))
        .add("dcat:landingPage", iri(landing_page))
        .add("dct:language", iri("http://publications.europa.eu/resource/authority/language/DEU"));
  }

  NodePtr table_dataset(const Cube::DatasetInfo& d) {
    const std::string code = http::url_encode(d.code);
    auto n = make_node(base_ + "/api/v1/datasets/" + code, "dcat:Dataset");
    const std::string title = d.title.empty() ? "Tabelle " + d.code : d.title;
    std::string description = "Amtliche Tabelle " + d.code;
    if (!d.publisher.empty()) description += " (" + d.publisher + ")";
    description += ": " + title + ".";
    if (!d.dimensions.empty()) {
      description += " Merkmale:";
      for (std::size_t i = 0; i < d.dimensions.size(); ++i) description += (i ? ", " : " ") + d.dimensions[i].second;
      description += ".";
    }
    description += " Übernommen, wie die Statistik sie veröffentlicht, mit den Zeichen der Statistik.";
    n->add("dct:title", german(title)).add("dct:description", german(description)).add("dct:identifier", plain(d.code));
    add_common(*n, base_ + "/daten/datensaetze/" + code);
    if (!d.publisher.empty()) {
      n->add("dct:creator", node(agent(d.publisher))).add("dcatde:originator", node(agent(d.publisher)));
    }
    n->add("dcat:theme", iri(std::string(kThemes) + "/" + theme_of(d.title)));
    n->add("dcat:keyword", german("Statistik"));
    if (!d.stand.empty()) n->add("dct:modified", date(d.stand));
    std::vector<std::string> periods;
    for (auto p : d.periods) periods.push_back(engine_.cube().period_key(p));
    add_temporal(*n, periods);
    std::vector<std::string> codes;
    for (std::size_t id = 0; id < d.has_region.size(); ++id) {
      if (d.has_region[id]) codes.push_back(engine_.cube().region_code(static_cast<std::uint32_t>(id)));
    }
    add_spatial(*n, codes);
    std::string attribution =
        d.copyright.empty() ? "Quelle: " + (d.publisher.empty() ? d.code : d.publisher) : d.copyright;
    add_distributions(*n, "/api/v1/datasets/" + code + "/", licence_iri(d.licence), attribution, d.stand, false);
    return n;
  }

  NodePtr indicator_dataset(const IndicatorDef& def) {
    const auto& i = def.info;
    const std::string id = http::url_encode(i.id);
    auto n = make_node(base_ + "/api/v1/indicators/" + id, "dcat:Dataset");
    std::string description = i.definition.empty() ? i.title : i.definition;
    if (!i.unit.empty()) description += " Einheit: " + i.unit + ".";
    if (!i.source.empty()) description += " Quelle: " + i.source + "; eigene Berechnungen.";
    n->add("dct:title", german(i.title)).add("dct:description", german(description)).add("dct:identifier", plain(i.id));
    add_common(*n, base_ + "/monitor/indikatoren/" + id);
    n->add("dcat:theme", iri(std::string(kThemes) + "/EDUC"));
    n->add("dcat:keyword", german("Bildung")).add("dcat:keyword", german(std::string(stage_label(i.stage))));
    const auto periods = engine_.periods(def);
    add_temporal(*n, periods);
    if (!periods.empty()) {
      // Indicators are computed for the Ruhr's Kreise and kreisfreie Städte
      // (and their aggregates): NRW, at the level of Kreise.
      for (const auto& kreis : engine_.ruhr_kreise()) {
        n->add("dct:spatial", iri(std::string(kGeocoding) + "districtKey/" + kreis));
      }
      n->add("dcatde:politicalGeocodingURI", iri(std::string(kGeocoding) + "stateKey/05"));
      n->add("dcatde:politicalGeocodingLevelURI", iri(std::string(kGeocoding) + "Level/administrativeDistrict"));
      n->add("dcatde:geocodingDescription",
             german("Metropole Ruhr: 15 Kreise und kreisfreie Städte mit 53 Städten und Gemeinden; zum Vergleich NRW"));
    }
    std::string attribution =
        "Quelle: " + (i.source.empty() ? std::string("RuhrFutur") : i.source) + "; eigene Berechnungen (RuhrFutur)";
    add_distributions(*n, "/api/v1/indicators/" + id + "/", licence_iri("dl-de/by-2-0"), attribution, "", true);
    return n;
  }

  // EU data themes: education for school, training and university tables,
  // population and society for the rest (population, social benefits).
  static std::string theme_of(const std::string& title) {
    std::string lower = text::to_lower_ascii(title);
    for (const char* word : {"schul", "bildung", "kinder", "kita", "ausbildung", "hochschul", "studier", "lehr"}) {
      if (lower.find(word) != std::string::npos) return "EDUC";
    }
    return "SOCI";
  }

  const Engine& engine_;
  std::string base_;
  NodePtr publisher_;
  NodePtr contact_;
};

// ---- Turtle ----------------------------------------------------------------

void append_turtle_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// <iri> with the characters Turtle forbids in an IRIREF percent-encoded.
void append_turtle_iri(std::string& out, std::string_view s) {
  out += '<';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' ||
        c == '\\') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '>';
}

class TurtleWriter {
 public:
  std::string write(const std::vector<NodePtr>& nodes) {
    for (const auto& p : kPrefixes) out_ += std::string("@prefix ") + p.name + ": <" + p.iri + "> .\n";
    out_ += '\n';
    for (const auto& n : nodes) pending_.push_back(n);
    while (!pending_.empty()) {
      NodePtr n = pending_.front();
      pending_.pop_front();
      append_turtle_iri(out_, n->iri);
      body(*n, 1);
      out_ += " .\n\n";
    }
    return std::move(out_);
  }

 private:
  void body(const Node& n, int depth) {
    const std::string indent(static_cast<std::size_t>(depth) * 4, ' ');
    bool first = true;
    auto next = [&] {
      out_ += first ? "\n" : " ;\n";
      first = false;
      out_ += indent;
    };
    if (!n.types.empty()) {
      next();
      out_ += "a ";
      for (std::size_t i = 0; i < n.types.size(); ++i) out_ += (i ? ", " : "") + n.types[i];
    }
    for (const auto& [predicate, term] : n.properties) {
      next();
      out_ += predicate;
      out_ += ' ';
      value(term, depth);
    }
  }

  void value(const Term& t, int depth) {
    switch (t.kind) {
      case Term::Kind::iri: append_turtle_iri(out_, t.value); break;
      case Term::Kind::text:
        append_turtle_string(out_, t.value);
        if (!t.extra.empty()) out_ += "@" + t.extra;
        break;
      case Term::Kind::typed:
        append_turtle_string(out_, t.value);
        out_ += "^^" + t.extra;
        break;
      case Term::Kind::node:
        if (!t.node->iri.empty()) {
          // A named node is written as a subject of its own (once).
          append_turtle_iri(out_, t.node->iri);
          if (written_.insert(t.node.get()).second) pending_.push_back(t.node);
        } else {
          out_ += '[';
          body(*t.node, depth + 1);
          out_ += "\n" + std::string(static_cast<std::size_t>(depth) * 4, ' ') + "]";
        }
        break;
    }
  }

  std::string out_;
  std::deque<NodePtr> pending_;
  std::set<const Node*> written_;
};

// ---- JSON-LD -----------------------------------------------------------------

nlohmann::json jsonld_node(const Node& n);

nlohmann::json jsonld_value(const Term& t) {
  switch (t.kind) {
    case Term::Kind::iri: return {{"@id", t.value}};
    case Term::Kind::text:
      if (t.extra.empty()) return {{"@value", t.value}};
      return {{"@value", t.value}, {"@language", t.extra}};
    case Term::Kind::typed: return {{"@value", t.value}, {"@type", t.extra}};
    case Term::Kind::node: return jsonld_node(*t.node);
  }
  return nullptr;
}

nlohmann::json jsonld_node(const Node& n) {
  nlohmann::json j = nlohmann::json::object();
  if (!n.iri.empty()) j["@id"] = n.iri;
  j["@type"] = n.types.size() == 1 ? nlohmann::json(n.types[0]) : nlohmann::json(n.types);
  for (const auto& [predicate, term] : n.properties) {
    auto v = jsonld_value(term);
    if (!j.contains(predicate)) {
      j[predicate] = std::move(v);
    } else {
      if (!j[predicate].is_array()) j[predicate] = nlohmann::json::array({j[predicate]});
      j[predicate].push_back(std::move(v));
    }
  }
  return j;
}

}  // namespace

std::string dcat_catalog_turtle(const Engine& engine, const std::string& base_url, const std::string& contact_email) {
  return TurtleWriter().write(CatalogBuilder(engine, base_url, contact_email).build());
}

std::string dcat_catalog_jsonld(const Engine& engine, const std::string& base_url, const std::string& contact_email) {
  nlohmann::json context = nlohmann::json::object();
  for (const auto& p : kPrefixes) context[p.name] = p.iri;
  nlohmann::json graph = nlohmann::json::array();
  for (const auto& n : CatalogBuilder(engine, base_url, contact_email).build()) graph.push_back(jsonld_node(*n));
  nlohmann::json doc = {{"@context", context}, {"@graph", graph}};
  return doc.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace rf::monitor
