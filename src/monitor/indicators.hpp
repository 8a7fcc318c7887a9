// The monitor's public face: what other modules (the education report, the
// portal) may ask of the shared measurement. Keep this header small and
// stable; everything else under src/monitor/ is the module's own business.
//
//   auto view = rf::monitor::current_indicators(pool, root);   // or load_indicators(db, file)
//   for (const auto* info : view.list()) …                     // the catalogue
//   auto v = view.value("schulabgaenger_ohne_abschluss", "ruhr", "2023");
//   if (v.value) … else show v.status and v.missing_members
//
// An IndicatorView is an immutable snapshot of the catalogue and the
// statistics cube; copies are cheap and stay valid (and consistent) while the
// statistics are re-imported. Values of aggregate regions ("ruhr", "nrw",
// "rheinland-ohne-ruhr", "westfalen-ohne-ruhr") are computed as
// Σnumerator/Σdenominator over the members, or — for published rates — weighted
// by the denominator population; never as a mean of rates. An aggregate with a
// secret or missing member has no value: its status is "." and the members
// are listed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "monitor/model/observation.hpp"

namespace rf::db {
class Database;
class Pool;
}  // namespace rf::db

namespace rf::monitor {

// The education stages of the catalogue, in the order of the education biography.
enum class Stage : std::uint8_t {
  framework,   // Rahmenbedingungen
  early,       // Frühe Bildung
  school,      // Allgemeinbildende Schule
  vocational,  // Berufliche Bildung
  higher,      // Hochschule
};
inline constexpr Stage kStages[] = {Stage::framework, Stage::early, Stage::school, Stage::vocational, Stage::higher};
std::string_view stage_label(Stage stage);  // "Frühe Bildung"
std::string_view stage_slug(Stage stage);   // "fruehe-bildung"

// Whether a rising value is good news.
enum class Polarity : std::uint8_t { up_is_good, down_is_good, neutral };

struct IndicatorInfo {
  std::string id;          // "kita_quote_u3"
  std::string title;       // German title
  std::string definition;  // German short definition
  Stage stage = Stage::framework;
  std::string unit;  // "%", "je 1.000 Einwohner", "EUR", "Personen"
  Polarity polarity = Polarity::neutral;
  int decimals = 1;                     // for display
  std::string source;                   // "IT.NRW, Statistik der allgemeinbildenden Schulen; BBSR, INKAR 2024"
  std::vector<std::string> breakdowns;  // dimensions with groups, e.g. {"sex"}
  std::vector<std::string> footnotes;   // German, for every figure of the indicator
  std::vector<std::string> synonyms;    // other words people search for ("Schulabbrecher")
};

// A group of a breakdown dimension: {"sex", "female"}; empty means "total".
struct BreakdownGroup {
  std::string dimension;
  std::string group;
  bool empty() const { return dimension.empty(); }
};

struct IndicatorValue {
  std::optional<double> value;
  // The marker of the result: ok, "e" (estimated, e.g. a weighted aggregate of
  // published rates), "." (secret, unknown, or an aggregate with missing
  // members), "-", "x", "p" … taken over from the source cells.
  Status status = Status::not_yet;
  // Aggregates: members that are secret or have no data for the period.
  std::vector<std::string> missing_members;
  std::string source;               // the source text of what was used
  std::vector<std::string> notes;   // German footnotes for this value (weights used …)
  std::optional<double> numerator;  // when computed from counts
  std::optional<double> denominator;
  // Counted separately and left out of the denominator (e.g. schools without
  // a Sozialindex), with its German label.
  std::optional<double> excluded;
  std::string excluded_label;
};

struct SeriesPoint {
  std::string period;  // period key: "2023", "2024-12-31", "2024/25"
  IndicatorValue value;
};

struct RankEntry {
  std::string region;  // Kreis code
  std::string name;
  IndicatorValue value;
  int rank = 0;  // 1 = best by polarity (largest first when neutral); 0 without value
};

struct RegionInfo {
  std::string code;
  std::string name;
  std::string level;  // "country", "state", "county", "municipality", "aggregate", …
  std::string parent;
};

class IndicatorView {
 public:
  IndicatorView() = default;

  // The catalogue in file order.
  std::vector<const IndicatorInfo*> list() const;
  const IndicatorInfo* find(std::string_view id) const;

  // One value; `region` is a code or alias ("05513", "ruhr", "nrw"), `period`
  // a period key or text ("2023", "31.12.2024", "2024/25"). Unknown ids give
  // status "x" and a note.
  IndicatorValue value(std::string_view indicator, std::string_view region, std::string_view period,
                       const BreakdownGroup& breakdown = {}) const;
  // Every period with data for the indicator (any region), oldest first.
  std::vector<std::string> periods(std::string_view indicator) const;
  // The values of one region over all periods of the indicator, oldest first.
  std::vector<SeriesPoint> series(std::string_view indicator, std::string_view region,
                                  const BreakdownGroup& breakdown = {}) const;
  // The newest period in which `region` has a value; nullopt when none.
  std::optional<std::string> latest_period(std::string_view indicator, std::string_view region = "ruhr") const;
  // The 15 Kreise and kreisfreie Städte of the Ruhr, best first by polarity.
  std::vector<RankEntry> ruhr_ranking(std::string_view indicator, std::string_view period,
                                      const BreakdownGroup& breakdown = {}) const;

