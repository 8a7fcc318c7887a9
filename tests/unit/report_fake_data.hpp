// Fixed statistics for the report's unit tests: a few indicators, the 15
// Kreise of the Ruhr, some municipalities, NRW and the aggregates, with
// values chosen so that comparisons and ranks are easy to check by hand.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include "report/data.hpp"

namespace rf::report::test {

class FakeData : public Data {
 public:
  FakeData() {
    add_indicator({"kita_quote_u3",
                   "Betreuungsquote der unter 3-Jährigen",
                   "Anteil …",
                   monitor::Stage::early,
                   "%",
                   monitor::Polarity::up_is_good,
                   1,
                   "BBSR, INKAR 2024",
                   {},
                   {"Stichtag 1.3."}});
    add_indicator({"bevoelkerung",
                   "Bevölkerung",
                   "Einwohner/-innen",
                   monitor::Stage::framework,
                   "Personen",
                   monitor::Polarity::neutral,
                   0,
                   "IT.NRW",
                   {"sex"},
                   {}});
    add_indicator({"einkommen",
                   "Verfügbares Einkommen je Einwohner/-in",
                   "…",
                   monitor::Stage::framework,
                   "EUR",
                   monitor::Polarity::up_is_good,
                   0,
                   "AK VGRdL",
                   {},
                   {}});
    regions_ = {{"ruhr", "Metropole Ruhr", "aggregate", ""},
                {"nrw", "Nordrhein-Westfalen", "state", ""},
                {"rheinland-ohne-ruhr", "Rheinland ohne Ruhrgebiet", "aggregate", ""},
                {"westfalen-ohne-ruhr", "Westfalen ohne Ruhrgebiet", "aggregate", ""}};
    const char* kreise[][2] = {{"05112", "Duisburg"},
                               {"05113", "Essen"},
                               {"05117", "Mülheim an der Ruhr"},
                               {"05119", "Oberhausen"},
                               {"05170", "Kreis Wesel"},
                               {"05512", "Bottrop"},
                               {"05513", "Gelsenkirchen"},
                               {"05562", "Kreis Recklinghausen"},
                               {"05911", "Bochum"},
                               {"05913", "Dortmund"},
                               {"05914", "Hagen"},
                               {"05915", "Hamm"},
                               {"05916", "Herne"},
                               {"05954", "Ennepe-Ruhr-Kreis"},
                               {"05978", "Kreis Unna"}};
    int i = 0;
    for (const auto& k : kreise) {
      monitor::RegionInfo r{k[0], k[1], "county", "05"};
      kreise_.push_back(r);
      regions_.push_back(r);
      // kita_quote_u3: 20.0, 21.0, … 34.0 in 2020; 2015 five points lower.
      set("kita_quote_u3", k[0], "2020", 20.0 + i);
      set("kita_quote_u3", k[0], "2015", 15.0 + i);
      ++i;
    }
    municipalities_ = {{"05562004", "Dorsten", "municipality", "05562"},
                       {"05562032", "Recklinghausen", "municipality", "05562"},
                       {"05913000", "Dortmund", "municipality", "05913"}};
    for (const auto& m : municipalities_) regions_.push_back(m);
    set("kita_quote_u3", "ruhr", "2015", 20.0);
    set("kita_quote_u3", "ruhr", "2020", 25.84);
    set("kita_quote_u3", "nrw", "2015", 23.5);
    set("kita_quote_u3", "nrw", "2020", 28.1);
    set("kita_quote_u3", "rheinland-ohne-ruhr", "2020", 30.2);
    set("kita_quote_u3", "westfalen-ohne-ruhr", "2020", 29.0);
    set("bevoelkerung", "ruhr", "2024-12-31", 5100000);
    set("bevoelkerung", "05562004", "2024-12-31", 74000);
    set("einkommen", "ruhr", "2021", 22500);
    set("einkommen", "nrw", "2021", 24100);
    monitor::IndicatorValue secret;
    secret.status = monitor::Status::secret;
    values_[{"einkommen", "05513", "2021", ""}] = secret;
  }

  void set(const std::string& ind, const std::string& region, const std::string& period, double v,
           const std::string& group = "") {
    monitor::IndicatorValue value;
    value.value = v;
    value.status = monitor::Status::ok;
    value.source = "Testquelle";
    values_[{ind, region, period, group}] = value;
  }

