// The network module: partners, people, bodies and their meetings and
// decisions, measures from proposal through the Fachbeirat to decision and
// implementation, and the common agenda's public pages. Routes under
// /netzwerk (README, section "Network").
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>

#include "db/database.hpp"
#include "http/router.hpp"
#include "web/web.hpp"

namespace rf::network {

// Registers every route of the module. Throws std::runtime_error when
// data/network/workflow.yaml cannot be read (the messages name file and line).
void register_routes(http::Router& router, web::Services& services);

// The real partner structure of RuhrFutur (Stiftung Mercator, Land NRW, RVR,
// the cities, Kreise and universities, civil society), its bodies, demo
// contacts with obvious demo names, meetings and a few measures in several
// states. Adds nothing when organisations exist already; returns the number
// of organisations added.
int load_demo(db::Database& db, const std::filesystem::path& root, std::ostream& log);

// Queues the deadline reminders that are due in the mail outbox (the serve
// instances send them); returns how many (`ruhrfutur network reminders`, run
// hourly from a timer).
int send_due_reminders(db::Database& db, const web::Settings& config);

}  // namespace rf::network
