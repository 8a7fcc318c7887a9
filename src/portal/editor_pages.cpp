// /redaktion/…: create, edit, preview, publish, schedule, unpublish, delete
// and restore every kind of portal content (roles editor and admin).
#include <nlohmann/json.hpp>

#include <fstream>

#include "web/middleware.hpp"
#include "web/dates.hpp"
#include "web/dates.hpp"
#include "portal/detail_views.hpp"
#include "portal/editor.hpp"
#include "portal/uploads.hpp"
#include "portal/views.hpp"

namespace rf::portal {
namespace {

constexpr web::Role kRole = web::Role::editor;

// Wraps a handler with the role check.
http::Handler editors_only(std::function<http::Response(http::Request&)> handler) {
  return [handler = std::move(handler)](http::Request& req) {
    if (auto denied = web::require_role(req, kRole)) return *denied;
    return handler(req);
  };
}

const char* notice_text(const std::string& key) {
  if (key == "angelegt") return "Der Entwurf ist angelegt.";
  if (key == "gespeichert") return "Die Änderungen sind gespeichert.";
  if (key == "veroeffentlicht") return "Veröffentlicht: Der Eintrag ist jetzt öffentlich sichtbar.";
  if (key == "geplant") return "Die Veröffentlichung ist geplant.";
  if (key == "zurueckgezogen") return "Der Eintrag ist zurückgezogen und nicht mehr öffentlich sichtbar.";
  if (key == "wiederhergestellt") return "Die ältere Fassung ist wiederhergestellt.";
  if (key == "geloescht") return "Der Eintrag ist gelöscht.";
  return nullptr;
}

void add_notice(const http::Request& req, mstch::map& context) {
  if (const char* text = notice_text(req.query.get_or("hinweis", ""))) context["notice"] = std::string(text);
}

std::string_view action_label(std::string_view action) {
  if (action == "create") return "Angelegt";
  if (action == "update") return "Gespeichert";
  if (action == "publish") return "Veröffentlicht";
  if (action == "unpublish") return "Zurückgezogen";
  if (action == "restore") return "Wiederhergestellt";
  return action;
}

// Resolves {kind} and {id}; nullopt answers (404) go out through `error`.
struct Target {
  const KindInfo* kind = nullptr;
  std::optional<Item> item;
};

Target resolve(http::Request& req, ContentStore& store, bool with_item) {
  Target t;
  t.kind = find_kind_by_segment(req.param("kind"));
  if (!t.kind || !with_item) return t;
  auto id = parse_id(req.param("id"));
  if (id) t.item = store.get(*id);
  if (t.item && t.item->kind != t.kind->id) t.item.reset();
  return t;
}

http::Response missing(const http::Request& req, const Site& site) {
  return editor_page(req, site, "Nicht gefunden", "redaktion/nicht_gefunden", {}, 404);
}

// A handler of one kind ({kind}) or one item ({kind}/{id}) of content.
using TargetHandler = http::Response (*)(http::Request&, Site&, db::Database&, ContentStore&, const Target&);

// What every such handler does first: take a connection, resolve {kind}
// (and {id} when `with_item`), answer 404 when one does not exist.
http::Response on_target(http::Request& req, Site& site, bool with_item, TargetHandler handler) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  const Target target = resolve(req, store, with_item);
  if (!target.kind || (with_item && !target.item)) return missing(req, site);
  return handler(req, site, *db, store, target);
}

// --- pages ---------------------------------------------------------------

http::Response dashboard(http::Request& req, Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  const auto now = now_seconds();
  mstch::array rows;
  for (const auto& k : kinds()) {
    ContentStore::Filter all;
    all.kind = std::string(k.id);
    all.visible_only = false;
    ContentStore::Filter live = all;
    live.visible_only = true;
    live.now = now;
    rows.push_back(mstch::map{{"label", std::string(k.plural)},
                              {"url", editor_url(k)},
                              {"new_url", editor_url(k) + "/neu"},
                              {"total", std::to_string(store.count(all))},
                              {"visible", std::to_string(store.count(live))}});
  }
  mstch::array recent;
  for (const auto& row :
       db->query("SELECT a.at, a.action, a.object_type, a.object_id, a.details, COALESCE(u.name, u.email, '') "
                 "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE a.action LIKE 'content.%' "
                 "ORDER BY a.id DESC LIMIT 10")) {
    std::string title;
    try {
      title = nlohmann::json::parse(row.text(4)).value("title", "");
    } catch (const nlohmann::json::exception&) {
    }
    const KindInfo* k = find_kind(row.text(2));
    std::string action = row.text(1).substr(8);
    mstch::map entry{{"when", web::format_datetime_de(row.integer(0))},
                     {"action", std::string(action == "delete" ? "Gelöscht" : action_label(action))},
                     {"kind", k ? std::string(k->singular) : row.text(2)},
                     {"title", title},
                     {"who", row.text(5)}};
    if (k && action != "delete") entry["url"] = editor_url(*k) + "/" + row.text(3);
    recent.push_back(std::move(entry));
  }
  auto subscribers = db->query_one("SELECT COUNT(*) FROM newsletter_subscribers WHERE status = 'confirmed'");
  return editor_page(req, site, "Übersicht", "redaktion/start",
                     mstch::map{{"kinds", rows},
                                {"recent", recent},
                                {"has_recent", !recent.empty()},
                                {"subscribers", std::to_string(subscribers->integer(0))}});
}

http::Response item_list(http::Request& req, Site& site, db::Database&, ContentStore& store, const Target& target) {
  const auto now = now_seconds();
  ContentStore::Filter f;
  f.kind = std::string(target.kind->id);
  f.visible_only = false;
  mstch::array rows;
  for (const auto& item : store.list(f)) {
    mstch::map row{{"title", item.title},
                   {"edit_url", editor_url(*target.kind, item.id)},
                   {"preview_url", editor_url(*target.kind, item.id) + "/vorschau"},
                   {"status", status_label(item, now)},
                   {"is_visible", item.visible(now)},
                   {"is_draft", !item.published()},
                   {"is_scheduled", item.scheduled(now)},
                   {"updated", web::format_datetime_de(item.updated_at)}};
    if (item.item_date) row["date"] = web::format_date_de(*item.item_date);
    if (item.visible(now)) row["public_url"] = public_url(item);
    rows.push_back(std::move(row));
  }
  mstch::map context{{"kind_plural", std::string(target.kind->plural)},
                     {"kind_singular", std::string(target.kind->singular)},
                     {"new_url", editor_url(*target.kind) + "/neu"},
                     {"new_label", std::string(target.kind->new_label)},
                     {"dated", target.kind->dated},
                     {"rows", rows},
                     {"has_rows", !rows.empty()}};
  add_notice(req, context);
  return editor_page(req, site, std::string(target.kind->plural), "redaktion/liste", std::move(context));
}

mstch::map item_panel(const KindInfo& kind, const Item& item, std::int64_t now) {
  mstch::map panel{{"status", status_label(item, now)},
                   {"is_published", item.published()},
                   {"is_scheduled", item.scheduled(now)},
                   {"is_visible", item.visible(now)},
                   {"publish_url", editor_url(kind, item.id) + "/veroeffentlichen"},
                   {"unpublish_url", editor_url(kind, item.id) + "/zurueckziehen"},
                   {"delete_url", editor_url(kind, item.id) + "/loeschen"},
                   {"preview_url", editor_url(kind, item.id) + "/vorschau"},
                   {"revisions_url", editor_url(kind, item.id) + "/versionen"},
                   {"schedule_value", web::datetime_local(item.scheduled(now) ? *item.publish_at : now + 86400)},
                   {"updated", web::format_datetime_de(item.updated_at)}};
  if (item.visible(now)) panel["public_url"] = public_url(item);
  if (item.publish_at && item.published()) panel["publish_at"] = web::format_datetime_de(*item.publish_at);
  return panel;
}

http::Response form_page(const http::Request& req, Site& site, ContentStore& store, const KindInfo& kind,
                         const std::optional<Item>& item, const FormValues& values, const FieldErrors& errors,
                         int status) {
  mstch::map context = form_view(store, kind, values, errors);
  context["kind_singular"] = std::string(kind.singular);
  context["kind_plural"] = std::string(kind.plural);
  context["list_url"] = editor_url(kind);
  if (item) {
    context["action_url"] = editor_url(kind, item->id);
    context["editing"] = true;
    context["item_title"] = item->title;
    context["panel"] = item_panel(kind, *item, now_seconds());
  } else {
    context["action_url"] = editor_url(kind) + "/neu";
  }
  add_notice(req, context);
  std::string title = item ? "Bearbeiten: " + item->title : std::string(kind.new_label);
  return editor_page(req, site, title, "redaktion/formular", std::move(context), status);
}

http::Response new_form(http::Request& req, Site& site, db::Database&, ContentStore& store, const Target& target) {
  FormValues values;
  if (target.kind->dated) values["item_date"] = web::iso_date(now_seconds());
  return form_page(req, site, store, *target.kind, std::nullopt, values, {}, 200);
}

http::Response edit_form(http::Request& req, Site& site, db::Database&, ContentStore& store, const Target& target) {
  return form_page(req, site, store, *target.kind, target.item, to_form_values(*target.item), {}, 200);
}

// Create (no id) or update; "Speichern und veröffentlichen" publishes as well.
http::Response save(http::Request& req, Site& site, bool create) {
  FieldErrors errors;
  const KindInfo* kind = find_kind_by_segment(req.param("kind"));
  if (!kind) return missing(req, site);
  FormValues values = read_form(req, site, *kind, errors);
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  std::optional<Item> existing;
  if (!create) {
    auto target = resolve(req, store, true);
    if (!target.item) return missing(req, site);
    existing = target.item;
  }
  Item item = existing.value_or(Item{});
  for (auto& [field, message] : apply_form_values(*kind, values, item)) errors.emplace(field, message);
  if (errors.empty() || !errors.count("slug")) {
    for (auto& [field, message] : store.check_references(item)) errors.emplace(field, message);
  }
  if (!errors.empty()) {
    return form_page(req, site, store, *kind, existing, values, errors, 422);
  }
  const Actor actor = actor_of(req);
  try {
    if (create) {
      item.id = store.create(item, actor);
    } else {
      store.update(item, actor);
    }
  } catch (const SlugTaken&) {
    errors["slug"] = "Diesen Kurznamen trägt schon ein anderer Eintrag. Bitte wählen Sie einen anderen.";
    return form_page(req, site, store, *kind, existing, values, errors, 422);
  }
  std::string notice = create ? "angelegt" : "gespeichert";
  if (req.form().get_or("action", "") == "publish") {
    store.publish(item.id, now_seconds(), actor);
    notice = "veroeffentlicht";
  }
  site.content_changed();
  return http::Response::redirect(editor_url(*kind, item.id) + "?hinweis=" + notice);
}

http::Response publish(http::Request& req, Site& site, db::Database&, ContentStore& store, const Target& target) {
  const auto now = now_seconds();
  std::int64_t at = now;
  std::string notice = "veroeffentlicht";
  if (req.form().get_or("when", "now") == "later") {
    auto parsed = web::parse_datetime_local(req.form().get_or("publish_at", ""));
    if (!parsed) {
      return editor_page(
          req, site, "Zeitpunkt fehlt", "redaktion/hinweis",
          mstch::map{{"message", std::string("Bitte geben Sie Datum und Uhrzeit der Veröffentlichung an.")},
                     {"back_url", editor_url(*target.kind, target.item->id)}},
          422);
    }
    at = std::max(*parsed, now);
    if (at > now) notice = "geplant";
  }
  store.publish(target.item->id, at, actor_of(req));
  site.content_changed();
  return http::Response::redirect(editor_url(*target.kind, target.item->id) + "?hinweis=" + notice);
}

http::Response unpublish(http::Request& req, Site& site, db::Database&, ContentStore& store, const Target& target) {
  store.unpublish(target.item->id, actor_of(req));
  site.content_changed();
  return http::Response::redirect(editor_url(*target.kind, target.item->id) + "?hinweis=zurueckgezogen");
}

http::Response delete_confirm(http::Request& req, Site& site, db::Database&, ContentStore&, const Target& target) {
  return editor_page(req, site, "Löschen: " + target.item->title, "redaktion/loeschen",
                     mstch::map{{"title", target.item->title},
                                {"kind_singular", std::string(target.kind->singular)},
                                {"action_url", editor_url(*target.kind, target.item->id) + "/loeschen"},
                                {"back_url", editor_url(*target.kind, target.item->id)},
                                {"is_theme", target.kind->id == "theme"}});
}

http::Response delete_item(http::Request& req, Site& site, db::Database&, ContentStore& store, const Target& target) {
  store.remove(target.item->id, actor_of(req));
  site.content_changed();
  return http::Response::redirect(editor_url(*target.kind) + "?hinweis=geloescht");
}

http::Response preview(http::Request& req, Site& site, db::Database& db, ContentStore& store, const Target& target) {
  const auto now = now_seconds();
  const Item& item = *target.item;
  mstch::map view = detail_view(db, store, item, now);
  view["preview"] = true;
  std::string html = site.services.templates.render(std::string(detail_template(item.kind)), view);
  return editor_page(req, site, "Vorschau: " + item.title, "redaktion/vorschau",
                     mstch::map{{"preview_html", html},
                                {"status", status_label(item, now)},
                                {"is_visible", item.visible(now)},
                                {"edit_url", editor_url(*target.kind, item.id)}});
}

mstch::array snapshot_fields(const KindInfo& kind, const Item& snapshot) {
  auto values = to_form_values(snapshot);
  mstch::array out;
  for (const Field& field : kind.fields) {
    std::string value = values[std::string(field.name)];
    if (field.type == FieldType::select) value = std::string(category_label(kind.id, value));
    out.push_back(mstch::map{{"label", std::string(field.label)},
                             {"value", value},
                             {"long", field.type == FieldType::markdown || field.type == FieldType::textarea}});
  }
  return out;
}

http::Response revisions(http::Request& req, Site& site, db::Database&, ContentStore& store, const Target& target) {
  const auto base = editor_url(*target.kind, target.item->id);
  mstch::array rows;
  bool first = true;
  for (const auto& r : store.revisions(target.item->id)) {
    rows.push_back(mstch::map{{"when", web::format_datetime_de(r.created_at)},
                              {"who", r.user_name.empty() ? std::string("System") : r.user_name},
                              {"action", std::string(action_label(r.action))},
                              {"title", r.snapshot.title},
                              {"current", first},
                              {"view_url", base + "/versionen/" + std::to_string(r.id)},
                              {"restore_url", base + "/versionen/" + std::to_string(r.id) + "/wiederherstellen"}});
    first = false;
  }
  return editor_page(req, site, "Versionen: " + target.item->title, "redaktion/versionen",
                     mstch::map{{"title", target.item->title}, {"rows", rows}, {"edit_url", base}});
}

http::Response revision_view(http::Request& req, Site& site, db::Database&, ContentStore& store, const Target& target) {
  auto rev_id = parse_id(req.param("rev"));
  if (!target.item || !rev_id) return missing(req, site);
  auto rev = store.revision(target.item->id, *rev_id);
  if (!rev) return missing(req, site);
  const auto base = editor_url(*target.kind, target.item->id);
  return editor_page(req, site, "Version vom " + web::format_datetime_de(rev->created_at), "redaktion/version",
                     mstch::map{{"title", target.item->title},
                                {"when", web::format_datetime_de(rev->created_at)},
                                {"who", rev->user_name.empty() ? std::string("System") : rev->user_name},
                                {"action", std::string(action_label(rev->action))},
                                {"fields", snapshot_fields(*target.kind, rev->snapshot)},
                                {"restore_url", base + "/versionen/" + std::to_string(rev->id) + "/wiederherstellen"},
                                {"revisions_url", base + "/versionen"}});
}

http::Response restore(http::Request& req, Site& site, db::Database&, ContentStore& store, const Target& target) {
  auto rev_id = parse_id(req.param("rev"));
  if (!target.item || !rev_id || !store.revision(target.item->id, *rev_id)) return missing(req, site);
  store.restore(target.item->id, *rev_id, actor_of(req));
  site.content_changed();
  return http::Response::redirect(editor_url(*target.kind, target.item->id) + "?hinweis=wiederhergestellt");
}

// --- files -----------------------------------------------------------------

http::Response files_page(const http::Request& req, Site& site, const std::string& error, const std::string& done,
                          int status) {
  auto db = site.services.pool.acquire();
  mstch::array rows;
  for (const auto& u : list_uploads(*db, 200)) {
    bool image = u.media_type.rfind("image/", 0) == 0;
    rows.push_back(mstch::map{{"url", upload_url(u.sha256)},
                              {"name", u.original_name.empty() ? u.sha256.substr(0, 12) : u.original_name},
                              {"type", std::string(image ? "Bild" : "PDF")},
                              {"is_image", image},
                              {"size", format_file_size(u.size)},
                              {"when", web::format_datetime_de(u.created_at)},
                              {"markdown", image ? "![Bildbeschreibung](" + upload_url(u.sha256) + ")"
                                                 : "[Dokument herunterladen](" + upload_url(u.sha256) + ")"}});
  }
  mstch::map context{{"rows", rows}, {"has_rows", !rows.empty()}};
  if (!error.empty()) context["error"] = error;
  if (!done.empty()) context["done"] = done;
  return editor_page(req, site, "Dateien", "redaktion/dateien", std::move(context), status);
}

http::Response upload_post(http::Request& req, Site& site) {
  const http::UploadedFile* file = nullptr;
  for (const auto& f : req.files) {
    if (f.field == "datei") file = &f;
  }
  if (!file) return files_page(req, site, "Bitte wählen Sie eine Datei aus.", "", 422);
  std::ifstream probe(file->path, std::ios::binary);
  char head[16] = {};
  probe.read(head, sizeof head);
  std::string type = sniff_media_type(std::string_view(head, static_cast<std::size_t>(probe.gcount())));
  auto kind = type == "application/pdf" ? UploadKind::pdf : UploadKind::image;
  UploadResult stored;
  {
    // Hand the connection back before files_page takes one.
    auto db = site.services.pool.acquire();
    stored = store_upload_file(*db, site.config().var_dir, file->path, file->filename, kind, actor_of(req));
  }
  if (!stored.upload) {
    std::string error =
        type.empty() ? "Bitte laden Sie ein Bild (PNG, JPEG, WebP) oder eine PDF-Datei hoch." : stored.error;
    return files_page(req, site, error, "", 422);
  }
  return files_page(req, site, "", "Die Datei „" + stored.upload->original_name + "“ ist hochgeladen.", 200);
}

}  // namespace

