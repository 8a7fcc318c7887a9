// The bytes that go on the wire around a handler's Response: status line,
// managed headers (Server, Date, Content-Length, Connection) and the access
// log line. Boost-free, so that it is cheap to compile and easy to test.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "http/response.hpp"

namespace rf::http {

// The current time as an HTTP-date, formatted once per second per thread.
std::string_view cached_http_date();

struct HeadOptions {
  bool keep_alive = true;
  bool http10 = false;        // HTTP/1.0 clients need an explicit keep-alive
  bool head_request = false;  // HEAD: headers only
};

// Starts a head: status line, Server, Date and Connection lines.
void begin_head(std::string& out, int status, const HeadOptions& options);

// Appends the head of a handler's response to out (cleared first) and
// returns how many body bytes follow (0 for HEAD, 204 and 304). Handler
// headers with CR/LF are cleaned so that user input cannot split a response.
std::size_t serialize_head(std::string& out, const Response& response, const HeadOptions& options);

struct AccessLogEntry {
  std::string_view method;
  std::string_view path;  // raw, without query
  int status = 0;
  std::size_t bytes = 0;  // body bytes sent
  double duration_ms = 0;
  std::string_view remote;
};
// {"time":"2024-05-01T12:00:00.123Z","method":"GET",...}\n
void append_access_log_line(std::string& out, const AccessLogEntry& entry);

}  // namespace rf::http
