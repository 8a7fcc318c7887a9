// The audit log: who changed what, when, from where (table audit_log).
// Logins, failed logins and every change made through the pages write one entry.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "db/database.hpp"

namespace rf::web {

// Writes one audit entry; user_id is empty for visitors (e.g. a failed login).
void audit(db::Database& db, std::optional<std::int64_t> user_id, std::string_view action, std::string_view object_type,
           std::string_view object_id, std::string_view details_json, std::string_view ip);

}  // namespace rf::web
