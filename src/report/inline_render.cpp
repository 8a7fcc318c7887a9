#include "report/inline_render.hpp"

#include <algorithm>
#include <cmath>

#include "monitor/indicators.hpp"
#include "report/figure_builder.hpp"
#include "report/format.hpp"
#include "text/german.hpp"
#include "text/html.hpp"
#include "text/number.hpp"

namespace rf::report {
namespace {

using text::escape_attribute;
using text::escape_html;

constexpr std::string_view kInlineNames[] = {"wert",   "vergleich", "entwicklung", "rang",    "anzahl",  "extrem",
                                             "spanne", "periode",   "region",      "begriff", "verweis", "quelle"};

class InlineRenderer {
 public:
  InlineRenderer(const Directive& d, const Resolver& r, const Glossary& g, const PageLinks& links)
      : d_(d), r_(r), glossary_(g), links_(links) {}

  std::string run() {
    const std::string& n = d_.name;
    if (n == "wert") return value();
    if (n == "vergleich") return comparison();
    if (n == "entwicklung") return change();
    if (n == "rang") return rank();
    if (n == "anzahl") return count();
    if (n == "extrem") return extreme();
    if (n == "spanne") return range();
    if (n == "periode") return period();
    if (n == "region") return region_name();
    if (n == "begriff") return term();
    if (n == "verweis") return reference();
    if (n == "quelle") return citation();
    r_.diagnostics().error(d_.where, "unbekannte Direktive „" + n + "“");
    return missing();
  }

 private:
  bool check(std::initializer_list<std::string_view> allowed) { return check_arguments(d_, allowed, r_.diagnostics()); }
  std::string missing() const { return missing_placeholder(d_); }

  // A value with a number, or nullopt after reporting what is missing.
  std::optional<monitor::IndicatorValue> lookup(const monitor::IndicatorInfo& ind, const monitor::RegionInfo& region,
                                                const std::string& period,
                                                const monitor::BreakdownGroup& breakdown) const {
    auto v = r_.data().value(ind.id, region.code, period, breakdown);
    if (!v.value || !monitor::status_has_value(v.status)) {
      std::string marker(monitor::status_marker(v.status));
      r_.diagnostics().missing(d_.where, "kein Wert für „" + ind.id + "“ in " + region.name + " (" +
                                             r_.data().period_label(period) + ")" +
                                             (marker.empty() ? "" : ", Kennzeichen „" + marker + "“"));
      return std::nullopt;
    }
    return v;
  }

  // The unit to print: none with einheit=nein.
  std::string unit(const monitor::IndicatorInfo& ind) const {
    return d_.get_or("einheit", "ja") == "nein" ? std::string() : ind.unit;
  }

  int decimals(const monitor::IndicatorInfo& ind) const {
    if (auto s = d_.get("stellen")) {
      try {
        int n = std::stoi(*s);
        if (n >= 0 && n <= 6) return n;
      } catch (const std::exception&) {
      }
      r_.diagnostics().error(d_.where, "„stellen“ erwartet eine Zahl von 0 bis 6");
    }
    return ind.decimals;
  }

  // <data> keeps the exact value for machines; the text is the printed one.
  static std::string data_html(double value, const std::string& text) {
    return "<data class=\"wert\" value=\"" + machine_number(value) + "\">" + escape_html(text) + "</data>";
  }

  std::string value() {
    if (!check({"indikator", "region", "periode", "gruppe", "einheit", "stellen"})) return missing();
    const auto* ind = r_.indicator(d_);
    if (!ind) return missing();
    auto region = r_.region(d_, d_.get_or("region", "ruhr"));
    if (!region) return missing();
    auto breakdown = r_.breakdown(d_, *ind);
    if (!breakdown) return missing();
    auto period = r_.period(d_, *ind, d_.get_or("periode", "neueste"), region->code);
    if (!period) return missing();
    auto v = lookup(*ind, *region, *period, *breakdown);
    if (!v) return missing();
    int dec = decimals(*ind);
    std::string text = d_.get_or("einheit", "ja") == "nein" ? text::format_number(*v->value, dec)
                                                            : format_with_unit(*v->value, dec, ind->unit);
    return data_html(*v->value, text);
  }

