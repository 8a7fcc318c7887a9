// Accounts, sessions, throttling and audit on both databases.
#include <gtest/gtest.h>

#include "support/database_params.hpp"
#include "db/migrations.hpp"
#include "web/accounts.hpp"
#include "web/audit.hpp"

namespace rf::web {
namespace {

class AccountsTest : public test::BothDatabases {
 protected:
  void SetUp() override {
    db_ = open_fresh();
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
  }
  std::unique_ptr<db::Database> db_;
};

TEST_P(AccountsTest, CreatesUserWithRolesAndHashedPassword) {
  auto id = create_user(*db_, "Erika@Example.org", "Erika", "ein-langes-passwort", {"editor", "partner"});
  auto user = find_user_by_email(*db_, "erika@example.ORG");
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->id, id);
  EXPECT_EQ(user->email, "erika@example.org");
  std::vector<std::string> role_names;
  for (Role role : kAllRoles) {
    if (user->roles.contains(role)) role_names.emplace_back(role_name(role));
  }
  EXPECT_EQ(role_names, (std::vector<std::string>{"editor", "partner"}));
  EXPECT_TRUE(user->has_role(Role::editor));
  EXPECT_FALSE(user->has_role(Role::admin));
  auto hash = db_->query_one("SELECT password_hash FROM users WHERE id = ?", {id})->text(0);
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_TRUE(verify_password(hash, "ein-langes-passwort"));
  EXPECT_FALSE(verify_password(hash, "ein-langes-passworT"));
}

TEST_P(AccountsTest, RejectsDuplicatesBadRolesShortPasswords) {
  create_user(*db_, "a@example.org", "", "ein-langes-passwort", {"admin"});
  EXPECT_THROW(create_user(*db_, "A@example.org", "", "ein-langes-passwort", {"admin"}), db::ConstraintError);
  EXPECT_THROW(create_user(*db_, "b@example.org", "", "ein-langes-passwort", {"king"}), std::invalid_argument);
  EXPECT_THROW(create_user(*db_, "c@example.org", "", "kurz", {"editor"}), std::invalid_argument);
  EXPECT_THROW(create_user(*db_, "no-at-sign", "", "ein-langes-passwort", {"editor"}), std::invalid_argument);
  // Nothing half-written by the failed attempts.
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM users")->integer(0), 1);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM user_roles")->integer(0), 1);
}

TEST_P(AccountsTest, AdminHoldsEveryRole) {
  create_user(*db_, "root@example.org", "", "ein-langes-passwort", {"admin"});
  auto user = find_user_by_email(*db_, "root@example.org");
  for (auto role : kAllRoles) EXPECT_TRUE(user->has_role(role)) << role_name(role);
}

TEST_P(AccountsTest, SessionsStoreOnlyAHashAndExpire) {
  auto id = create_user(*db_, "s@example.org", "S", "ein-langes-passwort", {"school"});
  auto token = create_session(*db_, id, "127.0.0.1", "test");
  EXPECT_GE(token.size(), 40u);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", {token})->integer(0), 0);
  auto session = load_session(*db_, token);
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->user.email, "s@example.org");
  EXPECT_GE(session->csrf_token.size(), 40u);
  EXPECT_FALSE(load_session(*db_, token + "x").has_value());
  EXPECT_FALSE(load_session(*db_, "").has_value());

  db_->execute("UPDATE sessions SET expires_at = ?", {unix_now() - 1});
  EXPECT_FALSE(load_session(*db_, token).has_value());
  db_->execute("UPDATE sessions SET expires_at = ?", {unix_now() + 60});
  delete_session(*db_, token);
  EXPECT_FALSE(load_session(*db_, token).has_value());
}

TEST_P(AccountsTest, DeactivatedUserLosesSession) {
  auto id = create_user(*db_, "d@example.org", "", "ein-langes-passwort", {"partner"});
  auto token = create_session(*db_, id, "", "");
  db_->execute("UPDATE users SET active = 0 WHERE id = ?", {id});
  EXPECT_FALSE(load_session(*db_, token).has_value());
}

