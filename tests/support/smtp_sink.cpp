#include "smtp_sink.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <stdexcept>

namespace rf::test {

SmtpSink::SmtpSink(SinkOptions options) {
  std::vector<std::string> argv{"/usr/bin/python3",
                                RF_SOURCE_DIR + "/tests/e2e/smtp_sink.py",
                                "--port",
                                "0",
                                "--dir",
                                (dir_.path() / "mail").string()};
  for (const auto& address : options.reject) {
    argv.push_back("--reject");
    argv.push_back(address);
  }
  if (options.summary_only) argv.push_back("--summary-only");
  process_ = std::make_unique<ChildProcess>(argv, std::vector<std::pair<std::string, std::string>>{},
                                            dir_.path() / "sink.log");
  std::smatch m;
  std::regex ready("READY (\\d+)");
  bool up = wait_until(
      [&] {
        std::string log = process_->log();
        if (!std::regex_search(log, m, ready)) return false;
        port_ = static_cast<unsigned short>(std::stoi(m[1]));
        return true;
      },
      20);
  if (!up) throw std::runtime_error("SMTP sink did not start: " + process_->log());
}

std::size_t SmtpSink::delivery_count() const {
  std::ifstream in(dir_.path() / "mail" / "deliveries.jsonl");
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) n += !line.empty();
  return n;
}

std::vector<SinkDelivery> SmtpSink::deliveries() const {
  std::vector<SinkDelivery> out;
  std::ifstream in(dir_.path() / "mail" / "deliveries.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    out.push_back({j.at("to").get<std::vector<std::string>>(), j.at("subject"), j.at("multipart"), j.at("text"),
                   j.at("list_unsubscribe"), j.at("list_unsubscribe_post"), j.at("message_id")});
  }
  return out;
}

void SmtpSink::set_tempfail(bool on) {
  auto flag = dir_.path() / "mail" / "tempfail";
  if (on) {
    std::ofstream(flag) << "451\n";
  } else {
    std::filesystem::remove(flag);
  }
}

void SmtpSink::stop() { process_->terminate(); }

}  // namespace rf::test
