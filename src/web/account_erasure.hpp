// Erasure of a login account (GDPR Art. 17), for modules that erase a person
// they hold (the network's contacts). Its own header so that the few callers
// do not make every page include more of accounts.hpp.
#pragma once

#include <cstdint>

#include "db/database.hpp"

namespace rf::web {

// Leaves the users row in place, so that audit entries and revisions keep
// their user id, but with nothing personal in it and unable to log in: the
// e-mail becomes geloescht-ID@konto.invalid, the name and password hash are
// emptied, the account is inactive; its sessions, roles, reset links and the
// throttling rows keyed by its
// address are deleted (a module's own ties to the account stay, pointing to a
// row that no longer says who it was). Call it inside the caller's
// transaction. False when there is no such account.
bool erase_account(db::Database& db, std::int64_t user_id);

}  // namespace rf::web
