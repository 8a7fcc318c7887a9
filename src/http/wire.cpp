#include "http/wire.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "http/util.hpp"
#include "text/strings.hpp"

namespace rf::http {
namespace {

// Headers the server writes itself; a handler's copies are ignored.
bool is_managed_header(std::string_view name) {
  return text::iequals(name, "Content-Length") || text::iequals(name, "Connection") || text::iequals(name, "Date") ||
         text::iequals(name, "Server") || text::iequals(name, "Transfer-Encoding");
}

void append_number(std::string& out, std::uint64_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

void append_clean(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c != '\r' && c != '\n') out.push_back(c);
  }
}

bool has_body(int status) { return status >= 200 && status != 204 && status != 304; }

}  // namespace

std::string_view cached_http_date() {
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    cached_second = now;
    cached = http_date(now);
  }
  return cached;
}

void begin_head(std::string& out, int status, const HeadOptions& options) {
  out.clear();
  out += "HTTP/1.1 ";
  append_number(out, static_cast<std::uint64_t>(status));
  out += ' ';
  out += reason_phrase(status);
  out += "\r\nServer: ruhrfutur\r\nDate: ";
  out += cached_http_date();
  out += "\r\n";
  if (!options.keep_alive) {
    out += "Connection: close\r\n";
  } else if (options.http10) {
    out += "Connection: keep-alive\r\n";
  }
}

std::size_t serialize_head(std::string& out, const Response& response, const HeadOptions& options) {
  begin_head(out, response.status, options);
  std::string_view explicit_length;
  for (const auto& [name, value] : response.headers) {
    if (is_managed_header(name)) {
      if (text::iequals(name, "Content-Length")) explicit_length = value;
      continue;
    }
    append_clean(out, name);
    out += ": ";
    append_clean(out, value);
    out += "\r\n";
  }
  if (!has_body(response.status)) {
    out += "\r\n";
    return 0;
  }
  out += "Content-Length: ";
  // A HEAD answered by the router carries the GET body's length explicitly,
  // and so does a body streamed from a file (the server sets it).
  bool use_explicit =
      (options.head_request || !response.body_file.empty()) && response.body.empty() && !explicit_length.empty() &&
      std::all_of(explicit_length.begin(), explicit_length.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (use_explicit) {
    out += explicit_length;
  } else {
    append_number(out, response.body.size());
  }
  out += "\r\n\r\n";
  return options.head_request || !response.body_file.empty() ? 0 : response.body.size();
}

void append_access_log_line(std::string& out, const AccessLogEntry& entry) {
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t seconds = system_clock::to_time_t(now);
  auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char head[64];
  std::snprintf(head, sizeof head, "{\"time\":\"%04d-%02d-%02dT%02d:%02d:%02d.%03dZ\",\"method\":\"", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  out += head;
  append_json_escaped(out, entry.method);
  out += "\",\"path\":\"";
  append_json_escaped(out, entry.path);
  out += "\",\"status\":";
  append_number(out, static_cast<std::uint64_t>(entry.status));
  out += ",\"bytes\":";
  append_number(out, entry.bytes);
  char duration[32];
  std::snprintf(duration, sizeof duration, ",\"duration_ms\":%.3f", entry.duration_ms);
  out += duration;
  out += ",\"remote\":\"";
  append_json_escaped(out, entry.remote);
  out += "\"}\n";
}

}  // namespace rf::http
