// The TAB training-needs workflow's model and storage: a school's needs
// round is a wave of the TAB checklist (survey kind "tab"); its submitted
// responses are bundled into rows topic × staff group (priority, format,
// people, person-days), which the coordinator edits and submits; training
// institutions see the submitted bundles of the Kreise they serve, summed,
// and answer with offers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "survey/form.hpp"
#include "survey/store.hpp"

namespace rf::survey {

struct BundleRow {
  std::string topic;        // choice of the list `thema`
  std::string staff_group;  // choice of the list `personalgruppe`
  std::string priority;     // "hoch" | "mittel"
  std::string format;       // choice of the list `format`, "" when none was named
  int people = 0;
  double person_days = 0;
};

// Bundles submitted checklists: a person counts for every topic rated "hoch"
// or "mittel" (matrix or further entries); the row's priority is the highest
// given, its format the one most named by those people (ties: list order),
// and each person's days are shared equally among their topics.
std::vector<BundleRow> compute_bundle(const Form& form, const std::vector<StoredResponse>& responses);

struct Bundle {
  std::int64_t id = 0;
  std::int64_t wave_id = 0;
  std::string status;  // "draft" | "submitted"
  std::string submitted_on;
  std::vector<BundleRow> rows;
};
std::optional<Bundle> load_bundle(db::Database& db, std::int64_t wave_id);

struct SchoolSnapshot {
  std::int64_t institution_id = 0;
  std::string name, kreis, school_form;
  std::optional<int> sozialindex;
};
// Replaces the round's bundle rows; `submit` makes it final (false when it
// was submitted before: a submitted bundle does not change).
bool save_bundle(db::Database& db, std::int64_t wave_id, const SchoolSnapshot& school,
                 const std::vector<BundleRow>& rows, bool submit);

// Who works for which school, and which Kreise an institution serves.
std::vector<std::int64_t> user_schools(db::Database& db, std::int64_t user_id);
void assign_school(db::Database& db, std::int64_t user_id, std::int64_t institution_id);
std::vector<std::string> user_kreise(db::Database& db, std::int64_t user_id);
void assign_kreis(db::Database& db, std::int64_t user_id, std::string_view kreis_code);

// Sozialindex bands of the filter.
inline constexpr const char* kBands[] = {"1-3", "4-6", "7-9", "ohne"};

struct DemandFilter {
  std::vector<std::string> kreise;
  std::string school_form;  // "" for all
  std::string band;         // "" for all, or one of kBands
};
struct DemandRow {
  std::string topic, staff_group, format;
  int schools = 0;
  int people = 0;
  double person_days = 0;
};
// Submitted bundles summed by topic × staff group × format.
std::vector<DemandRow> demand(db::Database& db, const DemandFilter& filter);
std::vector<std::string> demand_school_forms(db::Database& db, const std::vector<std::string>& kreise);

// The disparity the initiative watches: people in need per submitted school
// at schools with Sozialindex ≥ 6 against those below (schools without an
// index are left out), per topic.
struct DisparityRow {
  std::string topic;
  long long people_high = 0, people_low = 0;
};
struct Disparity {
  int schools_high = 0, schools_low = 0;
  std::vector<DisparityRow> rows;
};
Disparity demand_disparity(db::Database& db, const std::vector<std::string>& kreise);

struct Offer {
  std::int64_t id = 0;
  std::string kreis, topic, staff_group, title, format, dates;
  int places = 0;
};
std::int64_t add_offer(db::Database& db, std::int64_t user_id, const Offer& offer);
std::vector<Offer> offers_for_kreise(db::Database& db, const std::vector<std::string>& kreise);

}  // namespace rf::survey
