#include "portal/content.hpp"
#include "portal/detail_views.hpp"

#include <algorithm>
#include <array>

#include "web/dates.hpp"
#include "portal/folding.hpp"
#include "text/strings.hpp"

namespace rf::portal {
namespace {

constexpr Choice kPublicationTypes[] = {
    {"bildungsbericht", "Bildungsbericht"}, {"studie", "Studie"},
    {"handreichung", "Handreichung"},       {"dokumentation", "Dokumentation"},
    {"positionspapier", "Positionspapier"}, {"faktenblatt", "Faktenblatt"},
};
constexpr Choice kPartnerGroups[] = {
    {"stiftung", "Stiftung"},
    {"land", "Land"},
    {"regionalverband", "Regionalverband"},
    {"stadt", "Kreisfreie Städte"},
    {"kreis", "Kreise"},
    {"hochschule", "Hochschulen"},
    {"zivilgesellschaft", "Zivilgesellschaft"},
};
constexpr Choice kCommitteeLevels[] = {
    {"leitung", "Leitungsebene"},
    {"steuerung", "Steuerungsebene"},
    {"arbeit", "Arbeitsebene"},
    {"beratung", "Unabhängige Beratung"},
};
constexpr Choice kJobTypes[] = {
    {"vollzeit", "Vollzeit"},
    {"teilzeit", "Teilzeit"},
    {"praktikum", "Praktikum"},
    {"hilfskraft", "Studentische Hilfskraft"},
};

constexpr std::string_view kSlugHint = "Teil der Adresse; leer lassen, um ihn aus dem Titel zu bilden.";
constexpr std::string_view kMarkdownHint =
    "Markdown: ## Zwischenüberschrift, **fett**, _kursiv_, - Liste, [Linktext](https://…), Tabellen mit |. "
    "HTML wird nicht übernommen.";

constexpr Field kPageFields[] = {
    {"title", "Titel", FieldType::text, true},
    {"slug", "Kurzname für die Adresse", FieldType::text, false, kSlugHint},
    {"summary",
     "Kurzbeschreibung",
     FieldType::textarea,
     false,
     "Für Suchergebnisse und Vorschauen, höchstens 300 Zeichen.",
     {},
     300},
    {"body", "Inhalt", FieldType::markdown, true, kMarkdownHint},
};
constexpr Field kNewsFields[] = {
    {"title", "Titel", FieldType::text, true},
    {"slug", "Kurzname für die Adresse", FieldType::text, false, kSlugHint},
    {"item_date", "Datum", FieldType::date, true, "Format JJJJ-MM-TT."},
    {"theme", "Thema", FieldType::theme},
    {"summary", "Anreißer", FieldType::textarea, true, "Zwei, drei Sätze für Übersichten und den Feed.", {}, 600},
    {"body", "Text", FieldType::markdown, true, kMarkdownHint},
    {"image", "Bild", FieldType::image, false, "PNG, JPEG oder WebP, höchstens 5 MB."},
    {"image_alt", "Bildbeschreibung (Alternativtext)", FieldType::text, false, "Was auf dem Bild zu sehen ist."},
};
constexpr Field kPublicationFields[] = {
    {"title", "Titel", FieldType::text, true},
    {"slug", "Kurzname für die Adresse", FieldType::text, false, kSlugHint},
    {"category", "Art", FieldType::select, true, {}, kPublicationTypes},
    {"theme", "Thema", FieldType::theme},
    {"item_date", "Erscheinungsdatum", FieldType::date, true, "Format JJJJ-MM-TT."},
    {"authors", "Herausgabe / Autorinnen und Autoren", FieldType::text},
    {"pages", "Seitenzahl", FieldType::number},
    {"summary", "Kurzfassung", FieldType::textarea, true, "Zwei, drei Sätze für Übersichten.", {}, 600},
    {"body", "Zusammenfassung", FieldType::markdown, false, kMarkdownHint},
    {"image", "Titelbild", FieldType::image, false, "PNG, JPEG oder WebP, höchstens 5 MB."},
    {"file", "PDF-Datei", FieldType::pdf, false, "Höchstens 50 MB."},
    {"online_url", "Online-Fassung", FieldType::text, false,
     "Adresse der Online-Fassung: ein Pfad dieser Website wie /bericht/ oder eine Adresse mit https://."},
};
constexpr Field kJobFields[] = {
    {"title", "Stellenbezeichnung", FieldType::text, true},
    {"slug", "Kurzname für die Adresse", FieldType::text, false, kSlugHint},
    {"category", "Umfang", FieldType::select, true, {}, kJobTypes},
    {"location", "Arbeitsort", FieldType::text},
    {"item_date", "Bewerbungsfrist", FieldType::date, false, "Nach diesem Tag wird die Stelle nicht mehr angezeigt."},
    {"summary", "Kurzbeschreibung", FieldType::textarea, true, {}, {}, 600},
    {"body", "Ausschreibungstext", FieldType::markdown, true, kMarkdownHint},
    {"contact", "E-Mail für Bewerbungen", FieldType::email},
};
constexpr Field kThemeFields[] = {
    {"title", "Name des Themas", FieldType::text, true},
    {"slug", "Kurzname für die Adresse", FieldType::text, false, kSlugHint},
    {"sort_order", "Reihenfolge", FieldType::number, false, "Kleinere Zahlen stehen weiter vorn."},
    {"summary", "Kurzbeschreibung", FieldType::textarea, true, {}, {}, 600},
    {"body", "Text", FieldType::markdown, false, kMarkdownHint},
};
constexpr Field kTeamFields[] = {
    {"title", "Name", FieldType::text, true},
    {"slug", "Kurzname für die Adresse", FieldType::text, false, kSlugHint},
    {"position", "Funktion", FieldType::text, true},
    {"sort_order", "Reihenfolge", FieldType::number},
    {"summary", "Kurzprofil", FieldType::textarea, false, {}, {}, 600},
    {"email", "E-Mail", FieldType::email},
    {"phone", "Telefon", FieldType::text},
    {"image", "Foto", FieldType::image, false, "PNG, JPEG oder WebP, höchstens 5 MB."},
};
constexpr Field kPartnerFields[] = {
    {"title", "Name", FieldType::text, true},
    {"slug", "Kurzname für die Adresse", FieldType::text, false, kSlugHint},
    {"category", "Art", FieldType::select, true, {}, kPartnerGroups},
    {"url", "Website", FieldType::url},
    {"sort_order", "Reihenfolge", FieldType::number},
    {"summary", "Beschreibung", FieldType::textarea, false, {}, {}, 600},
    {"image", "Logo", FieldType::image, false, "PNG, JPEG oder WebP, höchstens 5 MB."},
};
constexpr Field kCommitteeFields[] = {
    {"title", "Name", FieldType::text, true},
    {"slug", "Kurzname für die Adresse", FieldType::text, false, kSlugHint},
    {"category", "Ebene", FieldType::select, true, {}, kCommitteeLevels},
    {"sort_order", "Reihenfolge", FieldType::number},
    {"summary", "Aufgabe in einem Satz", FieldType::textarea, true, {}, {}, 600},
    {"body", "Arbeitsweise und Zusammensetzung", FieldType::markdown, false, kMarkdownHint},
};

constexpr KindInfo kKinds[] = {
    {"news", "meldungen", "Meldung", "Meldungen", "Neue Meldung", kNewsFields, true},
    {"publication", "publikationen", "Publikation", "Publikationen", "Neue Publikation", kPublicationFields, true},
    {"page", "seiten", "Seite", "Seiten", "Neue Seite", kPageFields, false},
    {"job", "stellen", "Stellenanzeige", "Stellenanzeigen", "Neue Stellenanzeige", kJobFields, true},
    {"theme", "themen", "Thema", "Themen", "Neues Thema", kThemeFields, false},
    {"team", "team", "Teammitglied", "Team", "Neues Teammitglied", kTeamFields, false},
    {"partner", "partner", "Partner", "Partner", "Neuer Partner", kPartnerFields, false},
    {"committee", "gremien", "Gremium", "Gremien", "Neues Gremium", kCommitteeFields, false},
};

// Pages with their own address instead of /seiten/{slug}.
constexpr std::string_view kFixedPages[] = {"ueber-uns", "kontakt", "impressum", "datenschutz", "newsletter"};

bool is_known_column(std::string_view name) {
  static constexpr std::string_view kColumns[] = {"title", "slug",      "summary",    "body",  "category",
                                                  "theme", "item_date", "sort_order", "image", "file"};
  return std::find(std::begin(kColumns), std::end(kColumns), name) != std::end(kColumns);
}

std::string trim(std::string_view s) { return std::string(text::trim(s)); }

// Normalises line ends to \n so stored Markdown does not depend on the browser.
std::string normalise_newlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_hex_hash(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::optional<std::int64_t> parse_integer(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  bool negative = s.front() == '-';
  if (negative) s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

bool is_plausible_email(std::string_view s) {
  auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  auto domain = s.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == ',' || c == ';' || c == '"';
  });
}

bool is_http_url(std::string_view s) {
  bool scheme = s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
  return scheme && s.size() > 10 && s.size() <= 500 &&
         std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == '"'; });
}

