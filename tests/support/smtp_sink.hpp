// The real SMTP server of the tests (tests/e2e/smtp_sink.py on Debian's
// python3-aiosmtpd), started on a free port; what it received is read back
// from its deliveries.jsonl.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "temp_dir.hpp"

namespace rf::test {

struct SinkDelivery {
  std::vector<std::string> to;
  std::string subject;
  bool multipart = false;  // multipart/alternative with a text and an HTML part
  std::string text;
  std::string list_unsubscribe;
  std::string list_unsubscribe_post;
  std::string message_id;
};

struct SinkOptions {
  std::vector<std::string> reject;  // answered 550
  bool summary_only = false;        // no .eml/.json per message
};

class SmtpSink {
 public:
  explicit SmtpSink(SinkOptions options = {});
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  unsigned short port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  std::vector<SinkDelivery> deliveries() const;
  std::size_t delivery_count() const;  // cheap: counts lines
  // Every RCPT TO is answered 451 while on.
  void set_tempfail(bool on);
  void stop();  // SIGTERM

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  unsigned short port_ = 0;
};

}  // namespace rf::test