  // The region register.
  std::optional<RegionInfo> region(std::string_view code_or_alias) const;
  std::vector<RegionInfo> ruhr_kreise() const;          // the 15, by code
  std::vector<RegionInfo> ruhr_municipalities() const;  // the 53, by Kreis, then code
  // A period key as German text: "2023", "31.12.2024", "2024/25".
  static std::string period_label(std::string_view period_key);

  // Implementation access for the module itself.
  struct State;
  explicit IndicatorView(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  const State* state() const { return state_.get(); }
  // Unique per snapshot in this process (1, 2, …; 0 for none): what caches of
  // derived data key on, without holding an old snapshot alive.
  std::uint64_t serial() const;

 private:
  std::shared_ptr<const State> state_;
};

// Comparison helpers. Gap in the indicator's unit (percentage points for
// "%"): a − b; ratio a / b. Nullopt when either value is missing (or b is 0).
std::optional<double> gap(const IndicatorValue& a, const IndicatorValue& b);
std::optional<double> ratio(const IndicatorValue& a, const IndicatorValue& b);

// The process-wide view for a server: catalogue from <root>/data/indicators.yaml,
// statistics from the pool's database; rebuilt when the `cache_versions` row
// 'statistics' changes (checked at most once a second).
IndicatorView current_indicators(db::Pool& pool, const std::filesystem::path& root);
// Keeps current_indicators(pool, root) current in the background for a server:
// checks the version every second and rebuilds on a change. Requests are
// answered from the cube they find while a rebuild runs (a large cube takes
// seconds to build), so without this an instance behind a load balancer that
// nobody asked for a while would answer its next requests from a cube many
// imports old. Stops and joins when destroyed (before the pool).
class CubeRefresher {
 public:
  CubeRefresher(db::Pool& pool, std::filesystem::path root);
  ~CubeRefresher();
  CubeRefresher(const CubeRefresher&) = delete;
  CubeRefresher& operator=(const CubeRefresher&) = delete;

 private:
  std::jthread thread_;
};

// A one-off view from an open database and a catalogue file (tests, commands).
IndicatorView load_indicators(db::Database& db, const std::filesystem::path& catalogue_file);

// The school register (imported school lists with Sozialindex), for modules
// that work with schools (the survey module's training-needs rounds).
struct SchoolInfo {
  std::int64_t id = 0;
  std::string number;  // Schulnummer
  std::string name;
  std::string municipality;        // AGS (8 digits), "" when unknown
  std::string kreis;               // Kreis code (5 digits), "" when unknown
  std::string school_form;         // "Grundschule", …
  std::optional<int> sozialindex;  // stage 1..9; nullopt without index
};
std::optional<SchoolInfo> find_school(db::Database& db, std::int64_t id);
std::optional<SchoolInfo> find_school_by_number(db::Database& db, std::string_view number);
// The published tables of the dataset browser (/daten/datensaetze/<code>):
// what a search over the data may find in them.
struct DatasetSummary {
  std::string code;                  // "21111-02-06-4"
  std::string title;                 // as published
  std::string statistic;             // the statistic it belongs to, "" when unknown
  std::string publisher;             // "IT.NRW"
  std::vector<std::string> columns;  // the labels of its series
};
std::vector<DatasetSummary> published_datasets(db::Database& db);

// A goal of the common agenda (kept by the monitor, /monitor/ziele) with its
// assessment against a view: what other modules may know of the goals.
struct AgendaGoal {
  std::int64_t id = 0;
  std::string title;  // German wording
  std::string indicator;
  std::string region;  // code or aggregate slug
  std::string baseline_period;
  std::optional<double> baseline_value;
  double target_value = 0;
  int target_year = 0;
  std::optional<std::string> latest_period;
  std::optional<double> latest_value;
  std::string status_label;  // "erreicht", "auf Kurs", "nicht auf Kurs", "offen"
  std::string status_slug;   // "reached", "on-track", "off-track", "unknown"
  std::string explanation;   // German
};
std::vector<AgendaGoal> agenda_goals(db::Database& db, const IndicatorView& view);
// Adds a goal (total, no breakdown group) unless one with the same indicator,
// region and target year exists; returns the id of either. For demo data.
std::int64_t ensure_agenda_goal(db::Database& db, const AgendaGoal& goal);

// Marks the statistics as changed so every instance rebuilds its cube. Call
// after an import commits (or inside its transaction).
void bump_statistics_version(db::Database& db);

}  // namespace rf::monitor
