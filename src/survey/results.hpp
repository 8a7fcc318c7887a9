// Results of a survey wave: per question counts, shares, means with 95 %
// confidence intervals, cross-tabbed by a breakdown (a select_one question of
// the form, or the staff group of the invitation), with small-cell
// suppression over all tables of the wave together (suppression.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "survey/form.hpp"
#include "survey/store.hpp"

namespace rf::survey {

// The breakdown key of the invitation's staff group.
inline constexpr const char* kStaffGroupBreakdown = "_personalgruppe";

struct Cell {
  long long count = 0;
  bool hidden = false;
  std::optional<double> share;  // of the column's answering respondents, 0..1; unset when hidden
};

struct Mean {
  long long n = 0;
  bool hidden = false;  // n < k (or n hidden): no mean shown
  double mean = 0, low = 0, high = 0;
};

struct QuestionResult {
  std::string name, label;
  QuestionType type = QuestionType::text;
  std::vector<std::string> categories;      // choice or scale labels (empty for integer/decimal)
  std::vector<std::string> category_names;  // choice names / scale values
  // [category][column]; the last column is "Insgesamt".
  std::vector<std::vector<Cell>> cells;
  std::vector<Cell> answered;  // respondents who answered, per column
  std::vector<Mean> means;     // range, integer, decimal: per column
  bool multiple = false;       // select_multiple: shares do not sum to 100 %
};

struct Results {
  int k = 5;
  std::string breakdown;  // key of the breakdown, "" for none
  std::string breakdown_label;
  std::vector<std::string> columns;  // group labels, then "Insgesamt"
  std::vector<Cell> respondents;     // per column
  std::vector<QuestionResult> questions;
  std::size_t free_text_answers = 0;  // shown to authorised roles only (raw data)
};

// The select_one questions a result may be broken down by (name, label),
// the staff group first.
std::vector<std::pair<std::string, std::string>> breakdown_options(const Form& form);

// The results without breakdown first, then one per breakdown option — all
// suppressed together, so that no table gives away what another hides
// (their "Insgesamt" columns are the same quantities).
std::vector<Results> compute_all_results(const Form& form, const std::vector<StoredResponse>& responses, int k);
// One of them (the one without breakdown when `breakdown` is unknown).
Results compute_results(const Form& form, const std::vector<StoredResponse>& responses, int k,
                        const std::string& breakdown);

// 95 % confidence interval half-width factor (Student's t) for n values.
double t_quantile_975(long long n);

}  // namespace rf::survey
