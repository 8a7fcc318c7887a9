// An HTTP response built by a handler; the server writes it out.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rf::http {

struct Response {
  int status = 200;
  // Header lines in order; Set-Cookie may repeat, so this is not a map.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Instead of `body`: the server sends this file's bytes in chunks (large
  // downloads). The file must stay in place while it is sent; Content-Length
  // is its size at the time the response is written.
  std::string body_file;
  // The server removes body_file once it has opened it (a one-off file).
  bool body_file_temporary = false;
  // The server waits this long before it sends the response, without holding
  // a thread meanwhile (e.g. a login attempt on an account under attack).
  int delay_ms = 0;
  // A response not ready when the handler returns (work queued elsewhere, e.g.
  // the pool's SQLite writer): the server calls later(send) and goes on
  // serving other connections meanwhile. send(make) must be called exactly
  // once, from any thread; the server then runs make() on the connection's
  // thread and sends what it returns (an exception becomes a 500), with the
  // headers of this response -- those the middleware added -- where make's
  // response has none of that name (Set-Cookie: added). The middleware sees
  // only this response, so make() must not rely on it for anything else.
  using Make = std::function<Response()>;
  std::function<void(std::function<void(Make)>)> later;
  // Set by error() on its bare HTML page: the message shown ("" for none), so
  // that a layer that knows the site's layout may dress the page in it.
  std::optional<std::string> error_message;

  Response& set_header(std::string_view name, std::string_view value);  // replaces
  Response& add_header(std::string_view name, std::string_view value);  // appends
  std::string header(std::string_view name) const;                      // "" if absent
  // Content-Disposition for a download saved as `filename` (RFC 6266): a plain
  // `filename="…"` with quotes, backslashes, control and non-ASCII bytes
  // replaced by '_' for old clients, and `filename*=UTF-8''…` with the exact
  // name when it is not plain ASCII. The one place such a header is written.
  Response& attachment(std::string_view filename);

  static Response html(std::string body, int status = 200);
  static Response text(std::string body, int status = 200);
  static Response json(std::string body, int status = 200);
  // A download streamed from a file (see body_file).
  static Response file(std::string path, std::string_view content_type);
  static Response redirect(std::string_view location, int status = 303);
  // A short German error page (or JSON for paths under /api/).
  static Response error(int status, std::string_view message, bool as_json = false);
};

// Cookie attributes for Set-Cookie.
struct CookieOptions {
  std::string path = "/";
  long max_age_seconds = -1;  // -1: session cookie; 0: delete
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
};
std::string make_set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

std::string_view reason_phrase(int status);
// The German headline of an error page ("Seite nicht gefunden" for 404).
std::string_view german_title(int status);

}  // namespace rf::http
