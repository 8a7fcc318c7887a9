#include "survey/results.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>

#include "survey/suppression.hpp"
#include "text/number.hpp"

namespace rf::survey {

namespace {

constexpr const char* kNoAnswer = "(keine Angabe)";

std::string scale_label(double v) { return text::format_number_exact(v); }

}  // namespace

double t_quantile_975(long long n) {
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                 2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                 2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  long long df = n - 1;
  if (df < 1) return 0;
  if (df <= 30) return table[df - 1];
  if (df <= 60) return 2.000;
  if (df <= 120) return 1.980;
  return 1.960;
}

std::vector<std::pair<std::string, std::string>> breakdown_options(const Form& form) {
  std::vector<std::pair<std::string, std::string>> out{{kStaffGroupBreakdown, "Personalgruppe (laut Einladung)"}};
  for (int i : form.questions()) {
    const Item& q = form.items[i];
    bool in_matrix = q.parent >= 0 && form.items[q.parent].is_matrix();
    if (q.type == QuestionType::select_one && form.enclosing_repeat(i) < 0 && !in_matrix)
      out.emplace_back(q.name, q.label.empty() ? q.name : q.label);
  }
  return out;
}

namespace {

// One breakdown's tables while the quantities are declared.
struct Pending {
  Results res;
  std::vector<std::string> group_names;
};

// The answers (instance 0) of every response to every question, looked up
// once: [question index in the form][response] -> value ("" when none).
// Every breakdown's tables read them; looking each up in the response's map
// per breakdown was most of the time of a computation over many responses.
class AnswerTable {
 public:
  AnswerTable(const Form& form, const std::vector<StoredResponse>& responses)
      : columns_(form.items.size()), responses_(responses.size()) {
    std::map<std::string, std::size_t, std::less<>> index;
    for (std::size_t i = 0; i < form.items.size(); ++i) index.emplace(form.items[i].name, i);
    for (std::size_t i = 0; i < responses.size(); ++i)
      for (const auto& [key, value] : responses[i].answers) {
        auto it = key.second == 0 ? index.find(key.first) : index.end();
        if (it == index.end()) continue;
        auto& column = columns_[it->second];
        if (column.empty()) column.assign(responses.size(), nullptr);
        column[i] = &value;
      }
  }
  // The answer of response `r` to the question at `index`.
  const std::string& at(int index, std::size_t r) const {
    static const std::string none;
    const auto& column = columns_[static_cast<std::size_t>(index)];
    return column.empty() || !column[r] ? none : *column[r];
  }

  // A question's answers as numbers, read once for all breakdowns: response
  // r answered (answered[r]), falls in the categories category[start[r]] …
  // category[start[r + 1] - 1] (indices into the question's category names),
  // and has the value number[r] (NaN when it is no number).
  struct Coded {
    std::vector<char> answered;
    std::vector<std::uint32_t> start;
    std::vector<std::uint16_t> category;
    std::vector<double> number;
  };
  const Coded& coded(int index, const Item& q, const std::vector<std::string>& category_names) {
    auto [it, added] = coded_.try_emplace(index);
    if (!added) return it->second;
    Coded& out = it->second;
    std::size_t n = responses_;
    out.answered.assign(n, 0);
    out.start.assign(n + 1, 0);
    out.number.assign(n, std::numeric_limits<double>::quiet_NaN());
    auto add = [&](std::string_view name) {
      for (std::size_t c = 0; c < category_names.size(); ++c)
        if (category_names[c] == name) out.category.push_back(static_cast<std::uint16_t>(c));
    };
    for (std::size_t r = 0; r < n; ++r) {
      out.start[r] = static_cast<std::uint32_t>(out.category.size());
      const std::string& v = at(index, r);
      if (v.empty()) continue;
      out.answered[r] = 1;
      if (q.type == QuestionType::select_one) {
        add(v);  // one choice name (checked at submit): nothing to split
      } else if (q.is_select()) {
        for (const auto& name : split_selection(v)) add(name);
      } else if (auto x = text::parse_number(v, text::NumberStyle::plain)) {
        out.number[r] = *x;
        if (q.type == QuestionType::range) add(text::format_number_exact(*x));
      }
    }
    out.start[n] = static_cast<std::uint32_t>(out.category.size());
    return out;
  }

