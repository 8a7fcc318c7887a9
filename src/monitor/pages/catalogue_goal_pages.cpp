// The catalogue (/monitor/katalog: shown to everyone, replaced by data
// stewards after validation), the goals of the common agenda
// (/monitor/ziele: public list, editing for data stewards) and the page about
// open data (/monitor/offene-daten).
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "db/database.hpp"
#include "web/middleware.hpp"
#include "web/accounts.hpp"
#include "web/audit.hpp"
#include "web/dates.hpp"
#include "monitor/store/catalogues.hpp"
#include "monitor/store/goals.hpp"
#include "monitor/open_data/module.hpp"
#include "monitor/pages/pages.hpp"
#include "monitor/pages/page_views.hpp"
#include "monitor/engine/value_rows.hpp"
#include "text/number.hpp"
#include "text/files.hpp"

namespace rf::monitor {

namespace {

std::string polarity_label(Polarity p) {
  return p == Polarity::up_is_good     ? "höher ist günstiger"
         : p == Polarity::down_is_good ? "niedriger ist günstiger"
                                       : "ohne Wertung";
}

// Everything the catalogue page shows; `errors` of a rejected upload.
mstch::map catalogue_context(const ModulePtr& module, const IndicatorView& view,
                             const std::vector<std::string>& upload_errors, const std::string& upload_text) {
  const auto* state = view.state();
  mstch::array stages;
  for (Stage stage : kStages) {
    mstch::array items;
    for (const auto& def : state->engine->catalogue().indicators) {
      const auto& i = def.info;
      if (i.stage != stage) continue;
      std::string groups;
      for (const auto& [dimension, list] : def.groups) {
        for (const auto& [g, label] : list) groups += (groups.empty() ? "" : ", ") + label;
      }
      items.push_back(mstch::map{{"id", i.id},
                                 {"title", i.title},
                                 {"definition", i.definition},
                                 {"unit", i.unit},
                                 {"polarity", polarity_label(i.polarity)},
                                 {"source", i.source},
                                 {"groups", groups},
                                 {"sources", static_cast<int>(def.sources.size())},
                                 {"url", "/monitor/indikatoren/" + i.id}});
    }
    if (!items.empty()) stages.push_back(mstch::map{{"label", std::string(stage_label(stage))}, {"items", items}});
  }
  mstch::array history = version_history(module->services, VersionedText::catalogue);
  return mstch::map{{"origin", state->catalogue_origin},
                    {"stages", stages},
                    {"count", static_cast<int>(state->engine->catalogue().indicators.size())},
                    {"errors", string_list(state->catalogue_errors)},
                    {"has_errors", !state->catalogue_errors.empty()},
                    {"warnings", string_list(state->catalogue_warnings)},
                    {"has_warnings", !state->catalogue_warnings.empty()},
                    {"upload_errors", string_list(upload_errors)},
                    {"has_upload_errors", !upload_errors.empty()},
                    {"upload_text", upload_text},
                    {"history", history},
                    {"has_history", !history.empty()}};
}

// Validates a catalogue text against the loaded datasets: German errors.
std::vector<std::string> validate_catalogue(const IndicatorView& view, const std::string& text,
                                            std::vector<std::string>& warnings) {
  auto parsed = parse_catalogue(text);
  if (!parsed.catalogue) return parsed.errors;
  std::vector<std::string> errors;
  Engine::check_against_cube(*parsed.catalogue, engine_of(view).cube(), errors, warnings);
  return errors;
}

// The goal form's fields.
struct GoalForm {
  Goal goal;
  std::string target_text, year_text, baseline_text, group_text;
};

GoalForm read_goal_form(const http::Request& req, const IndicatorView& view) {
  const auto& f = req.form();
  GoalForm form;
  form.goal.indicator = f.get_or("indikator", "");
  form.goal.region = f.get_or("region", "ruhr");
  form.group_text = f.get_or("gruppe", "");
  if (auto eq = form.group_text.find('='); eq != std::string::npos) {
    form.goal.group = {form.group_text.substr(0, eq), form.group_text.substr(eq + 1)};
  }
  form.baseline_text = f.get_or("ausgangszeitraum", "");
  form.goal.baseline_period = form.baseline_text;
  if (const auto* def = engine_of(view).catalogue().find(form.goal.indicator)) {
    if (auto key = engine_of(view).resolve_period(*def, form.baseline_text)) form.goal.baseline_period = *key;
  }
  form.target_text = f.get_or("zielwert", "");
  if (auto v = text::parse_number(form.target_text, text::NumberStyle::german)) form.goal.target_value = *v;
  form.year_text = f.get_or("zieljahr", "");
  if (auto y = text::parse_number(form.year_text, text::NumberStyle::plain))
    form.goal.target_year = static_cast<int>(*y);
  form.goal.title = f.get_or("titel", "");
  form.goal.note = f.get_or("notiz", "");
  return form;
}

http::Response goal_form_page(const http::Request& req, const ModulePtr& module, const IndicatorView& view,
                              const GoalForm& form, const std::vector<std::string>& errors, int status = 200) {
  mstch::array indicators;
  mstch::array groups{
      mstch::map{{"value", std::string()}, {"label", std::string("insgesamt")}, {"selected", form.group_text.empty()}}};
  std::set<std::string> seen_groups;
  for (const auto& def : engine_of(view).catalogue().indicators) {
    indicators.push_back(
        mstch::map{{"id", def.info.id}, {"title", def.info.title}, {"selected", def.info.id == form.goal.indicator}});
    for (const auto& [dimension, list] : def.groups) {
      for (const auto& [g, label] : list) {
        const std::string value = dimension + "=" + g;
        if (seen_groups.insert(value).second)
          groups.push_back(mstch::map{{"value", value}, {"label", label}, {"selected", value == form.group_text}});
      }
    }
  }
  mstch::array regions;
  auto add_region = [&](const std::string& code) {
    if (auto r = view.region(code)) {
      regions.push_back(mstch::map{{"code", code}, {"name", r->name}, {"selected", code == form.goal.region}});
    }
  };
  add_region("ruhr");
  add_region("05");
  for (const auto& k : view.ruhr_kreise()) add_region(k.code);
  const bool is_new = form.goal.id == 0;
  mstch::map context{
      {"is_new", is_new},
      {"action", is_new ? std::string("/monitor/ziele") : "/monitor/ziele/" + std::to_string(form.goal.id)},
      {"indicators", indicators},
      {"groups", groups},
      {"regions", regions},
      {"baseline", form.baseline_text},
      {"target", form.target_text},
      {"year", form.year_text},
      {"title", form.goal.title},
      {"note", form.goal.note},
      {"errors", string_list(errors)},
      {"has_errors", !errors.empty()}};
  return monitor_page(req, module->services, is_new ? "Neues Ziel" : "Ziel bearbeiten", "monitor/ziel_formular",
                      std::move(context), status);
}

// Stores `text` as the catalogue in force, with an audit entry, and drops
// this instance's cached pages (the others follow within a second).
void replace_catalogue(const http::Request& req, const ModulePtr& module, const std::string& text,
                       const std::string& comment, const char* audit_action) {
  auto db = module->services.pool.acquire();
  db::Transaction tx(*db);
  const auto id =
      store_version(*db, VersionedText::catalogue, text, comment, web::current_user_id(req), web::unix_now());
  web::audit(*db, web::current_user_id(req), audit_action, "indicator_catalogue", std::to_string(id), "{}",
             req.remote_address);
  tx.commit();
  module->pages.invalidate();
}

// ---- the catalogue ----------------------------------------------------------

http::Response catalogue_page(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  auto context = catalogue_context(module, view, {}, "");
  context["saved"] = req.query.has("gespeichert");
  return monitor_page(req, module->services, "Indikatorenkatalog", "monitor/katalog", std::move(context));
}

http::Response catalogue_yaml(http::Request&, const ModulePtr& module) {
  auto view = module->view();
  return yaml_download(engine_of(view).catalogue().text, "indicators.yaml");
}

http::Response catalogue_upload(http::Request& req, const ModulePtr& module) {
  if (auto denied = web::require_role(req, web::Role::data_steward)) return *denied;
  auto view = module->view();
  std::string text = req.form().get_or("yaml", "");
  for (const auto& f : req.files) {
    if (f.field == "datei" && f.size > 0) text = text::read_file(f.path).value_or("");
  }
  const std::string comment = req.form().get_or("kommentar", "");
  std::vector<std::string> warnings;
  std::vector<std::string> errors;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors.push_back("Bitte eine YAML-Datei wählen oder den Katalog in das Textfeld einfügen.");
  } else if (text.size() > 2 * 1024 * 1024) {
    errors.push_back("Die Datei ist größer als 2 MB.");
  } else {
    errors = validate_catalogue(view, text, warnings);
  }
  if (!errors.empty()) {
    auto context = catalogue_context(module, view, errors, text.size() <= 200000 ? text : std::string());
    return monitor_page(req, module->services, "Indikatorenkatalog", "monitor/katalog", std::move(context), 422);
  }
  replace_catalogue(req, module, text, comment, "monitor.catalogue.upload");
  return http::Response::redirect("/monitor/katalog?gespeichert=1");
}

http::Response catalogue_reset(http::Request& req, const ModulePtr& module) {
  if (auto denied = web::require_role(req, web::Role::data_steward)) return *denied;
  const std::string text = text::read_file(module->services.settings.root / "data" / "indicators.yaml").value_or("");
  replace_catalogue(req, module, text, "mitgelieferte Fassung (data/indicators.yaml)", "monitor.catalogue.reset");
  return http::Response::redirect("/monitor/katalog?gespeichert=1");
}

// ---- goals ------------------------------------------------------------------

mstch::map goal_row(const Goal& g, const IndicatorView& view) {
  const auto* info = view.find(g.indicator);
  auto a = assess_goal(g, view);
  auto r = view.region(g.region);
  const int d = info ? info->decimals : 1;
  const std::string unit = info ? info->unit : "";
  std::string group;
  if (!g.group.empty()) {
    if (const auto* def = engine_of(view).catalogue().find(g.indicator)) group = def->group_label(g.group);
  }
  return mstch::map{{"id", std::to_string(g.id)},
                    {"title", g.title},
                    {"indicator", info ? info->title : g.indicator},
                    {"indicator_url", "/monitor/indikatoren/" + g.indicator},
                    {"region", (r ? r->name : g.region) + (group.empty() ? "" : ", " + group)},
                    {"baseline", IndicatorView::period_label(g.baseline_period) + ": " +
                                     (a.baseline_value ? charts::format_value(*a.baseline_value, d, unit) : "–")},
                    {"latest", a.latest_period ? IndicatorView::period_label(*a.latest_period) + ": " +
                                                     charts::format_value(*a.latest_value, d, unit)
                                               : std::string("–")},
                    {"target", charts::format_value(g.target_value, d, unit) + " bis " + std::to_string(g.target_year)},
                    {"status", std::string(goal_status_label(a.status))},
                    {"slug", std::string(goal_status_slug(a.status))},
                    {"explanation", a.explanation},
                    {"note", g.note}};
}

http::Response goals_page(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  mstch::array items;
  for (const auto& g : list_goals(module->services.pool)) items.push_back(goal_row(g, view));
  return monitor_page(
      req, module->services, "Ziele der gemeinsamen Agenda", "monitor/ziele",
      mstch::map{{"goals", items}, {"has_goals", !items.empty()}, {"saved", req.query.has("gespeichert")}});
}

http::Response goal_new_form(http::Request& req, const ModulePtr& module) {
  if (auto denied = web::require_role(req, web::Role::data_steward)) return *denied;
  auto view = module->view();
  GoalForm form;
  form.goal.indicator = req.query.get_or("indikator", "");
  form.baseline_text = "2015";
  return goal_form_page(req, module, view, form, {});
}

http::Response goal_edit_form(http::Request& req, const ModulePtr& module) {
  if (auto denied = web::require_role(req, web::Role::data_steward)) return *denied;
  auto view = module->view();
  std::optional<Goal> goal;
  {
    auto db = module->services.pool.acquire();
    goal = find_goal(*db, std::atoll(req.param("id").c_str()));
  }
  if (!goal) return monitor_not_found(req, module->services, "Dieses Ziel gibt es nicht.");
  GoalForm form;
  form.goal = *goal;
  form.baseline_text = goal->baseline_period;
  form.target_text = text::format_number_exact(goal->target_value);
  form.year_text = std::to_string(goal->target_year);
  form.group_text = goal->group.empty() ? "" : goal->group.dimension + "=" + goal->group.group;
  return goal_form_page(req, module, view, form, {});
}

// Creates (id 0) or updates a goal from the form.
http::Response save_goal_form(http::Request& req, const ModulePtr& module, std::int64_t id) {
  if (auto denied = web::require_role(req, web::Role::data_steward)) return *denied;
  auto view = module->view();
  GoalForm form = read_goal_form(req, view);
  form.goal.id = id;
  auto errors = validate_goal(form.goal, view);
  if (!text::parse_number(form.target_text, text::NumberStyle::german)) {
    errors.push_back("Bitte einen Zielwert als Zahl angeben (z. B. 5,5).");
  }
  if (!errors.empty()) return goal_form_page(req, module, view, form, errors, 422);
  auto db = module->services.pool.acquire();
  db::Transaction tx(*db);
  if (id != 0 && !find_goal(*db, id)) return monitor_not_found(req, module->services, "Dieses Ziel gibt es nicht.");
  auto saved = save_goal(*db, form.goal, web::current_user_id(req));
  web::audit(*db, web::current_user_id(req), id == 0 ? "monitor.goal.create" : "monitor.goal.update", "monitor_goal",
             std::to_string(saved), "{}", req.remote_address);
  tx.commit();
  module->pages.invalidate();  // this instance at once, the others within a second
  return http::Response::redirect("/monitor/ziele?gespeichert=1");
}

http::Response goal_create(http::Request& req, const ModulePtr& module) { return save_goal_form(req, module, 0); }

http::Response goal_update(http::Request& req, const ModulePtr& module) {
  auto id = std::atoll(req.param("id").c_str());
  if (id <= 0) return http::Response::error(404, "Dieses Ziel gibt es nicht.");
  return save_goal_form(req, module, id);
}

http::Response goal_delete(http::Request& req, const ModulePtr& module) {
  if (auto denied = web::require_role(req, web::Role::data_steward)) return *denied;
  auto id = std::atoll(req.param("id").c_str());
  auto db = module->services.pool.acquire();
  db::Transaction tx(*db);
  if (!delete_goal(*db, id)) return monitor_not_found(req, module->services, "Dieses Ziel gibt es nicht.");
  web::audit(*db, web::current_user_id(req), "monitor.goal.delete", "monitor_goal", std::to_string(id), "{}",
             req.remote_address);
  tx.commit();
  module->pages.invalidate();  // this instance at once, the others within a second
  return http::Response::redirect("/monitor/ziele?gespeichert=1");
}

// ---- open data --------------------------------------------------------------

http::Response open_data_page(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const auto& cube = engine_of(view).cube();
  mstch::array datasets;
  for (const auto& d : cube.datasets()) {
    std::string stand;
    if (auto date = text::parse_iso_date(d.stand)) stand = text::format_german_date(*date);
    datasets.push_back(mstch::map{{"code", d.code},
                                  {"title", d.title},
                                  {"publisher", d.publisher},
                                  {"stand", stand},
                                  {"base", "/api/v1/datasets/" + d.code + "/"}});
  }
  mstch::array indicators;
  for (const auto* i : view.list()) {
    indicators.push_back(mstch::map{{"id", i->id}, {"title", i->title}, {"base", "/api/v1/indicators/" + i->id + "/"}});
  }
  return monitor_page(req, module->services, "Offene Daten und API", "monitor/offene_daten",
                      mstch::map{{"datasets", datasets}, {"indicators", indicators}});
}

}  // namespace

void register_catalogue_and_goal_pages(http::Router& router, const ModulePtr& module) {
  // An uploaded catalogue is checked against every imported table: slow work.
  const http::RouteOptions upload{module->services.settings.max_upload_bytes,
                                  web::role_before_body(module->services, web::Role::data_steward), http::always_slow};
  router.get("/monitor/katalog", handler(module, catalogue_page));
  router.get("/monitor/katalog.yaml", handler(module, catalogue_yaml));
  router.post("/monitor/katalog", handler(module, catalogue_upload), upload);
  router.post("/monitor/katalog/zuruecksetzen", handler(module, catalogue_reset));
  router.get("/monitor/ziele", handler(module, goals_page));
  router.get("/monitor/ziele/neu", handler(module, goal_new_form));
  router.get("/monitor/ziele/{id}/bearbeiten", handler(module, goal_edit_form));
  router.post("/monitor/ziele", handler(module, goal_create));
  router.post("/monitor/ziele/{id}", handler(module, goal_update));
  router.post("/monitor/ziele/{id}/loeschen", handler(module, goal_delete));
  router.get("/monitor/offene-daten", cached(module, open_data_page));
}

}  // namespace rf::monitor
