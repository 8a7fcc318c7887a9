// What the network module's handlers share (module-internal): the services,
// the workflow read from data/network/workflow.yaml, who is asking, mail.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "web/web.hpp"
#include "network/measures.hpp"
#include "network/store.hpp"
#include "network/workflow.hpp"

namespace rf::network {

using Services = web::Services;

// The user behind a request and their person record.
struct Viewer {
  std::optional<web::User> user;
  std::optional<Person> person;
  bool logged_in() const { return user.has_value(); }
  bool has(std::string_view role) const {
    auto parsed = web::parse_role(role);
    return user && parsed && user->has_role(*parsed);
  }
  bool office() const { return has("editor"); }  // the Geschäftsstelle (admin holds every role)
  std::optional<std::int64_t> user_id() const { return user ? std::optional(user->id) : std::nullopt; }
  std::optional<std::int64_t> organisation_id() const { return person ? person->organisation_id : std::nullopt; }
  // Partners, board members and the office work with measures.
  bool works_on_measures() const { return has("partner") || has("board_member") || office(); }
};
Viewer viewer_of(const http::Request& req, db::Database& db);

struct Module {
  Module(Services& s, Workflow w) : services(s), workflow(std::move(w)) {}
  Services& services;
  Workflow workflow;
  std::string base_url() const { return services.settings.base_url; }
};
using ModulePtr = std::shared_ptr<Module>;

// Puts the notices into the mail outbox with the caller's connection: call it
// inside the transaction that caused them, so both are stored or neither.
void enqueue_notices(db::Database& db, const std::vector<Notice>& notices);

// Answers: the login redirect for visitors, 403 for users who may not.
http::Response denied(const http::Request& req);
http::Response not_found(const http::Request& req, const Module& module);
// The page inside the layout, with the module's navigation flags added.
http::Response page(const http::Request& req, const Module& module, std::string_view title, std::string_view name,
                    mstch::map context, int status = 200);
// An id from a path parameter; nullopt when it is not a positive number.
std::optional<std::int64_t> id_param(const http::Request& req, std::string_view name);
mstch::array string_array(const std::vector<std::string>& items);

// A page handler of this module as the router's handler.
using PageHandler = http::Response (*)(http::Request&, Module&);
http::Handler route_to(const ModulePtr& module, PageHandler f);

void register_people_pages(http::Router& router, const ModulePtr& module);
void register_body_pages(http::Router& router, const ModulePtr& module);
void register_measure_pages(http::Router& router, const ModulePtr& module);
void register_agenda_pages(http::Router& router, const ModulePtr& module);

}  // namespace rf::network
