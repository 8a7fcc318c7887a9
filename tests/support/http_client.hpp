// A tiny blocking HTTP/1.1 client over a raw TCP socket, for tests: it sends
// exactly the bytes it is given (so malformed requests can be tested) and
// reads one full response at a time (Content-Length, chunked or until EOF).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rf::test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  std::string reason;
  HeaderList headers;  // in the order received
  std::string body;

  // First value of the header (case-insensitive name), "" if absent.
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
};

// One connection to host:port. Throws std::runtime_error on connection
// errors, timeouts and responses cut short.
class HttpConnection {
 public:
  explicit HttpConnection(unsigned short port, const std::string& host = "127.0.0.1");
  ~HttpConnection();
  HttpConnection(HttpConnection&& other) noexcept;
  HttpConnection& operator=(HttpConnection&& other) noexcept;
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // Sends raw bytes.
  void send(std::string_view bytes);
  // Reads the next final response (1xx interim responses are skipped).
  // head_request: the answer to a HEAD has no body whatever its headers say.
  HttpResponse read_response(bool head_request = false, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Sends a request (adds Host and, with a body, Content-Length) and reads the answer.
  HttpResponse request(std::string_view method, std::string_view target, const HeaderList& headers = {},
                       std::string_view body = {});
  // True if the server closes the connection (EOF or reset) within timeout;
  // bytes that arrive meanwhile are kept for read_response().
  bool wait_closed(std::chrono::milliseconds timeout);
  void close();

 private:
  // Reads more bytes into buffer_; false on EOF. Throws on timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);
  std::string take_until(std::string_view delimiter, std::chrono::steady_clock::time_point deadline);
  std::string take(std::size_t n, std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;
};

// The request bytes: request line, Host, the given headers, Content-Length
// when there is a body, blank line, body.
std::string build_request(std::string_view method, std::string_view target, const HeaderList& headers,
                          std::string_view body);

// "a=1&b=%C3%A4" from pairs (application/x-www-form-urlencoded).
std::string form_encode(const HeaderList& fields);

// One request on a fresh connection, closed afterwards.
HttpResponse http_request(unsigned short port, std::string_view method, std::string_view target,
                          const HeaderList& headers = {}, std::string_view body = {});
HttpResponse get(unsigned short port, std::string_view target, const HeaderList& headers = {});
HttpResponse post_form(unsigned short port, std::string_view target, const HeaderList& fields,
                       const HeaderList& headers = {});

// A part of a multipart/form-data body: a field, or a file (text/csv) when
// `filename` is set.
struct FormPart {
  std::string name, value, filename;
};
// POSTs the parts as multipart/form-data (an upload form).
HttpResponse post_multipart(unsigned short port, std::string_view target, const std::vector<FormPart>& parts,
                            const HeaderList& headers = {});

// The value of the cookie `name` set by the response ("" if not set).
std::string cookie_value(const HttpResponse& response, std::string_view name);
// The whole Set-Cookie line for `name` ("" if not set).
std::string set_cookie_line(const HttpResponse& response, std::string_view name);
// The CSRF token of the first form in a page (the hidden "_csrf" field).
std::string hidden_csrf(const std::string& html);
// A visitor with a fixed CSRF cookie, so that pages (which carry the token) can
// be compared byte for byte.
inline const HeaderList kFixedVisitor = {{"Cookie", "rf_csrf=" + std::string(43, 'v')}};

}  // namespace rf::test
