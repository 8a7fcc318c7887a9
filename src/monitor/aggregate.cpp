#include "monitor/aggregate.hpp"

#include "monitor/engine.hpp"

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

MemberValue eval_node(const Cube& cube, const CompiledExpr& ce, const Expr* node,
                      std::uint32_t region, std::uint16_t period) {
  MemberValue out;
  switch (node->kind) {
    case Expr::Kind::number:
      out.value = node->number;
      out.ok = true;
      out.all_zero = false;
      return out;
    case Expr::Kind::ref: {
      out.ok = true;
      for (auto series : ce.series[static_cast<std::size_t>(node->ref)]) {
        auto cell = cube.find(series, region, period);
        if (!cell) {
          const auto& ds = cube.datasets()[cube.series(series).dataset];
          if (ds.absent_is_zero && ds.has_region[region]) continue;
          out.ok = false;
          out.status = Status::not_yet;
          return out;
        }
        if (cell->status == Status::zero) continue;
        if (!status_has_value(cell->status)) {
          out.ok = false;
          out.status = cell->status;
          return out;
        }
        out.value += cell->value;
        out.all_zero = false;
        out.status = combine_status(out.status, cell->status);
      }
      if (ce.series[static_cast<std::size_t>(node->ref)].empty()) {
        out.ok = false;
        out.status = Status::not_applicable;
      }
      return out;
    }
    default: break;
  }
  MemberValue l = eval_node(cube, ce, node->left.get(), region, period);
  if (!l.ok) return l;
  MemberValue r = eval_node(cube, ce, node->right.get(), region, period);
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

}  // namespace

Status combine_status(Status a, Status b) { return severity(b) > severity(a) ? b : a; }

MemberValue evaluate(const Cube& cube, const CompiledExpr& e, std::uint32_t region,
                     std::uint16_t period) {
  if (!e.expression || !e.expression->root()) return {};
  return eval_node(cube, e, e.expression->root(), region, period);
}

MemberSum sum_members(const Cube& cube, const CompiledExpr& e,
                      const std::vector<std::uint32_t>& members, std::uint16_t period) {
  MemberSum out;
  for (auto m : members) {
    MemberValue v = evaluate(cube, e, m, period);
    if (!v.ok) {
      out.missing.push_back(m);
      if (v.status == Status::secret || out.missing_status == Status::ok) out.missing_status = v.status;
      continue;
    }
    out.sum += v.value;
    out.all_zero = out.all_zero && v.all_zero;
    out.status = combine_status(out.status, v.status);
  }
  return out;
}

}  // namespace rf::monitor
