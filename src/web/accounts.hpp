// Accounts, passwords, database-backed sessions, CSRF and login throttling.
// Everything lives in the database so several server instances share it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace rf::web {

// The roles of the platform, in the order of their names. Stored in
// user_roles by name (role_name); admin holds every role.
enum class Role : std::uint8_t {
  admin,
  board_member,
  data_steward,
  editor,
  partner,
  school,
  training_institution,
};
inline constexpr Role kAllRoles[] = {Role::admin,   Role::board_member, Role::data_steward,        Role::editor,
                                     Role::partner, Role::school,       Role::training_institution};

// "data_steward" (the name in the database and on the command line).
std::string_view role_name(Role role);
// German label ("Redaktion", …).
std::string_view role_label(Role role);
std::optional<Role> parse_role(std::string_view name);

// A set of roles as bits: checked on every request, so no strings are compared.
class RoleSet {
 public:
  void add(Role role) { bits_ |= bit(role); }
  bool contains(Role role) const { return (bits_ & bit(role)) != 0; }
  bool empty() const { return bits_ == 0; }

 private:
  static std::uint32_t bit(Role role) { return std::uint32_t{1} << static_cast<unsigned>(role); }
  std::uint32_t bits_ = 0;
};

// The names of the roles in a set, in the order of kAllRoles (for code that
// keeps roles as data, e.g. the network's workflow table).
std::vector<std::string> role_names(const RoleSet& roles);

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  RoleSet roles;
  // True when the user holds `role` or is admin.
  bool has_role(Role role) const { return roles.contains(role) || roles.contains(Role::admin); }
};

// argon2id via libsodium (interactive limits: fast enough for a login page).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

// A random URL-safe token of `bytes` random bytes (base64url, no padding).
std::string random_token(std::size_t bytes = 32);
// Hex SHA-256, used to store session tokens.
std::string sha256_hex(std::string_view data);

// The one password rule of the platform (accounts made on the command line and
// passwords set through a reset link): kMinPasswordLength to kMaxPasswordLength
// characters (the upper bound keeps argon2's input bounded). password_problem()
// returns "" for an acceptable password, else the German message for the user.
inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 200;
std::string password_problem(std::string_view password);

// Creates a user with roles given by name (role_name); throws db::ConstraintError
// when the e-mail exists and std::invalid_argument for an unknown role, an invalid e-mail or a password
// password_problem() refuses.
std::int64_t create_user(db::Database& db, std::string_view email, std::string_view name, std::string_view password,
                         const std::vector<std::string>& roles);
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
std::string create_session(db::Database& db, std::int64_t user_id, std::string_view ip, std::string_view user_agent);
// The live session of a token, or nullopt when unknown or expired.
std::optional<Session> load_session(db::Database& db, std::string_view token);
void delete_session(db::Database& db, std::string_view token);

// Password reset by mail: a single-use link valid kPasswordResetSeconds. Only a
// SHA-256 of the link's token is stored (table password_resets).
inline constexpr std::int64_t kPasswordResetSeconds = 3600;
// Stores a new reset token for the user; returns the token for the link. The
// caller enqueues the mail in the same transaction (web/outbox.hpp).
std::string create_password_reset(db::Database& db, std::int64_t user_id, std::int64_t now);
// The user whose link `token` is: unknown, used and expired tokens give nullopt.
std::optional<std::int64_t> password_reset_user(db::Database& db, std::string_view token, std::int64_t now);
// Sets the password of the token's user (password_problem() must have said
// ""), uses up every reset token of the user and ends all their sessions, in
// one transaction. Returns the user's id, or nullopt when the token is not
// (or no longer) valid: of two requests with one token only the first succeeds.
std::optional<std::int64_t> complete_password_reset(db::Database& db, std::string_view token,
                                                    std::string_view new_password, std::int64_t now);

// Login throttling, in the database so that instances share it. Failures
// count per address (kMaxFailuresPerIp) and per account and address
// (kMaxFailuresPerAccountAndIp) within kThrottleWindowSeconds: beyond either,
// that address gets no further attempt. Failures on an account from anywhere
// never lock it: past kMaxFailuresPerAccount every attempt on it is only
// answered later (a delay doubling per failure up to kMaxAccountDelayMs), so a
// stranger cannot lock the owner out and guessing stays slow.
inline constexpr int kMaxFailuresPerAccountAndIp = 5;
inline constexpr int kMaxFailuresPerIp = 20;
inline constexpr int kMaxFailuresPerAccount = 5;
inline constexpr int kMaxAccountDelayMs = 8000;
inline constexpr std::int64_t kThrottleWindowSeconds = 15 * 60;
struct LoginThrottle {
  bool refused = false;  // this address may not try now (429)
  int delay_ms = 0;      // answer this attempt only after so long
};
LoginThrottle login_throttle(db::Database& db, std::string_view email, std::string_view ip);
void record_login_failure(db::Database& db, std::string_view email, std::string_view ip);
// After a successful login: the account's failures and those of the account from this address.
void clear_login_failures(db::Database& db, std::string_view email, std::string_view ip);

// Requests that send mail to an address the client typed (newsletter
// sign-ups and the like): at most kMaxMailRequestsPerIp per client address
// within kThrottleWindowSeconds. mail_requests_exhausted() says whether the
// address has used them up; record_mail_request() counts one.
inline constexpr int kMaxMailRequestsPerIp = 10;
bool mail_requests_exhausted(db::Database& db, std::string_view ip);
void record_mail_request(db::Database& db, std::string_view ip);
// Reset mails per typed address (whether it has an account or not, so the
// answer tells nothing): at most kMaxResetMailsPerAddress within
// kThrottleWindowSeconds; the client's requests count against
// kMaxMailRequestsPerIp as every mail request does.
inline constexpr int kMaxResetMailsPerAddress = 3;
bool reset_requests_exhausted(db::Database& db, std::string_view email);
void record_reset_request(db::Database& db, std::string_view email, std::string_view ip);

// The argon2 check of a login: against the account's hash, or for an
// unknown address against a fixed dummy hash, so that both take the same
// time and the answer's timing does not tell which addresses have accounts.
bool verify_login_password(const std::optional<std::string>& hash, std::string_view password);

// Seconds since the epoch, now.
std::int64_t unix_now();

}  // namespace rf::web
