#include "survey/tab.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "db/where.hpp"
#include "web/accounts.hpp"
#include "text/number.hpp"

namespace rf::survey {

namespace {

constexpr std::string_view kTopicPrefix = "thema_";

bool wanted(std::string_view priority) { return priority == "hoch" || priority == "mittel"; }

std::string answer(const Answers& a, const std::string& q, int instance = 0) {
  auto it = a.find({q, instance});
  return it == a.end() ? "" : it->second;
}

}  // namespace

std::vector<BundleRow> compute_bundle(const Form& form, const std::vector<StoredResponse>& responses) {
  struct Acc {
    int people = 0;
    bool high = false;
    double days = 0;
    std::map<std::string, int> formats;
  };
  std::map<std::pair<std::string, std::string>, Acc> acc;
  std::vector<std::string> format_order;
  if (auto it = form.lists.find("format"); it != form.lists.end())
    for (const auto& c : it->second) format_order.push_back(c.name);

  for (const auto& r : responses) {
    std::string group = answer(r.answers, "personalgruppe");
    if (group.empty()) group = r.staff_group;
    if (group.empty()) continue;
    // topic → priority of this person
    std::map<std::string, std::string> topics;
    for (const auto& [key, value] : r.answers)
      if (key.first.starts_with(kTopicPrefix) && wanted(value)) topics[key.first.substr(kTopicPrefix.size())] = value;
    int instances = 0;
    for (const auto& [key, value] : r.answers)
      if (key.first == "weiteres_thema") instances = std::max(instances, key.second + 1);
    for (int i = 0; i < instances; ++i) {
      std::string topic = answer(r.answers, "weiteres_thema", i),
                  priority = answer(r.answers, "weiteres_prioritaet", i);
      if (topic.empty() || topic == "sonstiges" || !wanted(priority)) continue;
      auto& p = topics[topic];
      if (p != "hoch") p = priority;
    }
    if (topics.empty()) continue;
    double days = text::parse_number(answer(r.answers, "personentage"), text::NumberStyle::plain).value_or(0);
    auto formats = split_selection(answer(r.answers, "formate"));
    for (const auto& [topic, priority] : topics) {
      auto& a = acc[{topic, group}];
      ++a.people;
      a.high = a.high || priority == "hoch";
      a.days += days / static_cast<double>(topics.size());
      for (const auto& f : formats) ++a.formats[f];
    }
  }
  std::vector<BundleRow> rows;
  for (const auto& [key, a] : acc) {
    std::string best;
    int best_count = 0;
    for (const auto& f : format_order) {
      auto it = a.formats.find(f);
      if (it != a.formats.end() && it->second > best_count) best = f, best_count = it->second;
    }
    rows.push_back({key.first, key.second, a.high ? "hoch" : "mittel", best, a.people, std::round(a.days * 10) / 10});
  }
  // Topic order of the maintained list, then staff groups in list order.
  auto order = [&](const std::string& list, const std::string& name) {
    auto it = form.lists.find(list);
    if (it == form.lists.end()) return 999;
    for (std::size_t i = 0; i < it->second.size(); ++i)
      if (it->second[i].name == name) return static_cast<int>(i);
    return 999;
  };
  std::sort(rows.begin(), rows.end(), [&](const BundleRow& x, const BundleRow& y) {
    return std::pair(order("thema", x.topic), order("personalgruppe", x.staff_group)) <
           std::pair(order("thema", y.topic), order("personalgruppe", y.staff_group));
  });
  return rows;
}

std::optional<Bundle> load_bundle(db::Database& db, std::int64_t wave_id) {
  auto row =
      db.query_one("SELECT id, status, COALESCE(submitted_on, '') FROM tab_bundles WHERE wave_id = ?", {wave_id});
  if (!row) return std::nullopt;
  Bundle b;
  b.id = row->integer(0);
  b.wave_id = wave_id;
  b.status = row->text(1);
  b.submitted_on = row->text(2);
  for (const auto& r : db.query("SELECT topic, staff_group, priority, format, people, person_days FROM tab_bundle_rows "
                                "WHERE bundle_id = ? ORDER BY topic, staff_group",
                                {b.id}))
    b.rows.push_back({r.text(0), r.text(1), r.text(2), r.text(3), static_cast<int>(r.integer(4)), r.real(5)});
  return b;
}

bool save_bundle(db::Database& db, std::int64_t wave_id, const SchoolSnapshot& school,
                 const std::vector<BundleRow>& rows, bool submit) {
  db::Transaction tx(db);
  auto existing = db.query_one("SELECT id, status FROM tab_bundles WHERE wave_id = ?", {wave_id});
  std::int64_t id = 0;
  if (existing) {
    if (existing->text(1) == "submitted") return false;
    id = existing->integer(0);
  } else {
    id = db.insert("INSERT INTO tab_bundles (wave_id, institution_id, status, updated_at) VALUES (?, ?, 'draft', ?)",
                   {wave_id, school.institution_id, web::unix_now()});
  }
  db.execute("DELETE FROM tab_bundle_rows WHERE bundle_id = ?", {id});
  for (const auto& r : rows) {
    if (r.people <= 0) continue;
    db.execute(
        "INSERT INTO tab_bundle_rows (bundle_id, topic, staff_group, priority, format, people, person_days) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {id, r.topic, r.staff_group, r.priority, r.format, std::int64_t(r.people), r.person_days});
  }
  db::Value index = school.sozialindex ? db::Value(std::int64_t(*school.sozialindex)) : db::Value(db::Null{});
  // Only a submitted bundle carries a date; the update is guarded so two
  // concurrent submits cannot both pass.
  if (db.execute(
          "UPDATE tab_bundles SET status = ?, school_name = ?, kreis_code = ?, school_form = ?, sozialindex = ?, "
          "submitted_on = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
          {std::string(submit ? "submitted" : "draft"), school.name, school.kreis, school.school_form, index,
           submit ? db::Value(today_iso()) : db::Value(db::Null{}), web::unix_now(), id}) == 0)
    return false;
  tx.commit();
  return true;
}

std::vector<std::int64_t> user_schools(db::Database& db, std::int64_t user_id) {
  std::vector<std::int64_t> out;
  for (const auto& r :
       db.query("SELECT institution_id FROM survey_user_schools WHERE user_id = ? ORDER BY institution_id", {user_id}))
    out.push_back(r.integer(0));
  return out;
}

void assign_school(db::Database& db, std::int64_t user_id, std::int64_t institution_id) {
  if (!db.query_one("SELECT 1 FROM survey_user_schools WHERE user_id = ? AND institution_id = ?",
                    {user_id, institution_id}))
    db.execute("INSERT INTO survey_user_schools (user_id, institution_id) VALUES (?, ?)", {user_id, institution_id});
}

std::vector<std::string> user_kreise(db::Database& db, std::int64_t user_id) {
  std::vector<std::string> out;
  for (const auto& r :
       db.query("SELECT kreis_code FROM survey_user_kreise WHERE user_id = ? ORDER BY kreis_code", {user_id}))
    out.push_back(r.text(0));
  return out;
}

void assign_kreis(db::Database& db, std::int64_t user_id, std::string_view kreis_code) {
  if (!db.query_one("SELECT 1 FROM survey_user_kreise WHERE user_id = ? AND kreis_code = ?",
                    {user_id, std::string(kreis_code)}))
    db.execute("INSERT INTO survey_user_kreise (user_id, kreis_code) VALUES (?, ?)",
               {user_id, std::string(kreis_code)});
}

namespace {

// The submitted bundles of the Kreise (none: call it only with some).
db::Where submitted_in(const std::vector<std::string>& kreise) {
  db::Where where;
  where.add("b.status = 'submitted'");
  where.add_in("b.kreis_code", kreise);
  return where;
}

}  // namespace

std::vector<DemandRow> demand(db::Database& db, const DemandFilter& filter) {
  std::vector<DemandRow> out;
  if (filter.kreise.empty()) return out;
  db::Where where = submitted_in(filter.kreise);
  if (!filter.school_form.empty()) where.add("b.school_form = ?", {filter.school_form});
  if (filter.band == "ohne") {
    where.add("b.sozialindex IS NULL");
  } else if (filter.band.size() == 3 && filter.band[1] == '-') {
    where.add("b.sozialindex BETWEEN ? AND ?",
              {std::int64_t(filter.band[0] - '0'), std::int64_t(filter.band[2] - '0')});
  }
  std::string sql =
      "SELECT r.topic, r.staff_group, r.format, COUNT(DISTINCT b.id), SUM(r.people), SUM(r.person_days) "
      "FROM tab_bundle_rows r JOIN tab_bundles b ON b.id = r.bundle_id" +
      where.sql() +
      " GROUP BY r.topic, r.staff_group, r.format ORDER BY SUM(r.people) DESC, r.topic, r.staff_group, r.format";
  for (const auto& r : db.query(sql, where.params()))
    out.push_back(
        {r.text(0), r.text(1), r.text(2), static_cast<int>(r.integer(3)), static_cast<int>(r.integer(4)), r.real(5)});
  return out;
}

std::vector<std::string> demand_school_forms(db::Database& db, const std::vector<std::string>& kreise) {
  std::vector<std::string> out;
  if (kreise.empty()) return out;
  const db::Where where = submitted_in(kreise);
  for (const auto& r :
       db.query("SELECT DISTINCT b.school_form FROM tab_bundles b" + where.sql() + " ORDER BY b.school_form",
                where.params()))
    if (!r.text(0).empty()) out.push_back(r.text(0));
  return out;
}

Disparity demand_disparity(db::Database& db, const std::vector<std::string>& kreise) {
  Disparity d;
  if (kreise.empty()) return d;
  db::Where where = submitted_in(kreise);
  where.add("b.sozialindex IS NOT NULL");
  for (const auto& r : db.query("SELECT CASE WHEN b.sozialindex >= 6 THEN 1 ELSE 0 END, COUNT(*) FROM tab_bundles b" +
                                    where.sql() + " GROUP BY CASE WHEN b.sozialindex >= 6 THEN 1 ELSE 0 END",
                                where.params()))
    (r.integer(0) ? d.schools_high : d.schools_low) = static_cast<int>(r.integer(1));
  std::map<std::string, DisparityRow> by_topic;
  for (const auto& r :
       db.query("SELECT r.topic, CASE WHEN b.sozialindex >= 6 THEN 1 ELSE 0 END, SUM(r.people) "
                "FROM tab_bundle_rows r JOIN tab_bundles b ON b.id = r.bundle_id" +
                    where.sql() + " GROUP BY r.topic, CASE WHEN b.sozialindex >= 6 THEN 1 ELSE 0 END ORDER BY r.topic",
                where.params())) {
    auto& row = by_topic[r.text(0)];
    row.topic = r.text(0);
    (r.integer(1) ? row.people_high : row.people_low) = r.integer(2);
  }
  for (auto& [topic, row] : by_topic) d.rows.push_back(row);
  return d;
}

std::int64_t add_offer(db::Database& db, std::int64_t user_id, const Offer& o) {
  return db.insert(
      "INSERT INTO tab_offers (created_by, kreis_code, topic, staff_group, title, format, dates, places, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {user_id, o.kreis, o.topic, o.staff_group, o.title, o.format, o.dates, std::int64_t(o.places), web::unix_now()});
}

std::vector<Offer> offers_for_kreise(db::Database& db, const std::vector<std::string>& kreise) {
  std::vector<Offer> out;
  if (kreise.empty()) return out;
  db::Where where;
  where.add_in("kreis_code", kreise);
  std::string sql = "SELECT id, kreis_code, topic, staff_group, title, format, dates, places FROM tab_offers" +
                    where.sql() + " ORDER BY topic, id";
  for (const auto& r : db.query(sql, where.params()))
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                   static_cast<int>(r.integer(7))});
  return out;
}

}  // namespace rf::survey
