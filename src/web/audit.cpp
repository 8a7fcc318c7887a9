#include "web/audit.hpp"

#include "web/accounts.hpp"

namespace rf::web {

void audit(db::Database& db, std::optional<std::int64_t> user_id, std::string_view action, std::string_view object_type,
           std::string_view object_id, std::string_view details_json, std::string_view ip) {
  db::Value uid = user_id ? db::Value(*user_id) : db::Value(db::Null{});
  db.execute(
      "INSERT INTO audit_log (at, user_id, action, object_type, object_id, details, ip) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {unix_now(), uid, std::string(action), std::string(object_type), std::string(object_id),
       std::string(details_json), std::string(ip)});
}

}  // namespace rf::web