  const monitor::IndicatorInfo* indicator(std::string_view id) const override {
    for (const auto& i : indicators_) {
      if (i.id == id) return &i;
    }
    return nullptr;
  }
  monitor::IndicatorValue value(std::string_view indicator, std::string_view region, std::string_view period,
                                const monitor::BreakdownGroup& b) const override {
    std::string group = b.empty() ? "" : b.dimension + ":" + b.group;
    auto it = values_.find({std::string(indicator), std::string(region), std::string(period), group});
    if (it == values_.end()) {
      monitor::IndicatorValue none;
      none.status = monitor::Status::not_yet;
      return none;
    }
    return it->second;
  }
  std::vector<monitor::SeriesPoint> series(std::string_view indicator, std::string_view region,
                                           const monitor::BreakdownGroup& b) const override {
    std::vector<monitor::SeriesPoint> out;
    for (const auto& p : periods(indicator)) {
      auto v = value(indicator, region, p, b);
      if (v.value) out.push_back({p, v});
    }
    return out;
  }
  std::vector<std::string> periods(std::string_view indicator) const override {
    std::vector<std::string> out;
    for (const auto& [key, v] : values_) {
      if (std::get<0>(key) == indicator && std::find(out.begin(), out.end(), std::get<2>(key)) == out.end()) {
        out.push_back(std::get<2>(key));
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::optional<std::string> latest_period(std::string_view indicator, std::string_view region) const override {
    auto ps = periods(indicator);
    for (auto it = ps.rbegin(); it != ps.rend(); ++it) {
      if (value(indicator, region, *it, {}).value) return *it;
    }
    return std::nullopt;
  }
  std::optional<monitor::RegionInfo> region(std::string_view code) const override {
    for (const auto& r : regions_) {
      if (r.code == code) return r;
    }
    return std::nullopt;
  }
  std::vector<monitor::RegionInfo> ruhr_kreise() const override { return kreise_; }
  std::vector<monitor::RegionInfo> ruhr_municipalities() const override { return municipalities_; }
  std::vector<monitor::RegionInfo> nrw_kreise() const override { return kreise_; }
  std::string period_label(std::string_view key) const override {
    if (key.size() == 10 && key[4] == '-') {
      return std::string(key.substr(8, 2)) + "." + std::string(key.substr(5, 2)) + "." + std::string(key.substr(0, 4));
    }
    return std::string(key);
  }

 private:
  void add_indicator(monitor::IndicatorInfo info) { indicators_.push_back(std::move(info)); }

  std::vector<monitor::IndicatorInfo> indicators_;
  std::vector<monitor::RegionInfo> regions_;
  std::vector<monitor::RegionInfo> kreise_;
  std::vector<monitor::RegionInfo> municipalities_;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, monitor::IndicatorValue> values_;
};

// A small report on FakeData: two chapters with every kind of figure, a
// glossary, sources and a profile template (Kreise only).
inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline void write_fixture_report(const std::filesystem::path& dir) {
  write_file(dir / "report.yaml", R"(title: Testbericht
subtitle: Ein Bericht für Tests
edition: "2025"
publisher: RuhrFutur gGmbH
regions:
  vergleich: [ruhr, nrw, rheinland-ohne-ruhr, westfalen-ohne-ruhr]
periods:
  basis: "2015"
chapters:
  - kapitel/01-kita.md
  - kapitel/02-schluss.md
glossary: glossary.yaml
sources:
  - {id: bid, cite: "Autorengruppe 2024", text: "Autorengruppe (2024): Bildung in Deutschland 2024."}
profiles: {template: profil.md, gemeinden: false}
)");
  write_file(dir / "glossary.yaml", "- {id: betreuungsquote, term: Betreuungsquote, definition: Anteil der Kinder.}\n");
  write_file(dir / "kapitel/01-kita.md", R"(# Frühe Bildung

Die {{begriff betreuungsquote}} lag {{periode indikator=kita_quote_u3}} bei {{wert indikator=kita_quote_u3}},
{{vergleich indikator=kita_quote_u3}} ({{verweis abb-verlauf}}; {{quelle bid}}).

::: kennzahlen indikatoren=kita_quote_u3 vergleich=nrw

## Verlauf

::: abbildung id=abb-verlauf typ=zeitreihe indikator=kita_quote_u3 titel="Betreuungsquote im Verlauf"

## Kreise

::: abbildung typ=rangfolge indikator=kita_quote_u3 titel="Betreuungsquote nach Kreisen"

::: abbildung typ=karte indikator=kita_quote_u3 titel="Betreuungsquote auf der Karte"

::: abbildung typ=balken indikator=kita_quote_u3 fussnote="Eine eigene Fußnote."

::: tabelle indikator=kita_quote_u3 perioden=basis,neueste regionen=vergleich,kreise titel="Quoten"
)");
  write_file(dir / "kapitel/02-schluss.md", R"(# Schluss

Siehe {{verweis abb-verlauf}}. Das Einkommen lag bei {{wert indikator=einkommen}}.

::: tabelle indikatoren=kita_quote_u3,einkommen regionen=ruhr,nrw ausrichtung=indikatoren titel="Überblick"
)");
  write_file(dir / "profil.md", R"(# {{region $region}}

::: wenn ebene=kreis
Die Quote in {{region $region}} liegt bei {{wert indikator=kita_quote_u3 region=$region}}
({{rang indikator=kita_quote_u3 region=$region}}).

::: abbildung typ=zeitreihe indikator=kita_quote_u3 regionen=$region,ruhr titel="Verlauf"
::: ende
)");
}

}  // namespace rf::report::test
