#include "http/response.hpp"

#include <algorithm>
#include <ctime>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "http/request.hpp"
#include "http/util.hpp"
#include "text/html.hpp"
#include "text/strings.hpp"

namespace rf::http {
namespace {

// RFC 6265 cookie-octet: printable ASCII without space, '"', ',', ';', '\'.
bool valid_cookie_value(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && c != '"' && c != ',' && c != ';' && c != '\\';
  });
}

// RFC 9110 token characters.
bool valid_token(std::string_view name) {
  static constexpr std::string_view kSeparators = "()<>@,;:\\\"/[]?={} \t";
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && kSeparators.find(c) == std::string_view::npos;
  });
}

}  // namespace

// German headline for the error page; the reason phrase for everything else.
std::string_view german_title(int status) {
  switch (status) {
    case 400: return "Anfrage ungültig";
    case 401: return "Anmeldung erforderlich";
    case 403: return "Zugriff verweigert";
    case 404: return "Seite nicht gefunden";
    case 405: return "Methode nicht erlaubt";
    case 408: return "Zeitüberschreitung der Anfrage";
    case 409: return "Konflikt";
    case 410: return "Seite nicht mehr verfügbar";
    case 413: return "Anfrage zu groß";
    case 415: return "Format nicht unterstützt";
    case 422: return "Eingaben unvollständig oder fehlerhaft";
    case 429: return "Zu viele Anfragen";
    case 431: return "Anfrage-Header zu groß";
    case 500: return "Interner Serverfehler";
    case 502: return "Fehlerhafte Antwort eines Dienstes";
    case 503: return "Dienst vorübergehend nicht verfügbar";
    case 504: return "Zeitüberschreitung eines Dienstes";
    default: return status >= 500 ? "Serverfehler" : "Anfrage nicht möglich";
  }
}

Response& Response::set_header(std::string_view name, std::string_view value) {
  headers.erase(
      std::remove_if(headers.begin(), headers.end(), [name](const auto& h) { return text::iequals(h.first, name); }),
      headers.end());
  headers.emplace_back(std::string(name), std::string(value));
  return *this;
}

Response& Response::attachment(std::string_view filename) {
  std::string plain;
  plain.reserve(filename.size());
  bool ascii = true;
  for (char c : filename) {
    auto u = static_cast<unsigned char>(c);
    bool safe = u >= 0x20 && u < 0x7F && c != '"' && c != '\\';
    if (u >= 0x80) ascii = false;
    if ((u & 0xC0) == 0x80) continue;  // one '_' per non-ASCII character, not per byte
    plain.push_back(safe ? c : '_');
  }
  std::string value = "attachment; filename=\"" + plain + "\"";
  if (!ascii) value += "; filename*=UTF-8''" + url_encode(filename);
  return set_header("Content-Disposition", value);
}

Response& Response::add_header(std::string_view name, std::string_view value) {
  headers.emplace_back(std::string(name), std::string(value));
  return *this;
}

std::string Response::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (text::iequals(n, name)) return v;
  }
  return std::string();
}

namespace {

Response with_body(std::string body, int status, const char* content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", content_type);
  return r;
}

}  // namespace

Response Response::html(std::string body, int status) {
  return with_body(std::move(body), status, "text/html; charset=utf-8");
}

Response Response::text(std::string body, int status) {
  return with_body(std::move(body), status, "text/plain; charset=utf-8");
}

Response Response::json(std::string body, int status) { return with_body(std::move(body), status, "application/json"); }

Response Response::file(std::string path, std::string_view content_type) {
  Response r;
  r.body_file = std::move(path);
  r.headers.emplace_back("Content-Type", std::string(content_type));
  return r;
}

Response Response::redirect(std::string_view location, int status) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Location", std::string(location));
  return r;
}

Response Response::error(int status, std::string_view message, bool as_json) {
  std::string_view title = german_title(status);
  if (as_json) {
    // The members of an RFC 9457 problem ("title", "status", "detail") beside
    // the platform's own "error" object, which clients already read.
    const std::string_view detail = message.empty() ? title : message;
    nlohmann::json j = {
        {"title", title}, {"status", status}, {"detail", detail}, {"error", {{"status", status}, {"message", detail}}}};
    // replace: a message echoing client input may hold invalid UTF-8.
    return json(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
  }
  std::string page;
  page.reserve(512 + message.size());
  page += "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  page += std::to_string(status) + " " + std::string(title);
  page += " – RuhrFutur</title>\n</head>\n<body>\n<main>\n<h1>";
  page += title;
  page += "</h1>\n";
  if (!message.empty()) page += "<p>" + text::escape_html(message) + "</p>\n";
  page += "<p>Fehlercode " + std::to_string(status) + ". <a href=\"/\">Zur Startseite</a></p>\n";
  page += "</main>\n</body>\n</html>\n";
  Response res = html(std::move(page), status);
  res.error_message = std::string(message);
  return res;
}

std::string make_set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  // Invalid names or values are a programming error: the app chooses them.
  if (!valid_token(name)) throw std::invalid_argument("invalid cookie name: " + std::string(name));
  if (!valid_cookie_value(value)) throw std::invalid_argument("invalid cookie value for " + std::string(name));
  std::string out;
  out.reserve(name.size() + value.size() + 96);
  out.append(name).append("=").append(value);
  if (!options.path.empty()) out.append("; Path=").append(options.path);
  if (options.max_age_seconds >= 0) {
    out.append("; Max-Age=").append(std::to_string(options.max_age_seconds));
    // Expires as well, for the few clients that ignore Max-Age.
    std::time_t expires = options.max_age_seconds == 0 ? 0 : std::time(nullptr) + options.max_age_seconds;
    out.append("; Expires=").append(http_date(expires));
  }
  if (options.http_only) out.append("; HttpOnly");
  if (options.secure) out.append("; Secure");
  if (!options.same_site.empty()) out.append("; SameSite=").append(options.same_site);
  return out;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

}  // namespace rf::http
