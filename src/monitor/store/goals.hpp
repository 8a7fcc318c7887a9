// Goals of the common agenda: indicator + region (+ group) + baseline +
// target value + target year, kept in the database (migration 0060) and
// edited by data stewards. Their status is computed from the statistics:
//   reached   — the latest value meets the target;
//   on track  — the average yearly change since the baseline, continued to
//               the target year, meets the target;
//   off track — otherwise; unknown without baseline and a later value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/pool.hpp"
#include "monitor/indicators.hpp"

namespace rf::db {
class Database;
}

namespace rf::monitor {

struct Goal {
  std::int64_t id = 0;
  std::string indicator;
  std::string region = "ruhr";
  BreakdownGroup group;  // empty: total
  std::string baseline_period;
  double target_value = 0;
  int target_year = 0;
  std::string title;  // German wording of the goal
  std::string note;
};

enum class GoalStatus { reached, on_track, off_track, unknown };
std::string_view goal_status_label(GoalStatus s);  // "erreicht", "auf Kurs", "nicht auf Kurs", "offen"
std::string_view goal_status_slug(GoalStatus s);   // "reached", "on-track", "off-track", "unknown"

struct GoalAssessment {
  GoalStatus status = GoalStatus::unknown;
  std::optional<double> baseline_value;
  std::optional<std::string> latest_period;
  std::optional<double> latest_value;
  std::optional<double> projected;  // value in the target year at the average pace so far
  std::string explanation;          // German
};

GoalAssessment assess_goal(const Goal& goal, const IndicatorView& view);

// Storage. Every function runs in the caller's transaction (if any).
std::vector<Goal> list_goals(db::Database& db, std::string_view indicator = {});
// The same with a connection of its own from the pool.
std::vector<Goal> list_goals(db::Pool& pool, std::string_view indicator = {});
std::optional<Goal> find_goal(db::Database& db, std::int64_t id);
// Inserts (id 0) or updates; returns the id.
std::int64_t save_goal(db::Database& db, const Goal& goal, std::optional<std::int64_t> user_id);
// False when there was no such goal.
bool delete_goal(db::Database& db, std::int64_t id);

// German problems with a goal (unknown indicator or region, baseline without
// value, target year not after the baseline); empty when it can be saved.
std::vector<std::string> validate_goal(const Goal& goal, const IndicatorView& view);

}  // namespace rf::monitor
