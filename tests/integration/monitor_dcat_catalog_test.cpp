// The DCAT-AP.de catalogue on both databases, after importing shipped tables:
// the JSON-LD parsed with nlohmann::json and the Turtle with a small parser
// of the Turtle grammar it uses; for the catalogue, every dataset (each
// source table and each indicator) and every distribution, the properties
// DCAT-AP.de marks mandatory, plus the coverage, licence and links, and the
// distributions' URLs answered by the server.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "db/migrations.hpp"
#include "db/pool.hpp"
#include "web/templates.hpp"
#include "web/web.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/indicators.hpp"
#include "monitor/monitor.hpp"
#include "support/database_params.hpp"
#include "support/five_tables.hpp"
#include "support/served_app.hpp"
#include "support/temp_dir.hpp"
#include "web/chain.hpp"

using nlohmann::json;
using namespace rf;

namespace {

const std::string kBase = "https://daten.ruhrfutur.example";
const std::string kLicences = "http://dcat-ap.de/def/licenses/";

// ---- a parser for the Turtle subset the catalogue is written in -----------
// @prefix lines, IRIs, prefixed names, "a", literals with @lang or ^^type,
// ';' and ',' lists and nested blank nodes [ … ]. Anything else is an error.

struct Triple {
  std::string subject, predicate, object;
  bool literal = false;
};

class Turtle {
 public:
  explicit Turtle(std::string text) : s_(std::move(text)) {}

  bool parse(std::vector<Triple>& out, std::string& error) {
    out_ = &out;
    try {
      skip();
      while (pos_ < s_.size()) {
        if (s_.compare(pos_, 7, "@prefix") == 0) {
          pos_ += 7;
          skip();
          std::string name = word();
          if (name.empty() || name.back() != ':') throw std::runtime_error("prefix name");
          skip();
          prefixes_[name.substr(0, name.size() - 1)] = iriref();
          skip();
          expect('.');
        } else {
          std::string subject = term_subject();
          predicate_objects(subject);
          expect('.');
        }
        skip();
      }
    } catch (const std::exception& e) {
      error = std::string(e.what()) + " at byte " + std::to_string(pos_) + ": " + s_.substr(pos_, 60);
      return false;
    }
    return true;
  }

 private:
  void skip() {
    while (pos_ < s_.size()) {
      if (std::isspace(static_cast<unsigned char>(s_[pos_]))) {
        ++pos_;
      } else if (s_[pos_] == '#') {
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }
  void expect(char c) {
    skip();
    if (pos_ >= s_.size() || s_[pos_] != c) throw std::runtime_error(std::string("expected '") + c + "'");
    ++pos_;
  }
  std::string word() {
    std::size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == ':' ||
                                s_[pos_] == '_' || s_[pos_] == '-'))
      ++pos_;
    return s_.substr(start, pos_ - start);
  }
  std::string iriref() {
    expect('<');
    std::size_t end = s_.find('>', pos_);
    if (end == std::string::npos) throw std::runtime_error("unterminated IRI");
    std::string iri = s_.substr(pos_, end - pos_);
    for (char c : iri) {
      if (std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '<' || c == '{' || c == '}')
        throw std::runtime_error("character not allowed in an IRI");
    }
    pos_ = end + 1;
    return iri;
  }
  std::string expand(const std::string& name) {
    auto colon = name.find(':');
    if (colon == std::string::npos) throw std::runtime_error("not a prefixed name: " + name);
    auto it = prefixes_.find(name.substr(0, colon));
    if (it == prefixes_.end()) throw std::runtime_error("undeclared prefix: " + name);
    return it->second + name.substr(colon + 1);
  }
  std::string term_subject() {
    skip();
    if (s_[pos_] == '<') return iriref();
    return expand(word());
  }
  void predicate_objects(const std::string& subject) {
    while (true) {
      skip();
      std::string predicate;
      if (s_.compare(pos_, 2, "a ") == 0) {
        pos_ += 1;
        predicate = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
      } else if (s_[pos_] == '<') {
        predicate = iriref();
      } else {
        predicate = expand(word());
      }
      while (true) {
        object(subject, predicate);
        skip();
        if (s_[pos_] != ',') break;
        ++pos_;
      }
      skip();
      if (s_[pos_] != ';') return;
      ++pos_;
      skip();
      if (s_[pos_] == '.' || s_[pos_] == ']') return;  // a trailing ';'
    }
  }
  void object(const std::string& subject, const std::string& predicate) {
    skip();
    Triple t{subject, predicate, "", false};
    char c = s_[pos_];
    if (c == '<') {
      t.object = iriref();
    } else if (c == '[') {
      ++pos_;
      t.object = "_:b" + std::to_string(++blank_);
      predicate_objects(t.object);
      expect(']');
    } else if (c == '"') {
      ++pos_;
      std::string value;
      while (true) {
        if (pos_ >= s_.size()) throw std::runtime_error("unterminated literal");
        char d = s_[pos_++];
        if (d == '"') break;
        if (d == '\n') throw std::runtime_error("line break in a short literal");
        if (d == '\\') {
          char e = s_[pos_++];
          value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
          continue;
        }
        value += d;
      }
      if (s_[pos_] == '@') {
        ++pos_;
        word();
      } else if (s_.compare(pos_, 2, "^^") == 0) {
        pos_ += 2;
        expand(word());
      }
      t.object = value;
      t.literal = true;
    } else {
      t.object = expand(word());
    }
    out_->push_back(t);
  }

