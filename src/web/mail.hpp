// Outgoing e-mail (newsletter double opt-in, survey invitations): plain-text
// UTF-8 messages sent through libcurl's SMTP client, or written as .eml files
// when the configured smtp_url is "file:DIR" (a local mail sink for
// development: nothing leaves the machine, the log names each file).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/settings.hpp"

namespace rf::web {

class MailError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using MailHeaders = std::vector<std::pair<std::string, std::string>>;

// Sends one message from settings.mail_from to `to` via settings.smtp_url
// ("smtp://host:port", "smtps://user:password@host", or "file:DIR").
// `extra_headers` are added as given (e.g. List-Unsubscribe). Throws
// MailError when the address is invalid or the server refuses the message.
void send_mail(const Settings& settings, std::string_view to, std::string_view subject, std::string_view text_body,
               const MailHeaders& extra_headers = {});

// Everything that goes into one message. With `html` set it is
// multipart/alternative (text part first, so plain readers show it).
struct MessageParts {
  std::string_view from;  // "Name <a@b>"
  std::string_view to;    // bare address
  std::string_view subject;
  std::string_view text;
  std::string_view html;  // "" for a text-only mail
  const MailHeaders* headers = nullptr;
  std::string_view message_id;  // "local@domain" without angle brackets; "" makes a random one
  long long unix_time = 0;
};
std::string build_message(const MessageParts& parts);

// A random Message-ID (without angle brackets) in the domain of `from`.
std::string new_message_id(std::string_view from);

// Throws MailError when a header name or value, or the subject, holds a line break.
void check_header_safety(std::string_view subject, const MailHeaders& headers);

// The "file:DIR" sink: writes the message to DIR as a .eml file and logs its path.
void write_mail_file(const std::filesystem::path& dir, std::string_view to, std::string_view message);

// The complete RFC 5322 message as sent (CRLF line ends, quoted-printable
// body, RFC 2047 encoded subject). Exposed for tests.
std::string build_mail(std::string_view from, std::string_view to, std::string_view subject, std::string_view text_body,
                       const MailHeaders& extra_headers, long long unix_time);

// The bare address of "Name <a@b>" or "a@b"; "" when it is not a plausible
// single address (no spaces, no line breaks, exactly one '@').
std::string mail_address(std::string_view mailbox);

// Quoted-printable (RFC 2045) with CRLF line ends and soft breaks at 76 columns.
std::string quoted_printable(std::string_view text);

}  // namespace rf::web
