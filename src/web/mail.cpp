#include "web/mail.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>

#include "http/util.hpp"
#include "web/accounts.hpp"

namespace rf::web {
namespace {

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// RFC 5322 date in UTC: "Tue, 01 Jul 2025 09:30:00 +0000" (the HTTP date with a numeric zone).
std::string mail_date(long long unix_time) {
  std::string date = http::http_date(static_cast<std::time_t>(unix_time));
  date.replace(date.size() - 3, 3, "+0000");  // "GMT"
  return date;
}

std::string base64(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                 static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < data.size()) {
    unsigned v = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += (i + 1 < data.size()) ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// RFC 2047: non-ASCII header text as base64 encoded-words of at most 75
// characters, split between UTF-8 sequences, folded onto continuation lines.
std::string encode_header_text(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  std::string out;
  std::size_t pos = 0;
  constexpr std::size_t kChunk = 42;  // 42 bytes -> 56 base64 chars + 12 of framing
  while (pos < text.size()) {
    std::size_t end = std::min(text.size(), pos + kChunk);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string domain_of(std::string_view address) {
  auto at = address.find('@');
  return at == std::string_view::npos ? "localhost" : std::string(address.substr(at + 1));
}

void ensure_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view data;
  std::size_t pos = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data.size() - upload->pos);
  std::memcpy(buffer, upload->data.data() + upload->pos, n);
  upload->pos += n;
  return n;
}

void send_smtp(const Settings& settings, const std::string& from, const std::string& to, const std::string& message) {
  ensure_curl();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw MailError("cannot initialise libcurl");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(curl_slist_append(nullptr, ("<" + to + ">").c_str()),
                                                                   curl_slist_free_all);
  Upload upload{message};
  char error[CURL_ERROR_SIZE] = "";
  std::string envelope_from = "<" + from + ">";
  curl_easy_setopt(curl.get(), CURLOPT_URL, settings.smtp_url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK) {
    throw MailError(std::string("SMTP delivery to ") + to + " failed: " + (*error ? error : curl_easy_strerror(rc)));
  }
}

}  // namespace

void write_mail_file(const std::filesystem::path& dir, std::string_view to, std::string_view message) {
  std::filesystem::create_directories(dir);
  auto path = dir / (std::to_string(unix_now()) + "-" + random_token(6) + ".eml");
  std::ofstream out(path, std::ios::binary);
  out << message;
  if (!out.flush()) throw MailError("cannot write mail file " + path.string());
  spdlog::info("mail to {} written to {}", to, path.string());
}

std::string new_message_id(std::string_view from) { return random_token(18) + "@" + domain_of(mail_address(from)); }

void check_header_safety(std::string_view subject, const MailHeaders& headers) {
  if (has_line_break(subject)) throw MailError("line break in subject");
  for (const auto& [name, value] : headers) {
    if (name.empty() || has_line_break(name) || has_line_break(value) || name.find(':') != std::string::npos) {
      throw MailError("invalid header " + name);
    }
  }
}

std::string mail_address(std::string_view mailbox) {
  auto open = mailbox.rfind('<');
  if (open != std::string_view::npos) {
    auto close = mailbox.find('>', open);
    if (close == std::string_view::npos) return "";
    mailbox = mailbox.substr(open + 1, close - open - 1);
  }
  while (!mailbox.empty() && mailbox.front() == ' ') mailbox.remove_prefix(1);
  while (!mailbox.empty() && mailbox.back() == ' ') mailbox.remove_suffix(1);
  if (mailbox.size() < 3 || mailbox.size() > 254) return "";
  auto at = mailbox.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == mailbox.size() ||
      mailbox.find('@', at + 1) != std::string_view::npos) {
    return "";
  }
  for (char c : mailbox) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '\\') return "";
  }
  return std::string(mailbox);
}