  std::string s_;
  std::size_t pos_ = 0;
  std::map<std::string, std::string> prefixes_;
  std::vector<Triple>* out_ = nullptr;
  int blank_ = 0;
};

const std::string kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const std::string kDcat = "http://www.w3.org/ns/dcat#";
const std::string kDct = "http://purl.org/dc/terms/";
const std::string kFoaf = "http://xmlns.com/foaf/0.1/";

// Values of a JSON-LD property as an array (a single value is not wrapped).
json values(const json& node, const std::string& property) {
  if (!node.contains(property)) return json::array();
  const json& v = node.at(property);
  return v.is_array() ? v : json::array({v});
}
std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.contains("@value")) return v["@value"].get<std::string>();
  if (v.contains("@id")) return v["@id"].get<std::string>();
  return "";
}

class MonitorDcat : public test::BothDatabases {
 protected:
  // The cases only read: per database kind they share one copy of the
  // database with the five tables and one router over it, so that the
  // statistics are imported and the cube is built once per kind.
  static void SetUpTestSuite() { shared_ = new test::ServedPerKind(); }
  static void TearDownTestSuite() {
    delete shared_;
    shared_ = nullptr;
  }
  void SetUp() override {
    auto& app = shared_->get(GetParam(), [kind = GetParam()](const std::filesystem::path& var_dir) {
      web::Settings settings;
      settings.root = RF_SOURCE_DIR;
      settings.var_dir = var_dir;
      settings.base_url = kBase + "/";
      return std::make_unique<test::ServedApp>(settings, test::five_tables_url(kind),
                                               [](http::Router& router, web::Services& services) {
                                                 web::use_standard_chain(router, services);
                                                 monitor::register_routes(router, services);
                                               });
    });
    router_ = &app.router();
  }

  http::Response get(const std::string& target) {
    http::Request req;
    req.method = "GET";
    req.target = target;
    req.path = target;
    req.remote_address = "127.0.0.1";
    auto res = router_->dispatch(req);
    if (!res.body_file.empty()) {
      std::ifstream in(res.body_file, std::ios::binary);
      res.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return res;
  }

  // Dataset IRIs the catalogue must describe: every table and every
  // indicator; `dated` gets those with periods (a school list has none).
  std::set<std::string> expected_datasets(std::set<std::string>* dated = nullptr) {
    std::set<std::string> out;
    const json tables = json::parse(get("/api/v1/datasets").body);
    for (const auto& d : tables["datasets"]) {
      const std::string iri = kBase + "/api/v1/datasets/" + d["code"].get<std::string>();
      out.insert(iri);
      if (dated && !d["periods"].empty()) dated->insert(iri);
    }
    const json indicators = json::parse(get("/api/v1/indicators").body);
    for (const auto& i : indicators["indicators"]) {
      const std::string id = i["id"];
      const std::string iri = kBase + "/api/v1/indicators/" + id;
      out.insert(iri);
      if (dated && !json::parse(get("/api/v1/indicators/" + id).body)["periods"].empty()) dated->insert(iri);
    }
    return out;
  }

  static test::ServedPerKind* shared_;
  http::Router* router_ = nullptr;
};

test::ServedPerKind* MonitorDcat::shared_ = nullptr;

TEST_P(MonitorDcat, JsonLdDescribesEveryDatasetWithTheMandatoryProperties) {
  auto res = get("/api/v1/catalog.jsonld");
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.header("Content-Type").find("application/ld+json"), std::string::npos);
  json doc = json::parse(res.body);
  EXPECT_EQ(doc["@context"]["dcat"], kDcat);
  EXPECT_EQ(doc["@context"]["dct"], kDct);
  const json& graph = doc["@graph"];

