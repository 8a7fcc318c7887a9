// The sender: a thread in every `serve` instance that delivers the outbox
// (web/outbox.hpp). It claims a small batch of due mails at a time (on
// PostgreSQL with FOR UPDATE SKIP LOCKED, so instances never claim the same
// mail; SQLite has a single writer), counting the attempt in the claim before
// anything is sent, and marks each mail sent as soon as the server took it.
// A sender killed mid-send therefore repeats at most the one mail in flight
// when its claim expires; nothing is lost.
//
// Mails go over one reused SMTP connection (libcurl). Temporary failures (4xx,
// connection refused, time-outs) are retried with doubling delays; permanent
// ones (5xx) mark the mail failed with the server's answer. `file:DIR` writes
// every mail to DIR as an .eml file (the local sink of `make run`).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "db/database.hpp"

namespace rf::web {

struct SenderSettings {
  std::string database_url;
  std::string smtp_url = "file:var/mail";  // smtp://host:port, smtps://user:password@host, file:DIR
  std::string mail_from = "RuhrFutur <noreply@ruhrfutur.invalid>";
  // Mails per minute over all instances (0: no limit). Each instance paces
  // itself to this rate and claims no more than the last minute leaves.
  double rate_per_minute = 0;
  int retry_seconds = 60;   // delay before the first retry; doubles per attempt, at most 6 hours
  int max_attempts = 15;    // then a temporarily failing mail is marked failed (about two days)
  int lease_seconds = 300;  // a claimed mail not reported back by then is claimed again
  int batch_size = 50;
  std::chrono::milliseconds idle_wait{1000};  // how often an idle sender looks for due mail
};

class MailSender {
 public:
  explicit MailSender(SenderSettings settings);
  ~MailSender();  // stops the thread
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  // Work done on the sender's connection before it looks for due mail, at
  // most once per `idle_wait` (e.g. queueing scheduled newsletter issues).
  // Exceptions are logged. Call before start().
  void before_each_pass(std::function<void(db::Database&)> task);

  void start();  // runs the loop on its own thread
  void stop();   // finishes the mail in flight, hands the rest of the batch back

  // One batch on the calling thread (tests, commands): the number of mails
  // claimed. Does not wait for pauses after connection failures.
  std::size_t run_once();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
};

// The outbox in Prometheus text form: rows per state (all instances, from the
// database) and this process's delivery counters.
std::string mail_metrics_text(db::Database& db);

}  // namespace rf::web