std::optional<std::int64_t> parse_id(const std::string& text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

void register_editor_pages(http::Router& router, const SitePtr& site) {
  auto route = [&](std::string_view method, std::string_view pattern, http::Response (*fn)(http::Request&, Site&),
                   http::RouteOptions options = {}) {
    router.add(method, pattern, editors_only([site, fn](http::Request& req) { return fn(req, *site); }),
               std::move(options));
  };
  // Forms that may carry a file (images, PDFs) take bodies up to max_upload_bytes.
  const http::RouteOptions upload{
      site->config().max_upload_bytes, web::role_before_body(site->services, web::Role::editor), {}};
  auto kind_route = [&](std::string_view method, std::string_view pattern, TargetHandler fn) {
    router.add(method, pattern,
               editors_only([site, fn](http::Request& req) { return on_target(req, *site, false, fn); }));
  };
  auto item_route = [&](std::string_view method, std::string_view pattern, TargetHandler fn) {
    router.add(method, pattern,
               editors_only([site, fn](http::Request& req) { return on_target(req, *site, true, fn); }));
  };
  route("GET", "/redaktion", dashboard);
  route("GET", "/redaktion/dateien", [](http::Request& req, Site& s) { return files_page(req, s, "", "", 200); });
  route("POST", "/redaktion/dateien", upload_post, upload);
  kind_route("GET", "/redaktion/{kind}", item_list);
  kind_route("GET", "/redaktion/{kind}/neu", new_form);
  route(
      "POST", "/redaktion/{kind}/neu", [](http::Request& req, Site& s) { return save(req, s, true); }, upload);
  item_route("GET", "/redaktion/{kind}/{id}", edit_form);
  route(
      "POST", "/redaktion/{kind}/{id}", [](http::Request& req, Site& s) { return save(req, s, false); }, upload);
  item_route("GET", "/redaktion/{kind}/{id}/vorschau", preview);
  item_route("POST", "/redaktion/{kind}/{id}/veroeffentlichen", publish);
  item_route("POST", "/redaktion/{kind}/{id}/zurueckziehen", unpublish);
  item_route("GET", "/redaktion/{kind}/{id}/loeschen", delete_confirm);
  item_route("POST", "/redaktion/{kind}/{id}/loeschen", delete_item);
  item_route("GET", "/redaktion/{kind}/{id}/versionen", revisions);
  item_route("GET", "/redaktion/{kind}/{id}/versionen/{rev}", revision_view);
  item_route("POST", "/redaktion/{kind}/{id}/versionen/{rev}/wiederherstellen", restore);
}

}  // namespace rf::portal
