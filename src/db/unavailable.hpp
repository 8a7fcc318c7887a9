// The database server cannot be reached: the connection was refused or lost
// (PostgreSQL restarting, network down). The server answers such a request with
// 503 so clients and load balancers retry later; pooled connections reconnect.
#pragma once

#include "db/database.hpp"

namespace rf::db {

class UnavailableError : public Error {
 public:
  using Error::Error;
};

}  // namespace rf::db
