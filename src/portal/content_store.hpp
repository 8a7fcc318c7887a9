// Storage of portal content: items of every kind, their publishing state,
// revision history, search index entries and the cache version. Every change
// runs in one transaction that also writes a revision, the audit entry and
// bumps cache_versions('content') so that every server instance drops its
// cached pages.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "portal/content.hpp"

namespace rf::portal {

// Who makes a change, for the audit log and the revision history.
struct Actor {
  std::optional<std::int64_t> user_id;
  std::string ip;
};

struct Revision {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> user_id;
  std::string user_name;  // "" when the user is gone or it was the system
  std::string action;     // create, update, publish, unpublish, restore
  Item snapshot;
};

// Thrown by create/update when the slug is already used by another item of the kind.
class SlugTaken : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ContentStore {
 public:
  explicit ContentStore(db::Database& db) : db_(db) {}

  std::optional<Item> get(std::int64_t id);
  std::optional<Item> find(std::string_view kind, std::string_view slug);
  std::optional<Item> find_visible(std::string_view kind, std::string_view slug, std::int64_t now);

  struct Filter {
    std::string kind;
    bool visible_only = true;  // false: drafts and scheduled items too (editor lists)
    std::int64_t now = 0;
    std::optional<std::int64_t> theme_id;
    std::string category;
    std::optional<std::int64_t> date_from;  // item_date >= date_from
    std::optional<std::int64_t> date_to;    // item_date < date_to
    int limit = 0;                          // 0: no limit
    int offset = 0;
  };
  // Dated kinds newest first, the others by sort_order then title.
  std::vector<Item> list(const Filter& filter);
  std::int64_t count(const Filter& filter);

  // Problems that only the database can see: a slug in use, an unknown theme.
  std::map<std::string, std::string> check_references(const Item& item);

  // Creates a draft (whatever item.status says); returns its id.
  std::int64_t create(Item item, const Actor& actor);
  // Saves the content fields of item.id (not its publishing state).
  void update(const Item& item, const Actor& actor);
  // Publishes now or, with `at` in the future, schedules.
  void publish(std::int64_t id, std::int64_t at, const Actor& actor);
  void unpublish(std::int64_t id, const Actor& actor);
  void remove(std::int64_t id, const Actor& actor);

  std::vector<Revision> revisions(std::int64_t item_id);
  std::optional<Revision> revision(std::int64_t item_id, std::int64_t revision_id);
  // Puts the content fields of a revision back (publishing state stays).
  void restore(std::int64_t item_id, std::int64_t revision_id, const Actor& actor);

  // The next instant after `now` at which what visitors see changes without an
  // edit (a scheduled item going live, a job deadline passing).
  std::optional<std::int64_t> next_visibility_change(std::int64_t now);

 private:
  // publish and unpublish: the status, the publication time, a revision.
  void set_status(std::int64_t id, std::string_view status, std::optional<std::int64_t> publish_at,
                  std::string_view action, const Actor& actor);
  void write_revision(const Item& item, std::string_view action, const Actor& actor);
  void reindex(const Item& item);
  void changed(const Item& item, std::string_view action, const Actor& actor);
  // update and restore: the content fields of the item's row (not its kind or publishing state).
  void write_fields(const Item& item, const Actor& actor);
  // After a create, update or restore: a revision, the search index, the audit entry, the cache counter.
  void record_change(const Item& item, std::string_view action, const Actor& actor);
  db::Database& db_;
};

// The cache version counter in cache_versions('content').
std::int64_t content_version(db::Database& db);
void bump_content_version(db::Database& db);

// Everything searchable about an item besides its title (summary, body text, …).
std::string searchable_text(const Item& item);

}  // namespace rf::portal
