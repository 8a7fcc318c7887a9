// What the portal publishes: the kinds of content items, their fields as the
// editor shows them, and one item as stored (see migrations/0020).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rf::portal {

enum class FieldType {
  text,      // one line
  textarea,  // a few lines of plain text
  markdown,  // the body
  date,      // YYYY-MM-DD
  select,    // one of `choices`
  theme,     // one of the theme items
  image,     // an uploaded PNG, JPEG or WebP
  pdf,       // an uploaded PDF
  number,    // an integer
  url,       // http(s) address
  email,
};

struct Choice {
  std::string_view value;
  std::string_view label;
};

struct Field {
  std::string_view name;  // a column of content_items or a key of `extra`
  std::string_view label;
  FieldType type;
  bool required = false;
  std::string_view hint = {};
  std::span<const Choice> choices = {};
  std::size_t max_length = 0;  // 0: the type's default
};

struct KindInfo {
  std::string_view id;         // stored in content_items.kind
  std::string_view segment;    // URL segment under /redaktion/
  std::string_view singular;   // "Meldung"
  std::string_view plural;     // "Meldungen"
  std::string_view new_label;  // "Neue Meldung", "Neues Thema", …
  std::span<const Field> fields;
  bool dated;  // listed by item_date (newest first) rather than sort_order
};

std::span<const KindInfo> kinds();
const KindInfo* find_kind(std::string_view id);
const KindInfo* find_kind_by_segment(std::string_view segment);
const Field* find_field(const KindInfo& kind, std::string_view name);
// Label of a choice value of `kind`'s category field ("" if unknown).
std::string_view category_label(std::string_view kind, std::string_view value);
std::span<const Choice> categories(std::string_view kind);

struct Item {
  std::int64_t id = 0;
  std::string kind;
  std::string slug;
  std::string title;
  std::string summary;
  std::string body;  // Markdown
  std::string category;
  std::optional<std::int64_t> theme_id;
  std::optional<std::int64_t> item_date;
  std::int64_t sort_order = 0;
  std::string image;  // SHA-256 hex of an upload, or ""
  std::string file;
  std::map<std::string, std::string> extra;
  std::string status = "draft";  // draft | published
  std::optional<std::int64_t> publish_at;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;

  std::string get_extra(std::string_view key) const;
  bool published() const { return status == "published"; }
  // Published and due; a job posting also only until its deadline day ends.
  bool visible(std::int64_t now) const;
  // Published with publish_at in the future.
  bool scheduled(std::int64_t now) const;
};

// Where visitors find the item ("/aktuelles/slug", "/ueber-uns#team-slug", …).
std::string public_url(const Item& item);

// Field values as the editor form holds them (dates as YYYY-MM-DD, theme as id).
using FormValues = std::map<std::string, std::string>;
FormValues to_form_values(const Item& item);
// The field errors of `values` (field name -> German message), empty when
// valid; fills `item` from the values either way. Slug uniqueness and theme
// existence are the store's business.
std::map<std::string, std::string> apply_form_values(const KindInfo& kind, const FormValues& values, Item& item);

}  // namespace rf::portal
