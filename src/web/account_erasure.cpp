#include "web/account_erasure.hpp"

#include <string>

#include "text/strings.hpp"

namespace rf::web {

bool erase_account(db::Database& db, std::int64_t user_id) {
  auto row = db.query_one("SELECT email FROM users WHERE id = ?", {user_id});
  if (!row) return false;
  const std::string email = text::to_lower_ascii(row->text(0));
  // The core rows that reference the account (ON DELETE CASCADE would only
  // fire on a DELETE of the user, which audit entries must survive). Modules'
  // ties to an account (a survey coordinator's school) stay: they point to a
  // row that no longer says who it was.
  for (const char* table : {"sessions", "user_roles", "password_resets"}) {
    db.execute(std::string("DELETE FROM ") + table + " WHERE user_id = ?", {user_id});
  }
  // Throttling rows name the address in their key (web/accounts.cpp).
  db.execute("DELETE FROM login_failures WHERE throttle_key IN (?, ?) OR throttle_key LIKE ?",
             {"account:" + email, "reset:" + email, "account-ip:" + email + "|%"});
  db.execute("UPDATE users SET email = ?, name = '', password_hash = '', active = 0 WHERE id = ?",
             {"geloescht-" + std::to_string(user_id) + "@konto.invalid", user_id});
  return true;
}

}  // namespace rf::web
