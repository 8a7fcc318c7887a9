#include "monitor/engine/aggregate.hpp"

#include <algorithm>

#include "monitor/engine/engine.hpp"

namespace rf::monitor {

namespace {

int severity(Status s) {
  switch (s) {
    case Status::estimated: return 4;
    case Status::provisional: return 3;
    case Status::revised: return 2;
    case Status::limited: return 1;
    default: return 0;
  }
}

// Adds one cell of a reference to a member's value; false when the cell
// ends the member's evaluation (missing, or a marker without a number).
bool add_cell(MemberValue& out, const Cube& cube, std::uint32_t series, std::uint32_t region,
              const std::optional<CubeCell>& cell) {
  if (!cell) {
    const auto& ds = cube.datasets()[cube.series(series).dataset];
    if (ds.absent_is_zero && ds.has_region[region]) return true;
    out.ok = false;
    out.status = Status::not_yet;
    return false;
  }
  if (cell->status == Status::zero) return true;
  if (!status_has_value(cell->status)) {
    out.ok = false;
    out.status = cell->status;
    return false;
  }
  out.value += cell->value;
  out.all_zero = false;
  out.status = combine_status(out.status, cell->status);
  return true;
}

MemberValue no_series() {
  MemberValue out;
  out.status = Status::not_applicable;
  return out;
}

// A reference for one region: the sum of its series.
MemberValue eval_ref(const Cube& cube, const std::vector<std::uint32_t>& series, std::uint32_t region,
                     std::uint16_t period) {
  if (series.empty()) return no_series();
  MemberValue out;
  out.ok = true;
  for (auto s : series) {
    if (!add_cell(out, cube, s, region, cube.find(s, region, period))) return out;
  }
  return out;
}

// The expression tree over reference values given by `leaf(ref index)`.
template <class Leaf>
MemberValue eval_tree(const Expr* node, const Leaf& leaf) {
  MemberValue out;
  switch (node->kind) {
    case Expr::Kind::number:
      out.value = node->number;
      out.ok = true;
      out.all_zero = false;
      return out;
    case Expr::Kind::ref: return leaf(static_cast<std::size_t>(node->ref));
    default: break;
  }
  MemberValue l = eval_tree(node->left.get(), leaf);
  if (!l.ok) return l;
  MemberValue r = eval_tree(node->right.get(), leaf);
  if (!r.ok) return r;
  out.ok = true;
  out.status = combine_status(l.status, r.status);
  out.all_zero = l.all_zero && r.all_zero;
  switch (node->kind) {
    case Expr::Kind::add: out.value = l.value + r.value; break;
    case Expr::Kind::sub: out.value = l.value - r.value; break;
    case Expr::Kind::mul: out.value = l.value * r.value; break;
    case Expr::Kind::div:
      if (r.value == 0) {
        out.ok = false;
        out.status = Status::not_applicable;
        return out;
      }
      out.value = l.value / r.value;
      break;
    default: break;
  }
  return out;
}

// A reference for many members at once, series by series, walking each
// series forward with Cube::find_from (members in ascending region order).
// The same results, cell by cell, as eval_ref per member.
std::vector<MemberValue> eval_ref_for_members(const Cube& cube, const std::vector<std::uint32_t>& series,
                                              const std::vector<std::uint32_t>& members,
                                              const std::vector<std::size_t>& ascending, std::uint16_t period) {
  if (series.empty()) return std::vector<MemberValue>(members.size(), no_series());
  MemberValue start;
  start.ok = true;
  std::vector<MemberValue> out(members.size(), start);
  // Member position by region id, for series read cell by cell.
  // Kept at -1 between calls: only the members' entries are set, and reset
  // at the end (filling the whole vector cost more than reading the cells).
  thread_local std::vector<std::int32_t> position;
  thread_local std::vector<char> seen;
  if (position.size() < cube.region_count()) position.resize(cube.region_count(), -1);
  for (std::size_t i = 0; i < members.size(); ++i) position[members[i]] = static_cast<std::int32_t>(i);
  // Members a list-based dataset does not cover (their absent cells are
  // missing, not zero), per dataset.
  int uncovered_dataset = -1;
  std::vector<std::size_t> uncovered;
  for (auto s : series) {
    if (cube.series_length(s) <= 4 * members.size()) {
      // A short series (e.g. schools of one form): read its cells once,
      // then the members it has no cell for.
      seen.assign(members.size(), 0);
      cube.for_each_cell_at(s, period, [&](std::uint32_t region, const CubeCell& cell) {
        const std::int32_t i = position[region];
        if (i < 0) return;
        seen[static_cast<std::size_t>(i)] = 1;
        if (out[static_cast<std::size_t>(i)].ok) add_cell(out[static_cast<std::size_t>(i)], cube, s, region, cell);
      });
      const auto dataset = cube.series(s).dataset;
      const auto& ds = cube.datasets()[dataset];
      if (!ds.absent_is_zero) {
        for (auto i : ascending) {
          if (!seen[i] && out[i].ok) add_cell(out[i], cube, s, members[i], std::nullopt);
        }
        continue;
      }
      // An absent cell of a covered member is 0 (add_cell would skip it).
      if (uncovered_dataset != static_cast<int>(dataset)) {
        uncovered_dataset = static_cast<int>(dataset);
        uncovered.clear();
        for (auto i : ascending) {
          if (!ds.has_region[members[i]]) uncovered.push_back(i);
        }
      }
      for (auto i : uncovered) {
        if (!seen[i] && out[i].ok) add_cell(out[i], cube, s, members[i], std::nullopt);
      }
      continue;
    }
    std::uint32_t cursor = 0;
    for (auto i : ascending) {
      if (!out[i].ok) continue;  // ended at an earlier series, as in eval_ref
      add_cell(out[i], cube, s, members[i], cube.find_from(s, members[i], period, cursor));
    }
  }
  for (auto m : members) position[m] = -1;
  return out;
}

}  // namespace

Status combine_status(Status a, Status b) { return severity(b) > severity(a) ? b : a; }

MemberValue evaluate(const Cube& cube, const CompiledExpr& e, std::uint32_t region, std::uint16_t period) {
  if (!e.expression || !e.expression->root()) return {};
  return eval_tree(e.expression->root(),
                   [&](std::size_t ref) { return eval_ref(cube, e.series[ref], region, period); });
}

std::vector<MemberValue> evaluate_each(const Cube& cube, const CompiledExpr& e,
                                       const std::vector<std::uint32_t>& regions, std::uint16_t period) {
  std::vector<MemberValue> out;
  out.reserve(regions.size());
  // Many regions (NRW's 396 Gemeinden): each reference is read series by
  // series for all regions at once instead of one binary search per region
  // and series; then the tree is evaluated per region as before.
  constexpr std::size_t kManyRegions = 16;
  if (regions.size() < kManyRegions || !e.expression || !e.expression->root()) {
    for (auto r : regions) out.push_back(evaluate(cube, e, r, period));
    return out;
  }
  std::vector<std::size_t> ascending(regions.size());
  for (std::size_t i = 0; i < ascending.size(); ++i) ascending[i] = i;
  std::sort(ascending.begin(), ascending.end(), [&](std::size_t a, std::size_t b) { return regions[a] < regions[b]; });
  std::vector<std::vector<MemberValue>> leaves;
  leaves.reserve(e.series.size());
  for (const auto& series : e.series) leaves.push_back(eval_ref_for_members(cube, series, regions, ascending, period));
  for (std::size_t i = 0; i < regions.size(); ++i) {
    out.push_back(eval_tree(e.expression->root(), [&](std::size_t ref) { return leaves[ref][i]; }));
  }
  return out;
}

MemberSum sum_members(const Cube& cube, const CompiledExpr& e, const std::vector<std::uint32_t>& members,
                      std::uint16_t period) {
  MemberSum out;
  const auto values = evaluate_each(cube, e, members, period);
  for (std::size_t i = 0; i < members.size(); ++i) out.add(members[i], values[i]);
  return out;
}

void MemberSum::add(std::uint32_t member, const MemberValue& v) {
  if (!v.ok) {
    missing.push_back(member);
    if (v.status == Status::secret || missing_status == Status::ok) missing_status = v.status;
    return;
  }
  sum += v.value;
  all_zero = all_zero && v.all_zero;
  status = combine_status(status, v.status);
}

}  // namespace rf::monitor
