#include "monitor/engine/engine.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "monitor/engine/aggregate.hpp"
#include "text/number.hpp"
#include "text/strings.hpp"

namespace rf::monitor {

namespace {

using text::all_digits;

std::string count_text(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

Engine::Engine(Catalogue catalogue, Cube cube, RegionRegister regions)
    : catalogue_(std::move(catalogue)), cube_(std::move(cube)), regions_(std::move(regions)) {
  for (const auto& def : catalogue_.indicators) {
    for (const auto& source : def.sources) {
      auto add = [this](const SourceExprs& s) {
        compile(s.numerator);
        compile(s.denominator);
        compile(s.rate);
        for (const auto& w : s.weights) compile(w);
        compile(s.excluded);
      };
      add(source.total);
      for (const auto& [name, g] : source.groups) add(g);
    }
  }
  dated_members_.assign(cube_.region_count(), nullptr);
  // Members of official regions by code prefix, and of aggregates by list.
  auto add_member = [this](const std::string& parent, const Region& r) {
    auto id = cube_.region_id(r.code);
    if (!id) return;
    auto& list = r.level == RegionLevel::county ? county_members_[parent] : municipal_members_[parent];
    list.push_back(*id);
    if (!r.valid_from.empty() || !r.valid_to.empty()) dated_members_[*id] = &r;
  };
  for (const auto& r : regions_.regions()) {
    if (r.provisional) continue;
    if (r.level != RegionLevel::county && r.level != RegionLevel::municipality) continue;
    add_member("DG", r);
    add_member(r.code.substr(0, 2), r);
    add_member(r.code.substr(0, 3), r);
    if (r.level == RegionLevel::municipality) add_member(r.code.substr(0, 5), r);
  }
  // An aggregate lists today's members; the regions a reform merged into one
  // of them belong to it too, for the periods they were valid in (members()).
  std::unordered_map<std::string, std::vector<const Region*>> retired_into;
  for (const auto& r : regions_.regions()) {
    if (r.historic() && !r.successor.empty()) retired_into[r.successor].push_back(&r);
  }
  for (const auto& [aggregate, members] : regions_.all_members()) {
    for (const auto& code : members) {
      const Region* r = regions_.find(code);
      if (!r) continue;
      add_member(aggregate, *r);
      if (auto it = retired_into.find(code); it != retired_into.end()) {
        for (const Region* old : it->second) add_member(aggregate, *old);
      }
    }
  }
  for (std::uint32_t id = 0; id < dated_members_.size(); ++id) {
    const Region* r = dated_members_[id];
    if (!r || r->successor.empty()) continue;
    if (auto next = cube_.region_id(r->successor)) predecessors_[*next].push_back(id);
  }
  collect_periods();
  for (const auto& code : regions_.members("ruhr")) {
    if (code.size() == 5) ruhr_kreise_.push_back(code);
  }
  std::sort(ruhr_kreise_.begin(), ruhr_kreise_.end());
}

void Engine::compile(const Expression& e) {
  if (e.empty()) return;
  CompiledExpr c;
  c.expression = &e;
  for (const auto& ref : e.refs()) {
    std::vector<std::uint32_t> ids;
    if (const auto* ds = cube_.dataset(ref.dataset)) {
      for (auto s : ds->series) {
        const auto& info = cube_.series(s);
        if (matches(ref, info.key, info.breakdown)) ids.push_back(s);
      }
    }
    c.series.push_back(std::move(ids));
  }
  if (!e.refs().empty()) {
    if (const auto* ds = cube_.dataset(e.refs().front().dataset)) {
      c.dataset = static_cast<int>(ds - cube_.datasets().data());
    }
    // The periods in which the first reference's series have cells: a source
    // serves only those (a dataset's other series may reach further back).
    std::vector<bool> seen(cube_.period_count(), false);
    for (auto s : c.series.front()) {
      for (auto p : cube_.series_periods(s)) seen[p] = true;
    }
    for (std::size_t p = 0; p < seen.size(); ++p) {
      if (seen[p]) c.periods.push_back(static_cast<std::uint16_t>(p));
    }
  }
  c.source = source_text(c);
  compiled_.emplace(&e, std::move(c));
}

const CompiledExpr* Engine::compiled(const Expression& e) const {
  auto it = compiled_.find(&e);
  return it == compiled_.end() ? nullptr : &it->second;
}

std::optional<std::string> Engine::resolve_region(std::string_view code_or_alias) const {
  const Region* r = regions_.find(code_or_alias);
  if (!r) return std::nullopt;
  return r->code;
}

Engine::Members Engine::members(std::string_view region, int dataset, std::optional<int> year) const {
  Members out;
  if (dataset < 0) return out;
  const auto& ds = cube_.datasets()[static_cast<std::size_t>(dataset)];
  if (auto id = cube_.region_id(region); id && ds.has_region[*id]) {
    out.ids.push_back(*id);
    out.direct = true;
    return out;
  }
  for (const auto* lists : {&county_members_, &municipal_members_}) {
    auto it = lists->find(std::string(region));
    if (it == lists->end()) continue;
    // The members of the period's Gebietsstand; without a period the current ones.
    // A dataset recomputed on a later Gebietsstand (INKAR) has no cells for
    // retired Kreise: it is read with their successors in every period.
    std::vector<std::uint32_t> valid;
    valid.reserve(it->second.size());
    for (auto m : it->second) {
      const Region* dated = dated_members_[m];
      if (!dated) {
        valid.push_back(m);
        continue;
      }
      const Region& r = *dated;
      bool take = false;
      if (!year) {
        take = !r.historic();
      } else if (r.valid_in(*year)) {
        take = !r.historic() || ds.has_region[m];
      } else if (!r.historic()) {  // formed later: stands in for predecessors the dataset lacks
        auto p = predecessors_.find(m);
        take = p == predecessors_.end() ||
               std::none_of(p->second.begin(), p->second.end(), [&ds](std::uint32_t x) { return ds.has_region[x]; });
      }
      if (take) valid.push_back(m);
    }
    const auto covered = std::count_if(valid.begin(), valid.end(), [&ds](std::uint32_t m) { return ds.has_region[m]; });
    if (covered == 0) continue;
    // A dataset that covers less than half of the members (an NRW list asked
    // for Germany) does not describe the region at all; a few members
    // without data make the region's value unknown and are listed instead.
    if (static_cast<std::size_t>(covered) * 2 < valid.size()) return out;
    out.ids = std::move(valid);
    return out;
  }
  return out;
}

std::string Engine::source_text(const CompiledExpr& e) const {
  std::string out;
  std::set<std::string> seen;
  for (const auto& ref : e.expression->refs()) {
    if (!seen.insert(ref.dataset).second) continue;
    const auto* ds = cube_.dataset(ref.dataset);
    std::string part;
    if (ds) {
      part = ds->publisher.empty() ? ds->copyright : ds->publisher;
      if (!part.empty()) part += ", ";
      part += ref.dataset == kSchoolDataset ? std::string("Schulverzeichnis") : "Tabelle " + ref.dataset;
      if (!ds->stand.empty()) {
        if (auto d = text::parse_iso_date(ds->stand)) part += " (Stand " + text::format_german_date(*d) + ")";
      }
    } else {
      part = "Tabelle " + ref.dataset;
    }
    if (!out.empty()) out += "; ";
    out += part;
  }
  return out;
}

struct Engine::CountSums {
  MemberSum numerator, denominator, excluded;
};

IndicatorValue Engine::evaluate_counts(const IndicatorDef& def, const IndicatorSource& source, const SourceExprs& exprs,
                                       const Members& members, std::uint16_t period) const {
  (void)def;
  const CompiledExpr* num = compiled(exprs.numerator);
  const CompiledExpr* den = exprs.denominator.empty() ? nullptr : compiled(exprs.denominator);
  const CompiledExpr* ex = exprs.excluded.empty() ? nullptr : compiled(exprs.excluded);
  CountSums sums;
  sums.numerator = sum_members(cube_, *num, members.ids, period);
  if (den) sums.denominator = sum_members(cube_, *den, members.ids, period);
  if (ex) sums.excluded = sum_members(cube_, *ex, members.ids, period);
  return counts_value(source, exprs, members, sums, den != nullptr, ex != nullptr);
}

IndicatorValue Engine::counts_value(const IndicatorSource& source, const SourceExprs& exprs, const Members& members,
                                    const CountSums& sums, bool has_denominator, bool has_excluded) const {
  IndicatorValue out;
  const MemberSum& n = sums.numerator;
  const MemberSum& d = sums.denominator;
  std::vector<std::uint32_t> missing = n.missing;
  for (auto m : d.missing) {
    if (std::find(missing.begin(), missing.end(), m) == missing.end()) missing.push_back(m);
  }
  out.source = compiled(exprs.numerator)->source;
  if (!source.note.empty()) out.notes.push_back(source.note);
  if (!missing.empty()) {
    if (members.direct) {
      out.status = n.missing.empty() ? d.missing_status : n.missing_status;
      if (out.status == Status::ok || out.status == Status::not_yet) out.status = Status::secret;
      return out;
    }
    std::sort(missing.begin(), missing.end());
    out.status = Status::secret;
    for (auto m : missing) out.missing_members.push_back(cube_.region_code(m));
    out.notes.push_back("Nicht berechnet: Für " + count_text(missing.size(), "Mitglied", "Mitglieder") + " von " +
                        std::to_string(members.ids.size()) +
                        " fehlen Angaben oder sie sind geheim; ein Wert aus den übrigen wäre verzerrt.");
    return out;
  }
  out.status = combine_status(n.status, d.status);
  out.numerator = n.sum;
  if (has_denominator) {
    out.denominator = d.sum;
    if (d.sum == 0) {
      out.status = Status::not_applicable;
      out.notes.push_back("Nenner ist 0.");
      return out;
    }
    out.value = source.scale * n.sum / d.sum;
  } else {
    out.value = source.scale * n.sum;
    if (n.all_zero) out.status = Status::zero;
  }
  // `estimated` marks values derived over members (e.g. from rounded rates).
  if (source.estimated && !members.direct) out.status = Status::estimated;
  if (has_excluded) {
    out.excluded = sums.excluded.sum;
    out.excluded_label = source.excluded_label;
  }
  if (!members.direct) {
    out.notes.push_back("Summe über " + count_text(members.ids.size(), "Gebiet", "Gebiete") +
                        " (Zähler und Nenner getrennt summiert).");
  }
  return out;
}

IndicatorValue Engine::evaluate_rate(const IndicatorDef& def, const IndicatorSource& source, const SourceExprs& exprs,
                                     const Members& members, std::uint16_t period) const {
  (void)def;
  const CompiledExpr* rate = compiled(exprs.rate);
  if (members.direct) return direct_rate_value(source, *rate, evaluate(cube_, *rate, members.ids.front(), period));
  IndicatorValue out;
  out.source = rate->source;
  if (!source.note.empty()) out.notes.push_back(source.note);
  // Choose the weight: the alternative and period nearest in years that
  // covers every member; ties go to the earlier period.
  const Period& target = cube_.period(period);
  const CompiledExpr* weight = nullptr;
  std::uint16_t weight_period = 0;
  int best_distance = 1 << 20;
  for (const auto& w : exprs.weights) {
    const CompiledExpr* c = compiled(w);
    if (!c || c->dataset < 0) continue;
    const auto& ds = cube_.datasets()[static_cast<std::size_t>(c->dataset)];
    bool covers =
        std::all_of(members.ids.begin(), members.ids.end(), [&ds](std::uint32_t m) { return ds.has_region[m]; });
    if (!covers) continue;
    for (auto p : c->periods) {
      int distance = std::abs(cube_.period(p).year - target.year);
      if (distance < best_distance ||
          (distance == best_distance && weight && cube_.period(p) < cube_.period(weight_period))) {
        best_distance = distance;
        weight = c;
        weight_period = p;
      }
    }
  }
  if (!weight) {
    out.status = Status::secret;
    out.notes.push_back(
        "Keine Gewichte für alle Mitglieder vorhanden: Ein ungewichteter Mittelwert "
        "der Quoten wäre falsch und wird nicht gebildet.");
    for (auto m : members.ids) out.missing_members.push_back(cube_.region_code(m));
    return out;
  }
  double weighted = 0, weights = 0;
  Status status = Status::estimated;
  std::vector<std::uint32_t> missing;
  for (auto m : members.ids) {
    MemberValue r = evaluate(cube_, *rate, m, period);
    MemberValue w = evaluate(cube_, *weight, m, weight_period);
    if (!r.ok || !w.ok) {
      missing.push_back(m);
      continue;
    }
    weighted += r.value * w.value;
    weights += w.value;
  }
  out.source += "; Gewichte: " + weight->source;
  if (!missing.empty()) {
    out.status = Status::secret;
    for (auto m : missing) out.missing_members.push_back(cube_.region_code(m));
    out.notes.push_back("Nicht berechnet: Für " + count_text(missing.size(), "Mitglied", "Mitglieder") + " von " +
                        std::to_string(members.ids.size()) +
                        " fehlen Quote oder Gewicht; ein Wert aus den übrigen wäre verzerrt.");
    return out;
  }
  if (weights <= 0) {
    out.status = Status::not_applicable;
    return out;
  }
  out.value = weighted / weights;
  out.status = status;
  out.denominator = weights;
  std::string label = source.weight_label.empty() ? std::string("Bezugsbevölkerung") : source.weight_label;
  out.notes.push_back("Geschätzt (e): mit " + label + " (" + cube_.period(weight_period).label_de() +
                      ") gewichteter Mittelwert der veröffentlichten Quoten von " +
                      count_text(members.ids.size(), "Gebiet", "Gebieten") + ".");
  return out;
}

IndicatorValue Engine::direct_rate_value(const IndicatorSource& source, const CompiledExpr& rate,
                                         const MemberValue& v) const {
  IndicatorValue out;
  out.source = rate.source;
  if (!source.note.empty()) out.notes.push_back(source.note);
  if (!v.ok) {
    out.status = v.status == Status::not_yet ? Status::secret : v.status;
    return out;
  }
  out.value = v.value;
  out.status = v.status;
  if (v.all_zero) out.status = Status::zero;
  return out;
}

std::optional<std::uint16_t> Engine::period_id(const IndicatorDef& def, std::string_view period) const {
  auto key = resolve_period(def, period);
  if (!key) return std::nullopt;
  return cube_.period_id(*key);
}

std::optional<Engine::Choice> Engine::choose(const IndicatorDef& def, const std::string& region,
                                             std::optional<std::uint16_t> period, const BreakdownGroup& breakdown,
                                             bool& served) const {
  std::optional<int> year;
  if (period) year = cube_.period(*period).year;
  for (const auto& source : def.sources) {
    const SourceExprs* exprs = source.exprs(breakdown);
    if (!exprs) continue;
    const Expression& main = source.kind == IndicatorSource::Kind::counts ? exprs->numerator : exprs->rate;
    const CompiledExpr* c = compiled(main);
    if (!c || c->dataset < 0) continue;
    Members m = members(region, c->dataset, year);
    if (m.ids.empty()) continue;
    served = true;
    if (!period) continue;
    if (!source.serves(*year)) continue;
    if (!std::binary_search(c->periods.begin(), c->periods.end(), *period)) continue;
    return Choice{&source, exprs, std::move(m)};
  }
  return std::nullopt;
}

IndicatorValue Engine::value(const IndicatorDef& def, std::string_view region, std::string_view period,
                             const BreakdownGroup& breakdown) const {
  IndicatorValue out;
  auto code = resolve_region(region);
  if (!code) {
    out.status = Status::not_applicable;
    out.notes.push_back("Unbekannte Region: " + std::string(region));
    return out;
  }
  const auto pid = period_id(def, period);
  bool served_at_all = false;
  if (auto choice = choose(def, *code, pid, breakdown, served_at_all)) {
    const auto& [source, exprs, m] = *choice;
    IndicatorValue v = source->kind == IndicatorSource::Kind::counts ? evaluate_counts(def, *source, *exprs, m, *pid)
                                                                     : evaluate_rate(def, *source, *exprs, m, *pid);
    if (const Region* r = regions_.find(*code)) {
      if (auto note = area_change_note(*r, m, cube_.period(*pid).year); !note.empty())
        v.notes.push_back(std::move(note));
    }
    return v;
  }
  if (!served_at_all) {
    out.status = Status::not_applicable;
    out.notes.push_back("Für diese Gebietsebene liegen keine Daten vor.");
  } else {
    out.status = Status::secret;
    out.notes.push_back("Für diesen Zeitraum liegen keine Daten vor.");
  }
  return out;
}

std::vector<IndicatorValue> Engine::values(const IndicatorDef& def, const std::vector<std::string>& regions,
                                           std::string_view period, const BreakdownGroup& breakdown) const {
  std::vector<IndicatorValue> out(regions.size());
  // The regions a source serves with their own cells, by source.
  struct Direct {
    std::size_t index;  // in `regions`
    std::uint32_t id;   // cube region id
    const Region* region;
  };
  std::vector<std::vector<Direct>> direct(def.sources.size());
  std::vector<char> taken(cube_.region_count(), 0);  // a region asked twice is evaluated alone the second time
  const auto pid = period_id(def, period);
  for (std::size_t i = 0; i < regions.size(); ++i) {
    bool batched = false;
    if (auto code = pid ? resolve_region(regions[i]) : std::nullopt) {
      bool served = false;
      auto choice = choose(def, *code, pid, breakdown, served);
      if (choice && choice->members.direct && !taken[choice->members.ids.front()]) {
        taken[choice->members.ids.front()] = 1;
        direct[static_cast<std::size_t>(choice->source - def.sources.data())].push_back(
            {i, choice->members.ids.front(), regions_.find(*code)});
        batched = true;
      }
    }
    if (!batched) out[i] = value(def, regions[i], period, breakdown);
  }
  for (std::size_t s = 0; s < direct.size(); ++s) {
    if (direct[s].empty()) continue;
    const IndicatorSource& source = def.sources[s];
    const SourceExprs& exprs = *source.exprs(breakdown);
    std::vector<std::uint32_t> ids;
    ids.reserve(direct[s].size());
    for (const auto& d : direct[s]) ids.push_back(d.id);
    Members one;
    one.direct = true;
    one.ids.resize(1);
    const int year = cube_.period(*pid).year;
    auto finish = [&](std::size_t k, IndicatorValue v) {
      const Direct& d = direct[s][k];
      if (d.region) {
        if (auto note = area_change_note(*d.region, one, year); !note.empty()) v.notes.push_back(std::move(note));
      }
      out[d.index] = std::move(v);
    };
    if (source.kind == IndicatorSource::Kind::counts) {
      const CompiledExpr* num = compiled(exprs.numerator);
      const CompiledExpr* den = exprs.denominator.empty() ? nullptr : compiled(exprs.denominator);
      const CompiledExpr* ex = exprs.excluded.empty() ? nullptr : compiled(exprs.excluded);
      const auto n = evaluate_each(cube_, *num, ids, *pid);
      const auto d = den ? evaluate_each(cube_, *den, ids, *pid) : std::vector<MemberValue>{};
      const auto e = ex ? evaluate_each(cube_, *ex, ids, *pid) : std::vector<MemberValue>{};
      for (std::size_t k = 0; k < ids.size(); ++k) {
        one.ids[0] = ids[k];
        CountSums sums;
        sums.numerator.add(ids[k], n[k]);
        if (den) sums.denominator.add(ids[k], d[k]);
        if (ex) sums.excluded.add(ids[k], e[k]);
        finish(k, counts_value(source, exprs, one, sums, den != nullptr, ex != nullptr));
      }
    } else {
      const CompiledExpr* rate = compiled(exprs.rate);
      const auto r = evaluate_each(cube_, *rate, ids, *pid);
      for (std::size_t k = 0; k < ids.size(); ++k) {
        one.ids[0] = ids[k];
        finish(k, direct_rate_value(source, *rate, r[k]));
      }
    }
  }
  return out;
}

std::string Engine::area_change_note(const Region& region, const Members& members, std::optional<int> year) const {
  auto german = [](const std::string& iso) {
    auto d = text::parse_iso_date(iso);
    return d ? text::format_german_date(*d) : iso;
  };
  // The region itself was formed or retired by a reform.
  if (!region.valid_from.empty()) {
    std::string predecessors;
    for (const auto& r : regions_.regions()) {
      if (r.successor == region.code) predecessors += (predecessors.empty() ? "" : ", ") + r.name + " (" + r.code + ")";
    }
    return "Gebietsänderung: " + region.name + " besteht seit dem " + german(region.valid_from) +
           (predecessors.empty() ? std::string() : ", gebildet aus " + predecessors) +
           "; Werte davor sind nicht unmittelbar vergleichbar.";
  }
  if (region.historic()) {
    const Region* next = region.successor.empty() ? nullptr : regions_.find(region.successor);
    return "Gebietsänderung: " + region.name + " bestand bis zum " + german(region.valid_to) +
           (next ? ", danach " + next->name + " (" + next->code + ")" : std::string()) + ".";
  }
  // An aggregate over members from before a reform: the series crosses a change of its members.
  if (!year || members.direct) return "";
  std::string old_members;
  for (auto m : members.ids) {
    const Region* dated = dated_members_[m];
    if (!dated || !dated->historic()) continue;
    old_members += (old_members.empty() ? "" : ", ") + dated->name + " (" + dated->code + ")";
  }
  if (old_members.empty()) return "";
  return "Gebietsstand " + std::to_string(*year) + ": mit " + old_members +
         " (später durch eine Gebietsreform ersetzt); Bruch in der Reihe.";
}

std::vector<std::string> Engine::periods(const IndicatorDef& def) const {
  auto it = periods_.find(&def);
  return it == periods_.end() ? std::vector<std::string>{} : it->second;
}

void Engine::collect_periods() {
  for (const auto& def : catalogue_.indicators) {
    std::set<std::uint16_t> ids;
    for (const auto& source : def.sources) {
      const Expression& main =
          source.kind == IndicatorSource::Kind::counts ? source.total.numerator : source.total.rate;
      if (const CompiledExpr* c = compiled(main)) {
        for (auto p : c->periods) {
          if (source.serves(cube_.period(p).year)) ids.insert(p);
        }
      }
    }
    auto& out = periods_[&def];
    for (auto id : ids) out.push_back(cube_.period_key(id));
  }
}

std::optional<std::string> Engine::resolve_period(const IndicatorDef& def, std::string_view text) const {
  auto all = periods(def);
  auto has = [&all](const std::string& key) { return std::find(all.begin(), all.end(), key) != all.end(); };
  if (has(std::string(text))) return std::string(text);
  if (auto p = parse_period(text); p && has(p->key())) return p->key();
  if (text.size() == 4 && all_digits(text)) {
    std::optional<std::string> found;
    for (const auto& key : all) {
      auto p = parse_period_key(key);
      if (p && std::to_string(p->year) == text) {
        if (found) return std::nullopt;  // ambiguous
        found = key;
      }
    }
    return found;
  }
  return std::nullopt;
}

void Engine::check_against_cube(const Catalogue& catalogue, const Cube& cube, std::vector<std::string>& errors,
                                std::vector<std::string>& warnings) {
  for (const auto& def : catalogue.indicators) {
    const std::string prefix = "Indikator " + def.info.id + ": ";
    auto check = [&](const Expression& e) {
      for (const auto& ref : e.refs()) {
        const auto* ds = cube.dataset(ref.dataset);
        if (!ds) {
          warnings.push_back(prefix + "Datensatz " + ref.dataset + " ist (noch) nicht importiert.");
          continue;
        }
        std::map<std::string, std::set<std::string>> values;
        std::size_t matched = 0;
        for (auto s : ds->series) {
          const auto& info = cube.series(s);
          if (!matches(ref, info.key, info.breakdown)) continue;
          ++matched;
          for (const auto& [dim, value] : info.breakdown) values[dim].insert(value);
        }
        if (matched == 0) {
          errors.push_back(prefix + "'" + ref.text + "' passt auf keine Reihe von " + ref.dataset + ".");
          continue;
        }
        for (auto s : ds->series) {
          const auto& info = cube.series(s);
          if (!matches(ref, info.key, info.breakdown)) continue;
          for (auto& [dim, vals] : values) {
            bool has_dim = std::any_of(info.breakdown.begin(), info.breakdown.end(),
                                       [&d = dim](const auto& b) { return b.first == d; });
            if (!has_dim) vals.insert("");
          }
        }
        for (const auto& [dim, vals] : values) {
          if (vals.size() > 1 && (vals.count("Insgesamt") || vals.count(""))) {
            errors.push_back(prefix + "'" + ref.text + "' summiert in " + dim +
                             " eine Summe ('Insgesamt') mit ihren Teilen; bitte " + dim + "=\"…\" angeben.");
          }
        }
      }
    };
    for (const auto& source : def.sources) {
      auto all = [&check](const SourceExprs& s) {
        check(s.numerator);
        check(s.denominator);
        check(s.rate);
        for (const auto& w : s.weights) check(w);
        check(s.excluded);
      };
      all(source.total);
      for (const auto& [name, g] : source.groups) all(g);
    }
  }
}

}  // namespace rf::monitor
