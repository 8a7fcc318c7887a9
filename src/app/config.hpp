// Configuration: built-in defaults < config file (YAML) < environment < command line.
#pragma once

#include <string>

#include <cstddef>

#include "web/settings.hpp"

namespace rf::app {

// The program's configuration: what only the server and the commands need,
// and the settings the pages and modules read (handed to them in web::Services).
struct Config {
  std::string database_url = "sqlite:var/ruhrfutur.db";
  std::string listen = "127.0.0.1:8080";
  unsigned threads = 0;             // 0: one per core
  bool access_log = true;           // one JSON line per request on stderr
  bool mail_sender = true;          // this instance delivers the outbox (web/mail_sender.hpp)
  double mail_rate_per_minute = 0;  // over all instances; 0: no limit
  int mail_retry_seconds = 60;      // first retry after a temporary failure; doubles per attempt
  int mail_lease_seconds = 300;     // a claimed mail not reported back by then is claimed again
  web::Settings web;
};

// Environment variables: RF_DATABASE, RF_LISTEN, RF_ROOT, RF_VAR_DIR, RF_BASE_URL,
// RF_SMTP_URL, RF_MAIL_FROM, RF_SECURE_COOKIES (1/0), RF_THREADS, RF_CONFIG (the file).
// Config file keys are the same in lower case without the prefix (database:, listen:, …).
// Throws std::runtime_error naming the file and key for a bad file.
Config load_config(const std::string& config_file);

// "127.0.0.1:8080" -> host and port; throws std::invalid_argument when malformed.
void split_listen(const std::string& listen, std::string& host, unsigned short& port);

}  // namespace rf::app
