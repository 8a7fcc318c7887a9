#include "web/accounts.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "text/strings.hpp"

namespace rf::web {
namespace {

void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}

bool plausible_email(std::string_view email) {
  auto at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('.', at) != std::string_view::npos && email.size() <= 254 &&
         email.find_first_of(" \t\r\n<>\"") == std::string_view::npos;
}

RoleSet load_roles(db::Database& db, std::int64_t user_id) {
  RoleSet roles;
  for (const auto& row : db.query("SELECT role FROM user_roles WHERE user_id = ?", {user_id})) {
    // A role this program does not know (written by a newer version) grants nothing.
    if (auto role = parse_role(row.text(0))) roles.add(*role);
  }
  return roles;
}

std::optional<User> user_from_row(db::Database& db, const std::optional<db::Row>& row) {
  if (!row) return std::nullopt;
  User user{row->integer(0), row->text(1), row->text(2), {}};
  user.roles = load_roles(db, user.id);
  return user;
}

}  // namespace

std::string_view role_name(Role role) {
  switch (role) {
    case Role::admin: return "admin";
    case Role::editor: return "editor";
    case Role::data_steward: return "data_steward";
    case Role::partner: return "partner";
    case Role::school: return "school";
    case Role::training_institution: return "training_institution";
    case Role::board_member: return "board_member";
  }
  return "";
}

std::string_view role_label(Role role) {
  switch (role) {
    case Role::admin: return "Administration";
    case Role::editor: return "Redaktion";
    case Role::data_steward: return "Datenpflege";
    case Role::partner: return "Partner";
    case Role::school: return "Schule";
    case Role::training_institution: return "Fortbildungseinrichtung";
    case Role::board_member: return "Gremienmitglied";
  }
  return "";
}

std::vector<std::string> role_names(const RoleSet& roles) {
  std::vector<std::string> names;
  for (Role role : kAllRoles) {
    if (roles.contains(role)) names.emplace_back(role_name(role));
  }
  return names;
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role role : kAllRoles) {
    if (role_name(role) == name) return role;
  }
  return std::nullopt;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  std::string h(hash);  // needs a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string sha256_hex(std::string_view data) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string password_problem(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return "Das Passwort muss mindestens " + std::to_string(kMinPasswordLength) + " Zeichen lang sein.";
  }
  if (password.size() > kMaxPasswordLength) {
    return "Das Passwort darf höchstens " + std::to_string(kMaxPasswordLength) + " Zeichen lang sein.";
  }
  return "";
}

std::int64_t create_user(db::Database& db, std::string_view email, std::string_view name, std::string_view password,
                         const std::vector<std::string>& roles) {
  if (!plausible_email(email)) throw std::invalid_argument("invalid e-mail address: " + std::string(email));
  if (!password_problem(password).empty()) {
    throw std::invalid_argument("the password must have " + std::to_string(kMinPasswordLength) + " to " +
                                std::to_string(kMaxPasswordLength) + " characters");
  }
  for (const auto& role : roles) {
    if (!parse_role(role)) throw std::invalid_argument("unknown role: " + role);
  }
  db::Transaction tx(db);
  auto id = db.insert("INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)",
                      {text::to_lower_ascii(email), std::string(name), hash_password(password), unix_now()});
  for (const auto& role : roles) {
    db.execute("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", {id, role});
  }
  tx.commit();
  return id;
}

std::optional<User> find_user_by_email(db::Database& db, std::string_view email) {
  return user_from_row(db, db.query_one("SELECT id, email, name FROM users WHERE email = ? AND active = 1",
                                        {text::to_lower_ascii(email)}));
}

std::optional<User> find_user(db::Database& db, std::int64_t id) {
  return user_from_row(db, db.query_one("SELECT id, email, name FROM users WHERE id = ? AND active = 1", {id}));
}

std::string create_session(db::Database& db, std::int64_t user_id, std::string_view ip, std::string_view user_agent) {
  auto token = random_token();
  auto now = unix_now();
  // Expired sessions are of no use to anyone: each login removes them.
  db.execute("DELETE FROM sessions WHERE expires_at <= ?", {now});
  db.execute(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, ip, user_agent) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {sha256_hex(token), user_id, random_token(), now, now + kSessionSeconds, std::string(ip),
       std::string(user_agent.substr(0, 300))});
  return token;
}

std::optional<Session> load_session(db::Database& db, std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto row = db.query_one(
      "SELECT s.user_id, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1",
      {sha256_hex(token), unix_now()});
  if (!row) return std::nullopt;
  auto user = find_user(db, row->integer(0));
  if (!user) return std::nullopt;
  return Session{*user, row->text(1), row->integer(2)};
}

void delete_session(db::Database& db, std::string_view token) {
  db.execute("DELETE FROM sessions WHERE token_hash = ?", {sha256_hex(token)});
}

