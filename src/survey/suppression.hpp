// Small-cell suppression for survey results.
//
// Every number that is shown or exported is a "quantity" with an id: a count
// of respondents (a cell, a row or column total, the grand total). The same
// quantity in two tables has the same id, so hiding it in one hides it in
// all of them. Additive relations ("these cells sum to that total") are the
// ways a hidden number could be worked out from shown ones.
//
// - Primary suppression: every quantity with fewer than k respondents is
//   hidden — also 0, so that a hidden cell looks the same whether it holds
//   0 or 1..k-1.
// - Complementary suppression: no relation may have exactly one hidden
//   member (it would be total minus the rest). While one has, the smallest
//   shown member of it (cells before totals, then by id) is hidden too. The
//   loop runs over all relations of all tables together until nothing
//   changes, which covers margins shared by overlapping tables.
//
// This is the usual protection against differencing from totals, margins and
// overlapping tables; it does not attempt interval (linear programming)
// attacks on large linked table sets.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace rf::survey {

class Suppressor {
 public:
  explicit Suppressor(int k) : k_(k) {}
  int k() const { return k_; }

  // Declares a quantity (again with the same id: must be the same count).
  void quantity(const std::string& id, long long count, bool is_total = false);
  // Declares that the parts sum to the total.
  void relation(const std::string& total, const std::vector<std::string>& parts);

  // Runs primary and complementary suppression; returns the hidden ids.
  const std::set<std::string>& run();
  bool hidden(const std::string& id) const { return hidden_.count(id) > 0; }

 private:
  struct Quantity {
    long long count = 0;
    bool is_total = false;
  };
  int k_;
  std::map<std::string, Quantity> quantities_;
  std::vector<std::vector<std::string>> relations_;  // total first, then parts
  std::set<std::string> hidden_;
};

}  // namespace rf::survey
