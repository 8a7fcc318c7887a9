#include "monitor/store/goals.hpp"

#include <chrono>

#include "db/database.hpp"
#include "text/number.hpp"
#include "web/accounts.hpp"

namespace rf::monitor {

namespace {

int year_of(const std::string& key) {
  auto p = parse_period_key(key);
  return p ? p->year : 0;
}

BreakdownGroup parse_group(const std::string& text) {
  auto eq = text.find('=');
  if (eq == std::string::npos) return {};
  return {text.substr(0, eq), text.substr(eq + 1)};
}

std::string group_text(const BreakdownGroup& g) { return g.empty() ? "" : g.dimension + "=" + g.group; }

Goal goal_from_row(const db::Row& r) {
  Goal g;
  g.id = r.integer(0);
  g.indicator = r.text(1);
  g.region = r.text(2);
  g.group = parse_group(r.text(3));
  g.baseline_period = r.text(4);
  g.target_value = r.real(5);
  g.target_year = static_cast<int>(r.integer(6));
  g.title = r.text(7);
  g.note = r.text(8);
  return g;
}

constexpr const char* kColumns =
    "SELECT id, indicator, region, breakdown, baseline_period, target_value, target_year, title, note "
    "FROM monitor_goals";

}  // namespace

std::string_view goal_status_label(GoalStatus s) {
  switch (s) {
    case GoalStatus::reached: return "erreicht";
    case GoalStatus::on_track: return "auf Kurs";
    case GoalStatus::off_track: return "nicht auf Kurs";
    default: return "offen";
  }
}

std::string_view goal_status_slug(GoalStatus s) {
  switch (s) {
    case GoalStatus::reached: return "reached";
    case GoalStatus::on_track: return "on-track";
    case GoalStatus::off_track: return "off-track";
    default: return "unknown";
  }
}

GoalAssessment assess_goal(const Goal& goal, const IndicatorView& view) {
  GoalAssessment a;
  const auto* info = view.find(goal.indicator);
  if (!info) {
    a.explanation = "Indikator unbekannt.";
    return a;
  }
  auto base = view.value(goal.indicator, goal.region, goal.baseline_period, goal.group);
  a.baseline_value = base.value;
  auto latest = view.latest_period(goal.indicator, goal.region);
  if (goal.group.empty() == false) {
    // The latest period with a value for the group.
    latest.reset();
    auto periods = view.periods(goal.indicator);
    for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
      if (view.value(goal.indicator, goal.region, *it, goal.group).value) {
        latest = *it;
        break;
      }
    }
  }
  if (!base.value || !latest) {
    a.explanation = "Für Ausgangs- oder aktuellen Wert liegen keine Daten vor.";
    return a;
  }
  a.latest_period = latest;
  a.latest_value = view.value(goal.indicator, goal.region, *latest, goal.group).value;
  // The goal's direction follows from baseline and target.
  const double b = *a.baseline_value, l = *a.latest_value, t = goal.target_value;
  const bool up = t >= b;
  auto meets = [up, t](double v) { return up ? v >= t : v <= t; };
  const int yb = year_of(goal.baseline_period), yl = year_of(*latest);
  const int d = info->decimals;
  if (meets(l)) {
    a.status = GoalStatus::reached;
    a.explanation = "Der Zielwert " + text::format_number(t, d) + " ist mit " + text::format_number(l, d) + " (" +
                    IndicatorView::period_label(*latest) + ") erreicht.";
    return a;
  }
  if (yl <= yb) {
    a.explanation = "Seit dem Ausgangsjahr liegen noch keine neueren Werte vor.";
    return a;
  }
  const double pace = (l - b) / (yl - yb);
  a.projected = l + pace * (goal.target_year - yl);
  a.status = meets(*a.projected) ? GoalStatus::on_track : GoalStatus::off_track;
  a.explanation = "Bei der bisherigen Entwicklung (" + text::format_number(pace, d + 1) + " je Jahr) ergäbe sich " +
                  std::to_string(goal.target_year) + " ein Wert von " + text::format_number(*a.projected, d) +
                  "; Ziel: " + text::format_number(t, d) + ".";
  return a;
}

std::vector<Goal> list_goals(db::Pool& pool, std::string_view indicator) {
  auto db = pool.acquire();
  return list_goals(*db, indicator);
}