std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t column = 0;
  auto emit = [&](std::string_view piece) {
    if (column + piece.size() > 75) {  // leave room for the soft break '='
      out += "=\r\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') continue;
    if (c == '\n') {
      // Trailing whitespace before a line end must be encoded.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t') && column > 0) {
        char last = out.back();
        out.pop_back();
        --column;
        char enc[4] = {'=', kHex[(last >> 4) & 15], kHex[last & 15], 0};
        emit(enc);
      }
      out += "\r\n";
      column = 0;
      continue;
    }
    auto u = static_cast<unsigned char>(c);
    if ((u >= 33 && u <= 126 && c != '=') || c == ' ' || c == '\t') {
      // A dot at the start of a line is fine in QP but some relays mangle it.
      if (c == '.' && column == 0) {
        emit("=2E");
      } else {
        emit(std::string_view(&c, 1));
      }
    } else {
      char enc[4] = {'=', kHex[u >> 4], kHex[u & 15], 0};
      emit(enc);
    }
  }
  if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
    char last = out.back();
    out.pop_back();
    out += '=';
    out += kHex[(last >> 4) & 15];
    out += kHex[last & 15];
  }
  return out;
}

std::string build_message(const MessageParts& parts) {
  std::string message;
  auto header = [&message](std::string_view name, std::string_view value) {
    message.append(name).append(": ").append(value).append("\r\n");
  };
  header("From", parts.from);
  header("To", parts.to);
  header("Subject", encode_header_text(parts.subject));
  header("Date", mail_date(parts.unix_time));
  header("Message-ID",
         "<" + (parts.message_id.empty() ? new_message_id(parts.from) : std::string(parts.message_id)) + ">");
  header("MIME-Version", "1.0");
  header("Auto-Submitted", "auto-generated");
  if (parts.headers) {
    for (const auto& [name, value] : *parts.headers) header(name, value);
  }
  auto append_part = [&message](std::string_view body) {
    message += quoted_printable(body);
    if (!message.ends_with("\r\n")) message += "\r\n";
  };
  if (parts.html.empty()) {
    header("Content-Type", "text/plain; charset=utf-8");
    header("Content-Transfer-Encoding", "quoted-printable");
    message += "\r\n";
    append_part(parts.text);
    return message;
  }
  // Quoted-printable never produces "=_", so this boundary cannot occur in a part.
  const std::string boundary = "=_rf_" + random_token(12);
  header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
  message += "\r\n";
  for (auto [type, body] : {std::pair{"text/plain", parts.text}, std::pair{"text/html", parts.html}}) {
    message += "--" + boundary + "\r\n";
    message += std::string("Content-Type: ") + type + "; charset=utf-8\r\n";
    message += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    append_part(body);
  }
  message += "--" + boundary + "--\r\n";
  return message;
}

std::string build_mail(std::string_view from, std::string_view to, std::string_view subject, std::string_view text_body,
                       const MailHeaders& extra_headers, long long unix_time) {
  return build_message({.from = from,
                        .to = to,
                        .subject = subject,
                        .text = text_body,
                        .html = {},
                        .headers = &extra_headers,
                        .message_id = {},
                        .unix_time = unix_time});
}

void send_mail(const Settings& settings, std::string_view to, std::string_view subject, std::string_view text_body,
               const MailHeaders& extra_headers) {
  std::string to_address = mail_address(to);
  std::string from_address = mail_address(settings.mail_from);
  if (to_address.empty() || has_line_break(to)) throw MailError("invalid recipient address");
  if (from_address.empty() || has_line_break(settings.mail_from)) throw MailError("invalid mail_from setting");
  check_header_safety(subject, extra_headers);
  std::string message = build_mail(settings.mail_from, to_address, subject, text_body, extra_headers, unix_now());
  if (settings.smtp_url.rfind("file:", 0) == 0) {
    write_mail_file(settings.smtp_url.substr(5), to_address, message);
    return;
  }
  send_smtp(settings, from_address, to_address, message);
}

}  // namespace rf::web
