// /redaktion/post: the mail outbox for editors: queued, sent and failed mails
// (with the server's answer), and a button that puts a failed mail back in the queue.
#include "web/dates.hpp"
#include "portal/editor.hpp"
#include "portal/views.hpp"
#include "text/number.hpp"
#include "web/outbox.hpp"

namespace rf::portal {
namespace {

constexpr int kPageSize = 100;

struct StateInfo {
  const char* state;  // outbox state, "" for all
  const char* slug;   // ?status=
  const char* label;
};
constexpr StateInfo kStates[] = {{"", "", "Alle"},
                                 {"queued", "wartend", "Wartend"},
                                 {"sending", "in-zustellung", "In Zustellung"},
                                 {"sent", "gesendet", "Gesendet"},
                                 {"failed", "fehlgeschlagen", "Fehlgeschlagen"}};

const StateInfo& state_for_slug(std::string_view slug) {
  for (const auto& s : kStates) {
    if (slug == s.slug) return s;
  }
  return kStates[0];
}

std::string state_label(std::string_view state) {
  for (const auto& s : kStates) {
    if (state == s.state) return s.label;
  }
  return std::string(state);
}

}  // namespace

void register_mail_admin(http::Router& router, const SitePtr& site) {
  router.get("/redaktion/post", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    const StateInfo& current = state_for_slug(req.query.get_or("status", ""));
    int page = 1;
    try {
      page = std::clamp(std::stoi(req.query.get_or("seite", "1")), 1, 100000);
    } catch (const std::exception&) {
    }
    auto db = site->services.pool.acquire();
    auto counts = web::outbox_counts(*db);
    std::int64_t total = 0;
    for (const auto& [state, n] : counts) total += n;
    mstch::array tabs;
    for (const auto& s : kStates) {
      std::int64_t n = *s.state ? counts[s.state] : total;
      tabs.push_back(
          mstch::map{{"label", std::string(s.label)},
                     {"count", text::format_number(static_cast<double>(n), 0)},
                     {"url", std::string("/redaktion/post") + (*s.slug ? std::string("?status=") + s.slug : "")},
                     {"current", &s == &current}});
    }
    auto entries = web::list_outbox(*db, current.state, kPageSize + 1, (page - 1) * kPageSize);
    bool more = entries.size() > static_cast<std::size_t>(kPageSize);
    if (more) entries.pop_back();
    mstch::array rows;
    for (const auto& e : entries) {
      mstch::map row{{"id", std::to_string(e.id)},
                     {"recipient", e.recipient},
                     {"subject", e.subject},
                     {"category", e.category},
                     {"state", state_label(e.state)},
                     {"attempts", std::to_string(e.attempts)},
                     {"created", web::format_datetime_de(e.created_at)},
                     {"when", e.sent_at ? web::format_datetime_de(*e.sent_at)
                                        : (e.state == "queued" ? "ab " + web::format_datetime_de(e.next_attempt_at)
                                                               : std::string("–"))},
                     {"error", e.last_error},
                     {"failed", e.state == "failed"},
                     {"retry_url", "/redaktion/post/" + std::to_string(e.id) + "/erneut"}};
      rows.push_back(std::move(row));
    }
    std::string base =
        std::string("/redaktion/post?") + (*current.slug ? std::string("status=") + current.slug + "&" : "");
    mstch::map context{{"tabs", tabs},
                       {"rows", rows},
                       {"has_rows", !rows.empty()},
                       {"filter_label", std::string(current.label)},
                       {"has_prev", page > 1},
                       {"prev_url", base + "seite=" + std::to_string(page - 1)},
                       {"has_next", more},
                       {"next_url", base + "seite=" + std::to_string(page + 1)}};
    if (req.query.get_or("hinweis", "") == "erneut") {
      context["notice"] = std::string("Die E-Mail steht wieder in der Warteschlange.");
    }
    return editor_page(req, *site, "Postausgang", "redaktion/post", std::move(context));
  });

  router.post("/redaktion/post/{id}/erneut", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    auto parsed = parse_id(req.param("id"));
    if (!parsed) return http::Response::error(404, "Nicht gefunden.");
    const std::int64_t id = *parsed;
    auto db = site->services.pool.acquire();
    if (!web::retry_mail(*db, id, now_seconds())) {
      return http::Response::error(409, "Diese E-Mail ist nicht (mehr) fehlgeschlagen.");
    }
    web::audit(*db, web::current_user(req)->id, "mail.retry", "mail_outbox", std::to_string(id), "{}",
               req.remote_address);
    return http::Response::redirect("/redaktion/post?status=wartend&hinweis=erneut");
  });
}

}  // namespace rf::portal
