// Measures: the list, the proposal form, the measure page with its workflow
// steps, the Fachbeirat's recommendations, milestones, reports, following,
// the office's CSV bulk update of progress, and the public good-practice
// pages (Praxisbeispiele).
#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>

#include "monitor/indicators.hpp"
#include "network/clock.hpp"
#include "network/module.hpp"
#include "text/markdown.hpp"
#include "text/number.hpp"

namespace rf::network {
namespace {

constexpr std::size_t kMaxCsvBytes = 5 * 1024 * 1024;

constexpr std::string_view kThemes[] = {
    "Sprachbildung", "Übergang Kita–Grundschule", "Übergang Schule–Beruf", "MINT",
    "Ganztag",       "Elternbeteiligung",         "Lehrkräftebildung",     "Hochschulzugang"};

monitor::IndicatorView indicators(const Module& m) {
  return monitor::current_indicators(m.services.pool, m.services.settings.root);
}

std::string region_name(const monitor::IndicatorView& view, const std::string& code) {
  auto r = view.region(code);
  return r ? r->name : code;
}

std::string euro(double v) { return text::format_number(v, 0) + " €"; }

// May the viewer see this measure's internal page?
bool may_see(const Viewer& v, const Measure& m) {
  if (v.office() || v.has("board_member")) return true;
  if (!v.has("partner") || !v.organisation_id()) return false;
  auto org = *v.organisation_id();
  return org == m.organisation_id || std::find(m.partner_ids.begin(), m.partner_ids.end(), org) != m.partner_ids.end();
}
// May the viewer report on it and plan its milestones?
bool may_report(const Viewer& v, const Measure& m) {
  if (m.state != "implementation" && m.state != "evaluation") return false;
  return v.office() || (v.has("partner") && v.organisation_id() == m.organisation_id);
}

mstch::array stage_options(std::string_view selected) {
  mstch::array out;
  for (auto s : monitor::kStages) {
    out.push_back(mstch::map{{"value", std::string(monitor::stage_slug(s))},
                             {"label", std::string(monitor::stage_label(s))},
                             {"selected", monitor::stage_slug(s) == selected}});
  }
  return out;
}

std::string stage_name(std::string_view slug) {
  for (auto s : monitor::kStages) {
    if (monitor::stage_slug(s) == slug) return std::string(monitor::stage_label(s));
  }
  return std::string(slug);
}

mstch::map measure_summary(const Measure& m, const Workflow& wf) {
  return mstch::map{{"id", std::to_string(m.id)},
                    {"title", m.title},
                    {"organisation", m.organisation_name},
                    {"state", std::string(wf.state_label(m.state))},
                    {"state_id", m.state},
                    {"stage", stage_name(m.stage)},
                    {"theme", m.theme},
                    {"progress", text::format_number(m.progress_percent, 0)},
                    {"progress_status", std::string(progress_status_label(m.progress_status))},
                    {"due", m.due_at ? format_date(*m.due_at) : std::string()}};
}

// ---- List ----

http::Response list_page(http::Request& req, Module& mod) {
  auto db = mod.services.pool.acquire();
  auto viewer = viewer_of(req, *db);
  if (!viewer.works_on_measures()) return denied(req);
  MeasureFilter f;
  auto state = req.query.get_or("stand", "");
  if (!state.empty()) f.state = state;
  if (!viewer.office() && !viewer.has("board_member")) {
    f.organisation_id = viewer.organisation_id().value_or(-1);
  }
  mstch::array rows;
  for (const auto& m : list_measures(*db, f)) rows.push_back(measure_summary(m, mod.workflow));
  mstch::array states;
  for (const auto& s : mod.workflow.states()) {
    states.push_back(mstch::map{{"value", s.id}, {"label", s.label}, {"selected", s.id == state}});
  }
  bool may_propose = viewer.office() || (viewer.has("partner") && viewer.organisation_id());
  return page(req, mod, "Maßnahmen", "network/massnahmen",
              mstch::map{{"measures", rows},
                         {"has_measures", !rows.empty()},
                         {"states", states},
                         {"may_propose", may_propose},
                         {"saved", req.query.has("gespeichert")}});
}

// ---- Proposal ----

struct ProposalForm {
  Measure m;
  std::string budget_text, duration_text;
  std::vector<std::string> targets;  // typed target values of the three results measures
};

ProposalForm read_proposal(const http::Request& req, const Viewer& viewer) {
  const auto& form = req.form();
  ProposalForm p;
  p.m.title = form.get_or("titel", "");
  p.m.aims = form.get_or("ziele", "");
  p.m.target_group = form.get_or("zielgruppe", "");
  p.m.stage = form.get_or("stufe", "");
  p.m.theme = form.get_or("thema", "");
  p.budget_text = form.get_or("budget", "");
  p.duration_text = form.get_or("laufzeit", "");
  if (auto b = text::parse_number(p.budget_text, text::NumberStyle::german))
    p.m.budget_eur = *b;
  else
    p.m.budget_eur = -1;
  auto d = text::parse_number(p.duration_text, text::NumberStyle::plain);
  p.m.duration_months = d && *d == static_cast<int>(*d) ? static_cast<int>(*d) : 0;
  if (viewer.office()) {
    auto org = text::parse_number(form.get_or("organisation", ""), text::NumberStyle::plain);
    p.m.organisation_id = org ? static_cast<std::int64_t>(*org) : 0;
  } else {
    p.m.organisation_id = viewer.organisation_id().value_or(0);
  }
  p.m.municipalities = form.all("kommune");
  for (const auto& g : form.all("agenda_ziel")) {
    if (auto n = text::parse_number(g, text::NumberStyle::plain)) p.m.goal_ids.push_back(static_cast<std::int64_t>(*n));
  }
  p.m.indicators = form.all("indikator");
  for (const auto& o : form.all("partner")) {
    if (auto n = text::parse_number(o, text::NumberStyle::plain))
      p.m.partner_ids.push_back(static_cast<std::int64_t>(*n));
  }
  for (const char* kind : {"how_much", "how_well", "better_off"}) {
    ResultsMeasure r;
    r.kind = kind;
    r.title = form.get_or(std::string("kennzahl_") + kind, "");
    r.unit = form.get_or(std::string("einheit_") + kind, "");
    auto target_text = form.get_or(std::string("zielwert_") + kind, "");
    p.targets.push_back(target_text);
    r.target = text::parse_number(target_text, text::NumberStyle::german);
    if (r.title.find_first_not_of(" \t") != std::string::npos) p.m.results.push_back(r);
  }
  return p;
}

http::Response proposal_page(http::Request& req, Module& mod, const ProposalForm& p,
                             const std::vector<std::string>& errors, int status) {
  auto db = mod.services.pool.acquire();
  auto viewer = viewer_of(req, *db);
  auto view = indicators(mod);
  mstch::array orgs, partners;
  for (const auto& o : list_organisations(*db)) {
    orgs.push_back(
        mstch::map{{"id", std::to_string(o.id)}, {"name", o.name}, {"selected", o.id == p.m.organisation_id}});
    bool chosen = std::find(p.m.partner_ids.begin(), p.m.partner_ids.end(), o.id) != p.m.partner_ids.end();
    partners.push_back(mstch::map{{"id", std::to_string(o.id)}, {"name", o.name}, {"selected", chosen}});
  }
  mstch::array municipalities;
  for (const auto& r : view.ruhr_kreise()) {
    bool chosen = std::find(p.m.municipalities.begin(), p.m.municipalities.end(), r.code) != p.m.municipalities.end();
    municipalities.push_back(mstch::map{{"code", r.code}, {"name", r.name}, {"checked", chosen}});
  }
  mstch::array goals;
  for (const auto& g : monitor::agenda_goals(*db, view)) {
    bool chosen = std::find(p.m.goal_ids.begin(), p.m.goal_ids.end(), g.id) != p.m.goal_ids.end();
    goals.push_back(mstch::map{{"id", std::to_string(g.id)}, {"title", g.title}, {"checked", chosen}});
  }
  mstch::array inds;
  for (const auto* info : view.list()) {
    bool chosen = std::find(p.m.indicators.begin(), p.m.indicators.end(), info->id) != p.m.indicators.end();
    inds.push_back(mstch::map{{"id", info->id}, {"title", info->title}, {"checked", chosen}});
  }
  mstch::array results;
  int i = 0;
  for (const char* kind : {"how_much", "how_well", "better_off"}) {
    std::string title, unit;
    for (const auto& r : p.m.results) {
      if (r.kind == kind) {
        title = r.title;
        unit = r.unit;
      }
    }
    results.push_back(mstch::map{{"kind", std::string(kind)},
                                 {"label", std::string(results_kind_label(kind))},
                                 {"title", title},
                                 {"unit", unit},
                                 {"target", p.targets.size() > std::size_t(i) ? p.targets[i] : std::string()}});
    ++i;
  }
  mstch::array themes;
  for (auto t : kThemes) themes.push_back(std::string(t));
  std::string own_org;
  if (viewer.organisation_id()) {
    if (auto o = find_organisation(*db, *viewer.organisation_id())) own_org = o->name;
  }
  mstch::map ctx{{"errors", string_array(errors)},
                 {"has_errors", !errors.empty()},
                 {"title", p.m.title},
                 {"aims", p.m.aims},
                 {"target_group", p.m.target_group},
                 {"stages", stage_options(p.m.stage)},
                 {"theme", p.m.theme},
                 {"themes", themes},
                 {"budget", p.budget_text},
                 {"duration", p.duration_text},
                 {"choose_org", viewer.office()},
                 {"own_org", own_org},
                 {"organisations", orgs},
                 {"partners", partners},
                 {"municipalities", municipalities},
                 {"goals", goals},
                 {"indicators", inds},
                 {"results", results}};
  return page(req, mod, "Maßnahme vorschlagen", "network/massnahme_neu", std::move(ctx), status);
}

bool may_propose(const Viewer& v) { return v.office() || (v.has("partner") && v.organisation_id()); }

http::Response proposal_form(http::Request& req, Module& mod) {
  {
    auto db = mod.services.pool.acquire();
    if (!may_propose(viewer_of(req, *db))) return denied(req);
  }
  return proposal_page(req, mod, ProposalForm{}, {}, 200);
}

http::Response proposal_submit(http::Request& req, Module& mod) {
  std::vector<std::string> errors;
  ProposalForm p;
  std::int64_t id = 0;
  std::vector<Notice> notices;
  {
    auto db = mod.services.pool.acquire();
    auto viewer = viewer_of(req, *db);
    if (!may_propose(viewer)) return denied(req);
    p = read_proposal(req, viewer);
    errors = validate_proposal(p.m);
    if (p.budget_text.empty() || p.m.budget_eur < 0) {
      errors.insert(errors.begin(), "Das Budget „" + p.budget_text + "“ ist keine Zahl (z. B. 120.000 oder 95000,50).");
    }
    for (const auto& target : p.targets) {
      if (!target.empty() && !text::parse_number(target, text::NumberStyle::german)) {
        errors.push_back("Der Zielwert „" + target + "“ ist keine Zahl.");
      }
    }
    if (p.m.organisation_id && !find_organisation(*db, p.m.organisation_id))
      errors.push_back("Unbekannte Organisation.");
    if (errors.empty()) {
      db::Transaction tx(*db);
      id = create_measure(*db, mod.workflow, p.m, viewer.user_id());
      web::audit(*db, viewer.user_id(), "measure.propose", "measure", std::to_string(id), "{}", req.remote_address);
      Measure created = *find_measure(*db, id);
      // The office learns of every new proposal.
      for (const auto& r : db->query(
               "SELECT DISTINCT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id WHERE ur.role = 'editor' "
               "AND u.active = 1")) {
        notices.push_back({r.text(0), "Neuer Maßnahmenvorschlag: „" + created.title + "“",
                           "Guten Tag,\n\n" + created.organisation_name + " schlägt die Maßnahme „" + created.title +
                               "“ vor. Bitte prüfen Sie die Vollständigkeit.\n\n" + mod.base_url() +
                               "/netzwerk/massnahmen/" + std::to_string(id) + "\n",
                           "network.step", id});
      }
      enqueue_notices(*db, notices);
      tx.commit();
    }
  }
  if (!errors.empty()) return proposal_page(req, mod, p, errors, 422);
  return http::Response::redirect("/netzwerk/massnahmen/" + std::to_string(id) + "?gespeichert=1");
}

// ---- The measure page ----

// What a failed POST hands back to the page: which form, its messages and
// what was typed, so nothing is lost.
struct FormState {
  std::string form;  // "step:<transition>", "recommendation", "milestone", "report"
  std::vector<std::string> errors;
  bool conflict = false;
  http::Params typed;
};

http::Response measure_page(http::Request& req, Module& mod, std::int64_t id, const FormState& state, int status) {
  auto db = mod.services.pool.acquire();
  auto viewer = viewer_of(req, *db);
  auto m = find_measure(*db, id);
  if (!m) return not_found(req, mod);
  if (!may_see(viewer, *m)) return denied(req);
  auto view = indicators(mod);
  auto today = today_iso(now_seconds());
  auto typed = [&](std::string_view form, std::string_view field) {
    return state.form == form ? state.typed.get_or(field, "") : std::string();
  };

  mstch::array municipalities;
  for (const auto& code : m->municipalities) municipalities.push_back(region_name(view, code));
  mstch::array goals;
  auto agenda = monitor::agenda_goals(*db, view);
  for (auto gid : m->goal_ids) {
    for (const auto& g : agenda) {
      if (g.id == gid) goals.push_back(mstch::map{{"id", std::to_string(g.id)}, {"title", g.title}});
    }
  }
  mstch::array inds;
  for (const auto& i : m->indicators) {
    const auto* info = view.find(i);
    inds.push_back(mstch::map{{"id", i}, {"title", info ? info->title : i}});
  }
  mstch::array partners;
  for (auto o : m->partner_ids) {
    if (auto org = find_organisation(*db, o)) partners.push_back(org->name);
  }
  mstch::array results;
  for (const auto& r : m->results) {
    results.push_back(mstch::map{{"id", std::to_string(r.id)},
                                 {"kind", std::string(results_kind_label(r.kind))},
                                 {"title", r.title},
                                 {"unit", r.unit},
                                 {"target", r.target ? text::format_number(*r.target, 0) : std::string("–")},
                                 {"typed", typed("report", "wert_" + std::to_string(r.id))}});
  }

  // The steps this viewer may take now.
  Actor actor;
  if (viewer.user)
    actor = actor_for(*db, mod.workflow, viewer.user->id, web::role_names(viewer.user->roles), *m, today);
  std::vector<std::pair<std::string, std::string>> meetings;  // id, label
  if (auto body = find_body(*db, mod.workflow.deciding_body())) {
    for (const auto& mt : body_meetings(*db, body->id)) {
      meetings.emplace_back(std::to_string(mt.id), format_date(mt.starts_at) + " – " + mt.title);
    }
  }
  mstch::array steps;
  for (const auto* t : mod.workflow.transitions_from(m->state)) {
    if (!viewer.user || !mod.workflow.may_take(*t, m->state, actor)) continue;
    auto needs = [&](std::string_view f) {
      return std::find(t->requires_fields.begin(), t->requires_fields.end(), f) != t->requires_fields.end();
    };
    std::string form = "step:" + t->id;
    std::string joint = typed(form, "empfehlung");
    mstch::array joint_options;
    for (const char* v : {"approve", "conditions", "reject"}) {
      joint_options.push_back(
          mstch::map{{"value", std::string(v)}, {"label", std::string(verdict_label(v))}, {"selected", joint == v}});
    }
    mstch::array step_meetings;
    auto chosen_meeting = typed(form, "sitzung");
    for (const auto& [meeting_id, label] : meetings) {
      step_meetings.push_back(
          mstch::map{{"id", meeting_id}, {"label", label}, {"selected", meeting_id == chosen_meeting}});
    }
    steps.push_back(mstch::map{{"id", t->id},
                               {"label", t->label},
                               {"needs_remarks", needs("remarks")},
                               {"needs_reasons", needs("reasons")},
                               {"needs_meeting", needs("meeting")},
                               {"needs_joint", needs("joint_recommendation")},
                               {"needs_evaluation", needs("evaluation")},
                               {"needs_summary", needs("public_summary")},
                               {"offers_due_date", t->id == "return"},
                               {"remarks", typed(form, "anmerkungen")},
                               {"reasons", typed(form, "gruende")},
                               {"evaluation", typed(form, "evaluation")},
                               {"summary", typed(form, "praxisbeispiel")},
                               {"due_date", typed(form, "frist")},
                               {"joint_options", joint_options},
                               {"meetings", step_meetings},
                               {"errors", state.form == form ? string_array(state.errors) : mstch::array{}},
                               {"has_errors", state.form == form && !state.errors.empty()}});
  }

  // The Fachbeirat: its members' recommendations, and the viewer's own form.
  bool sees_recommendations = viewer.office() || viewer.has("board_member") || !m->joint_recommendation.empty();
  mstch::array recs;
  if (sees_recommendations) {
    for (const auto& r : measure_recommendations(*db, m->id)) {
      recs.push_back(mstch::map{{"name", r.person_name},
                                {"verdict", std::string(verdict_label(r.verdict))},
                                {"reasons", r.reasons},
                                {"conditions", r.conditions},
                                {"date", format_date(r.created_at)}});
    }
  }
  std::string barrier;
  bool may_recommend = false;
  if (viewer.has("board_member") && m->state == "advisory") {
    barrier = recommendation_barrier(*db, mod.workflow, *m, viewer.person, today);
    may_recommend = barrier.empty();
  }
  std::string verdict = typed("recommendation", "votum");
  mstch::array verdicts;
  for (const char* v : {"approve", "conditions", "reject"}) {
    verdicts.push_back(
        mstch::map{{"value", std::string(v)}, {"label", std::string(verdict_label(v))}, {"checked", verdict == v}});
  }

  mstch::array milestones;
  for (const auto& ms : measure_milestones(*db, m->id)) {
    milestones.push_back(mstch::map{{"code", ms.code},
                                    {"title", ms.title},
                                    {"due", format_iso_date_de(ms.due_date)},
                                    {"percent", text::format_number(ms.percent, 0)},
                                    {"status", std::string(progress_status_label(ms.status))}});
  }
  mstch::array reports;
  for (const auto& r : measure_reports(*db, m->id)) {
    mstch::array values;
    for (const auto& [title, value] : r.values) values.push_back(mstch::map{{"title", title}, {"value", value}});
    reports.push_back(
        mstch::map{{"period", r.period}, {"text", r.text}, {"date", format_date(r.created_at)}, {"values", values}});
  }
  mstch::array history;
  for (const auto& h : measure_history(*db, m->id)) {
    const auto* t = mod.workflow.transition(h.transition);
    history.push_back(mstch::map{{"date", format_datetime(h.at)},
                                 {"step", t ? t->label : std::string("Vorgeschlagen")},
                                 {"state", std::string(mod.workflow.state_label(h.to_state))},
                                 {"who", h.user_name},
                                 {"note", h.note}});
  }
  mstch::array decisions;
  for (const auto& d : measure_decisions(*db, m->id)) {
    decisions.push_back(mstch::map{{"reference", d.reference()},
                                   {"outcome", std::string(decision_outcome_label(d.outcome))},
                                   {"reasons", d.reasons}});
  }
  bool reporting = may_report(viewer, *m);
  auto ctx = measure_summary(*m, mod.workflow);
  ctx.insert(
      {{"measure_id", std::to_string(m->id)},
       {"version", std::to_string(m->version)},
       {"aims", m->aims},
       {"target_group", m->target_group},
       {"budget", euro(m->budget_eur)},
       {"duration", std::to_string(m->duration_months) + " Monate"},
       {"municipalities", municipalities},
       {"goals", goals},
       {"indicators", inds},
       {"partners", partners},
       {"has_partners", !partners.empty()},
       {"results", results},
       {"remarks", m->remarks},
       {"joint", m->joint_recommendation.empty() ? std::string() : std::string(verdict_label(m->joint_recommendation))},
       {"joint_reasons", m->joint_reasons},
       {"evaluation", m->evaluation},
       {"steps", steps},
       {"has_steps", !steps.empty()},
       {"conflict", state.conflict},
       {"conflict_message", state.conflict && !state.errors.empty() ? state.errors.front() : std::string()},
       {"recommendations", recs},
       {"has_recommendations", !recs.empty()},
       {"sees_recommendations", sees_recommendations},
       {"barrier", barrier},
       {"may_recommend", may_recommend},
       {"verdicts", verdicts},
       {"rec_reasons", typed("recommendation", "begruendung")},
       {"rec_conditions", typed("recommendation", "auflagen")},
       {"rec_errors", state.form == "recommendation" ? string_array(state.errors) : mstch::array{}},
       {"rec_has_errors", state.form == "recommendation" && !state.errors.empty()},
       {"milestones", milestones},
       {"has_milestones", !milestones.empty()},
       {"reports", reports},
       {"has_reports", !reports.empty()},
       {"reporting", reporting},
       {"ms_code", typed("milestone", "kuerzel")},
       {"ms_title", typed("milestone", "titel")},
       {"ms_due", typed("milestone", "faellig")},
       {"ms_errors", state.form == "milestone" ? string_array(state.errors) : mstch::array{}},
       {"ms_has_errors", state.form == "milestone" && !state.errors.empty()},
       {"report_period", typed("report", "zeitraum")},
       {"report_text", typed("report", "text")},
       {"report_errors", state.form == "report" ? string_array(state.errors) : mstch::array{}},
       {"report_has_errors", state.form == "report" && !state.errors.empty()},
       {"history", history},
       {"decisions", decisions},
       {"has_decisions", !decisions.empty()},
       {"following", viewer.user && is_following(*db, m->id, viewer.user->id)},
       {"saved", req.query.has("gespeichert")}});
  return page(req, mod, m->title, "network/massnahme", std::move(ctx), status);
}

http::Response measure_get(http::Request& req, Module& mod) {
  auto id = id_param(req, "id");
  if (!id) return not_found(req, mod);
  return measure_page(req, mod, *id, {}, 200);
}

// ---- The measure page's forms ----
//
// Every form on the measure page is sent the same way: find the measure, check
// that the viewer may use this form, change the data in one transaction, then
// go back to the page at the form's anchor, or show the page again with the
// problems (the transaction rolls back).

// Who may send a form: whoever may see the measure, the partner reporting on it
// (and the office), or the Fachbeirat. The Fachbeirat's role is checked before
// the measure is looked up.
enum class Sender { viewer, reporter, board_member };

// The change itself: fills state.errors (and state.conflict) when it cannot be
// made, or returns an answer that ends the request (a denial).
using MeasureChange =
    std::function<std::optional<http::Response>(db::Database&, const Viewer&, const Measure&, FormState&)>;

http::Response post_on_measure(http::Request& req, Module& mod, std::string form, Sender sender, int error_status,
                               std::string_view anchor, const MeasureChange& change) {
  auto id = id_param(req, "id");
  if (!id) return not_found(req, mod);
  FormState state;
  state.form = std::move(form);
  state.typed = req.form();
  {
    auto db = mod.services.pool.acquire();
    auto viewer = viewer_of(req, *db);
    if (sender == Sender::board_member && !viewer.has("board_member")) return denied(req);
    auto m = find_measure(*db, *id);
    if (!m) return not_found(req, mod);
    if (sender == Sender::viewer && (!viewer.user || !may_see(viewer, *m))) return denied(req);
    if (sender == Sender::reporter && !may_report(viewer, *m)) return denied(req);
    db::Transaction tx(*db);
    if (auto answer = change(*db, viewer, *m, state)) return std::move(*answer);
    if (state.errors.empty()) tx.commit();
  }
  if (!state.errors.empty()) return measure_page(req, mod, *id, state, error_status);
  return http::Response::redirect("/netzwerk/massnahmen/" + std::to_string(*id) + "?gespeichert=1" +
                                  std::string(anchor));
}

http::Response step_post(http::Request& req, Module& mod) {
  const auto& form = req.form();
  auto change = [&](db::Database& db, const Viewer& viewer, const Measure& m,
                    FormState& state) -> std::optional<http::Response> {
    StepRequest step;
    step.measure_id = m.id;
    step.transition = form.get_or("schritt", "");
    auto version = text::parse_number(form.get_or("version", ""), text::NumberStyle::plain);
    step.expected_version = version ? static_cast<int>(*version) : -1;
    step.fields.remarks = form.get_or("anmerkungen", "");
    step.fields.reasons = form.get_or("gruende", "");
    if (auto meeting = text::parse_number(form.get_or("sitzung", ""), text::NumberStyle::plain)) {
      step.fields.meeting_id = static_cast<std::int64_t>(*meeting);
    }
    step.fields.joint_recommendation = form.get_or("empfehlung", "");
    step.fields.evaluation = form.get_or("evaluation", "");
    step.fields.public_summary = form.get_or("praxisbeispiel", "");
    step.due_date = form.get_or("frist", "");
    step.now = now_seconds();
    step.today = today_iso(step.now);
    if (step.transition == "conclude_advice" && step.fields.joint_recommendation == "approve" &&
        step.fields.reasons.empty()) {
      step.fields.reasons = "Der Fachbeirat empfiehlt die Bewilligung.";
    }
    auto actor = actor_for(db, mod.workflow, viewer.user->id, web::role_names(viewer.user->roles), m, step.today);
    if (!mod.workflow.transition(step.transition) ||
        !mod.workflow.may_take(*mod.workflow.transition(step.transition), m.state, actor)) {
      // Not the viewer's step, or no longer possible from here: tell them why.
      if (const auto* t = mod.workflow.transition(step.transition); t && t->allowed_from(m.state)) return denied(req);
    }
    auto result = take_step(db, mod.workflow, step, viewer.user->id, actor, mod.base_url(), req.remote_address);
    if (!result.ok) {
      state.errors = result.problems;
      state.conflict = result.conflict;
    } else {
      enqueue_notices(db, result.notices);
    }
    return std::nullopt;
  };
  return post_on_measure(req, mod, "step:" + form.get_or("schritt", ""), Sender::viewer, 409, "", change);
}

http::Response recommendation_post(http::Request& req, Module& mod) {
  auto change = [&](db::Database& db, const Viewer& viewer, const Measure& m,
                    FormState& state) -> std::optional<http::Response> {
    Recommendation r;
    r.verdict = req.form().get_or("votum", "");
    r.reasons = req.form().get_or("begruendung", "");
    r.conditions = req.form().get_or("auflagen", "");
    state.errors =
        record_recommendation(db, mod.workflow, m, viewer.person, r, today_iso(now_seconds()), req.remote_address);
    return std::nullopt;
  };
  return post_on_measure(req, mod, "recommendation", Sender::board_member, 422, "#fachbeirat", change);
}

http::Response milestone_post(http::Request& req, Module& mod) {
  auto change = [&](db::Database& db, const Viewer&, const Measure& m,
                    FormState& state) -> std::optional<http::Response> {
    Milestone ms;
    ms.code = req.form().get_or("kuerzel", "");
    ms.title = req.form().get_or("titel", "");
    ms.due_date = req.form().get_or("faellig", "");
    state.errors = add_milestone(db, m.id, ms, today_iso(now_seconds()));
    if (state.errors.empty()) enqueue_notices(db, refresh_progress(db, m.id, mod.base_url()));
    return std::nullopt;
  };
  return post_on_measure(req, mod, "milestone", Sender::reporter, 422, "#umsetzung", change);
}

http::Response report_post(http::Request& req, Module& mod) {
  auto change = [&](db::Database& db, const Viewer& viewer, const Measure& m,
                    FormState& state) -> std::optional<http::Response> {
    auto period = req.form().get_or("zeitraum", "");
    auto text_value = req.form().get_or("text", "");
    if (period.find_first_not_of(" ") == std::string::npos)
      state.errors.push_back("Bitte nennen Sie den Berichtszeitraum (z. B. 2026-H1).");
    if (text_value.size() > 20000) state.errors.push_back("Der Bericht ist zu lang (höchstens 20.000 Zeichen).");
    std::vector<ReportValue> values;
    for (const auto& r : m.results) {
      auto typed = req.form().get_or("wert_" + std::to_string(r.id), "");
      if (typed.empty()) continue;
      auto v = text::parse_number(typed, text::NumberStyle::german);
      if (!v) {
        state.errors.push_back("„" + r.title + "“: „" + typed + "“ ist keine Zahl.");
      } else {
        values.push_back({r.id, *v});
      }
    }
    if (values.empty() && state.errors.empty()) {
      state.errors.push_back("Bitte tragen Sie mindestens einen Wert Ihrer Wirkungskennzahlen ein.");
    }
    if (!state.errors.empty()) return std::nullopt;
    add_report(db, m.id, period, text_value, values, viewer.user_id());
    web::audit(db, viewer.user_id(), "measure.report", "measure", std::to_string(m.id), "{}", req.remote_address);
    std::vector<Notice> notices;
    for (const auto& r : db.query("SELECT u.email FROM net_followers f JOIN users u ON u.id = f.user_id WHERE "
                                  "f.measure_id = ? AND u.active = 1",
                                  {m.id})) {
      notices.push_back({r.text(0), "Neuer Bericht zur Maßnahme „" + m.title + "“",
                         "Guten Tag,\n\nzur Maßnahme „" + m.title + "“ liegt ein neuer Bericht (" + period +
                             ") vor.\n\n" + mod.base_url() + "/netzwerk/massnahmen/" + std::to_string(m.id) + "\n",
                         "network.report", m.id});
    }
    enqueue_notices(db, notices);
    return std::nullopt;
  };
  return post_on_measure(req, mod, "report", Sender::reporter, 422, "#berichte", change);
}

http::Response follow_post(http::Request& req, Module& mod) {
  auto id = id_param(req, "id");
  if (!id) return not_found(req, mod);
  auto db = mod.services.pool.acquire();
  auto viewer = viewer_of(req, *db);
  auto m = find_measure(*db, *id);
  if (!m) return not_found(req, mod);
  if (!viewer.user || !may_see(viewer, *m)) return denied(req);
  follow(*db, *id, viewer.user->id, req.form().get_or("folgen", "1") == "1");
  return http::Response::redirect("/netzwerk/massnahmen/" + std::to_string(*id));
}

// ---- The office's CSV bulk update ----

http::Response bulk_page(http::Request& req, Module& mod, const std::vector<std::string>& errors, std::string message,
                         int status) {
  return page(req, mod, "Fortschritt aus CSV aktualisieren", "network/fortschritt",
              mstch::map{{"errors", string_array(errors)}, {"has_errors", !errors.empty()}, {"message", message}},
              status);
}

http::Response bulk_get(http::Request& req, Module& mod) {
  if (auto d = web::require_role(req, web::Role::editor)) return *d;
  return bulk_page(req, mod, {}, "", 200);
}

http::Response bulk_post(http::Request& req, Module& mod) {
  if (auto d = web::require_role(req, web::Role::editor)) return *d;
  std::string csv;
  for (const auto& f : req.files) {
    if (f.field != "datei") continue;
    if (f.size > kMaxCsvBytes) return bulk_page(req, mod, {"Die Datei ist zu groß (höchstens 5 MB)."}, "", 413);
    std::ifstream in(f.path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    csv = s.str();
  }
  if (csv.empty()) csv = req.form().get_or("csv", "");
  if (csv.empty()) return bulk_page(req, mod, {"Bitte wählen Sie eine CSV-Datei."}, "", 422);
  BulkResult result;
  {
    auto db = mod.services.pool.acquire();
    db::Transaction tx(*db);
    result = bulk_progress_update(*db, csv, mod.base_url());
    if (result.problems.empty()) {
      web::audit(*db, web::current_user(req)->id, "measure.bulk_progress", "measure", "",
                 "{\"rows\":" + std::to_string(result.rows) + "}", req.remote_address);
      enqueue_notices(*db, result.notices);
      tx.commit();
    }
  }
  if (!result.problems.empty()) return bulk_page(req, mod, result.problems, "", 422);
  return bulk_page(
      req, mod, {},
      std::to_string(result.rows) + " Meilensteine in " + std::to_string(result.measures) + " Maßnahmen aktualisiert.",
      200);
}

// ---- Praxisbeispiele (public) ----

http::Response practice_list(http::Request& req, Module& mod) {
  auto db = mod.services.pool.acquire();
  auto view = indicators(mod);
  MeasureFilter f;
  f.released_only = true;
  auto theme = req.query.get_or("thema", "");
  auto stage = req.query.get_or("stufe", "");
  auto place = req.query.get_or("kommune", "");
  if (!theme.empty()) f.theme = theme;
  if (!stage.empty()) f.stage = stage;
  if (!place.empty()) f.municipality = place;
  mstch::array rows;
  for (const auto& m : list_measures(*db, f)) {
    auto v = measure_summary(m, mod.workflow);
    v["summary"] = m.public_summary.substr(0, 300);
    rows.push_back(v);
  }
  mstch::array themes;
  for (auto t : kThemes)
    themes.push_back(mstch::map{{"value", std::string(t)}, {"label", std::string(t)}, {"selected", t == theme}});
  mstch::array places;
  for (const auto& r : view.ruhr_kreise()) {
    places.push_back(mstch::map{{"value", r.code}, {"label", r.name}, {"selected", r.code == place}});
  }
  return page(req, mod, "Praxisbeispiele", "network/praxisbeispiele",
              mstch::map{{"measures", rows},
                         {"has_measures", !rows.empty()},
                         {"themes", themes},
                         {"stages", stage_options(stage)},
                         {"places", places},
                         {"count", std::to_string(rows.size())}});
}

http::Response practice_detail(http::Request& req, Module& mod) {
  auto id = id_param(req, "id");
  if (!id) return not_found(req, mod);
  auto db = mod.services.pool.acquire();
  auto m = find_measure(*db, *id);
  if (!m || !m->released) return not_found(req, mod);
  auto view = indicators(mod);
  mstch::array places;
  for (const auto& code : m->municipalities) places.push_back(region_name(view, code));
  auto ctx = measure_summary(*m, mod.workflow);
  ctx["summary_html"] = text::markdown_to_html(m->public_summary);
  ctx["places"] = places;
  ctx["aims"] = m->aims;
  ctx["target_group"] = m->target_group;
  mstch::array reports;
  for (const auto& r : measure_reports(*db, m->id)) {
    mstch::array values;
    for (const auto& [title, value] : r.values) values.push_back(mstch::map{{"title", title}, {"value", value}});
    reports.push_back(mstch::map{{"period", r.period}, {"values", values}});
  }
  ctx["reports"] = reports;
  return page(req, mod, m->title, "network/praxisbeispiel", std::move(ctx));
}

}  // namespace

void register_measure_pages(http::Router& router, const ModulePtr& module) {
  router.get("/netzwerk/massnahmen", route_to(module, list_page));
  router.get("/netzwerk/massnahmen/neu", route_to(module, proposal_form));
  router.post("/netzwerk/massnahmen", route_to(module, proposal_submit));
  router.get("/netzwerk/massnahmen/fortschritt", route_to(module, bulk_get));
  http::RouteOptions csv_upload;
  csv_upload.max_body_bytes = kMaxCsvBytes + 64 * 1024;
  router.post("/netzwerk/massnahmen/fortschritt", route_to(module, bulk_post), csv_upload);
  router.get("/netzwerk/massnahmen/{id}", route_to(module, measure_get));
  router.post("/netzwerk/massnahmen/{id}/schritt", route_to(module, step_post));
  router.post("/netzwerk/massnahmen/{id}/empfehlung", route_to(module, recommendation_post));
  router.post("/netzwerk/massnahmen/{id}/meilensteine", route_to(module, milestone_post));
  router.post("/netzwerk/massnahmen/{id}/berichte", route_to(module, report_post));
  router.post("/netzwerk/massnahmen/{id}/folgen", route_to(module, follow_post));
  router.get("/netzwerk/praxisbeispiele", route_to(module, practice_list));
  router.get("/netzwerk/praxisbeispiele/{id}", route_to(module, practice_detail));
}

}  // namespace rf::network
