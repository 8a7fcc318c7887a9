// The survey module's public face: its pages and the shipped questionnaires.
//
//   /befragung/{token}          answering (invitation or personal continue link)
//   /befragung/offen/{token}    the open link of a wave
//   /umfragen …                 surveys, versions, waves, preview, results (office)
//   /tab …                      the TAB training-needs workflow (schools, training institutions)
#pragma once

#include <filesystem>

#include "db/database.hpp"
#include "http/router.hpp"
#include "web/web.hpp"

namespace rf::survey {

void register_routes(http::Router& router, web::Services& services);

// Creates a survey for every shipped form under <root>/data/surveys/ that is
// not there yet (slug = folder name; the TAB checklist as kind "tab").
// Returns the number of surveys added.
int load_shipped_surveys(db::Database& db, const std::filesystem::path& root);

}  // namespace rf::survey