std::size_t default_max_length(FieldType type) {
  switch (type) {
    case FieldType::markdown: return 200000;
    case FieldType::textarea: return 2000;
    default: return 200;
  }
}

}  // namespace

// A link a publication may point to: a path on this site ("/bericht/") or an http(s) address.
bool is_link_target(std::string_view s) {
  bool site_path = s.size() > 1 && s[0] == '/' && s[1] != '/' && s[1] != '\\';
  return is_http_url(s) || (site_path && std::none_of(s.begin(), s.end(), [](char c) {
                              return static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' ||
                                     c == '\\';
                            }));
}

std::span<const KindInfo> kinds() { return kKinds; }

const KindInfo* find_kind(std::string_view id) {
  for (const auto& k : kKinds) {
    if (k.id == id) return &k;
  }
  return nullptr;
}

const KindInfo* find_kind_by_segment(std::string_view segment) {
  for (const auto& k : kKinds) {
    if (k.segment == segment) return &k;
  }
  return nullptr;
}

const Field* find_field(const KindInfo& kind, std::string_view name) {
  for (const auto& f : kind.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::span<const Choice> categories(std::string_view kind) {
  const KindInfo* info = find_kind(kind);
  const Field* field = info ? find_field(*info, "category") : nullptr;
  return field ? field->choices : std::span<const Choice>{};
}

std::string_view category_label(std::string_view kind, std::string_view value) {
  for (const auto& c : categories(kind)) {
    if (c.value == value) return c.label;
  }
  return {};
}

std::string Item::get_extra(std::string_view key) const {
  auto it = extra.find(std::string(key));
  return it == extra.end() ? std::string() : it->second;
}

bool Item::visible(std::int64_t now) const {
  if (!published() || !publish_at || *publish_at > now) return false;
  if (kind == "job" && item_date && *item_date + 86400 <= now) return false;
  return true;
}

bool Item::scheduled(std::int64_t now) const { return published() && publish_at && *publish_at > now; }

std::string public_url(const Item& item) {
  if (item.kind == "news") return "/aktuelles/" + item.slug;
  if (item.kind == "publication") return "/publikationen/" + item.slug;
  if (item.kind == "job") return "/stellenangebote/" + item.slug;
  if (item.kind == "theme") return "/themen/" + item.slug;
  if (item.kind == "team") return "/ueber-uns#team-" + item.slug;
  if (item.kind == "partner") return "/ueber-uns#partner-" + item.slug;
  if (item.kind == "committee") return "/ueber-uns#gremium-" + item.slug;
  for (auto fixed : kFixedPages) {
    if (item.slug == fixed) return "/" + item.slug;
  }
  return "/seiten/" + item.slug;
}

FormValues to_form_values(const Item& item) {
  FormValues v = {{"title", item.title}, {"slug", item.slug},         {"summary", item.summary},
                  {"body", item.body},   {"category", item.category}, {"sort_order", std::to_string(item.sort_order)},
                  {"image", item.image}, {"file", item.file}};
  v["theme"] = item.theme_id ? std::to_string(*item.theme_id) : "";
  v["item_date"] = item.item_date ? web::iso_date(*item.item_date) : "";
  for (const auto& [key, value] : item.extra) v[key] = value;
  return v;
}

std::map<std::string, std::string> apply_form_values(const KindInfo& kind, const FormValues& values, Item& item) {
  std::map<std::string, std::string> errors;
  item.kind = std::string(kind.id);
  for (const Field& field : kind.fields) {
    auto it = values.find(std::string(field.name));
    std::string value = it == values.end() ? std::string() : it->second;
    value = field.type == FieldType::markdown || field.type == FieldType::textarea ? normalise_newlines(value)
                                                                                   : trim(value);
    if (field.type == FieldType::markdown || field.type == FieldType::textarea) {
      // Keep inner whitespace (Markdown needs it) but not leading/trailing blank lines.
      value = trim(value);
    }
    const std::string name(field.name);
    std::size_t max = field.max_length ? field.max_length : default_max_length(field.type);

    if (value.empty()) {
      if (field.required) errors[name] = "Bitte füllen Sie dieses Feld aus.";
    } else if (utf8_length(value) > max) {
      errors[name] = "Bitte kürzen Sie den Text auf höchstens " + std::to_string(max) + " Zeichen.";
    } else {
      switch (field.type) {
        case FieldType::date:
          if (!web::parse_iso_date(value)) errors[name] = "Bitte geben Sie ein gültiges Datum im Format JJJJ-MM-TT an.";
          break;
        case FieldType::select:
          if (std::none_of(field.choices.begin(), field.choices.end(),
                           [&](const Choice& c) { return c.value == value; })) {
            errors[name] = "Bitte wählen Sie einen der angebotenen Werte.";
          }
          break;
        case FieldType::theme:
          if (!parse_integer(value) || *parse_integer(value) <= 0) errors[name] = "Bitte wählen Sie ein Thema.";
          break;
        case FieldType::number:
          if (!parse_integer(value)) errors[name] = "Bitte geben Sie eine ganze Zahl an.";
          break;
        case FieldType::url:
          if (!is_http_url(value)) errors[name] = "Bitte geben Sie eine Adresse an, die mit https:// beginnt.";
          break;
        case FieldType::email:
          if (!is_plausible_email(value)) errors[name] = "Bitte geben Sie eine gültige E-Mail-Adresse an.";
          break;
        case FieldType::image:
        case FieldType::pdf:
          if (!is_hex_hash(value)) errors[name] = "Die Datei ist unbekannt. Bitte laden Sie sie erneut hoch.";
          break;
        default: break;
      }
      if (name == "online_url" && !is_link_target(value)) {
        errors[name] = "Bitte geben Sie einen Pfad dieser Website (wie /bericht/) oder eine Adresse mit https:// an.";
      }
    }

    // Store what was typed even when invalid, so the form can show it again.
    if (name == "title") {
      item.title = value;
    } else if (name == "slug") {
      item.slug = value;
    } else if (name == "summary") {
      item.summary = value;
    } else if (name == "body") {
      item.body = value;
    } else if (name == "category") {
      item.category = value;
    } else if (name == "theme") {
      auto id = parse_integer(value);
      item.theme_id = (id && *id > 0) ? id : std::nullopt;
    } else if (name == "item_date") {
      item.item_date = web::parse_iso_date(value);
    } else if (name == "sort_order") {
      item.sort_order = parse_integer(value).value_or(0);
    } else if (name == "image") {
      item.image = is_hex_hash(value) ? value : "";
    } else if (name == "file") {
      item.file = is_hex_hash(value) ? value : "";
    } else if (!is_known_column(name)) {
      if (value.empty()) {
        item.extra.erase(name);
      } else {
        item.extra[name] = value;
      }
    }
  }

  if (item.slug.empty()) item.slug = make_slug(item.title);
  if (!errors.count("slug") && !item.title.empty() && !is_valid_slug(item.slug)) {
    errors["slug"] = "Bitte verwenden Sie nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche.";
  }
  return errors;
}

}  // namespace rf::portal
