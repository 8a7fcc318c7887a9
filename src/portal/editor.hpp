// Internal to the editor pages (/redaktion/…): shared helpers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <mstch/mstch.hpp>

#include "web/web.hpp"
#include "portal/content.hpp"
#include "portal/content_store.hpp"
#include "portal/site.hpp"

namespace rf::portal {

using FieldErrors = std::map<std::string, std::string>;

// A page of the editor: never cached, not indexed, with the editor navigation.
http::Response editor_page(const http::Request& req, const Site& site, std::string_view title, std::string_view name,
                           mstch::map context, int status = 200);

// Who is acting, for the store's audit entries.
Actor actor_of(const http::Request& req);

// The template values of the item form: one entry per field with its value,
// error, hint and the ids that aria-describedby needs.
mstch::map form_view(ContentStore& store, const KindInfo& kind, const FormValues& values, const FieldErrors& errors);

// Reads the submitted form: text fields, plus uploads of image and PDF fields
// (stored right away, so a failed validation does not lose them) and their
// "remove" boxes. Upload problems are added to `errors`.
FormValues read_form(const http::Request& req, Site& site, const KindInfo& kind, FieldErrors& errors);

// "Entwurf", "Veröffentlicht", "Geplant für 01.02.2025, 09:00 Uhr", "Abgelaufen".
std::string status_label(const Item& item, std::int64_t now);

// A numeric id from a URL segment; nullopt unless it is 1 to 15 digits.
std::optional<std::int64_t> parse_id(const std::string& text);

std::string editor_url(const KindInfo& kind);                   // /redaktion/meldungen
std::string editor_url(const KindInfo& kind, std::int64_t id);  // /redaktion/meldungen/7

}  // namespace rf::portal