  // The catalogue: title, description, publisher (an agent with a name).
  std::vector<json> catalogs, datasets;
  for (const auto& n : graph) {
    if (n["@type"] == "dcat:Catalog") catalogs.push_back(n);
    if (n["@type"] == "dcat:Dataset") datasets.push_back(n);
  }
  ASSERT_EQ(catalogs.size(), 1u);
  const json& catalog = catalogs[0];
  EXPECT_EQ(catalog["@id"], kBase + "/api/v1/catalog");
  EXPECT_FALSE(text_of(values(catalog, "dct:title")[0]).empty());
  EXPECT_FALSE(text_of(values(catalog, "dct:description")[0]).empty());
  ASSERT_EQ(values(catalog, "dct:publisher").size(), 1u);
  EXPECT_EQ(text_of(values(values(catalog, "dct:publisher")[0], "foaf:name")[0]), "RuhrFutur");

  std::set<std::string> dated;
  const auto expected = expected_datasets(&dated);
  ASSERT_GT(expected.size(), 10u);  // 5 tables and the indicators
  ASSERT_GT(dated.size(), 10u);
  std::set<std::string> listed, described;
  for (const auto& d : values(catalog, "dcat:dataset")) listed.insert(text_of(d));
  EXPECT_EQ(listed, expected);

  for (const auto& d : datasets) {
    const std::string id = d["@id"];
    described.insert(id);
    SCOPED_TRACE(id);
    // Mandatory: title, description, publisher.
    ASSERT_EQ(values(d, "dct:title").size(), 1u);
    EXPECT_FALSE(text_of(values(d, "dct:title")[0]).empty());
    EXPECT_EQ(values(d, "dct:title")[0]["@language"], "de");
    ASSERT_EQ(values(d, "dct:description").size(), 1u);
    EXPECT_GT(text_of(values(d, "dct:description")[0]).size(), 20u);
    ASSERT_EQ(values(d, "dct:publisher").size(), 1u);
    EXPECT_FALSE(text_of(values(values(d, "dct:publisher")[0], "foaf:name")[0]).empty());
    // What the brief asks beyond: contact point, landing page, coverage.
    ASSERT_EQ(values(d, "dcat:contactPoint").size(), 1u);
    EXPECT_FALSE(text_of(values(values(d, "dcat:contactPoint")[0], "vcard:fn")[0]).empty());
    // The contact point is a vCard with an e-mail address (the configured sender's).
    EXPECT_EQ(text_of(values(values(d, "dcat:contactPoint")[0], "vcard:hasEmail")[0]),
              "mailto:noreply@ruhrfutur.invalid");
    ASSERT_EQ(values(d, "dcat:landingPage").size(), 1u);
    EXPECT_EQ(text_of(values(d, "dcat:landingPage")[0]).rfind(kBase + "/", 0), 0u);
    // Temporal coverage wherever there are periods.
    ASSERT_EQ(values(d, "dct:temporal").size(), dated.count(id));
    if (dated.count(id)) {
      const json span = values(d, "dct:temporal")[0];
      EXPECT_EQ(span["@type"], "dct:PeriodOfTime");
      EXPECT_EQ(span["dcat:startDate"]["@type"], "xsd:date");
      EXPECT_LE(text_of(span["dcat:startDate"]), text_of(span["dcat:endDate"]));
    }
    EXPECT_EQ(values(d, "dct:spatial").empty(), dated.count(id) == 0);
    // Distributions: access URL and licence are mandatory; each URL answers.
    // Indicators have the German Excel CSV besides the four downloads of every table.
    auto distributions = values(d, "dcat:distribution");
    const bool indicator = id.find("/api/v1/indicators/") != std::string::npos;
    ASSERT_EQ(distributions.size(), indicator ? 5u : 4u);
    if (indicator) {
      EXPECT_EQ(text_of(values(distributions[4], "dcat:accessURL")[0]), id + "/excel.csv");
    }
    for (const auto& dist : distributions) {
      EXPECT_EQ(dist["@type"], "dcat:Distribution");
      ASSERT_EQ(values(dist, "dcat:accessURL").size(), 1u);
      ASSERT_EQ(values(dist, "dct:license").size(), 1u);
      EXPECT_EQ(text_of(values(dist, "dct:license")[0]).rfind(kLicences, 0), 0u);
      EXPECT_EQ(text_of(values(dist, "dct:format")[0])
                    .rfind("http://publications.europa.eu/resource/authority/file-type/", 0),
                0u);
      const std::string url = text_of(values(dist, "dcat:accessURL")[0]);
      ASSERT_EQ(url.rfind(kBase + "/api/v1/", 0), 0u) << url;
      EXPECT_EQ(get(url.substr(kBase.size())).status, 200) << url;
    }
  }
  EXPECT_EQ(described, expected);
}

