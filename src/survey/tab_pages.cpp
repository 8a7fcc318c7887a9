// The TAB training-needs workflow's pages: schools start needs rounds,
// invite their staff by staff group, see who has answered, review, edit and
// submit the bundle, and see the offers for their Kreis; training
// institutions see the demand of their Kreise, filter and export it and
// answer with offers; the office ties accounts to schools and Kreise.
#include <xlsxwriter.h>

#include <cmath>
#include <fstream>
#include <set>

#include <spdlog/spdlog.h>

#include "web/mail.hpp"
#include "web/outbox.hpp"
#include "monitor/indicators.hpp"
#include "survey/module.hpp"
#include "survey/store.hpp"
#include "survey/tab.hpp"
#include "text/csv.hpp"
#include "text/number.hpp"
#include "text/xlsx_writer.hpp"

namespace rf::survey {

namespace {

constexpr int kRoundDays = 28;
constexpr int kMaxPeople = 10000;

// The TAB survey and the form of its newest version (labels of topics, groups, formats).
struct TabContext {
  SurveyInfo survey;
  std::shared_ptr<const Form> form;
  std::string label(const std::string& list, const std::string& name) const {
    auto it = form->lists.find(list);
    if (it != form->lists.end())
      for (const auto& c : it->second)
        if (c.name == name) return c.label;
    return name;
  }
  bool in_list(const std::string& list, const std::string& name) const {
    auto it = form->lists.find(list);
    return it != form->lists.end() &&
           std::any_of(it->second.begin(), it->second.end(), [&](const Choice& c) { return c.name == name; });
  }
  mstch::array options(const std::string& list, const std::string& selected, bool with_empty = false) const {
    mstch::array out;
    if (with_empty)
      out.push_back(mstch::map{{"value", std::string()}, {"label", std::string("–")}, {"selected", selected.empty()}});
    auto it = form->lists.find(list);
    if (it != form->lists.end())
      for (const auto& c : it->second)
        if (c.name != "sonstiges")
          out.push_back(mstch::map{{"value", c.name}, {"label", c.label}, {"selected", c.name == selected}});
    return out;
  }
};

std::optional<TabContext> tab_context(db::Database& db) {
  for (const auto& s : list_surveys(db)) {
    if (s.kind != "tab") continue;
    auto v = latest_version(db, s.id);
    if (!v) continue;
    return TabContext{s, version_form(db, *v)};
  }
  return std::nullopt;
}

std::optional<http::Response> tab_missing(const http::Request& req, const Module& m,
                                          const std::optional<TabContext>& tab) {
  if (tab) return std::nullopt;
  return message_page(req, m, "TAB-Checkliste fehlt",
                      "Die TAB-Checkliste ist noch nicht eingerichtet. Bitte wenden Sie sich an die Geschäftsstelle.",
                      503);
}

// --- Schools --------------------------------------------------------------

struct Round {
  WaveInfo wave;
  monitor::SchoolInfo school;
};

// The round `id` when it belongs to one of the user's schools.
std::optional<Round> own_round(db::Database& db, const web::User& user, const std::string& id_text,
                               const TabContext& tab) {
  auto id = text::parse_number(id_text, text::NumberStyle::plain);
  if (!id) return std::nullopt;
  auto wave = find_wave(db, static_cast<std::int64_t>(*id));
  if (!wave || wave->survey_id != tab.survey.id || !wave->institution_id) return std::nullopt;
  auto schools = user_schools(db, user.id);
  if (std::find(schools.begin(), schools.end(), *wave->institution_id) == schools.end()) return std::nullopt;
  auto school = monitor::find_school(db, *wave->institution_id);
  if (!school) return std::nullopt;
  return Round{*wave, *school};
}

http::Response school_home(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto tab = tab_context(*db);
  if (auto missing = tab_missing(req, m, tab)) return *missing;
  auto user = *web::current_user(req);
  mstch::array schools;
  for (auto id : user_schools(*db, user.id)) {
    auto school = monitor::find_school(*db, id);
    if (!school) continue;
    mstch::array rounds;
    for (const auto& w : list_waves(*db, tab->survey.id)) {
      if (w.institution_id != id) continue;
      auto bundle = load_bundle(*db, w.id);
      auto answered = db->query_one(
          "SELECT COUNT(*) FROM survey_invitations WHERE wave_id = ? AND answered_on IS NOT NULL", {w.id});
      rounds.push_back(mstch::map{
          {"id", std::to_string(w.id)},
          {"title", w.title},
          {"period", german_date(w.opens_on) + " – " + german_date(w.closes_on)},
          {"answered", std::to_string(answered->integer(0))},
          {"state", std::string(bundle && bundle->status == "submitted" ? "Bündel eingereicht" : "in Arbeit")}});
    }
    schools.push_back(mstch::map{{"id", std::to_string(id)},
                                 {"name", school->name},
                                 {"number", school->number},
                                 {"form", school->school_form},
                                 {"rounds", rounds},
                                 {"has_rounds", !rounds.empty()}});
  }
  return survey_page(req, m, "Fortbildungsbedarfe (TAB)", "survey/tab_schule",
                     mstch::map{{"schools", schools}, {"has_schools", !schools.empty()}});
}

http::Response start_round(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto tab = tab_context(*db);
  if (auto missing = tab_missing(req, m, tab)) return *missing;
  auto user = *web::current_user(req);
  auto id = text::parse_number(req.form().get_or("schule", ""), text::NumberStyle::plain);
  auto schools = user_schools(*db, user.id);
  if (!id || std::find(schools.begin(), schools.end(), static_cast<std::int64_t>(*id)) == schools.end())
    return message_page(req, m, "Keine Berechtigung", "Diese Schule ist Ihrem Konto nicht zugeordnet.", 403);
  NewWave wave;
  wave.survey_id = tab->survey.id;
  wave.version_id = *latest_version(*db, tab->survey.id);
  std::string today = today_iso();
  wave.title = "Bedarfsrunde vom " + german_date(today);
  wave.opens_on = today;
  wave.closes_on = add_days(today, kRoundDays);
  wave.institution_id = static_cast<std::int64_t>(*id);
  wave.created_by = user.id;
  auto [wave_id, unused] = create_wave(*db, wave);
  return http::Response::redirect("/tab/runden/" + std::to_string(wave_id));
}

// The bundle rows as shown and edited: saved rows, else computed from the answers.
struct BundleView {
  std::vector<BundleRow> rows;
  bool submitted = false;
  std::string submitted_on;
  bool computed = false;
};

BundleView bundle_view(db::Database& db, const TabContext& tab, std::int64_t wave_id) {
  BundleView v;
  if (auto b = load_bundle(db, wave_id)) {
    v.rows = b->rows;
    v.submitted = b->status == "submitted";
    v.submitted_on = b->submitted_on;
    return v;
  }
  v.rows = compute_bundle(*tab.form, submitted_responses(db, wave_id));
  v.computed = true;
  return v;
}

http::Response round_page(const http::Request& req, Module& m, db::Database& db, const TabContext& tab,
                          const Round& round, mstch::map extra = {}, std::optional<std::vector<BundleRow>> typed = {},
                          int status = 200) {
  BundleView bundle = bundle_view(db, tab, round.wave.id);
  if (typed) bundle.rows = *typed;
  mstch::array invitations;
  int answered = 0;
  for (const auto& inv : list_invitations(db, round.wave.id)) {
    if (inv.answered_on) ++answered;
    invitations.push_back(mstch::map{{"email", inv.email},
                                     {"group", tab.label("personalgruppe", inv.staff_group)},
                                     {"state", std::string(inv.answered_on ? "beantwortet"
                                                           : inv.started   ? "begonnen"
                                                                           : "offen")}});
  }
  mstch::array rows;
  std::set<std::string> topics;
  int people = 0;
  double days = 0;
  for (std::size_t i = 0; i < bundle.rows.size(); ++i) {
    const auto& r = bundle.rows[i];
    topics.insert(r.topic);
    people += r.people;
    days += r.person_days;
    rows.push_back(mstch::map{{"i", std::to_string(i)},
                              {"topic", r.topic},
                              {"topic_label", tab.label("thema", r.topic)},
                              {"group", r.staff_group},
                              {"group_label", tab.label("personalgruppe", r.staff_group)},
                              {"priority_label", tab.label("prioritaet", r.priority)},
                              {"priorities", mstch::array{mstch::map{{"value", std::string("hoch")},
                                                                     {"label", std::string("hoch")},
                                                                     {"selected", r.priority == "hoch"}},
                                                          mstch::map{{"value", std::string("mittel")},
                                                                     {"label", std::string("mittel")},
                                                                     {"selected", r.priority != "hoch"}}}},
                              {"format_label", r.format.empty() ? std::string("–") : tab.label("format", r.format)},
                              {"formats", tab.options("format", r.format, true)},
                              {"people", std::to_string(r.people)},
                              {"days", text::format_number_exact(r.person_days)}});
  }
  mstch::array offers;
  for (const auto& o : offers_for_kreise(db, {round.school.kreis})) {
    if (!topics.count(o.topic)) continue;
    offers.push_back(
        mstch::map{{"title", o.title},
                   {"topic", tab.label("thema", o.topic)},
                   {"group", o.staff_group.empty() ? std::string("alle") : tab.label("personalgruppe", o.staff_group)},
                   {"format", tab.label("format", o.format)},
                   {"dates", o.dates},
                   {"places", std::to_string(o.places)}});
  }
  extra["round_id"] = std::to_string(round.wave.id);
  extra["round_title"] = round.wave.title;
  extra["school"] = round.school.name;
  extra["period"] = german_date(round.wave.opens_on) + " – " + german_date(round.wave.closes_on);
  extra["open"] = round.wave.is_open(today_iso());
  extra["groups"] = tab.options("personalgruppe", "");
  extra["invitations"] = invitations;
  extra["has_invitations"] = !invitations.empty();
  extra["answered"] = std::to_string(answered);
  extra["rows"] = rows;
  extra["has_rows"] = !rows.empty();
  extra["row_count"] = std::to_string(rows.size());
  extra["submitted"] = bundle.submitted;
  extra["submitted_on"] = german_date(bundle.submitted_on);
  extra["computed"] = bundle.computed;
  extra["total_people"] = std::to_string(people);
  extra["total_days"] = text::format_number_exact(std::round(days * 10) / 10);
  extra["offers"] = offers;
  extra["has_offers"] = !offers.empty();
  return survey_page(req, m, round.wave.title, "survey/tab_runde", std::move(extra), status);
}

template <typename Handler>
http::Response with_round(http::Request& req, Module& m, Handler handler) {
  auto db = m.services.pool.acquire();
  auto tab = tab_context(*db);
  if (auto missing = tab_missing(req, m, tab)) return *missing;
  auto round = own_round(*db, *web::current_user(req), req.param("id"), *tab);
  if (!round)
    return message_page(req, m, "Nicht gefunden",
                        "Diese Bedarfsrunde gibt es nicht oder sie gehört nicht zu Ihrer Schule.", 404);
  return handler(*db, *tab, *round);
}

http::Response invite_post(http::Request& req, Module& m) {
  return with_round(req, m, [&](db::Database& db, const TabContext& tab, const Round& round) {
    const auto& form = req.form();
    std::string group = form.get_or("gruppe", "");
    std::string emails = form.get_or("adressen", "");
    mstch::array problems;
    if (!tab.in_list("personalgruppe", group)) problems.push_back(std::string("Bitte wählen Sie eine Personalgruppe."));
    std::vector<std::string> list;
    std::size_t line_no = 0;
    std::string_view rest = emails;
    while (!rest.empty()) {
      auto nl = rest.find('\n');
      std::string line(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      ++line_no;
      line.erase(std::remove_if(line.begin(), line.end(),
                                [](char c) { return c == '\r' || c == ' ' || c == ',' || c == ';'; }),
                 line.end());
      if (line.empty()) continue;
      if (web::mail_address(line) != line)
        problems.push_back("Zeile " + std::to_string(line_no) + ": „" + line.substr(0, 80) +
                           "“ ist keine E-Mail-Adresse.");
      else
        list.push_back(line);
    }
    if (list.empty() && problems.empty())
      problems.push_back(std::string("Bitte geben Sie mindestens eine E-Mail-Adresse an."));
    if (list.size() > 500) problems.push_back(std::string("Höchstens 500 Adressen auf einmal."));
    if (!round.wave.is_open(today_iso())) problems.push_back(std::string("Diese Bedarfsrunde ist beendet."));
    if (!problems.empty())
      return round_page(
          req, m, db, tab, round,
          mstch::map{{"invite_problems", problems}, {"has_invite_problems", true}, {"typed_emails", emails}}, {}, 422);
    std::size_t invited = 0;
    int failed = 0;
    {
      db::Transaction tx(db);
      for (const auto& e : list) {
        std::string token = invite(db, round.wave.id, e, group);
        ++invited;
        try {
          enqueue_invitation(db, e, tab.survey.title + " – " + round.school.name,
                             absolute_link(m.services.settings, "/befragung/" + token),
                             german_date(round.wave.closes_on));
        } catch (const web::MailError& error) {
          ++failed;
          spdlog::error("survey: TAB invitation mail refused: {}", error.what());
        }
      }
      tx.commit();
    }
    std::string notice =
        std::to_string(invited - failed) + " Einladung(en) an " + tab.label("personalgruppe", group) + " versandt.";
    if (failed) notice += " " + std::to_string(failed) + " E-Mail(s) konnten nicht versandt werden.";
    return round_page(req, m, db, tab, round, mstch::map{{"notice", notice}});
  });
}

http::Response bundle_post(http::Request& req, Module& m) {
  return with_round(req, m, [&](db::Database& db, const TabContext& tab, const Round& round) {
    const auto& form = req.form();
    std::string action = form.get_or("_aktion", "speichern");
    if (action == "neu_berechnen") {
      auto existing = load_bundle(db, round.wave.id);
      if (existing && existing->status == "submitted")
        return round_page(req, m, db, tab, round,
                          mstch::map{{"notice", std::string("Das Bündel ist bereits eingereicht.")}});
      SchoolSnapshot school{round.school.id, round.school.name, round.school.kreis, round.school.school_form,
                            round.school.sozialindex};
      save_bundle(db, round.wave.id, school, compute_bundle(*tab.form, submitted_responses(db, round.wave.id)), false);
      return round_page(req, m, db, tab, round,
                        mstch::map{{"notice", std::string("Das Bündel wurde aus den Antworten neu berechnet.")}});
    }
    std::vector<BundleRow> rows;
    mstch::array problems;
    auto count = text::parse_number(form.get_or("zeilen", "0"), text::NumberStyle::plain);
    if (!count || *count < 0 || *count > 500)
      return message_page(req, m, "Ungültige Anfrage", "Die Zeilenzahl des Bündels ist ungültig.", 400);
    for (int i = 0; i < static_cast<int>(*count); ++i) {
      std::string p = "r" + std::to_string(i) + ":";
      BundleRow r;
      r.topic = form.get_or(p + "thema", "");
      r.staff_group = form.get_or(p + "gruppe", "");
      r.priority = form.get_or(p + "prioritaet", "");
      r.format = form.get_or(p + "format", "");
      std::string people = form.get_or(p + "personen", ""), days = form.get_or(p + "tage", "");
      std::string where = "Zeile " + std::to_string(i + 1) + " (" + tab.label("thema", r.topic) + ", " +
                          tab.label("personalgruppe", r.staff_group) + "): ";
      if (!tab.in_list("thema", r.topic) || !tab.in_list("personalgruppe", r.staff_group) ||
          (r.priority != "hoch" && r.priority != "mittel") || (!r.format.empty() && !tab.in_list("format", r.format))) {
        problems.push_back(where + "Die Angaben passen nicht zu den Listen der Checkliste.");
        continue;
      }
      auto n = text::parse_number(people, text::NumberStyle::german);
      if (!n || *n < 0 || *n > kMaxPeople || *n != std::floor(*n)) {
        problems.push_back(where + "„" + people.substr(0, 20) +
                           "“ ist keine Personenzahl (ganze Zahl von 0 bis 10.000).");
        r.people = 0;
      } else {
        r.people = static_cast<int>(*n);
      }
      auto d = text::parse_number(days, text::NumberStyle::german);
      if (!d) d = text::parse_number(days, text::NumberStyle::plain);
      if (!d || *d < 0 || *d > 100000)
        problems.push_back(where + "„" + days.substr(0, 20) + "“ ist keine Zahl von Personentagen.");
      else
        r.person_days = *d;
      rows.push_back(r);
    }
    if (!problems.empty())
      return round_page(req, m, db, tab, round,
                        mstch::map{{"bundle_problems", problems}, {"has_bundle_problems", true}}, rows, 422);
    SchoolSnapshot school{round.school.id, round.school.name, round.school.kreis, round.school.school_form,
                          round.school.sozialindex};
    bool submit = action == "einreichen";
    if (!save_bundle(db, round.wave.id, school, rows, submit))
      return round_page(
          req, m, db, tab, round,
          mstch::map{{"notice", std::string("Das Bündel ist bereits eingereicht und bleibt unverändert.")}});
    return round_page(
        req, m, db, tab, round,
        mstch::map{{"notice",
                    std::string(submit ? "Das Bündel ist eingereicht. Das Kompetenzteam Ihres Kreises sieht es jetzt."
                                       : "Das Bündel ist gespeichert.")}});
  });
}

// --- Training institutions ----------------------------------------------------

DemandFilter filter_from(const http::Request& req, const std::vector<std::string>& kreise) {
  DemandFilter f;
  f.kreise = kreise;
  f.school_form = req.query.get_or("schulform", "");
  std::string band = req.query.get_or("sozialindex", "");
  if (std::find(std::begin(kBands), std::end(kBands), band) != std::end(kBands)) f.band = band;
  return f;
}

std::string band_label(std::string_view band) {
  if (band == "ohne") return "ohne Sozialindex";
  if (band.empty()) return "alle";
  return "Stufe " + std::string(band.substr(0, 1)) + " bis " + std::string(band.substr(2, 1));
}

http::Response demand_page(http::Request& req, Module& m, mstch::map extra = {}, int status = 200) {
  auto db = m.services.pool.acquire();
  auto tab = tab_context(*db);
  if (auto missing = tab_missing(req, m, tab)) return *missing;
  auto user = *web::current_user(req);
  auto kreise = user_kreise(*db, user.id);
  auto filter = filter_from(req, kreise);
  auto view = monitor::current_indicators(m.services.pool, m.services.settings.root);
  mstch::array kreis_names, kreis_options;
  for (const auto& k : kreise) {
    auto info = view.region(k);
    std::string name = info ? info->name : k;
    kreis_names.push_back(name);
    kreis_options.push_back(mstch::map{{"value", k}, {"label", name}});
  }
  mstch::array rows;
  int people = 0;
  for (const auto& r : demand(*db, filter)) {
    people += r.people;
    rows.push_back(mstch::map{{"topic", tab->label("thema", r.topic)},
                              {"group", tab->label("personalgruppe", r.staff_group)},
                              {"format", r.format.empty() ? std::string("–") : tab->label("format", r.format)},
                              {"schools", std::to_string(r.schools)},
                              {"people", text::format_number(r.people, 0)},
                              {"days", text::format_number(r.person_days, 1)}});
  }
  mstch::array forms{
      mstch::map{{"value", std::string()}, {"label", std::string("alle")}, {"selected", filter.school_form.empty()}}};
  for (const auto& f : demand_school_forms(*db, kreise))
    forms.push_back(mstch::map{{"value", f}, {"label", f}, {"selected", f == filter.school_form}});
  mstch::array bands{
      mstch::map{{"value", std::string()}, {"label", std::string("alle")}, {"selected", filter.band.empty()}}};
  for (const char* b : kBands)
    bands.push_back(mstch::map{{"value", std::string(b)}, {"label", band_label(b)}, {"selected", filter.band == b}});
  mstch::array offers;
  for (const auto& o : offers_for_kreise(*db, kreise))
    offers.push_back(
        mstch::map{{"title", o.title},
                   {"topic", tab->label("thema", o.topic)},
                   {"group", o.staff_group.empty() ? std::string("alle") : tab->label("personalgruppe", o.staff_group)},
                   {"format", tab->label("format", o.format)},
                   {"dates", o.dates},
                   {"places", std::to_string(o.places)}});
  // Demand per school by Sozialindex (≥ 6 against below), whatever the filter.
  auto disparity = demand_disparity(*db, kreise);
  auto per_school = [](long long people, int schools) {
    return schools > 0 ? text::format_number(static_cast<double>(people) / schools, 1) : std::string("–");
  };
  mstch::array disparity_rows;
  for (const auto& d : disparity.rows) {
    std::string ratio = "–";
    if (disparity.schools_high > 0 && disparity.schools_low > 0 && d.people_low > 0)
      ratio = text::format_number((static_cast<double>(d.people_high) / disparity.schools_high) /
                                      (static_cast<double>(d.people_low) / disparity.schools_low),
                                  2);
    disparity_rows.push_back(mstch::map{{"topic", tab->label("thema", d.topic)},
                                        {"high", per_school(d.people_high, disparity.schools_high)},
                                        {"low", per_school(d.people_low, disparity.schools_low)},
                                        {"ratio", ratio}});
  }
  extra["disparity"] = disparity_rows;
  extra["has_disparity"] = !disparity_rows.empty();
  extra["schools_high"] = std::to_string(disparity.schools_high);
  extra["schools_low"] = std::to_string(disparity.schools_low);
  std::string query =
      "?schulform=" + http::url_encode(filter.school_form) + "&sozialindex=" + http::url_encode(filter.band);
  extra["kreise"] = kreis_names;
  extra["kreis_options"] = kreis_options;
  extra["has_kreise"] = !kreise.empty();
  extra["rows"] = rows;
  extra["has_rows"] = !rows.empty();
  extra["total_people"] = text::format_number(people, 0);
  extra["school_forms"] = forms;
  extra["bands"] = bands;
  extra["filter_text"] = "Schulform: " + (filter.school_form.empty() ? std::string("alle") : filter.school_form) +
                         " · Sozialindex: " + band_label(filter.band);
  extra["query"] = query;
  extra["topics"] = tab->options("thema", "");
  extra["groups"] = tab->options("personalgruppe", "", true);
  extra["formats"] = tab->options("format", "");
  extra["offers"] = offers;
  extra["has_offers"] = !offers.empty();
  return survey_page(req, m, "Fortbildungsbedarfe der Schulen", "survey/tab_bedarfe", std::move(extra), status);
}

std::vector<std::vector<std::string>> demand_table(db::Database& db, const TabContext& tab,
                                                   const DemandFilter& filter) {
  std::vector<std::vector<std::string>> out{
      {"Thema", "Personalgruppe", "Format", "Schulen", "Personen", "Personentage"}};
  for (const auto& r : demand(db, filter))
    out.push_back({tab.label("thema", r.topic), tab.label("personalgruppe", r.staff_group),
                   r.format.empty() ? "" : tab.label("format", r.format), std::to_string(r.schools),
                   std::to_string(r.people), text::format_number_exact(r.person_days)});
  return out;
}

http::Response demand_export(http::Request& req, Module& m, bool xlsx) {
  auto db = m.services.pool.acquire();
  auto tab = tab_context(*db);
  if (auto missing = tab_missing(req, m, tab)) return *missing;
  auto kreise = user_kreise(*db, web::current_user(req)->id);
  auto filter = filter_from(req, kreise);
  auto table = demand_table(*db, *tab, filter);
  std::string source = "Quelle: TAB-Checklisten der Schulen (eingereichte Bündel), Stand " + german_date(today_iso()) +
                       "; Schulform: " + (filter.school_form.empty() ? std::string("alle") : filter.school_form) +
                       "; Sozialindex: " + band_label(filter.band);
  if (!xlsx) {
    std::string csv = "\xEF\xBB\xBF";
    for (const auto& row : table) {
      for (std::size_t i = 0; i < row.size(); ++i) csv += (i ? ";" : "") + text::spreadsheet_csv_field(row[i], ';');
      csv += "\r\n";
    }
    csv += text::spreadsheet_csv_field(source, ';') + "\r\n";
    http::Response res;
    res.body = std::move(csv);
    res.set_header("Content-Type", "text/csv; charset=utf-8");
    res.attachment("fortbildungsbedarfe.csv");
    res.set_header("Cache-Control", "no-store");
    return res;
  }
  auto dir = m.services.settings.var_dir / "tmp";
  std::filesystem::create_directories(dir);
  auto path = dir / ("bedarfe-" + web::random_token(12) + ".xlsx");
  try {
    text::XlsxWorkbook book(path);
    lxw_worksheet* ws = book.add_worksheet("Bedarfe");
    lxw_format* bold = book.bold();
    for (std::size_t r = 0; r < table.size(); ++r)
      for (std::size_t c = 0; c < table[r].size(); ++c) {
        if (r > 0 && c >= 3) {
          auto v = text::parse_number(table[r][c], text::NumberStyle::german);
          if (v) {
            worksheet_write_number(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), *v, nullptr);
            continue;
          }
        }
        worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                               text::spreadsheet_text(table[r][c]).c_str(), r == 0 ? bold : nullptr);
      }
    worksheet_write_string(ws, static_cast<lxw_row_t>(table.size() + 1), 0, source.c_str(), nullptr);
    book.close();
  } catch (const text::XlsxWriteError&) {
    return http::Response::error(500, "Die XLSX-Datei konnte nicht geschrieben werden.");
  }
  auto res = http::Response::file(path.string(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.body_file_temporary = true;
  res.attachment("fortbildungsbedarfe.xlsx");
  res.set_header("Cache-Control", "no-store");
  return res;
}

http::Response offer_post(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto tab = tab_context(*db);
  if (auto missing = tab_missing(req, m, tab)) return *missing;
  auto user = *web::current_user(req);
  auto kreise = user_kreise(*db, user.id);
  const auto& form = req.form();
  Offer o;
  o.kreis = form.get_or("kreis", "");
  o.topic = form.get_or("thema", "");
  o.staff_group = form.get_or("gruppe", "");
  o.title = form.get_or("titel", "");
  o.format = form.get_or("format", "");
  o.dates = form.get_or("termine", "");
  std::string places = form.get_or("plaetze", "");
  mstch::array problems;
  if (std::find(kreise.begin(), kreise.end(), o.kreis) == kreise.end())
    problems.push_back(std::string("Bitte wählen Sie einen Ihrer Kreise."));
  if (!tab->in_list("thema", o.topic)) problems.push_back(std::string("Bitte wählen Sie ein Thema."));
  if (!o.staff_group.empty() && !tab->in_list("personalgruppe", o.staff_group))
    problems.push_back(std::string("Die Personalgruppe ist unbekannt."));
  if (!tab->in_list("format", o.format)) problems.push_back(std::string("Bitte wählen Sie ein Format."));
  if (o.title.empty() || o.title.size() > 200)
    problems.push_back(std::string("Bitte geben Sie einen Titel an (höchstens 200 Zeichen)."));
  if (o.dates.empty() || o.dates.size() > 300)
    problems.push_back(std::string("Bitte nennen Sie die Termine (höchstens 300 Zeichen)."));
  auto n = text::parse_number(places, text::NumberStyle::german);
  if (!n || *n < 1 || *n > 10000 || *n != std::floor(*n))
    problems.push_back(std::string("Die Zahl der Plätze muss eine ganze Zahl von 1 bis 10.000 sein."));
  if (!problems.empty())
    return demand_page(req, m,
                       mstch::map{{"offer_problems", problems},
                                  {"has_offer_problems", true},
                                  {"o_title", o.title},
                                  {"o_dates", o.dates},
                                  {"o_places", places}},
                       422);
  o.places = static_cast<int>(*n);
  add_offer(*db, user.id, o);
  return demand_page(
      req, m,
      mstch::map{{"notice", "Das Angebot „" + o.title + "“ ist veröffentlicht; Schulen mit diesem Bedarf sehen es."}});
}

// --- Office: accounts to schools and Kreise ------------------------------------

http::Response assign_post(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  const auto& form = req.form();
  std::string email = form.get_or("email", "");
  auto user = web::find_user_by_email(*db, email);
  std::string school_number = form.get_or("schulnummer", ""), kreis = form.get_or("kreis", "");
  std::string result;
  int status = 200;
  if (!user) {
    result = "Es gibt kein Konto mit der E-Mail-Adresse „" + email.substr(0, 100) + "“.";
    status = 422;
  } else if (!school_number.empty()) {
    auto school = monitor::find_school_by_number(*db, school_number);
    if (!school) {
      result = "Die Schulnummer „" + school_number.substr(0, 20) + "“ steht nicht im Schulverzeichnis.";
      status = 422;
    } else {
      assign_school(*db, user->id, school->id);
      result = email + " ist jetzt der Schule „" + school->name + "“ zugeordnet.";
    }
  } else if (kreis.size() == 5 && std::all_of(kreis.begin(), kreis.end(), ::isdigit)) {
    assign_kreis(*db, user->id, kreis);
    result = email + " ist jetzt für den Kreis " + kreis + " zuständig.";
  } else {
    result = "Bitte geben Sie eine Schulnummer oder einen fünfstelligen Kreisschlüssel an.";
    status = 422;
  }
  return survey_page(req, m, "Zuordnungen", "survey/tab_zuordnung",
                     mstch::map{{"result", result}, {"error", status != 200}}, status);
}

}  // namespace

void register_tab_pages(http::Router& router, const ModulePtr& m) {
  auto guarded = [m](web::Role role, auto handler) {
    return [m, role, handler](http::Request& req) -> http::Response {
      if (auto denied = web::require_role(req, role)) return *denied;
      return handler(req, *m);
    };
  };
  router.get("/tab", guarded(web::Role::school, school_home));
  router.post("/tab/runden", guarded(web::Role::school, start_round));
  router.get("/tab/runden/{id}", guarded(web::Role::school, [](http::Request& req, Module& m) {
               return with_round(req, m, [&](db::Database& db, const TabContext& tab, const Round& round) {
                 return round_page(req, m, db, tab, round);
               });
             }));
  router.post("/tab/runden/{id}/einladen", guarded(web::Role::school, invite_post));
  router.post("/tab/runden/{id}/buendel", guarded(web::Role::school, bundle_post));
  router.get("/tab/bedarfe", guarded(web::Role::training_institution,
                                     [](http::Request& req, Module& m) { return demand_page(req, m); }));
  router.get("/tab/bedarfe.csv", guarded(web::Role::training_institution,
                                         [](http::Request& req, Module& m) { return demand_export(req, m, false); }));
  router.get("/tab/bedarfe.xlsx", guarded(web::Role::training_institution,
                                          [](http::Request& req, Module& m) { return demand_export(req, m, true); }));
  router.post("/tab/angebote", guarded(web::Role::training_institution, offer_post));
  router.get("/tab/zuordnung", guarded(web::Role::data_steward, [](http::Request& req, Module& m) {
               return survey_page(req, m, "Zuordnungen", "survey/tab_zuordnung", {});
             }));
  router.post("/tab/zuordnung", guarded(web::Role::data_steward, assign_post));
}

}  // namespace rf::survey
