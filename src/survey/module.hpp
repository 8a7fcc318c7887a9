// What the survey module's handlers share (module-internal).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

#include "http/router.hpp"
#include "survey/store.hpp"
#include "web/web.hpp"

namespace rf::survey {

struct Module {
  explicit Module(web::Services& s) : services(s) {}
  web::Services& services;
  WaveCache waves;  // for the answering pages (store.hpp)
};
using ModulePtr = std::shared_ptr<Module>;

// A page of the module: the layout with the survey stylesheet; never cached
// by browsers (answers and tokens are personal).
http::Response survey_page(const http::Request& req, const Module& m, std::string_view title,
                           std::string_view template_name, mstch::map context, int status = 200);
// A short message page (used token, closed wave, thanks …).
http::Response message_page(const http::Request& req, const Module& m, std::string_view title, std::string_view message,
                            int status, std::string_view link = {}, std::string_view link_text = {});

// config.base_url + path: links in mails.
std::string absolute_link(const web::Settings& config, std::string_view path);

// Puts the invitation mail with the personal link into the mail outbox, with
// the caller's connection and inside its transaction (the token and its mail
// are stored together). Throws web::MailError for an address mail refuses.
void enqueue_invitation(db::Database& db, std::string_view email, std::string_view survey_title, std::string_view link,
                        std::string_view closes_on_german, std::string_view category = "survey.invitation");

void register_answer_pages(http::Router& router, const ModulePtr& m);
void register_admin_pages(http::Router& router, const ModulePtr& m);
void register_tab_pages(http::Router& router, const ModulePtr& m);
void register_result_pages(http::Router& router, const ModulePtr& m);

}  // namespace rf::survey
