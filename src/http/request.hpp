// An HTTP request as handlers see it: parsed target, headers, body, path
// parameters filled in by the router. Free of Boost so that modules compile fast.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rf::web {
struct User;  // web/accounts.hpp; declared only, so that http/ does not depend on web/
}

namespace rf::http {

// Case-insensitive header names (HTTP field names are case-insensitive).
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

// Decoded key/value pairs of a query string or url-encoded form; keys may repeat.
class Params {
 public:
  void add(std::string key, std::string value);
  // First value of key, if present.
  std::optional<std::string> get(std::string_view key) const;
  std::string get_or(std::string_view key, std::string_view fallback) const;
  std::vector<std::string> all(std::string_view key) const;
  bool has(std::string_view key) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// Parses "a=1&b=%C3%A4+x". Invalid percent escapes are kept literally.
Params parse_urlencoded(std::string_view text);
std::string url_decode(std::string_view text, bool plus_is_space = true);
std::string url_encode(std::string_view text);

// One file of a multipart/form-data upload, stored in a temporary file that
// the server deletes when the request ends. A handler that wants to keep the
// file moves it away (std::filesystem::rename) before returning.
struct UploadedFile {
  std::string field;         // form field name
  std::string filename;      // client's file name without any directory part
  std::string content_type;  // as sent by the client ("" if none)
  std::filesystem::path path;
  std::size_t size = 0;
};

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // as received: path + query
  std::string path;    // decoded path without query
  Params query;
  Headers headers;
  std::string body;  // empty for multipart/form-data (see form() and files)
  std::string remote_address;
  // Files of a multipart/form-data body; its other fields are in form().
  std::vector<UploadedFile> files;
  // Filled by the router: {name} segments of the matched pattern.
  std::unordered_map<std::string, std::string> path_params;
  // Name of the matched route pattern (for metrics), e.g. "/aktuelles/{slug}".
  std::string route;
  // Who sent the request (null for visitors) and the CSRF token their forms
  // must send back: set once by the session middleware (web/middleware.hpp),
  // typed, so that handlers do not re-parse strings on every call.
  std::shared_ptr<const web::User> user;
  std::string csrf;
  // Other per-request values a middleware hands to the handler.
  std::unordered_map<std::string, std::string> context;

  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  // Url-encoded form body (cached after the first call), or the fields of a
  // multipart body as set by the server.
  const Params& form() const;
  void set_form(Params params) { form_cache_ = std::move(params); }
  std::string param(std::string_view name) const;  // path parameter or ""

 private:
  mutable std::optional<Params> form_cache_;
};

}  // namespace rf::http