 private:
  std::vector<std::vector<const std::string*>> columns_;
  std::size_t responses_;
  std::map<int, Coded> coded_;
};

void fill_hidden(Pending& p, const Suppressor& sup) {
  Results& res = p.res;
  std::size_t G = p.group_names.size();
  auto gid = [&](const std::string& base, std::size_t g) {
    return g == G ? base : base + "|" + res.breakdown + "=" + p.group_names[g];
  };
  for (std::size_t g = 0; g <= G; ++g) res.respondents[g].hidden = sup.hidden(gid("N", g));
  for (auto& qr : res.questions) {
    std::string base = "Q|" + qr.name;
    for (std::size_t g = 0; g <= G; ++g) {
      Cell& a = qr.answered[g];
      a.hidden = sup.hidden(gid(base + "|*", g));
      for (std::size_t c = 0; c < qr.cells.size(); ++c) {
        Cell& cell = qr.cells[c][g];
        cell.hidden = sup.hidden(gid(base + "|" + qr.category_names[c], g));
        if (!cell.hidden && !a.hidden && a.count > 0)
          cell.share = static_cast<double>(cell.count) / static_cast<double>(a.count);
      }
      if (!qr.means.empty()) qr.means[g].hidden = a.hidden || qr.means[g].n < res.k;
    }
    // Hidden cells carry no number at all past this point.
    for (auto& row : qr.cells)
      for (auto& cell : row)
        if (cell.hidden) cell = Cell{0, true, std::nullopt};
    for (auto& a : qr.answered)
      if (a.hidden) a = Cell{0, true, std::nullopt};
    for (auto& m : qr.means)
      if (m.hidden) m = Mean{0, true, 0, 0, 0};
  }
  for (auto& r : res.respondents)
    if (r.hidden) r = Cell{0, true, std::nullopt};
}

void declare(Pending& p, const Form& form, const std::vector<StoredResponse>& responses, AnswerTable& table,
             Suppressor& sup) {
  Results& res = p.res;
  const std::string& breakdown = res.breakdown;
  std::vector<std::string>& group_names = p.group_names;
  std::vector<std::string> group_labels;
  const Item* by = breakdown.empty() || breakdown == kStaffGroupBreakdown ? nullptr : form.find(breakdown);
  if (by && by->type != QuestionType::select_one) by = nullptr;
  int by_index = by ? form.index_of(by->name) : -1;
  auto group_of = [&](const StoredResponse& r) -> std::string {
    if (breakdown == kStaffGroupBreakdown) return r.staff_group.empty() ? kNoAnswer : r.staff_group;
    if (by) {
      const std::string& v = table.at(by_index, static_cast<std::size_t>(&r - responses.data()));
      return v.empty() ? kNoAnswer : v;
    }
    return "";
  };
  if (breakdown == kStaffGroupBreakdown) {
    res.breakdown_label = "Personalgruppe (laut Einladung)";
    const Item* pg = form.find("personalgruppe");
    std::set<std::string> seen;
    if (pg && pg->is_select())
      for (const auto& c : form.choices(*pg))
        group_names.push_back(c.name), group_labels.push_back(c.label), seen.insert(c.name);
    for (const auto& r : responses)
      if (!seen.count(group_of(r)))
        seen.insert(group_of(r)), group_names.push_back(group_of(r)), group_labels.push_back(group_of(r));
  } else if (by) {
    res.breakdown_label = by->label;
    for (const auto& c : form.choices(*by)) group_names.push_back(c.name), group_labels.push_back(c.label);
    bool any_missing = false;
    for (const auto& r : responses) any_missing = any_missing || group_of(r) == kNoAnswer;
    if (any_missing) group_names.push_back(kNoAnswer), group_labels.push_back(kNoAnswer);
  } else {
    res.breakdown.clear();
  }
  std::size_t G = group_names.size();
  res.columns = group_labels;
  res.columns.push_back("Insgesamt");
  std::map<std::string, std::size_t> group_index;
  for (std::size_t g = 0; g < G; ++g) group_index[group_names[g]] = g;
  std::vector<std::size_t> column_of(responses.size(), 0);
  for (std::size_t i = 0; i < responses.size(); ++i) column_of[i] = G ? group_index[group_of(responses[i])] : 0;

  // Ids: the "Insgesamt" column is the same quantity in every breakdown's
  // tables; group columns carry the breakdown and group.
  auto gid = [&](const std::string& base, std::size_t g) {
    return g == G ? base : base + "|" + res.breakdown + "=" + group_names[g];
  };
  auto declare_line = [&](const std::string& base, const std::vector<long long>& counts, bool totals) {
    for (std::size_t g = 0; g <= G; ++g) sup.quantity(gid(base, g), counts[g], totals || g == G);
    if (G) {
      std::vector<std::string> parts;
      for (std::size_t g = 0; g < G; ++g) parts.push_back(gid(base, g));
      sup.relation(gid(base, G), parts);
    }
  };
  std::vector<long long> n(G + 1, 0);
  for (std::size_t i = 0; i < responses.size(); ++i) {
    if (G) ++n[column_of[i]];
    ++n[G];
  }
  declare_line("N", n, true);
  res.respondents.assign(G + 1, Cell{});
  for (std::size_t g = 0; g <= G; ++g) res.respondents[g].count = n[g];

  for (int index : form.questions()) {
    const Item& q = form.items[index];
    if (form.enclosing_repeat(index) >= 0 || q.type == QuestionType::note || q.type == QuestionType::date) continue;
    if (q.type == QuestionType::text) {
      for (std::size_t i = 0; i < responses.size(); ++i) res.free_text_answers += table.at(index, i).empty() ? 0 : 1;
      continue;
    }
    QuestionResult qr;
    qr.name = q.name;
    qr.label = q.label.empty() ? q.name : q.label;
    qr.type = q.type;
    qr.multiple = q.type == QuestionType::select_multiple;
    if (q.is_select()) {
      for (const auto& c : form.choices(q)) qr.category_names.push_back(c.name), qr.categories.push_back(c.label);
    } else if (q.type == QuestionType::range) {
      for (double v = q.range_start; v <= q.range_end + 1e-9; v += q.range_step) {
        qr.category_names.push_back(text::format_number_exact(v));
        qr.categories.push_back(scale_label(v));
      }
    }
    std::size_t C = qr.categories.size();
    std::vector<std::vector<long long>> counts(C, std::vector<long long>(G + 1, 0));
    std::vector<long long> answered(G + 1, 0);
    std::vector<std::vector<double>> values(G + 1);
    const AnswerTable::Coded& coded = table.coded(index, q, qr.category_names);
    for (std::size_t i = 0; i < responses.size(); ++i) {
      if (!coded.answered[i]) continue;
      std::size_t col = column_of[i];
      ++answered[G];
      if (G) ++answered[col];
      for (std::uint32_t k = coded.start[i]; k < coded.start[i + 1]; ++k) {
        ++counts[coded.category[k]][G];
        if (G) ++counts[coded.category[k]][col];
      }
      if (double x = coded.number[i]; !std::isnan(x)) {
        values[G].push_back(x);
        if (G) values[col].push_back(x);
      }
    }
    std::string base = "Q|" + q.name;
    declare_line(base + "|*", answered, true);
    for (std::size_t c = 0; c < C; ++c) declare_line(base + "|" + qr.category_names[c], counts[c], false);
    if (!qr.multiple && C > 0) {
      // Categories of a single choice add up to the answering respondents, per column.
      for (std::size_t g = 0; g <= G; ++g) {
        std::vector<std::string> parts;
        for (std::size_t c = 0; c < C; ++c) parts.push_back(gid(base + "|" + qr.category_names[c], g));
        sup.relation(gid(base + "|*", g), parts);
      }
    }
    qr.cells.assign(C, std::vector<Cell>(G + 1));
    for (std::size_t c = 0; c < C; ++c)
      for (std::size_t g = 0; g <= G; ++g) qr.cells[c][g].count = counts[c][g];
    qr.answered.assign(G + 1, Cell{});
    for (std::size_t g = 0; g <= G; ++g) qr.answered[g].count = answered[g];
    if (q.type == QuestionType::range || q.type == QuestionType::integer || q.type == QuestionType::decimal) {
      qr.means.assign(G + 1, Mean{});
      for (std::size_t g = 0; g <= G; ++g) {
        const auto& xs = values[g];
        Mean& m = qr.means[g];
        m.n = static_cast<long long>(xs.size());
        if (xs.empty()) continue;
        double sum = 0;
        for (double x : xs) sum += x;
        m.mean = sum / static_cast<double>(xs.size());
        double ss = 0;
        for (double x : xs) ss += (x - m.mean) * (x - m.mean);
        double sd = xs.size() > 1 ? std::sqrt(ss / static_cast<double>(xs.size() - 1)) : 0;
        double half = t_quantile_975(m.n) * sd / std::sqrt(static_cast<double>(xs.size()));
        m.low = m.mean - half;
        m.high = m.mean + half;
      }
    }
    res.questions.push_back(std::move(qr));
  }
}

}  // namespace

std::vector<Results> compute_all_results(const Form& form, const std::vector<StoredResponse>& responses, int k) {
  Suppressor sup(k);
  std::vector<Pending> pending;
  pending.push_back({});
  for (const auto& [key, label] : breakdown_options(form)) {
    pending.push_back({});
    pending.back().res.breakdown = key;
  }
  AnswerTable table(form, responses);
  for (auto& p : pending) {
    p.res.k = k;
    declare(p, form, responses, table, sup);
  }
  sup.run();
  std::vector<Results> out;
  for (auto& p : pending) {
    fill_hidden(p, sup);
    out.push_back(std::move(p.res));
  }
  return out;
}

Results compute_results(const Form& form, const std::vector<StoredResponse>& responses, int k,
                        const std::string& breakdown) {
  auto all = compute_all_results(form, responses, k);
  for (auto& r : all)
    if (r.breakdown == breakdown) return std::move(r);
  return std::move(all.front());
}

}  // namespace rf::survey
