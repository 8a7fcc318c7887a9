#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "monitor/engine/catalogue.hpp"

using namespace rf::monitor;

namespace {

std::string shipped() {
  std::ifstream in(std::string(RF_SOURCE_DIR) + "/data/indicators.yaml");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* kMinimal = R"(
indicators:
  - id: quote
    title: Eine Quote
    definition: Zähler durch Nenner.
    stage: Frühe Bildung
    unit: "%"
    polarity: up
    source: "Quelle"
    sources:
      - numerator: 't[a]'
        denominator: 't[b]'
        scale: 100
)";

bool any_contains(const std::vector<std::string>& list, const std::string& part) {
  for (const auto& s : list) {
    if (s.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST(MonitorCatalogue, ShippedCatalogueIsValidAndHasTheRequiredIndicators) {
  auto result = parse_catalogue(shipped());
  ASSERT_TRUE(result.catalogue) << (result.errors.empty() ? "" : result.errors.front());
  const auto& c = *result.catalogue;
  for (const char* id : {"kita_quote_u3", "kita_quote_3_6", "kinderarmut_u15", "schulabgaenger_ohne_abschluss",
                         "schulabgaenger_hochschulreife", "schulen_sozialindex_6plus"}) {
    EXPECT_NE(c.find(id), nullptr) << id;
  }
  const auto* leavers = c.find("schulabgaenger_ohne_abschluss");
  EXPECT_EQ(leavers->info.stage, Stage::school);
  EXPECT_EQ(leavers->info.polarity, Polarity::down_is_good);
  EXPECT_EQ(leavers->info.unit, "%");
  EXPECT_EQ(leavers->sources.size(), 2u);
  EXPECT_EQ(leavers->sources[0].kind, IndicatorSource::Kind::counts);
  EXPECT_EQ(leavers->sources[1].kind, IndicatorSource::Kind::rate);
  EXPECT_NE(leavers->sources[0].exprs({"sex", "male"}), nullptr);
  EXPECT_EQ(leavers->group_label({"sex", "female"}), "weiblich");
  const auto* kita = c.find("kita_quote_u3");
  EXPECT_EQ(kita->sources[0].total.weights.size(), 2u);
  EXPECT_EQ(kita->info.stage, Stage::early);
}

TEST(MonitorCatalogue, MinimalCatalogue) {
  auto r = parse_catalogue(kMinimal);
  ASSERT_TRUE(r.catalogue) << r.errors.front();
  EXPECT_EQ(r.catalogue->indicators.size(), 1u);
  EXPECT_EQ(r.catalogue->indicators[0].info.decimals, 1);
  EXPECT_EQ(r.catalogue->indicators[0].datasets(), std::vector<std::string>{"t"});
}

TEST(MonitorCatalogue, RejectsProblemsWithReadableMessages) {
  auto with = [](std::string from, std::string to) {
    std::string text = kMinimal;
    text.replace(text.find(from), from.size(), to);
    return parse_catalogue(text);
  };
  auto r = with("stage: Frühe Bildung", "stage: Kindergarten");
  EXPECT_FALSE(r.catalogue);
  EXPECT_TRUE(any_contains(r.errors, "unbekannte Bildungsstufe 'Kindergarten'"));
  r = with("polarity: up", "polarity: better");
  EXPECT_TRUE(any_contains(r.errors, "'polarity' muss up, down oder neutral sein"));
  r = with("unit: \"%\"", "unit: \"%\"\n    colour: red");
  EXPECT_TRUE(any_contains(r.errors, "unbekannter Schlüssel 'colour'"));
  r = with("'t[a]'", "'t[a'");
  EXPECT_TRUE(any_contains(r.errors, "numerator"));
  r = with("id: quote", "id: Quote-1");
  EXPECT_TRUE(any_contains(r.errors, "Kleinbuchstaben"));
  r = with("      - numerator: 't[a]'\n        denominator: 't[b]'", "      - rate: 't[a]'");
  EXPECT_TRUE(any_contains(r.errors, "'weight' fehlt")) << r.errors.front();
  r = parse_catalogue("indicators: [");
  EXPECT_TRUE(any_contains(r.errors, "YAML-Fehler in Zeile"));
  r = parse_catalogue("foo: 1");
  EXPECT_TRUE(any_contains(r.errors, "'indicators:'"));
  std::string twice = std::string(kMinimal) + std::string(kMinimal).substr(std::string(kMinimal).find("  - id"));
  r = parse_catalogue(twice);
  EXPECT_TRUE(any_contains(r.errors, "doppelt"));
}

TEST(MonitorCatalogue, GroupsMustBeDeclaredAndServed) {
  std::string text = kMinimal;
  text += "        by:\n          sex:\n            female: {numerator: 't[c]', denominator: 't[d]'}\n";
  auto r = parse_catalogue(text);
  EXPECT_TRUE(any_contains(r.errors, "nicht unter 'breakdowns' erklärt"));
  std::string declared = kMinimal;
  declared.insert(declared.find("    sources:"), "    breakdowns:\n      sex: {female: weiblich}\n");
  r = parse_catalogue(declared);
  EXPECT_TRUE(any_contains(r.errors, "keine Quelle liefert die Gruppe sex=female"));
}

TEST(MonitorCatalogue, StagesByLabelAndSlug) {
  EXPECT_EQ(parse_stage("Hochschule"), Stage::higher);
  EXPECT_EQ(parse_stage("berufliche-bildung"), Stage::vocational);
  EXPECT_FALSE(parse_stage("Weiterbildung"));
  EXPECT_EQ(stage_label(Stage::early), "Frühe Bildung");
}
