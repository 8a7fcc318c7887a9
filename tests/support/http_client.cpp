#include "http_client.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <strings.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <regex>
#include <stdexcept>

namespace rf::test {
namespace {

using Clock = std::chrono::steady_clock;

bool iequals(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int connect_to(const std::string& host, unsigned short port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &list);
  if (rc != 0) throw std::runtime_error("getaddrinfo " + host + ": " + gai_strerror(rc));
  int fd = -1;
  for (addrinfo* ai = list; ai != nullptr && fd < 0; ai = ai->ai_next) {
    fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd >= 0 && ::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(list);
  if (fd < 0) throw std::runtime_error("cannot connect to " + host + ":" + std::to_string(port));
  return fd;
}

void parse_head(std::string_view head, HttpResponse& out) {
  std::size_t eol = head.find("\r\n");
  std::string_view status_line = head.substr(0, eol);
  // "HTTP/1.1 200 OK"
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12) {
    throw std::runtime_error("bad status line: " + std::string(status_line));
  }
  out.status = std::stoi(std::string(status_line.substr(9, 3)));
  out.reason = status_line.size() > 13 ? std::string(status_line.substr(13)) : std::string();
  out.headers.clear();
  head.remove_prefix(eol == std::string_view::npos ? head.size() : eol + 2);
  while (!head.empty()) {
    eol = head.find("\r\n");
    std::string_view line = head.substr(0, eol);
    head.remove_prefix(eol == std::string_view::npos ? head.size() : eol + 2);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    out.headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (iequals(n, name)) return v;
  }
  return std::string();
}

bool HttpResponse::has_header(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return iequals(h.first, name); });
}

HttpConnection::HttpConnection(unsigned short port, const std::string& host) : fd_(connect_to(host, port)) {}

HttpConnection::~HttpConnection() { close(); }

HttpConnection::HttpConnection(HttpConnection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), buffer_(std::move(other.buffer_)) {}

HttpConnection& HttpConnection::operator=(HttpConnection&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    buffer_ = std::move(other.buffer_);
  }
  return *this;
}

void HttpConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void HttpConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("send: ") + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