  std::string comparison() {
    if (!check({"indikator", "region", "mit", "periode", "gruppe", "art", "bezug", "stellen", "einheit"})) {
      return missing();
    }
    const auto* ind = r_.indicator(d_);
    if (!ind) return missing();
    auto a_region = r_.region(d_, d_.get_or("region", "ruhr"));
    auto b_region = r_.region(d_, d_.get_or("mit", "nrw"));
    if (!a_region || !b_region) return missing();
    auto breakdown = r_.breakdown(d_, *ind);
    if (!breakdown) return missing();
    auto period = r_.period(d_, *ind, d_.get_or("periode", "neueste"), a_region->code);
    if (!period) return missing();
    auto a = lookup(*ind, *a_region, *period, *breakdown);
    auto b = lookup(*ind, *b_region, *period, *breakdown);
    if (!a || !b) return missing();
    int dec = decimals(*ind);
    std::string kind = d_.get_or("art", "differenz");
    if (kind == "verhaeltnis") {
      if (*b->value == 0) {
        r_.diagnostics().missing(d_.where, "Verhältnis zu 0 ist nicht bestimmt");
        return missing();
      }
      return escape_html(ratio_phrase(*a->value, *b->value, d_.has("stellen") ? dec : 1, b_region->name));
    }
    if (kind != "differenz") {
      r_.diagnostics().error(d_.where, "„art“ ist differenz oder verhaeltnis");
      return missing();
    }
    return escape_html(
        comparison_phrase(*a->value, *b->value, dec, unit(*ind), b_region->name, d_.get_or("bezug", "")));
  }

  std::string change() {
    if (!check({"indikator", "region", "von", "bis", "gruppe", "form", "stellen", "einheit"})) return missing();
    const auto* ind = r_.indicator(d_);
    if (!ind) return missing();
    auto region = r_.region(d_, d_.get_or("region", "ruhr"));
    if (!region) return missing();
    auto from_spec = r_.require(d_, "von");
    if (!from_spec) return missing();
    auto breakdown = r_.breakdown(d_, *ind);
    if (!breakdown) return missing();
    auto from = r_.period(d_, *ind, *from_spec, region->code);
    auto to = r_.period(d_, *ind, d_.get_or("bis", "neueste"), region->code);
    if (!from || !to) return missing();
    auto a = lookup(*ind, *region, *from, *breakdown);
    auto b = lookup(*ind, *region, *to, *breakdown);
    if (!a || !b) return missing();
    int dec = decimals(*ind);
    std::string phrase = change_phrase(*a->value, *b->value, dec, unit(*ind));
    if (d_.get_or("form", "kurz") == "lang") {
      phrase = "von " + format_with_unit(*a->value, dec, unit(*ind)) + " (" + r_.data().period_label(*from) + ") auf " +
               format_with_unit(*b->value, dec, unit(*ind)) + " (" + r_.data().period_label(*to) + ")";
      double diff = std::round((*b->value - *a->value) * std::pow(10, dec));
      phrase += diff > 0 ? " gestiegen" : diff < 0 ? " gesunken" : ", also unverändert";
    }
    return escape_html(phrase);
  }

  struct Ranked {
    monitor::RegionInfo region;
    double value;
  };
  // The regions of `set` with a value, highest first.
  std::optional<std::vector<Ranked>> ranked(const monitor::IndicatorInfo& ind, const std::string& set,
                                            const std::string& period, const monitor::BreakdownGroup& breakdown) {
    auto regions = r_.regions(d_, set);
    if (regions.empty()) return std::nullopt;
    std::vector<Ranked> out;
    for (const auto& region : regions) {
      auto v = r_.data().value(ind.id, region.code, period, breakdown);
      if (v.value && monitor::status_has_value(v.status)) out.push_back({region, *v.value});
    }
    if (out.empty()) {
      r_.diagnostics().missing(d_.where, "keine Werte für „" + ind.id + "“ in „" + set + "“");
      return std::nullopt;
    }
    std::stable_sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) { return a.value > b.value; });
    return out;
  }

  std::string rank() {
    if (!check({"indikator", "region", "in", "periode", "gruppe", "form"})) return missing();
    const auto* ind = r_.indicator(d_);
    if (!ind) return missing();
    auto spec = r_.require(d_, "region");
    if (!spec) return missing();
    auto region = r_.region(d_, *spec);
    if (!region) return missing();
    auto breakdown = r_.breakdown(d_, *ind);
    if (!breakdown) return missing();
    auto period = r_.period(d_, *ind, d_.get_or("periode", "neueste"), region->code);
    if (!period) return missing();
    auto own = lookup(*ind, *region, *period, *breakdown);
    if (!own) return missing();
    auto list = ranked(*ind, d_.get_or("in", "kreise"), *period, *breakdown);
    if (!list) return missing();
    double rounded_own = std::round(*own->value * std::pow(10, ind->decimals));
    int position = 1;
    for (const auto& entry : *list) {
      if (std::round(entry.value * std::pow(10, ind->decimals)) > rounded_own) ++position;
    }
    if (d_.get_or("form", "text") == "zahl") return std::to_string(position);
    return "Rang " + std::to_string(position) + " von " + std::to_string(list->size());
  }

