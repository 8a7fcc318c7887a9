// Partners and people: the public partner list, a partner's own
// organisation form, the office's contact list with consent, the GDPR export
// and erasure of a person.
#include "network/clock.hpp"
#include "network/module.hpp"
#include "text/number.hpp"

namespace rf::network {
namespace {

http::Response partner_list(http::Request& req, Module& mod) {
  auto db = mod.services.pool.acquire();
  auto orgs = list_organisations(*db);
  auto viewer = viewer_of(req, *db);
  mstch::array groups;
  for (const auto& kind : kOrganisationKinds) {
    mstch::array items;
    for (const auto& o : orgs) {
      if (o.kind != kind.id) continue;
      bool editable = viewer.office() || (viewer.has("partner") && viewer.organisation_id() == o.id);
      items.push_back(mstch::map{{"slug", o.slug},
                                 {"name", o.name},
                                 {"website", o.website},
                                 {"description", o.description},
                                 {"editable", editable}});
    }
    if (items.empty()) continue;
    groups.push_back(mstch::map{{"id", std::string(kind.id)}, {"label", std::string(kind.plural)}, {"items", items}});
  }
  return page(req, mod, "Partner", "network/partner", mstch::map{{"groups", groups}});
}

bool may_edit(const Viewer& v, const Organisation& o) {
  return v.office() || (v.has("partner") && v.organisation_id() == o.id);
}

http::Response organisation_form(http::Request& req, Module& mod, const Organisation& o,
                                 const std::vector<std::string>& errors, int status) {
  mstch::array kinds;
  for (const auto& k : kOrganisationKinds) {
    kinds.push_back(
        mstch::map{{"value", std::string(k.id)}, {"label", std::string(k.label)}, {"selected", k.id == o.kind}});
  }
  return page(req, mod, o.name.empty() ? "Organisation" : o.name, "network/organisation",
              mstch::map{{"slug", o.slug},
                         {"name", o.name},
                         {"kinds", kinds},
                         {"website", o.website},
                         {"description", o.description},
                         {"region_code", o.region_code},
                         {"errors", string_array(errors)},
                         {"has_errors", !errors.empty()},
                         {"saved", req.query.has("gespeichert")}},
              status);
}

http::Response organisation_get(http::Request& req, Module& mod) {
  auto db = mod.services.pool.acquire();
  auto viewer = viewer_of(req, *db);
  auto org = find_organisation(*db, req.param("slug"));
  if (!org) return not_found(req, mod);
  if (!may_edit(viewer, *org)) return denied(req);
  return organisation_form(req, mod, *org, {}, 200);
}

http::Response organisation_post(http::Request& req, Module& mod) {
  Organisation org;
  std::vector<std::string> errors;
  {
    auto db = mod.services.pool.acquire();
    auto viewer = viewer_of(req, *db);
    auto found = find_organisation(*db, req.param("slug"));
    if (!found) return not_found(req, mod);
    if (!may_edit(viewer, *found)) return denied(req);
    org = *found;
    const auto& form = req.form();
    org.name = form.get_or("name", "");
    // Only the office changes what kind of partner an organisation is.
    if (viewer.office()) org.kind = form.get_or("art", org.kind);
    org.website = form.get_or("website", "");
    org.description = form.get_or("beschreibung", "");
    errors = validate_organisation(org);
    if (errors.empty()) {
      db::Transaction tx(*db);
      save_organisation(*db, org, viewer.user_id());
      web::audit(*db, viewer.user_id(), "organisation.update", "organisation", std::to_string(org.id), "{}",
                 req.remote_address);
      bump_network_version(*db);
      tx.commit();
    }
  }
  if (!errors.empty()) return organisation_form(req, mod, org, errors, 422);
  return http::Response::redirect("/netzwerk/organisationen/" + org.slug + "/bearbeiten?gespeichert=1");
}

// ---- People (office) ----

http::Response people_list(http::Request& req, Module& mod) {
  if (auto d = web::require_role(req, web::Role::editor)) return *d;
  auto db = mod.services.pool.acquire();
  std::map<std::int64_t, std::string> org_names;
  for (const auto& o : list_organisations(*db)) org_names[o.id] = o.name;
  mstch::array rows;
  for (const auto& p : list_people(*db)) {
    rows.push_back(mstch::map{{"id", std::to_string(p.id)},
                              {"name", p.name},
                              {"email", p.email},
                              {"organisation", p.organisation_id ? org_names[*p.organisation_id] : std::string()},
                              {"consent", p.consent_at ? format_date(*p.consent_at) : std::string("keine")}});
  }
  return page(
      req, mod, "Personen", "network/personen",
      mstch::map{{"people", rows}, {"deleted", req.query.has("geloescht")}, {"saved", req.query.has("gespeichert")}});
}

http::Response person_form(http::Request& req, Module& mod, const http::Params& typed,
                           const std::vector<std::string>& errors, int status) {
  auto db = mod.services.pool.acquire();
  mstch::array orgs;
  auto chosen = typed.get_or("organisation", "");
  for (const auto& o : list_organisations(*db)) {
    orgs.push_back(
        mstch::map{{"id", std::to_string(o.id)}, {"name", o.name}, {"selected", std::to_string(o.id) == chosen}});
  }
  return page(req, mod, "Neue Person", "network/person_neu",
              mstch::map{{"name", typed.get_or("name", "")},
                         {"email", typed.get_or("email", "")},
                         {"phone", typed.get_or("telefon", "")},
                         {"function", typed.get_or("funktion", "")},
                         {"consent_checked", typed.has("einwilligung")},
                         {"organisations", orgs},
                         {"errors", string_array(errors)},
                         {"has_errors", !errors.empty()}},
              status);
}

constexpr std::string_view kConsentText =
    "Einverstanden, dass RuhrFutur Name, Funktion und Kontaktdaten für die Arbeit in Gremien und Maßnahmen speichert "
    "und mir Einladungen, Protokolle und Nachrichten zu Maßnahmen schickt.";

http::Response person_new_get(http::Request& req, Module& mod) {
  if (auto d = web::require_role(req, web::Role::editor)) return *d;
  return person_form(req, mod, {}, {}, 200);
}

http::Response person_new_post(http::Request& req, Module& mod) {
  if (auto d = web::require_role(req, web::Role::editor)) return *d;
  const auto& form = req.form();
  std::vector<std::string> errors;
  Person p;
  p.name = form.get_or("name", "");
  p.email = form.get_or("email", "");
  p.phone = form.get_or("telefon", "");
  p.function_title = form.get_or("funktion", "");
  if (p.name.find_first_not_of(' ') == std::string::npos) errors.push_back("Bitte geben Sie den Namen an.");
  if (!p.email.empty() && (p.email.find('@') == std::string::npos || p.email.find(' ') != std::string::npos)) {
    errors.push_back("„" + p.email + "“ ist keine gültige E-Mail-Adresse.");
  }
  if (!form.has("einwilligung")) {
    errors.push_back(
        "Ohne Einwilligung der Person speichern wir keine Kontaktdaten. Bitte bestätigen Sie die Einwilligung.");
  }
  std::int64_t id = 0;
  {
    auto db = mod.services.pool.acquire();
    if (auto org = text::parse_number(form.get_or("organisation", ""), text::NumberStyle::plain)) {
      if (find_organisation(*db, static_cast<std::int64_t>(*org))) p.organisation_id = static_cast<std::int64_t>(*org);
    }
    if (errors.empty()) {
      p.consent_text = std::string(kConsentText);
      p.consent_at = now_seconds();
      if (!p.email.empty()) {
        if (auto u = web::find_user_by_email(*db, p.email)) p.user_id = u->id;
      }
      db::Transaction tx(*db);
      id = add_person(*db, p);
      web::audit(*db, web::current_user(req)->id, "person.create", "person", std::to_string(id), "{}",
                 req.remote_address);
      tx.commit();
    }
  }
  if (!errors.empty()) return person_form(req, mod, form, errors, 422);
  return http::Response::redirect("/netzwerk/personen?gespeichert=1");
}

http::Response person_export(http::Request& req, Module& mod) {
  auto id = id_param(req, "id");
  if (!id) return not_found(req, mod);
  auto db = mod.services.pool.acquire();
  auto viewer = viewer_of(req, *db);
  // The office, or the person asking for their own data.
  bool own = viewer.person && viewer.person->id == *id;
  if (!viewer.office() && !own) return denied(req);
  if (!find_person(*db, *id)) return not_found(req, mod);
  web::audit(*db, viewer.user_id(), "person.export", "person", std::to_string(*id), "{}", req.remote_address);
  auto res = http::Response::json(export_person_json(*db, *id));
  res.attachment("person-" + std::to_string(*id) + ".json");
  res.set_header("Cache-Control", "no-store");
  return res;
}

http::Response person_erase(http::Request& req, Module& mod) {
  if (auto d = web::require_role(req, web::Role::editor)) return *d;
  auto id = id_param(req, "id");
  if (!id) return not_found(req, mod);
  auto db = mod.services.pool.acquire();
  db::Transaction tx(*db);
  if (!erase_person(*db, *id)) return not_found(req, mod);
  web::audit(*db, web::current_user(req)->id, "person.erase", "person", std::to_string(*id), "{}", req.remote_address);
  bump_network_version(*db);
  tx.commit();
  return http::Response::redirect("/netzwerk/personen?geloescht=1");
}

}  // namespace

void register_people_pages(http::Router& router, const ModulePtr& module) {
  router.get("/netzwerk/partner", route_to(module, partner_list));
  router.get("/netzwerk/organisationen/{slug}/bearbeiten", route_to(module, organisation_get));
  router.post("/netzwerk/organisationen/{slug}/bearbeiten", route_to(module, organisation_post));
  router.get("/netzwerk/personen", route_to(module, people_list));
  router.get("/netzwerk/personen/neu", route_to(module, person_new_get));
  router.post("/netzwerk/personen", route_to(module, person_new_post));
  router.get("/netzwerk/personen/{id}/export", route_to(module, person_export));
  router.post("/netzwerk/personen/{id}/loeschen", route_to(module, person_erase));
}

}  // namespace rf::network