TEST_P(AccountsTest, ThrottlesPerAccountAndAddressAndPerAddressButNeverLocksTheAccount) {
  for (int i = 0; i < kMaxFailuresPerAccountAndIp - 1; ++i) record_login_failure(*db_, "x@example.org", "10.0.0.1");
  EXPECT_FALSE(login_throttle(*db_, "x@example.org", "10.0.0.1").refused);
  EXPECT_EQ(login_throttle(*db_, "x@example.org", "10.0.0.1").delay_ms, 0);
  record_login_failure(*db_, "X@example.org", "10.0.0.1");
  EXPECT_TRUE(login_throttle(*db_, "x@example.org", "10.0.0.1").refused);
  // Another address is not refused: the account only answers later.
  auto elsewhere = login_throttle(*db_, "x@example.org", "10.0.0.2");
  EXPECT_FALSE(elsewhere.refused);
  EXPECT_GT(elsewhere.delay_ms, 0);
  EXPECT_FALSE(login_throttle(*db_, "y@example.org", "10.0.0.1").refused);
  // Many more failures from many addresses: a growing delay with a ceiling, never a lock.
  for (int i = 0; i < 40; ++i) record_login_failure(*db_, "x@example.org", "10.1.0." + std::to_string(i));
  auto attacked = login_throttle(*db_, "x@example.org", "10.0.0.2");
  EXPECT_FALSE(attacked.refused);
  EXPECT_GT(attacked.delay_ms, elsewhere.delay_ms);
  EXPECT_LE(attacked.delay_ms, kMaxAccountDelayMs);
  clear_login_failures(*db_, "x@example.org", "10.0.0.1");
  EXPECT_FALSE(login_throttle(*db_, "x@example.org", "10.0.0.1").refused);
  EXPECT_EQ(login_throttle(*db_, "x@example.org", "10.0.0.2").delay_ms, 0);

  for (int i = 0; i < kMaxFailuresPerIp; ++i) {
    record_login_failure(*db_, "user" + std::to_string(i) + "@example.org", "10.9.9.9");
  }
  EXPECT_TRUE(login_throttle(*db_, "fresh@example.org", "10.9.9.9").refused);
  EXPECT_FALSE(login_throttle(*db_, "fresh@example.org", "10.9.9.8").refused);
}

TEST_P(AccountsTest, ExpiredSessionsAreDeleted) {
  auto id = create_user(*db_, "alt@example.org", "", "ein-langes-passwort", {"school"});
  auto old_token = create_session(*db_, id, "", "");
  db_->execute("UPDATE sessions SET expires_at = ?", {unix_now() - 1});
  auto fresh = create_session(*db_, id, "", "");
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM sessions")->integer(0), 1);
  EXPECT_FALSE(load_session(*db_, old_token).has_value());
  EXPECT_TRUE(load_session(*db_, fresh).has_value());
}

TEST_P(AccountsTest, AuditLogRecordsWhoDidWhat) {
  auto id = create_user(*db_, "e@example.org", "", "ein-langes-passwort", {"editor"});
  audit(*db_, id, "news.publish", "news", "42", R"({"title":"Neu"})", "127.0.0.1");
  audit(*db_, std::nullopt, "user.login_failed", "user", "e@example.org", "{}", "127.0.0.2");
  auto rows = db_->query("SELECT user_id, action, object_id, details, ip FROM audit_log ORDER BY id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].integer(0), id);
  EXPECT_EQ(rows[0].text(1), "news.publish");
  EXPECT_EQ(rows[0].text(3), R"({"title":"Neu"})");
  EXPECT_TRUE(rows[1].is_null(0));
  EXPECT_EQ(rows[1].text(4), "127.0.0.2");
}

TEST(Tokens, AreRandomAndUrlSafe) {
  auto a = random_token(), b = random_token();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);  // 32 bytes base64url without padding
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

RF_BOTH_DATABASES(AccountsTest);

}  // namespace
}  // namespace rf::web
