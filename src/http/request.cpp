#include "http/request.hpp"

#include <algorithm>
#include <cstddef>

#include "text/strings.hpp"

namespace rf::http {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_form_content_type(std::string_view content_type) {
  std::string_view essence = text::trim_blanks(content_type.substr(0, content_type.find(';')));
  constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  return essence.size() == kForm.size() &&
         std::equal(essence.begin(), essence.end(), kForm.begin(), [](char a, char b) { return ascii_lower(a) == b; });
}

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return ascii_lower(x) < ascii_lower(y); });
}

void Params::add(std::string key, std::string value) { items_.emplace_back(std::move(key), std::move(value)); }

std::optional<std::string> Params::get(std::string_view key) const {
  for (const auto& [k, v] : items_) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::string Params::get_or(std::string_view key, std::string_view fallback) const {
  for (const auto& [k, v] : items_) {
    if (k == key) return v;
  }
  return std::string(fallback);
}

std::vector<std::string> Params::all(std::string_view key) const {
  std::vector<std::string> values;
  for (const auto& [k, v] : items_) {
    if (k == key) values.push_back(v);
  }
  return values;
}

bool Params::has(std::string_view key) const {
  return std::any_of(items_.begin(), items_.end(), [key](const auto& item) { return item.first == key; });
}

std::string url_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      // Includes malformed escapes ("%zz", a trailing "%4"): kept as they are,
      // so the handler sees what the client sent instead of a silent loss.
      out.push_back(c);
    }
  }
  return out;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3 / 2);
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
                      u == '.' || u == '_' || u == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0F]);
    }
  }
  return out;
}

Params parse_urlencoded(std::string_view text) {
  Params params;
  while (!text.empty()) {
    std::size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = (amp == std::string_view::npos) ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;  // "a=1&&b=2"
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      params.add(url_decode(pair), std::string());
    } else {
      params.add(url_decode(pair.substr(0, eq)), url_decode(pair.substr(eq + 1)));
    }
  }
  return params;
}

std::optional<std::string> Request::header(std::string_view name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto it = headers.find(std::string_view("Cookie"));
  if (it == headers.end()) return std::nullopt;
  std::string_view rest = it->second;
  // "a=1; b=\"two words\"; c = 3" (RFC 6265 §4.2, tolerant of extra spaces).
  while (!rest.empty()) {
    std::size_t semi = rest.find(';');
    std::string_view pair = text::trim_blanks(rest.substr(0, semi));
    rest = (semi == std::string_view::npos) ? std::string_view() : rest.substr(semi + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (text::trim_blanks(pair.substr(0, eq)) != name) continue;
    std::string_view value = text::trim_blanks(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

const Params& Request::form() const {
  if (!form_cache_) {
    auto content_type = headers.find(std::string_view("Content-Type"));
    // A JSON or text body is not a form; without a Content-Type we assume one.
    if (content_type == headers.end() || is_form_content_type(content_type->second)) {
      form_cache_ = parse_urlencoded(body);
    } else {
      form_cache_ = Params();
    }
  }
  return *form_cache_;
}

std::string Request::param(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  return it == path_params.end() ? std::string() : it->second;
}

}  // namespace rf::http