std::string create_password_reset(db::Database& db, std::int64_t user_id, std::int64_t now) {
  auto token = random_token();
  // Used and expired links are of no use: each request removes them.
  db.execute("DELETE FROM password_resets WHERE expires_at <= ? OR used_at IS NOT NULL", {now});
  db.execute("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
             {sha256_hex(token), user_id, now, now + kPasswordResetSeconds});
  return token;
}

std::optional<std::int64_t> password_reset_user(db::Database& db, std::string_view token, std::int64_t now) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto row = db.query_one(
      "SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id "
      "WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND u.active = 1",
      {sha256_hex(token), now});
  if (!row) return std::nullopt;
  return row->integer(0);
}

std::optional<std::int64_t> complete_password_reset(db::Database& db, std::string_view token,
                                                    std::string_view new_password, std::int64_t now) {
  auto user_id = password_reset_user(db, token, now);
  if (!user_id) return std::nullopt;
  const std::string hash = hash_password(new_password);  // before the transaction: argon2 is slow
  db::Transaction tx(db);
  // Claiming the token is the first write: a second request with the same
  // token changes no row here and gives up.
  if (db.execute("UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                 {now, sha256_hex(token), now}) != 1) {
    return std::nullopt;
  }
  db.execute("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL", {now, *user_id});
  db.execute("UPDATE users SET password_hash = ? WHERE id = ?", {hash, *user_id});
  db.execute("DELETE FROM sessions WHERE user_id = ?", {*user_id});
  tx.commit();
  return user_id;
}

namespace {

// Events per key within the throttle window (table login_failures, which
// holds every throttled kind of event by key).
std::int64_t recent_events(db::Database& db, const std::string& key) {
  return db
      .query_one("SELECT COUNT(*) FROM login_failures WHERE throttle_key = ? AND at > ?",
                 {key, unix_now() - kThrottleWindowSeconds})
      ->integer(0);
}

void record_event(db::Database& db, const std::string& key) {
  const auto now = unix_now();
  db.execute("INSERT INTO login_failures (throttle_key, at) VALUES (?, ?)", {key, now});
  // Old rows are useless for the window; keep the table small.
  db.execute("DELETE FROM login_failures WHERE at < ?", {now - kThrottleWindowSeconds});
}

std::string account_key(std::string_view email) { return "account:" + text::to_lower_ascii(email); }
std::string ip_key(std::string_view ip) { return "ip:" + std::string(ip); }
std::string account_ip_key(std::string_view email, std::string_view ip) {
  return "account-ip:" + text::to_lower_ascii(email) + "|" + std::string(ip);
}

}  // namespace

LoginThrottle login_throttle(db::Database& db, std::string_view email, std::string_view ip) {
  LoginThrottle t;
  t.refused = recent_events(db, ip_key(ip)) >= kMaxFailuresPerIp ||
              recent_events(db, account_ip_key(email, ip)) >= kMaxFailuresPerAccountAndIp;
  const std::int64_t failures = recent_events(db, account_key(email));
  if (failures >= kMaxFailuresPerAccount) {
    const std::int64_t doublings = std::min<std::int64_t>(failures - kMaxFailuresPerAccount, 16);
    t.delay_ms = static_cast<int>(std::min<std::int64_t>(250LL << doublings, kMaxAccountDelayMs));
  }
  return t;
}

void record_login_failure(db::Database& db, std::string_view email, std::string_view ip) {
  record_event(db, account_key(email));
  record_event(db, ip_key(ip));
  record_event(db, account_ip_key(email, ip));
}

void clear_login_failures(db::Database& db, std::string_view email, std::string_view ip) {
  db.execute("DELETE FROM login_failures WHERE throttle_key = ? OR throttle_key = ?",
             {account_key(email), account_ip_key(email, ip)});
}

bool mail_requests_exhausted(db::Database& db, std::string_view ip) {
  return recent_events(db, "mail:" + std::string(ip)) >= kMaxMailRequestsPerIp;
}

void record_mail_request(db::Database& db, std::string_view ip) { record_event(db, "mail:" + std::string(ip)); }

bool reset_requests_exhausted(db::Database& db, std::string_view email) {
  return recent_events(db, "reset:" + text::to_lower_ascii(email)) >= kMaxResetMailsPerAddress;
}

void record_reset_request(db::Database& db, std::string_view email, std::string_view ip) {
  record_event(db, "reset:" + text::to_lower_ascii(email));
  record_mail_request(db, ip);
}

bool verify_login_password(const std::optional<std::string>& hash, std::string_view password) {
  // Hashed once with a random password nobody knows: verifying against it
  // costs exactly what a real account costs and never succeeds.
  static const std::string dummy = hash_password(random_token());
  const bool ok = verify_password(hash ? *hash : dummy, password);
  return ok && hash.has_value();
}

}  // namespace rf::web
