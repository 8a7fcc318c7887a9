// Accounts, passwords, database-backed sessions, CSRF and login throttling.
// Everything lives in the database so several server instances share it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace rf::http {

// The roles of the platform (DESIGN.md, Security).
inline constexpr std::string_view kRoles[] = {
    "admin", "editor", "data_steward", "partner", "school", "training_institution", "board_member"};
bool is_known_role(std::string_view role);
// German label for a role ("Redaktion", …).
std::string_view role_label(std::string_view role);

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::vector<std::string> roles;
  // admin holds every role.
  bool has_role(std::string_view role) const;
};

// argon2id via libsodium (interactive limits: fast enough for a login page).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

// A random URL-safe token of `bytes` random bytes (base64url, no padding).
std::string random_token(std::size_t bytes = 32);
// Hex SHA-256, used to store session tokens.
std::string sha256_hex(std::string_view data);

// Creates a user; throws db::ConstraintError when the e-mail exists and
// std::invalid_argument for an unknown role, an invalid e-mail or a password under 10 characters.
std::int64_t create_user(db::Database& db, std::string_view email, std::string_view name,
                         std::string_view password, const std::vector<std::string>& roles);
std::optional<User> find_user_by_email(db::Database& db, std::string_view email);
std::optional<User> find_user(db::Database& db, std::int64_t id);

inline constexpr std::string_view kSessionCookie = "rf_session";
inline constexpr std::string_view kAnonCsrfCookie = "rf_csrf";
inline constexpr std::int64_t kSessionSeconds = 8 * 3600;

struct Session {
  User user;
  std::string csrf_token;
  std::int64_t expires_at = 0;
};

// Starts a session; returns the token for the cookie (only its hash is stored).
std::string create_session(db::Database& db, std::int64_t user_id, std::string_view ip,
                           std::string_view user_agent);
// The live session of a token, or nullopt when unknown or expired.
std::optional<Session> load_session(db::Database& db, std::string_view token);
void delete_session(db::Database& db, std::string_view token);

// Login throttling: at most kMaxFailuresPerAccount failures per account and
// kMaxFailuresPerIp per address within kThrottleWindowSeconds.
inline constexpr int kMaxFailuresPerAccount = 5;
inline constexpr int kMaxFailuresPerIp = 20;
inline constexpr std::int64_t kThrottleWindowSeconds = 15 * 60;
bool login_throttled(db::Database& db, std::string_view email, std::string_view ip);
void record_login_failure(db::Database& db, std::string_view email, std::string_view ip);
void clear_login_failures(db::Database& db, std::string_view email);

// Writes one audit entry ("who changed what").
void audit(db::Database& db, std::optional<std::int64_t> user_id, std::string_view action,
           std::string_view object_type, std::string_view object_id, std::string_view details_json,
           std::string_view ip);

std::int64_t unix_now();

}  // namespace rf::http
