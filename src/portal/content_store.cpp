#include "portal/content_store.hpp"

#include <nlohmann/json.hpp>

#include "db/where.hpp"
#include "web/accounts.hpp"
#include "web/audit.hpp"
#include "portal/search.hpp"
#include "text/markdown.hpp"

namespace rf::portal {
namespace {

using nlohmann::json;

constexpr std::string_view kColumns =
    "id, kind, slug, title, summary, body, category, theme_id, item_date, sort_order, image, file, extra, "
    "status, publish_at, created_at, updated_at";
constexpr std::string_view kAliasedColumns =
    "c.id, c.kind, c.slug, c.title, c.summary, c.body, c.category, c.theme_id, c.item_date, c.sort_order, "
    "c.image, c.file, c.extra, c.status, c.publish_at, c.created_at, c.updated_at";

Item item_from_row(const db::Row& row) {
  Item item;
  item.id = row.integer(0);
  item.kind = row.text(1);
  item.slug = row.text(2);
  item.title = row.text(3);
  item.summary = row.text(4);
  item.body = row.text(5);
  item.category = row.text(6);
  item.theme_id = row.opt_integer(7);
  item.item_date = row.opt_integer(8);
  item.sort_order = row.integer(9);
  item.image = row.text(10);
  item.file = row.text(11);
  try {
    auto extra = json::parse(row.text(12));
    for (auto it = extra.begin(); it != extra.end(); ++it) {
      if (it.value().is_string()) item.extra[it.key()] = it.value().get<std::string>();
    }
  } catch (const json::exception&) {
    // A broken extra column loses its values but not the item.
  }
  item.status = row.text(13);
  item.publish_at = row.opt_integer(14);
  item.created_at = row.integer(15);
  item.updated_at = row.integer(16);
  return item;
}

db::Value opt(const std::optional<std::int64_t>& v) { return v ? db::Value(*v) : db::Value(db::Null{}); }

db::Value user_value(const Actor& actor) { return opt(actor.user_id); }

std::string extra_json(const Item& item) {
  json extra = json::object();
  for (const auto& [k, v] : item.extra) extra[k] = v;
  return extra.dump();
}

json snapshot_json(const Item& item) {
  json j = {
      {"kind", item.kind}, {"slug", item.slug},         {"title", item.title},           {"summary", item.summary},
      {"body", item.body}, {"category", item.category}, {"sort_order", item.sort_order}, {"image", item.image},
      {"file", item.file}, {"status", item.status}};
  j["theme_id"] = item.theme_id ? json(*item.theme_id) : json(nullptr);
  j["item_date"] = item.item_date ? json(*item.item_date) : json(nullptr);
  j["publish_at"] = item.publish_at ? json(*item.publish_at) : json(nullptr);
  j["extra"] = json::object();
  for (const auto& [k, v] : item.extra) j["extra"][k] = v;
  return j;
}

Item item_from_snapshot(const json& j) {
  Item item;
  auto str = [&](const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : ""; };
  auto opt_int = [&](const char* key) -> std::optional<std::int64_t> {
    if (j.contains(key) && j[key].is_number_integer()) return j[key].get<std::int64_t>();
    return std::nullopt;
  };
  item.kind = str("kind");
  item.slug = str("slug");
  item.title = str("title");
  item.summary = str("summary");
  item.body = str("body");
  item.category = str("category");
  item.image = str("image");
  item.file = str("file");
  item.status = str("status");
  item.sort_order = opt_int("sort_order").value_or(0);
  item.theme_id = opt_int("theme_id");
  item.item_date = opt_int("item_date");
  item.publish_at = opt_int("publish_at");
  if (j.contains("extra") && j["extra"].is_object()) {
    for (auto it = j["extra"].begin(); it != j["extra"].end(); ++it) {
      if (it.value().is_string()) item.extra[it.key()] = it.value().get<std::string>();
    }
  }
  return item;
}

db::Where filter_where(const ContentStore::Filter& f) {
  db::Where w;
  w.add("c.kind = ?", {f.kind});
  if (f.visible_only) w.add(visible_condition("c"), {f.now, f.now - 86400});
  if (f.theme_id) w.add("c.theme_id = ?", {*f.theme_id});
  if (!f.category.empty()) w.add("c.category = ?", {f.category});
  if (f.date_from) w.add("c.item_date >= ?", {*f.date_from});
  if (f.date_to) w.add("c.item_date < ?", {*f.date_to});
  return w;
}

}  // namespace

std::int64_t content_version(db::Database& db) {
  auto row = db.query_one("SELECT version FROM cache_versions WHERE name = 'content'");
  return row ? row->integer(0) : 0;
}

void bump_content_version(db::Database& db) {
  db.execute("UPDATE cache_versions SET version = version + 1 WHERE name = 'content'");
}

std::string searchable_text(const Item& item) {
  std::string text = item.summary;
  auto add = [&text](std::string_view part) {
    if (part.empty()) return;
    text += '\n';
    text += part;
  };
  add(text::markdown_to_text(item.body));
  add(category_label(item.kind, item.category));
  for (const auto& [key, value] : item.extra) {
    if (key != "email" && key != "contact" && key != "url" && key != "phone") add(value);
  }
  return text;
}

std::optional<Item> ContentStore::get(std::int64_t id) {
  auto row = db_.query_one("SELECT " + std::string(kColumns) + " FROM content_items WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return item_from_row(*row);
}

std::optional<Item> ContentStore::find(std::string_view kind, std::string_view slug) {
  auto row = db_.query_one("SELECT " + std::string(kColumns) + " FROM content_items WHERE kind = ? AND slug = ?",
                           {std::string(kind), std::string(slug)});
  if (!row) return std::nullopt;
  return item_from_row(*row);
}

std::optional<Item> ContentStore::find_visible(std::string_view kind, std::string_view slug, std::int64_t now) {
  auto item = find(kind, slug);
  if (!item || !item->visible(now)) return std::nullopt;
  return item;
}

std::vector<Item> ContentStore::list(const Filter& filter) {
  const db::Where w = filter_where(filter);
  auto params = w.params();
  const KindInfo* info = find_kind(filter.kind);
  std::string order =
      (info && info->dated) ? " ORDER BY c.item_date DESC, c.id DESC" : " ORDER BY c.sort_order, c.title, c.id";
  std::string sql = "SELECT " + std::string(kAliasedColumns) + " FROM content_items c" + w.sql() + order;
  if (filter.limit > 0) {
    sql += " LIMIT ? OFFSET ?";
    params.push_back(static_cast<std::int64_t>(filter.limit));
    params.push_back(static_cast<std::int64_t>(filter.offset));
  }
  std::vector<Item> items;
  for (const auto& row : db_.query(sql, params)) items.push_back(item_from_row(row));
  return items;
}

std::int64_t ContentStore::count(const Filter& filter) {
  const db::Where w = filter_where(filter);
  return db_.query_one("SELECT COUNT(*) FROM content_items c" + w.sql(), w.params())->integer(0);
}

std::map<std::string, std::string> ContentStore::check_references(const Item& item) {
  std::map<std::string, std::string> errors;
  auto same = db_.query_one("SELECT id FROM content_items WHERE kind = ? AND slug = ? AND id <> ?",
                            {item.kind, item.slug, item.id});
  if (same) errors["slug"] = "Diesen Kurznamen trägt schon ein anderer Eintrag. Bitte wählen Sie einen anderen.";
  if (item.theme_id) {
    auto theme = db_.query_one("SELECT 1 FROM content_items WHERE id = ? AND kind = 'theme'", {*item.theme_id});
    if (!theme) errors["theme"] = "Dieses Thema gibt es nicht mehr. Bitte wählen Sie ein anderes.";
  }
  return errors;
}

void ContentStore::write_revision(const Item& item, std::string_view action, const Actor& actor) {
  db_.insert("INSERT INTO content_revisions (item_id, created_at, user_id, action, snapshot) VALUES (?, ?, ?, ?, ?)",
             {item.id, web::unix_now(), user_value(actor), std::string(action), snapshot_json(item).dump()});
}

void ContentStore::reindex(const Item& item) { index_document(db_, item.id, item.title, searchable_text(item)); }

void ContentStore::changed(const Item& item, std::string_view action, const Actor& actor) {
  json details = {{"kind", item.kind}, {"slug", item.slug}, {"title", item.title}};
  if (action == "publish" && item.publish_at) details["publish_at"] = *item.publish_at;
  web::audit(db_, actor.user_id, "content." + std::string(action), item.kind, std::to_string(item.id), details.dump(),
             actor.ip);
  bump_content_version(db_);
}

void ContentStore::write_fields(const Item& item, const Actor& actor) {
  db_.execute(
      "UPDATE content_items SET slug = ?, title = ?, summary = ?, body = ?, category = ?, theme_id = ?, "
      "item_date = ?, sort_order = ?, image = ?, file = ?, extra = ?, updated_at = ?, updated_by = ? WHERE id = ?",
      {item.slug, item.title, item.summary, item.body, item.category, opt(item.theme_id), opt(item.item_date),
       item.sort_order, item.image, item.file, extra_json(item), item.updated_at, user_value(actor), item.id});
}

void ContentStore::record_change(const Item& item, std::string_view action, const Actor& actor) {
  write_revision(item, action, actor);
  reindex(item);
  changed(item, action, actor);
}

std::int64_t ContentStore::create(Item item, const Actor& actor) {
  db::Transaction tx(db_);
  if (check_references(item).count("slug")) throw SlugTaken("slug in use: " + item.slug);
  const std::int64_t now = web::unix_now();
  item.status = "draft";
  item.publish_at.reset();
  item.created_at = item.updated_at = now;
  try {
    item.id = db_.insert(
        "INSERT INTO content_items (kind, slug, title, summary, body, category, theme_id, item_date, sort_order, "
        "image, file, extra, status, publish_at, created_at, updated_at, created_by, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', NULL, ?, ?, ?, ?)",
        {item.kind, item.slug, item.title, item.summary, item.body, item.category, opt(item.theme_id),
         opt(item.item_date), item.sort_order, item.image, item.file, extra_json(item), now, now, user_value(actor),
         user_value(actor)});
  } catch (const db::ConstraintError&) {
    throw SlugTaken("slug in use: " + item.slug);
  }
  record_change(item, "create", actor);
  tx.commit();
  return item.id;
}

void ContentStore::update(const Item& changes, const Actor& actor) {
  db::Transaction tx(db_);
  auto item = get(changes.id);
  if (!item) throw std::out_of_range("no content item " + std::to_string(changes.id));
  if (check_references(changes).count("slug")) throw SlugTaken("slug in use: " + changes.slug);
  Item updated = changes;
  updated.kind = item->kind;
  updated.status = item->status;
  updated.publish_at = item->publish_at;
  updated.created_at = item->created_at;
  updated.updated_at = web::unix_now();
  try {
    write_fields(updated, actor);
  } catch (const db::ConstraintError&) {
    throw SlugTaken("slug in use: " + updated.slug);
  }
  record_change(updated, "update", actor);
  tx.commit();
}

void ContentStore::publish(std::int64_t id, std::int64_t at, const Actor& actor) {
  set_status(id, "published", at, "publish", actor);
}

void ContentStore::unpublish(std::int64_t id, const Actor& actor) {
  set_status(id, "draft", std::nullopt, "unpublish", actor);
}

void ContentStore::set_status(std::int64_t id, std::string_view status, std::optional<std::int64_t> publish_at,
                              std::string_view action, const Actor& actor) {
  db::Transaction tx(db_);
  auto item = get(id);
  if (!item) throw std::out_of_range("no content item " + std::to_string(id));
  item->status = std::string(status);
  item->publish_at = publish_at;
  item->updated_at = web::unix_now();
  db_.execute("UPDATE content_items SET status = ?, publish_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
              {std::string(status), opt(publish_at), item->updated_at, user_value(actor), id});
  write_revision(*item, action, actor);
  changed(*item, action, actor);
  tx.commit();
}

void ContentStore::remove(std::int64_t id, const Actor& actor) {
  db::Transaction tx(db_);
  auto item = get(id);
  if (!item) return;
  if (item->kind == "theme") {
    db_.execute("UPDATE content_items SET theme_id = NULL WHERE theme_id = ?", {id});
  }
  db_.execute("DELETE FROM content_revisions WHERE item_id = ?", {id});
  db_.execute("DELETE FROM content_items WHERE id = ?", {id});
  remove_document(db_, id);
  changed(*item, "delete", actor);
  tx.commit();
}

std::vector<Revision> ContentStore::revisions(std::int64_t item_id) {
  std::vector<Revision> out;
  for (const auto& row : db_.query("SELECT r.id, r.item_id, r.created_at, r.user_id, COALESCE(u.name, u.email, ''), "
                                   "r.action, r.snapshot FROM content_revisions r "
                                   "LEFT JOIN users u ON u.id = r.user_id WHERE r.item_id = ? ORDER BY r.id DESC",
                                   {item_id})) {
    Revision r;
    r.id = row.integer(0);
    r.item_id = row.integer(1);
    r.created_at = row.integer(2);
    r.user_id = row.opt_integer(3);
    r.user_name = row.text(4);
    r.action = row.text(5);
    try {
      r.snapshot = item_from_snapshot(json::parse(row.text(6)));
    } catch (const json::exception&) {
      continue;
    }
    r.snapshot.id = item_id;
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<Revision> ContentStore::revision(std::int64_t item_id, std::int64_t revision_id) {
  for (auto& r : revisions(item_id)) {
    if (r.id == revision_id) return r;
  }
  return std::nullopt;
}

void ContentStore::restore(std::int64_t item_id, std::int64_t revision_id, const Actor& actor) {
  db::Transaction tx(db_);
  auto current = get(item_id);
  auto rev = revision(item_id, revision_id);
  if (!current || !rev) throw std::out_of_range("no such revision");
  Item restored = rev->snapshot;
  restored.id = item_id;
  restored.kind = current->kind;
  restored.status = current->status;
  restored.publish_at = current->publish_at;
  restored.created_at = current->created_at;
  restored.updated_at = web::unix_now();
  // The old slug may have been taken by another item since; keep the current one then.
  if (check_references(restored).count("slug")) restored.slug = current->slug;
  if (restored.theme_id && check_references(restored).count("theme")) restored.theme_id.reset();
  write_fields(restored, actor);
  record_change(restored, "restore", actor);
  tx.commit();
}

std::optional<std::int64_t> ContentStore::next_visibility_change(std::int64_t now) {
  auto row = db_.query_one(
      "SELECT MIN(t) FROM ("
      "SELECT publish_at AS t FROM content_items WHERE status = 'published' AND publish_at > ? "
      "UNION ALL SELECT item_date + 86400 AS t FROM content_items "
      "WHERE kind = 'job' AND status = 'published' AND item_date IS NOT NULL AND item_date + 86400 > ?) AS changes",
      {now, now});
  if (!row || row->is_null(0)) return std::nullopt;
  return row->integer(0);
}

}  // namespace rf::portal
