// Newsletter subscriptions with double opt-in. A subscription stays pending
// until the single-use link of the confirmation mail is followed (within
// seven days; older pending entries are deleted). Every mail carries an
// unsubscribe link; unsubscribing deletes the address.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace rf::portal {

inline constexpr std::int64_t kConfirmTokenSeconds = 7 * 86400;
// A pending address gets at most one confirmation mail in this time.
inline constexpr std::int64_t kResendSeconds = 120;

std::int64_t confirmed_subscriber_count(db::Database& db);

// Stores a pending subscription together with its confirmation mail in the
// outbox (web/outbox.hpp), links pointing to `site_url` (the configured
// base_url). Returns the mail's tokens, or nullopt when no mail should go out
// (already confirmed, or a mail went out moments ago). The caller shows the
// same answer either way, so the form does not reveal who subscribed.
// Throws web::MailError for an address no mail can be sent to.
struct SubscribeTokens {
  std::string confirm;
  std::string unsubscribe;
};
std::optional<SubscribeTokens> subscribe(db::Database& db, std::string_view email, std::int64_t now,
                                         std::string_view site_url);

// True when `token` belongs to a pending subscription that may still be confirmed.
bool confirm_token_valid(db::Database& db, std::string_view token, std::int64_t now);
// Confirms and uses up the token; false when it is unknown, used or expired.
bool confirm_subscription(db::Database& db, std::string_view token, std::int64_t now);

// The address an unsubscribe token belongs to.
std::optional<std::string> unsubscribe_address(db::Database& db, std::string_view token);
bool unsubscribe(db::Database& db, std::string_view token);

struct Subscriber {
  std::int64_t id = 0;
  std::string email;
  std::string status;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> confirmed_at;
};
std::vector<Subscriber> list_subscribers(db::Database& db);
bool delete_subscriber(db::Database& db, std::int64_t id);
// Confirmed subscribers as CSV for spreadsheet programs (UTF-8 with BOM, ';').
std::string subscribers_csv(db::Database& db);

// The text of the confirmation mail.
std::string confirmation_mail_text(std::string_view confirm_url, std::string_view unsubscribe_url);

// Plausible address for the form ("" when fine, else a German message).
std::string check_subscriber_email(std::string_view email);

}  // namespace rf::portal
