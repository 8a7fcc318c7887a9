// Evaluating an expression for one member region and period, and combining
// members: the arithmetic of aggregates, free of catalogue and page concerns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "monitor/engine/cube.hpp"
#include "monitor/model/observation.hpp"

namespace rf::monitor {

struct CompiledExpr;

// The result of an expression for one region and period.
struct MemberValue {
  double value = 0;
  bool ok = false;             // false: a cell is missing or has no number
  Status status = Status::ok;  // worst marker seen (the blocking one when !ok)
  bool all_zero = true;        // every cell read was "-"
};

// Evaluates `e` for `region` at `period`. A reference sums its series; a
// "-" cell counts as an exact 0; a missing cell or a marker without a number
// ("." "x" "..." "/") makes the result not ok. Division by zero is not ok.
MemberValue evaluate(const Cube& cube, const CompiledExpr& e, std::uint32_t region, std::uint16_t period);

// evaluate() for each of many distinct regions, in their order (the same
// results; from 16 regions on each reference is read series by series).
std::vector<MemberValue> evaluate_each(const Cube& cube, const CompiledExpr& e,
                                       const std::vector<std::uint32_t>& regions, std::uint16_t period);

// The marker that describes a combination: e > p > r > () > plain.
Status combine_status(Status a, Status b);

// Σ of per-member values; members that are not ok are collected by code.
struct MemberSum {
  double sum = 0;
  Status status = Status::ok;
  bool all_zero = true;
  std::vector<std::uint32_t> missing;  // cube region ids
  Status missing_status = Status::ok;  // e.g. secret when a member is "."
  // Adds one member's value (in member order: the sum's rounding and
  // missing_status depend on it).
  void add(std::uint32_t member, const MemberValue& value);
};
MemberSum sum_members(const Cube& cube, const CompiledExpr& e, const std::vector<std::uint32_t>& members,
                      std::uint16_t period);

}  // namespace rf::monitor