bool HttpConnection::fill(Clock::time_point deadline) {
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) throw std::runtime_error("timeout waiting for the server");
    pollfd p{fd_, POLLIN, 0};
    int rc = ::poll(&p, 1, static_cast<int>(left));
    if (rc < 0 && errno == EINTR) continue;
    if (rc < 0) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    if (rc == 0) continue;  // the deadline check above throws
    char chunk[64 * 1024];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == ECONNRESET) return false;
    if (n < 0) throw std::runtime_error(std::string("recv: ") + std::strerror(errno));
    if (n == 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

std::string HttpConnection::take_until(std::string_view delimiter, Clock::time_point deadline) {
  std::size_t searched = 0;
  while (true) {
    std::size_t pos = buffer_.find(delimiter, searched);
    if (pos != std::string::npos) {
      std::string out = buffer_.substr(0, pos);
      buffer_.erase(0, pos + delimiter.size());
      return out;
    }
    searched = buffer_.size() >= delimiter.size() ? buffer_.size() - delimiter.size() + 1 : 0;
    if (!fill(deadline)) throw std::runtime_error("connection closed before the end of the response");
  }
}

std::string HttpConnection::take(std::size_t n, Clock::time_point deadline) {
  while (buffer_.size() < n) {
    if (!fill(deadline)) throw std::runtime_error("connection closed before the end of the body");
  }
  std::string out = buffer_.substr(0, n);
  buffer_.erase(0, n);
  return out;
}

HttpResponse HttpConnection::read_response(bool head_request, std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  HttpResponse response;
  do {
    parse_head(take_until("\r\n\r\n", deadline), response);
  } while (response.status >= 100 && response.status < 200);

  if (head_request || response.status == 204 || response.status == 304) return response;
  if (iequals(response.header("Transfer-Encoding"), "chunked")) {
    while (true) {
      std::size_t size = std::stoul(take_until("\r\n", deadline), nullptr, 16);
      if (size == 0) {
        take_until("\r\n", deadline);  // no trailers expected
        return response;
      }
      response.body += take(size, deadline);
      take(2, deadline);
    }
  }
  std::string length = response.header("Content-Length");
  if (!length.empty()) {
    response.body = take(std::stoul(length), deadline);
    return response;
  }
  while (fill(deadline)) {
  }
  response.body = std::move(buffer_);
  buffer_.clear();
  return response;
}

HttpResponse HttpConnection::request(std::string_view method, std::string_view target, const HeaderList& headers,
                                     std::string_view body) {
  send(build_request(method, target, headers, body));
  // A whole request-response exchange may be slow work (a dry run of a
  // statistics table in the sanitizer build on a loaded machine takes more
  // than 10 s); tests that expect no answer read with a timeout of their own.
  return read_response(method == "HEAD", std::chrono::seconds(90));
}

bool HttpConnection::wait_closed(std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  try {
    while (fill(deadline)) {
    }
    return true;
  } catch (const std::runtime_error&) {
    return false;  // timeout: still open
  }
}

std::string build_request(std::string_view method, std::string_view target, const HeaderList& headers,
                          std::string_view body) {
  std::string out;
  out.reserve(128 + body.size());
  out.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  bool has_host = false, has_length = false;
  for (const auto& [name, value] : headers) {
    has_host = has_host || iequals(name, "Host");
    has_length = has_length || iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding");
    out.append(name).append(": ").append(value).append("\r\n");
  }
  if (!has_host) out += "Host: 127.0.0.1\r\n";
  bool sends_body = !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
  if (sends_body && !has_length) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "\r\n";
  out.append(body);
  return out;
}

std::string form_encode(const HeaderList& fields) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto encode = [](std::string& out, std::string_view s) {
    for (char c : s) {
      auto u = static_cast<unsigned char>(c);
      if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' || c == '.' ||
          c == '_' || c == '~') {
        out.push_back(c);
      } else if (c == ' ') {
        out.push_back('+');
      } else {
        out.push_back('%');
        out.push_back(kHex[u >> 4]);
        out.push_back(kHex[u & 0xF]);
      }
    }
  };
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!out.empty()) out.push_back('&');
    encode(out, key);
    out.push_back('=');
    encode(out, value);
  }
  return out;
}

HttpResponse http_request(unsigned short port, std::string_view method, std::string_view target,
                          const HeaderList& headers, std::string_view body) {
  HttpConnection connection(port);
  HeaderList all = headers;
  all.emplace_back("Connection", "close");
  return connection.request(method, target, all, body);
}

HttpResponse get(unsigned short port, std::string_view target, const HeaderList& headers) {
  return http_request(port, "GET", target, headers);
}

HttpResponse post_form(unsigned short port, std::string_view target, const HeaderList& fields,
                       const HeaderList& headers) {
  HeaderList all = headers;
  all.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return http_request(port, "POST", target, all, form_encode(fields));
}

HttpResponse post_multipart(unsigned short port, std::string_view target, const std::vector<FormPart>& parts,
                            const HeaderList& headers) {
  const std::string boundary = "----rfTestBoundary7MA4YWxk";
  std::string body;
  for (const auto& p : parts) {
    body += "--" + boundary + "\r\n";
    body += "Content-Disposition: form-data; name=\"" + p.name + "\"";
    if (!p.filename.empty()) body += "; filename=\"" + p.filename + "\"\r\nContent-Type: text/csv";
    body += "\r\n\r\n" + p.value + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  HeaderList all = headers;
  all.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
  return http_request(port, "POST", target, all, body);
}

std::string set_cookie_line(const HttpResponse& response, std::string_view name) {
  const std::string prefix = std::string(name) + "=";
  for (const auto& [key, value] : response.headers) {
    if (strcasecmp(key.c_str(), "Set-Cookie") == 0 && value.starts_with(prefix)) return value;
  }
  return "";
}

std::string cookie_value(const HttpResponse& response, std::string_view name) {
  const std::string line = set_cookie_line(response, name);
  if (line.empty()) return "";
  return line.substr(name.size() + 1, line.find(';') - name.size() - 1);
}

std::string hidden_csrf(const std::string& html) {
  std::smatch m;
  static const std::regex re(R"re(name="_csrf" value="([^"]+)")re");
  return std::regex_search(html, m, re) ? m[1].str() : "";
}

}  // namespace rf::test
