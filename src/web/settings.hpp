// The settings that pages, mail and the modules read. The program's whole
// configuration (app/config.hpp) holds one of these beside what only the
// server needs (database URL, address, threads), and fills it at start.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace rf::web {

struct Settings {
  std::filesystem::path root = ".";       // holds templates/, static/, migrations/, data/
  std::filesystem::path var_dir = "var";  // uploads, generated files
  bool secure_cookies = false;            // true behind TLS
  std::string base_url = "http://127.0.0.1:8080";
  std::string smtp_url = "file:var/mail";  // "smtp://host:port", or "file:DIR": write .eml files (web/mail.hpp)
  std::string mail_from = "RuhrFutur <noreply@ruhrfutur.invalid>";
  std::filesystem::path report_dir = "var/bericht";  // the built report served under /bericht/
  std::size_t max_upload_bytes = 50 * 1024 * 1024;   // what upload routes accept (http::RouteOptions)
  // /metrics: "" answers only clients on the loopback interface; otherwise
  // only requests with "Authorization: Bearer <metrics_token>".
  std::string metrics_token;
};

}  // namespace rf::web
