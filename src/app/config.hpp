// Configuration: built-in defaults < config file (YAML) < environment < command line.
#pragma once

#include <string>

#include "http/web.hpp"

namespace rf::app {

// Environment variables: RF_DATABASE, RF_LISTEN, RF_ROOT, RF_VAR_DIR, RF_BASE_URL,
// RF_SMTP_URL, RF_MAIL_FROM, RF_SECURE_COOKIES (1/0), RF_THREADS, RF_CONFIG (the file).
// Config file keys are the same in lower case without the prefix (database:, listen:, …).
// Throws std::runtime_error naming the file and key for a bad file.
http::Config load_config(const std::string& config_file);

// "127.0.0.1:8080" -> host and port; throws std::invalid_argument when malformed.
void split_listen(const std::string& listen, std::string& host, unsigned short& port);

}  // namespace rf::app
