// Measures (Maßnahmen): the proposal, its way through the workflow
// (network/workflow.hpp), the Fachbeirat's recommendations, the decision, and
// implementation (milestones, reports, progress). Storage and the rules that
// need the database; every function runs in the caller's transaction unless
// it says it opens its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "network/store.hpp"
#include "network/workflow.hpp"

namespace rf::network {

struct ResultsMeasure {
  std::int64_t id = 0;
  std::string kind;  // how_much, how_well, better_off
  std::string title;
  std::string unit;
  std::optional<double> target;
};
std::string_view results_kind_label(std::string_view kind);  // "Wie viel haben wir getan?" …

struct Measure {
  std::int64_t id = 0;
  std::string title;
  std::string aims;
  std::string target_group;
  std::string stage;  // monitor stage slug
  std::string theme;
  double budget_eur = 0;
  int duration_months = 0;
  std::int64_t organisation_id = 0;
  std::optional<std::int64_t> proposed_by;
  std::string state;
  int version = 1;
  std::int64_t state_since = 0;
  std::optional<std::int64_t> due_at;
  std::string remarks;
  std::string joint_recommendation;
  std::string joint_reasons;
  double progress_percent = 0;
  std::string progress_status;
  std::string evaluation;
  std::string public_summary;
  bool released = false;
  std::int64_t updated_at = 0;
  // Related lists (loaded by find_measure, written by create_measure):
  std::vector<std::string> municipalities;  // region codes
  std::vector<std::int64_t> goal_ids;       // monitor goals
  std::vector<std::string> indicators;      // indicator ids
  std::vector<std::int64_t> partner_ids;    // organisations involved besides the lead
  std::vector<ResultsMeasure> results;
  std::string organisation_name;  // joined
};

// German problems with a proposal; empty when it can be stored.
std::vector<std::string> validate_proposal(const Measure& m);
// Stores a new proposal in the workflow's initial state; returns its id.
std::int64_t create_measure(db::Database& db, const Workflow& wf, Measure m, std::optional<std::int64_t> user_id);
std::optional<Measure> find_measure(db::Database& db, std::int64_t id);

struct MeasureFilter {
  std::optional<std::string> state;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> goal_id;
  std::optional<std::string> municipality;
  std::optional<std::string> stage;
  std::optional<std::string> theme;
  bool released_only = false;
  int limit = 200;
};
// Without the related lists; organisation_name filled.
std::vector<Measure> list_measures(db::Database& db, const MeasureFilter& f);

// ---- Workflow steps ----

// A mail that a step causes; sent by the caller's mail function.
struct Notice {
  std::string to;
  std::string subject;
  std::string text;
  std::string category;  // "network.step", "network.progress", "network.reminder"
  std::int64_t measure_id = 0;
};

struct StepRequest {
  std::int64_t measure_id = 0;
  std::string transition;
  int expected_version = 0;  // the version the user saw (optimistic concurrency)
  StepFields fields;
  std::string due_date;  // optional ISO date: the deadline of the next step
  std::int64_t now = 0;
  std::string today;  // ISO date (for membership terms and deadlines)
};

struct StepResult {
  bool ok = false;
  bool conflict = false;              // someone else changed the measure first
  std::vector<std::string> problems;  // German
  std::optional<Decision> decision;   // when the step was a decision
  std::vector<Notice> notices;
};

// The actor for a user and a measure: roles plus "proposer" (a person of the
// lead organisation holding the partner role) and "deciding member".
Actor actor_for(db::Database& db, const Workflow& wf, std::int64_t user_id, const std::vector<std::string>& roles,
                const Measure& m, std::string_view today);

// Takes a step: checks it with the workflow, updates the measure only if its
// version is still `expected_version`, records the transition (and an audit
// entry), creates the decision of a deciding step (numbered per body and
// year, published after its meeting), and returns the notices to send. Runs
// in the caller's transaction.
StepResult take_step(db::Database& db, const Workflow& wf, const StepRequest& req, std::int64_t user_id,
                     const Actor& actor, std::string_view base_url, std::string_view ip);

struct Transition {
  std::string transition;
  std::string from_state;
  std::string to_state;
  std::string user_name;
  std::string note;
  std::int64_t at = 0;
};
std::vector<Transition> measure_history(db::Database& db, std::int64_t measure_id);

// ---- Fachbeirat ----

struct Recommendation {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string person_name;
  std::string verdict;  // approve, conditions, reject
  std::string reasons;
  std::string conditions;
  std::int64_t created_at = 0;
};
std::string_view verdict_label(std::string_view verdict);
std::vector<Recommendation> measure_recommendations(db::Database& db, std::int64_t measure_id);
// Why the person cannot recommend on the measure (German), or "" when they
// may: not a member of the advisory body, the wrong state, or a conflict of
// interest (their organisation leads or takes part in the measure).
std::string recommendation_barrier(db::Database& db, const Workflow& wf, const Measure& m,
                                   const std::optional<Person>& person, std::string_view today);
// Stores (or replaces) the person's recommendation; German problems when it
// is not possible or incomplete (conditions and rejections need reasons).
std::vector<std::string> record_recommendation(db::Database& db, const Workflow& wf, const Measure& m,
                                               const std::optional<Person>& person, const Recommendation& r,
                                               std::string_view today, std::string_view ip);

// ---- Implementation ----

struct Milestone {
  std::int64_t id = 0;
  std::string code;  // "M1"
  std::string title;
  std::string due_date;
  double weight = 1;
  double percent = 0;
  std::string status = "open";  // open, on_track, delayed, done
};
std::string_view progress_status_label(std::string_view status);
std::vector<Milestone> measure_milestones(db::Database& db, std::int64_t measure_id);
// German problems (code, title, due date in the past, weight) or empty.
std::vector<std::string> add_milestone(db::Database& db, std::int64_t measure_id, const Milestone& ms,
                                       std::string_view today);

// The measure's progress from its milestones: percent is the weighted mean;
// status the worst (delayed < on_track < done; "done" only when all are).
struct Progress {
  double percent = 0;
  std::string status;
};
Progress roll_up(const std::vector<Milestone>& milestones);

struct ReportValue {
  std::int64_t results_measure_id = 0;
  double value = 0;
};
struct Report {
  std::int64_t id = 0;
  std::string period;
  std::string text;
  std::int64_t created_at = 0;
  std::vector<std::pair<std::string, std::string>> values;  // title, formatted value with unit
};
std::int64_t add_report(db::Database& db, std::int64_t measure_id, std::string_view period, std::string_view text,
                        const std::vector<ReportValue>& values, std::optional<std::int64_t> user_id);
std::vector<Report> measure_reports(db::Database& db, std::int64_t measure_id);

// Recomputes the measure's progress from its milestones; when it changed,
// returns a notice per follower.
std::vector<Notice> refresh_progress(db::Database& db, std::int64_t measure_id, std::string_view base_url);

// The office's bulk update: CSV (';' or ',') with the header
// "massnahme;meilenstein;prozent;status" (measure id, milestone code,
// 0–100, open|on_track|delayed|done). All or nothing: any problem (German,
// with line and the offending text) and nothing is changed.
struct BulkResult {
  std::vector<std::string> problems;
  int rows = 0;
  int measures = 0;
  std::vector<Notice> notices;
};
BulkResult bulk_progress_update(db::Database& db, std::string_view csv, std::string_view base_url);

void follow(db::Database& db, std::int64_t measure_id, std::int64_t user_id, bool on);
bool is_following(db::Database& db, std::int64_t measure_id, std::int64_t user_id);

// Deadline reminders: one notice per measure whose step deadline has passed
// and that has not been reminded since it entered the step (to the office
// and the proposer). Marks them as reminded.
std::vector<Notice> due_reminders(db::Database& db, const Workflow& wf, std::int64_t now, std::string_view base_url);

}  // namespace rf::network