TEST_P(MonitorDcat, TablesCarryTheirSourceLicenceCoverageAndOriginator) {
  json doc = json::parse(get("/api/v1/catalog.jsonld").body);
  json leavers, indicator;
  for (const auto& n : doc["@graph"]) {
    if (n.value("@id", "") == kBase + "/api/v1/datasets/21111-02-06-4") leavers = n;
    if (n.value("@id", "") == kBase + "/api/v1/indicators/schulabgaenger_ohne_abschluss") indicator = n;
  }
  ASSERT_TRUE(leavers.is_object());
  // The periods of the table as the API lists them give the temporal span.
  auto table = json::parse(get("/api/v1/datasets/21111-02-06-4").body);
  std::vector<std::string> periods = table["periods"];
  ASSERT_FALSE(periods.empty());
  const json& span = leavers["dct:temporal"];
  // Calendar years: 1 January of the first to 31 December of the last.
  EXPECT_EQ(periods.front().size(), 4u);
  EXPECT_EQ(text_of(span["dcat:startDate"]), periods.front() + "-01-01");
  EXPECT_EQ(text_of(span["dcat:endDate"]), periods.back() + "-12-31");
  // The Regionaldatenbank's table: the licence its footer states, the
  // statistical offices as originator, Germany and every Land as coverage.
  EXPECT_EQ(text_of(values(leavers, "dcat:distribution")[0]["dct:license"]), kLicences + "dl-by-de/2.0");
  EXPECT_EQ(text_of(values(leavers["dcatde:originator"], "foaf:name")[0]).rfind("Statistische Ämter des Bundes", 0),
            0u);
  std::set<std::string> spatial;
  for (const auto& s : values(leavers, "dct:spatial")) spatial.insert(text_of(s));
  EXPECT_EQ(spatial.size(), 17u) << leavers["dct:spatial"].dump();
  EXPECT_TRUE(spatial.count("http://publications.europa.eu/resource/authority/country/DEU"));
  EXPECT_TRUE(spatial.count("http://dcat-ap.de/def/politicalGeocoding/stateKey/05"));
  EXPECT_TRUE(spatial.count("http://dcat-ap.de/def/politicalGeocoding/stateKey/16"));
  EXPECT_EQ(
      text_of(leavers["dcatde:politicalGeocodingLevelURI"]).rfind("http://dcat-ap.de/def/politicalGeocoding/Level/", 0),
      0u);
  EXPECT_EQ(text_of(leavers["dcat:landingPage"]), kBase + "/daten/datensaetze/21111-02-06-4");
  EXPECT_EQ(text_of(values(leavers, "dcat:distribution")[0]["dcat:accessURL"]),
            kBase + "/api/v1/datasets/21111-02-06-4/daten.csv");

  // An indicator: its page, the Ruhr's 15 Kreise.
  ASSERT_TRUE(indicator.is_object());
  EXPECT_EQ(text_of(indicator["dcat:landingPage"]), kBase + "/monitor/indikatoren/schulabgaenger_ohne_abschluss");
  EXPECT_EQ(values(indicator, "dct:spatial").size(), 15u);
  EXPECT_EQ(
      text_of(values(indicator, "dct:spatial")[0]).rfind("http://dcat-ap.de/def/politicalGeocoding/districtKey/05", 0),
      0u);
}