  std::string count() {
    if (!check({"regionen", "indikator", "periode", "gruppe", "ueber", "unter"})) return missing();
    auto set = r_.require(d_, "regionen");
    if (!set) return missing();
    if (!d_.has("indikator")) {
      auto regions = r_.regions(d_, *set);
      if (regions.empty()) return missing();
      return std::to_string(regions.size());
    }
    const auto* ind = r_.indicator(d_);
    if (!ind) return missing();
    auto breakdown = r_.breakdown(d_, *ind);
    if (!breakdown) return missing();
    bool above = d_.has("ueber");
    if (above == d_.has("unter")) {
      r_.diagnostics().error(d_.where, "„anzahl“ mit Indikator braucht genau eines von ueber= oder unter=");
      return missing();
    }
    auto ref_region = r_.region(d_, *d_.get(above ? "ueber" : "unter"));
    if (!ref_region) return missing();
    auto period = r_.period(d_, *ind, d_.get_or("periode", "neueste"), ref_region->code);
    if (!period) return missing();
    auto ref = lookup(*ind, *ref_region, *period, *breakdown);
    if (!ref) return missing();
    auto list = ranked(*ind, *set, *period, *breakdown);
    if (!list) return missing();
    double scale = std::pow(10, ind->decimals);
    double ref_rounded = std::round(*ref->value * scale);
    auto n = std::count_if(list->begin(), list->end(), [&](const Ranked& e) {
      double v = std::round(e.value * scale);
      return above ? v > ref_rounded : v < ref_rounded;
    });
    return std::to_string(n);
  }

  // The indicator's values over regionen= (default: the Kreise) at
  // periode= (default: the newest), highest first: what extreme and range read.
  struct Ranking {
    const monitor::IndicatorInfo* ind = nullptr;
    std::vector<Ranked> list;
  };
  std::optional<Ranking> ranking_over_regions() {
    const auto* ind = r_.indicator(d_);
    if (!ind) return std::nullopt;
    auto breakdown = r_.breakdown(d_, *ind);
    if (!breakdown) return std::nullopt;
    auto period = r_.period(d_, *ind, d_.get_or("periode", "neueste"));
    if (!period) return std::nullopt;
    auto list = ranked(*ind, d_.get_or("regionen", "kreise"), *period, *breakdown);
    if (!list) return std::nullopt;
    return Ranking{ind, std::move(*list)};
  }

  std::string extreme() {
    if (!check({"indikator", "regionen", "periode", "gruppe", "art", "form"})) return missing();
    auto ranking = ranking_over_regions();
    if (!ranking) return missing();
    const auto* ind = ranking->ind;
    const auto& list = ranking->list;
    std::string kind = d_.get_or("art", "hoechster");
    if (kind != "hoechster" && kind != "niedrigster") {
      r_.diagnostics().error(d_.where, "„art“ ist hoechster oder niedrigster");
      return missing();
    }
    const Ranked& e = kind == "hoechster" ? list.front() : list.back();
    std::string value = data_html(e.value, format_with_unit(e.value, ind->decimals, ind->unit));
    std::string form = d_.get_or("form", "beides");
    if (form == "name") return escape_html(e.region.name);
    if (form == "wert") return value;
    return escape_html(e.region.name) + " (" + value + ")";
  }

  std::string range() {
    if (!check({"indikator", "regionen", "periode", "gruppe"})) return missing();
    auto ranking = ranking_over_regions();
    if (!ranking) return missing();
    const auto* ind = ranking->ind;
    const Ranked& low = ranking->list.back();
    const Ranked& high = ranking->list.front();
    return "von " + data_html(low.value, format_with_unit(low.value, ind->decimals, ind->unit)) + " (" +
           escape_html(low.region.name) + ") bis " +
           data_html(high.value, format_with_unit(high.value, ind->decimals, ind->unit)) + " (" +
           escape_html(high.region.name) + ")";
  }