std::vector<Goal> list_goals(db::Database& db, std::string_view indicator) {
  std::vector<Goal> out;
  std::vector<db::Row> rows = indicator.empty() ? db.query(std::string(kColumns) + " ORDER BY indicator, id")
                                                : db.query(std::string(kColumns) + " WHERE indicator = ? ORDER BY id",
                                                           {std::string(indicator)});
  for (const auto& r : rows) out.push_back(goal_from_row(r));
  return out;
}

std::optional<Goal> find_goal(db::Database& db, std::int64_t id) {
  auto row = db.query_one(std::string(kColumns) + " WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return goal_from_row(*row);
}

namespace {

// Goals are read from the database on every uncached request, so a change
// needs only the page caches to forget what they hold: its own counter, not
// the statistics one (which would make every instance rebuild its cube).
void bump_goals_version(db::Database& db) {
  db.execute("UPDATE cache_versions SET version = version + 1 WHERE name = 'goals'");
}

}  // namespace

std::int64_t save_goal(db::Database& db, const Goal& g, std::optional<std::int64_t> user_id) {
  const auto now = web::unix_now();
  bump_goals_version(db);
  if (g.id == 0) {
    return db.insert(
        "INSERT INTO monitor_goals (indicator, region, breakdown, baseline_period, target_value, target_year, "
        "title, note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {g.indicator, g.region, group_text(g.group), g.baseline_period, g.target_value,
         static_cast<std::int64_t>(g.target_year), g.title, g.note,
         user_id ? db::Value(*user_id) : db::Value(db::Null{}), now, now});
  }
  db.execute(
      "UPDATE monitor_goals SET indicator = ?, region = ?, breakdown = ?, baseline_period = ?, target_value = ?, "
      "target_year = ?, title = ?, note = ?, updated_at = ? WHERE id = ?",
      {g.indicator, g.region, group_text(g.group), g.baseline_period, g.target_value,
       static_cast<std::int64_t>(g.target_year), g.title, g.note, now, g.id});
  return g.id;
}

bool delete_goal(db::Database& db, std::int64_t id) {
  if (db.execute("DELETE FROM monitor_goals WHERE id = ?", {id}) == 0) return false;
  bump_goals_version(db);
  return true;
}

std::vector<std::string> validate_goal(const Goal& goal, const IndicatorView& view) {
  std::vector<std::string> problems;
  const auto* info = view.find(goal.indicator);
  if (!info) problems.push_back("Bitte einen Indikator aus dem Katalog wählen.");
  if (!view.region(goal.region)) problems.push_back("Die Region ist unbekannt.");
  if (info && view.region(goal.region)) {
    auto v = view.value(goal.indicator, goal.region, goal.baseline_period, goal.group);
    if (!v.value) problems.push_back("Für das Ausgangsjahr liegt kein Wert vor.");
  }
  const int base_year = year_of(goal.baseline_period);
  if (goal.target_year < 2000 || goal.target_year > 2100) {
    problems.push_back("Das Zieljahr muss zwischen 2000 und 2100 liegen.");
  } else if (base_year && goal.target_year <= base_year) {
    problems.push_back("Das Zieljahr muss nach dem Ausgangsjahr liegen.");
  }
  if (goal.title.empty()) problems.push_back("Bitte das Ziel in Worten beschreiben.");
  return problems;
}

std::vector<AgendaGoal> agenda_goals(db::Database& db, const IndicatorView& view) {
  std::vector<AgendaGoal> out;
  for (const auto& g : list_goals(db)) {
    auto a = assess_goal(g, view);
    out.push_back({g.id, g.title, g.indicator, g.region, g.baseline_period, a.baseline_value, g.target_value,
                   g.target_year, a.latest_period, a.latest_value, std::string(goal_status_label(a.status)),
                   std::string(goal_status_slug(a.status)), a.explanation});
  }
  return out;
}

std::int64_t ensure_agenda_goal(db::Database& db, const AgendaGoal& goal) {
  auto row = db.query_one("SELECT id FROM monitor_goals WHERE indicator = ? AND region = ? AND target_year = ?",
                          {goal.indicator, goal.region, static_cast<std::int64_t>(goal.target_year)});
  if (row) return row->integer(0);
  Goal g;
  g.indicator = goal.indicator;
  g.region = goal.region;
  g.baseline_period = goal.baseline_period;
  g.target_value = goal.target_value;
  g.target_year = goal.target_year;
  g.title = goal.title;
  return save_goal(db, g, std::nullopt);
}

}  // namespace rf::monitor
