// Outgoing mail: message format, header safety, the file: sink, SMTP errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/mail.hpp"
#include "support/temp_dir.hpp"

namespace rf::web {
namespace {

TEST(Mail, QuotedPrintableKeepsLinksReadableAndLinesShort) {
  EXPECT_EQ(quoted_printable("Grüße"), "Gr=C3=BC=C3=9Fe");
  EXPECT_EQ(quoted_printable("a=b"), "a=3Db");
  EXPECT_EQ(quoted_printable("Zeile \nnächste"), "Zeile=20\r\nn=C3=A4chste");
  EXPECT_EQ(quoted_printable(".\n"), "=2E\r\n");
  std::string url = "http://127.0.0.1:8080/newsletter/bestaetigen?token=" + std::string(60, 'x');
  auto encoded = quoted_printable(url);
  std::istringstream lines(encoded);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    EXPECT_LE(line.size(), 76u) << line;
  }
  // Decoding soft breaks gives the URL back.
  std::string decoded;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded.compare(i, 3, "=\r\n") == 0) {
      i += 2;
    } else if (encoded.compare(i, 3, "=3D") == 0) {
      decoded += '=';
      i += 2;
    } else {
      decoded += encoded[i];
    }
  }
  EXPECT_EQ(decoded, url);
}

TEST(Mail, AddressParsing) {
  EXPECT_EQ(mail_address("RuhrFutur <noreply@ruhrfutur.invalid>"), "noreply@ruhrfutur.invalid");
  EXPECT_EQ(mail_address(" leserin@example.org "), "leserin@example.org");
  EXPECT_EQ(mail_address("kein-at"), "");
  EXPECT_EQ(mail_address("a@b@c"), "");
  EXPECT_EQ(mail_address("a b@example.org"), "");
  EXPECT_EQ(mail_address("x@example.org>\r\nBcc: y@example.org"), "");
}

TEST(Mail, BuildsAWellFormedMessage) {
  auto message = build_mail("RuhrFutur <noreply@ruhrfutur.example>", "leserin@example.org",
                            "Bitte bestätigen Sie Ihre Anmeldung zum RuhrFutur-Newsletter", "Hallo Welt\nZweite Zeile",
                            {{"List-Unsubscribe", "<http://x/abmelden?token=1>"}}, 1720000000);
  EXPECT_NE(message.find("From: RuhrFutur <noreply@ruhrfutur.example>\r\n"), std::string::npos);
  EXPECT_NE(message.find("To: leserin@example.org\r\n"), std::string::npos);
  EXPECT_NE(message.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(message.find("Date: Wed, 03 Jul 2024 09:46:40 +0000\r\n"), std::string::npos);
  EXPECT_NE(message.find("Message-ID: <"), std::string::npos);
  EXPECT_NE(message.find("@ruhrfutur.example>\r\n"), std::string::npos);
  EXPECT_NE(message.find("Content-Transfer-Encoding: quoted-printable\r\n"), std::string::npos);
  EXPECT_NE(message.find("List-Unsubscribe: <http://x/abmelden?token=1>\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\n\r\nHallo Welt\r\nZweite Zeile\r\n"), std::string::npos);
  // Every header line, including folded subject lines, stays within 78 characters.
  auto head = message.substr(0, message.find("\r\n\r\n"));
  std::istringstream lines(head);
  for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 79u) << line;
  // No bare LF anywhere.
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '\n') ASSERT_TRUE(i > 0 && message[i - 1] == '\r') << i;
  }
}

TEST(Mail, FileSinkWritesEmlFiles) {
  test::TempDir dir;
  Settings config;
  config.smtp_url = "file:" + (dir / "mail").string();
  config.mail_from = "RuhrFutur <noreply@ruhrfutur.example>";
  send_mail(config, "leserin@example.org", "Test", "Inhalt mit Umlauten: äöü");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "mail")) files.push_back(entry.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].extension(), ".eml");
  std::ifstream in(files[0], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("To: leserin@example.org\r\n"), std::string::npos);
  EXPECT_NE(text.str().find("Inhalt mit Umlauten: =C3=A4=C3=B6=C3=BC"), std::string::npos);
}

TEST(Mail, RejectsHeaderInjectionAndBadAddresses) {
  test::TempDir dir;
  Settings config;
  config.smtp_url = "file:" + dir.path().string();
  EXPECT_THROW(send_mail(config, "a@example.org\r\nBcc: b@example.org", "x", "y"), MailError);
  EXPECT_THROW(send_mail(config, "not-an-address", "x", "y"), MailError);
  EXPECT_THROW(send_mail(config, "a@example.org", "Betreff\r\nBcc: b@example.org", "y"), MailError);
  EXPECT_THROW(send_mail(config, "a@example.org", "x", "y", {{"X-Test", "1\r\nBcc: b@example.org"}}), MailError);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(Mail, UnreachableSmtpServerIsAMailError) {
  Settings config;
  config.smtp_url = "smtp://127.0.0.1:1";  // nothing listens on port 1
  EXPECT_THROW(send_mail(config, "a@example.org", "x", "y"), MailError);
}

}  // namespace
}  // namespace rf::web