  std::string period() {
    if (!check({"", "indikator", "region", "wahl"})) return missing();
    auto names = d_.positional();
    if (!names.empty()) {
      auto it = r_.definition().periods.find(names.front());
      if (it == r_.definition().periods.end() || it->second == "neueste") {
        r_.diagnostics().error(d_.where, "Periode „" + names.front() +
                                             "“ ist in report.yaml (periods:) nicht als feste Periode definiert");
        return missing();
      }
      return escape_html(r_.data().period_label(it->second));
    }
    const auto* ind = r_.indicator(d_);
    if (!ind) return missing();
    std::string choice = d_.get_or("wahl", "neueste");
    auto region = r_.region(d_, d_.get_or("region", "ruhr"));
    if (!region) return missing();
    if (choice == "erste") {
      // The first period in which the region has a value.
      for (const auto& point : r_.data().series(ind->id, region->code, {})) {
        if (point.value.value && monitor::status_has_value(point.value.status)) {
          return escape_html(r_.data().period_label(point.period));
        }
      }
      r_.diagnostics().missing(d_.where, "Indikator „" + ind->id + "“ hat keine Daten für " + region->name);
      return missing();
    }
    auto p = r_.period(d_, *ind, "neueste", region->code);
    if (!p) return missing();
    return escape_html(r_.data().period_label(*p));
  }

  std::string region_name() {
    if (!check({"", "fall"})) return missing();
    auto names = d_.positional();
    if (names.size() != 1) {
      r_.diagnostics().error(d_.where, "„region“ erwartet genau eine Region, z. B. {{region $region}}");
      return missing();
    }
    auto region = r_.region(d_, names.front());
    if (!region) return missing();
    const std::string name = r_.region_name(*region);
    const std::string grammatical_case = d_.get_or("fall", "nominativ");
    if (grammatical_case == "genitiv") return escape_html(text::place_genitive(name));
    if (grammatical_case != "nominativ") {
      r_.diagnostics().error(d_.where, "„fall“ ist „nominativ“ oder „genitiv“, nicht „" + grammatical_case + "“");
    }
    return escape_html(name);
  }

  std::string term() {
    if (!check({"", "text"})) return missing();
    auto ids = d_.positional();
    if (ids.size() != 1) {
      r_.diagnostics().error(d_.where, "„begriff“ erwartet genau eine Begriffs-ID");
      return missing();
    }
    const auto* t = glossary_.find(ids.front());
    if (!t) {
      r_.diagnostics().error(d_.where, "Begriff „" + ids.front() + "“ steht nicht im Glossar");
      return escape_html(d_.get_or("text", ids.front()));
    }
    std::string text = d_.get_or("text", t->term);
    std::string inner = t->abbreviation.empty() || text != t->abbreviation
                            ? escape_html(text)
                            : "<abbr title=\"" + escape_attribute(t->term) + "\">" + escape_html(text) + "</abbr>";
    return "<a class=\"begriff\" href=\"" + escape_attribute(links_.href(kGlossaryPage, "begriff-" + t->id)) +
           "\" title=\"" + escape_attribute(t->definition) + "\">" + inner + "</a>";
  }

  std::string reference() {
    if (!check({""})) return missing();
    auto ids = d_.positional();
    if (ids.size() != 1) {
      r_.diagnostics().error(d_.where, "„verweis“ erwartet genau eine Abbildungs-ID");
      return missing();
    }
    if (!links_.figures) return escape_html(ids.front());
    auto it = links_.figures->find(ids.front());
    if (it == links_.figures->end()) {
      r_.diagnostics().error(d_.where, "Verweis auf unbekannte Abbildung oder Tabelle „" + ids.front() + "“");
      return missing();
    }
    return "<a class=\"verweis\" href=\"" + escape_attribute(links_.href(it->second.page, ids.front())) + "\">" +
           escape_html(it->second.label) + "</a>";
  }

  std::string citation() {
    if (!check({""})) return missing();
    auto ids = d_.positional();
    if (ids.size() != 1) {
      r_.diagnostics().error(d_.where, "„quelle“ erwartet genau eine Quellen-ID");
      return missing();
    }
    const auto* s = r_.definition().find_source(ids.front());
    if (!s) {
      r_.diagnostics().error(d_.where, "Quelle „" + ids.front() + "“ steht nicht in report.yaml (sources:)");
      return missing();
    }
    std::string cite = s->cite.empty() ? s->text : s->cite;
    return "<a class=\"zitat\" href=\"" + escape_attribute(links_.href(kSourcesPage, "quelle-" + s->id)) + "\">" +
           escape_html(cite) + "</a>";
  }

  const Directive& d_;
  const Resolver& r_;
  const Glossary& glossary_;
  const PageLinks& links_;
};

}  // namespace

bool is_inline_directive(const Directive& d) {
  return std::find(std::begin(kInlineNames), std::end(kInlineNames), d.name) != std::end(kInlineNames);
}

std::string missing_placeholder(const Directive& d) {
  return "<span class=\"fehlt\">[Wert fehlt: " + escape_html(d.text()) + "]</span>";
}

std::string render_inline(const Directive& d, const Resolver& resolver, const Glossary& glossary,
                          const PageLinks& links) {
  return InlineRenderer(d, resolver, glossary, links).run();
}

}  // namespace rf::report