TEST_P(MonitorDcat, TurtleParsesAndHasTheSameMandatoryProperties) {
  auto res = get("/api/v1/catalog.ttl");
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.header("Content-Type").find("text/turtle"), std::string::npos);
  std::vector<Triple> triples;
  std::string error;
  ASSERT_TRUE(Turtle(res.body).parse(triples, error)) << error;

  std::map<std::string, std::multimap<std::string, std::string>> subjects;
  for (const auto& t : triples) subjects[t.subject].emplace(t.predicate, t.object);
  auto typed = [&](const std::string& type) {
    std::vector<std::string> out;
    for (const auto& [s, props] : subjects) {
      auto range = props.equal_range(kRdfType);
      for (auto it = range.first; it != range.second; ++it) {
        if (it->second == type) out.push_back(s);
      }
    }
    return out;
  };
  auto has = [&](const std::string& s, const std::string& p) { return subjects[s].count(p) > 0; };
  auto one = [&](const std::string& s, const std::string& p) {
    auto it = subjects[s].find(p);
    return it == subjects[s].end() ? std::string() : it->second;
  };

  auto catalogs = typed(kDcat + "Catalog");
  ASSERT_EQ(catalogs.size(), 1u);
  for (const char* p : {"title", "description", "publisher"}) EXPECT_TRUE(has(catalogs[0], kDct + p)) << p;
  EXPECT_EQ(one(one(catalogs[0], kDct + "publisher"), kFoaf + "name"), "RuhrFutur");

  auto datasets = typed(kDcat + "Dataset");
  std::set<std::string> dated;
  EXPECT_EQ(std::set<std::string>(datasets.begin(), datasets.end()), expected_datasets(&dated));
  std::size_t distributions = 0, indicators = 0;
  for (const auto& d : datasets) {
    SCOPED_TRACE(d);
    for (const char* p : {"title", "description", "publisher"}) EXPECT_TRUE(has(d, kDct + p)) << p;
    EXPECT_EQ(has(d, kDct + "temporal"), dated.count(d) > 0);
    EXPECT_EQ(has(d, kDct + "spatial"), dated.count(d) > 0);
    EXPECT_FALSE(one(one(d, kDct + "publisher"), kFoaf + "name").empty());
    EXPECT_TRUE(has(d, kDcat + "contactPoint"));
    EXPECT_TRUE(has(d, kDcat + "landingPage"));
    auto range = subjects[d].equal_range(kDcat + "distribution");
    const bool indicator = d.find("/api/v1/indicators/") != std::string::npos;  // + excel.csv
    indicators += indicator ? 1 : 0;
    EXPECT_EQ(std::distance(range.first, range.second), indicator ? 5 : 4);
    EXPECT_TRUE(has(one(d, kDcat + "contactPoint"), "http://www.w3.org/2006/vcard/ns#hasEmail"));
    for (auto it = range.first; it != range.second; ++it) {
      const std::string& dist = it->second;
      EXPECT_EQ(one(dist, kRdfType), kDcat + "Distribution");
      EXPECT_EQ(one(dist, kDcat + "accessURL").rfind(kBase + "/api/v1/", 0), 0u);
      EXPECT_EQ(one(dist, kDct + "license").rfind(kLicences, 0), 0u);
      ++distributions;
    }
  }
  EXPECT_GT(indicators, 0u);
  EXPECT_EQ(distributions, datasets.size() * 4 + indicators);
}

TEST_P(MonitorDcat, TheOpenDataPageLinksBothSerialisations) {
  auto page = get("/monitor/offene-daten");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/api/v1/catalog.ttl\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/api/v1/catalog.jsonld\""), std::string::npos);
}

RF_BOTH_DATABASES(MonitorDcat);

}  // namespace
