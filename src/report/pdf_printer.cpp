#include "report/pdf_printer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "text/html.hpp"

extern char** environ;

namespace rf::report {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr auto kPrintTimeout = std::chrono::seconds(180);

std::string file_url(const std::filesystem::path& path) {
  std::string p = std::filesystem::absolute(path).lexically_normal().string();
  std::string out = "file://";
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : p) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Moves a descriptor to a number ≥ 10 (close-on-exec), so that dup2 onto 3 and 4
// in the child never meets itself.
int high_fd(int fd) {
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  close(fd);
  return moved;
}

}  // namespace

// One Chromium process with one page, spoken to over the DevTools pipe.
class Browser {
 public:
  static text::Result<std::unique_ptr<Browser>> launch(const std::string& chromium) {
    auto b = std::unique_ptr<Browser>(new Browser());
    if (!b->start(chromium)) return text::Failure{b->failure_};
    return b;
  }

  ~Browser() { stop(); }

  text::Result<void> print(const PrintJob& job) {
    failure_.clear();
    if (!print_pdf(job)) return text::Failure{failure_};
    return {};
  }

  bool healthy() const { return pid_ > 0 && !broken_; }

 private:
  Browser() = default;

  // The steps of print(); false with failure_ set.
  bool print_pdf(const PrintJob& job) {
    auto deadline = Clock::now() + kPrintTimeout;
    json nav = call("Page.navigate", {{"url", file_url(job.html)}}, deadline);
    if (nav.is_null()) return false;
    if (nav.contains("errorText")) {
      failure_ = "Seite nicht ladbar: " + nav["errorText"].get<std::string>();
      return false;
    }
    if (!wait_event("Page.loadEventFired", deadline)) return false;
    // Web fonts: print only after they are in.
    call("Runtime.evaluate", {{"expression", "document.fonts.ready.then(() => true)"}, {"awaitPromise", true}},
         deadline);
    json params = {{"printBackground", true},
                   {"preferCSSPageSize", true},
                   {"displayHeaderFooter", true},
                   {"headerTemplate", header_template(job)},
                   {"footerTemplate", footer_template(job)},
                   {"generateTaggedPDF", true},
                   {"generateDocumentOutline", true}};
    json result = call("Page.printToPDF", params, deadline);
    if (result.is_null() || !result.contains("data")) {
      if (failure_.empty()) failure_ = "Chromium lieferte kein PDF";
      return false;
    }
    std::string pdf;
    if (!decode_base64(result["data"].get_ref<const std::string&>(), pdf)) {
      failure_ = "PDF-Daten von Chromium sind kein Base64";
      return false;
    }
    std::error_code ec;
    std::filesystem::create_directories(job.pdf.parent_path(), ec);
    std::filesystem::path tmp = job.pdf;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
      if (!out) {
        failure_ = "nicht schreibbar: " + job.pdf.string();
        return false;
      }
    }
    std::filesystem::rename(tmp, job.pdf, ec);
    if (ec) {
      failure_ = job.pdf.string() + ": " + ec.message();
      return false;
    }
    return true;
  }

  bool start(const std::string& chromium) {
    failure_.clear();
    char dir_template[] = "/tmp/rf-bericht-chromium-XXXXXX";
    if (!mkdtemp(dir_template)) {
      failure_ = "kein temporärer Ordner für Chromium";
      return false;
    }
    user_data_dir_ = dir_template;
    int to_child[2], from_child[2];
    if (pipe2(to_child, O_CLOEXEC) != 0 || pipe2(from_child, O_CLOEXEC) != 0) {
      failure_ = "pipe() fehlgeschlagen";
      return false;
    }
    int child_in = high_fd(to_child[0]), parent_out = high_fd(to_child[1]);
    int parent_in = high_fd(from_child[0]), child_out = high_fd(from_child[1]);

    std::vector<std::string> args = {chromium,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--no-first-run",
                                     "--no-default-browser-check",
                                     "--disable-extensions",
                                     "--mute-audio",
                                     "--hide-scrollbars",
                                     "--user-data-dir=" + user_data_dir_.string(),
                                     "--remote-debugging-pipe",
                                     "about:blank"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, child_in, 3);
    posix_spawn_file_actions_adddup2(&actions, child_out, 4);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);  // its own process group: stopped as a whole
    pid_t pid = 0;
    int rc = posix_spawn(&pid, chromium.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(child_in);
    close(child_out);
    if (rc != 0) {
      close(parent_out);
      close(parent_in);
      failure_ = "Chromium nicht startbar (" + chromium + "): " + std::strerror(rc);
      return false;
    }
    pid_ = pid;
    out_fd_ = parent_out;
    in_fd_ = parent_in;

    auto deadline = Clock::now() + kStartTimeout;
    json target = call("Target.createTarget", {{"url", "about:blank"}}, deadline);
    if (target.is_null()) return fail_start();
    json attached = call("Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}}, deadline);
    if (attached.is_null()) return fail_start();
    session_ = attached["sessionId"].get<std::string>();
    if (call("Page.enable", json::object(), deadline).is_null()) return fail_start();
    return true;
  }

  bool fail_start() {
    failure_ = "Chromium antwortet nicht auf dem DevTools-Kanal: " + failure_;
    stop();
    return false;
  }

  void stop() {
    if (pid_ > 0) {
      if (!broken_ && out_fd_ >= 0) {
        std::string msg = json{{"id", ++next_id_}, {"method", "Browser.close"}}.dump();
        msg.push_back('\0');
        [[maybe_unused]] auto n = write(out_fd_, msg.data(), msg.size());
      }
      if (out_fd_ >= 0) close(out_fd_);
      out_fd_ = -1;
      bool exited = false;
      for (int i = 0; i < 100 && !exited; ++i) {
        int status = 0;
        pid_t r = waitpid(pid_, &status, WNOHANG);
        exited = r == pid_ || r < 0;
        if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (!exited) {
        kill(-pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
      }
      pid_ = -1;
    }
    if (in_fd_ >= 0) close(in_fd_);
    in_fd_ = -1;
    if (!user_data_dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(user_data_dir_, ec);
      user_data_dir_.clear();
    }
  }

  bool send(const json& message) {
    std::string text = message.dump();
    text.push_back('\0');
    std::size_t done = 0;
    while (done < text.size()) {
      ssize_t n = write(out_fd_, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        broken_ = true;
        failure_ = "DevTools-Kanal zu Chromium geschlossen";
        return false;
      }
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  // The next complete message, or null on timeout or a closed pipe.
  json receive(Clock::time_point deadline) {
    while (true) {
      std::size_t end = buffer_.find('\0');
      if (end != std::string::npos) {
        std::string message = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        try {
          return json::parse(message);
        } catch (const json::exception&) {
          continue;  // not ours to understand; skip
        }
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
        broken_ = true;
        failure_ = "Zeitüberschreitung beim Drucken mit Chromium";
        return nullptr;
      }
      pollfd p{in_fd_, POLLIN, 0};
      int rc = poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
      if (rc < 0 && errno == EINTR) continue;
      if (rc <= 0) continue;
      char chunk[65536];
      ssize_t n = read(in_fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        broken_ = true;
        failure_ = "Chromium hat den DevTools-Kanal geschlossen";
        return nullptr;
      }
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Sends a command and waits for its answer; events meanwhile are queued.
  json call(const std::string& method, const json& params, Clock::time_point deadline) {
    int id = ++next_id_;
    json message = {{"id", id}, {"method", method}, {"params", params}};
    if (!session_.empty() && method.rfind("Target.", 0) != 0) message["sessionId"] = session_;
    if (!send(message)) return nullptr;
    while (true) {
      json reply = receive(deadline);
      if (reply.is_null()) return nullptr;
      if (reply.contains("id") && reply["id"] == id) {
        if (reply.contains("error")) {
          failure_ = method + ": " + reply["error"].value("message", std::string("Fehler"));
          return nullptr;
        }
        return reply.value("result", json::object());
      }
      if (reply.contains("method")) events_.push_back(std::move(reply));
    }
  }

  bool wait_event(const std::string& name, Clock::time_point deadline) {
    auto matches = [&](const json& e) {
      return e.value("method", std::string()) == name &&
             (session_.empty() || e.value("sessionId", std::string()) == session_);
    };
    for (auto it = events_.begin(); it != events_.end(); ++it) {
      if (matches(*it)) {
        events_.erase(events_.begin(), it + 1);
        return true;
      }
    }
    events_.clear();
    while (true) {
      json e = receive(deadline);
      if (e.is_null()) return false;
      if (matches(e)) return true;
    }
  }

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int in_fd_ = -1;
  bool broken_ = false;
  int next_id_ = 0;
  std::string session_;
  std::string buffer_;
  std::vector<json> events_;
  std::filesystem::path user_data_dir_;
  std::string failure_;  // why the last step failed (German)
};

PdfPrinter::PdfPrinter(std::string chromium, unsigned max_browsers)
    : chromium_(std::move(chromium)), max_browsers_(std::max(1u, max_browsers)) {}

PdfPrinter::~PdfPrinter() {
  std::lock_guard lock(mutex_);
  idle_.clear();
}

unsigned PdfPrinter::browsers_started() const {
  std::lock_guard lock(mutex_);
  return started_;
}

text::Result<std::unique_ptr<Browser>> PdfPrinter::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || running_ < max_browsers_; });
  if (!idle_.empty()) {
    auto b = std::move(idle_.back());
    idle_.pop_back();
    return b;
  }
  ++running_;
  ++started_;
  lock.unlock();
  auto b = Browser::launch(chromium_);
  if (!b) {
    lock.lock();
    --running_;
    available_.notify_one();
  }
  return b;
}

void PdfPrinter::release(std::unique_ptr<Browser> browser) {
  std::lock_guard lock(mutex_);
  if (browser && browser->healthy()) {
    idle_.push_back(std::move(browser));
  } else {
    browser.reset();
    --running_;
  }
  available_.notify_one();
}

text::Result<void> PdfPrinter::print(const PrintJob& job) {
  // A browser that broke (crashed, timed out) is replaced once.
  text::Result<void> printed = text::Failure{};
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto browser = acquire();
    if (!browser) return browser.error();
    printed = (*browser)->print(job);
    bool healthy = (*browser)->healthy();
    release(std::move(*browser));
    if (printed || healthy) return printed;  // a page that failed in a healthy browser: no retry
  }
  return printed;
}

namespace {

constexpr std::string_view kTemplateStyle =
    "font-family:Lato,'DejaVu Sans',sans-serif;font-size:7.5pt;color:#4a4a55;width:100%;"
    "margin:0 18mm;display:flex;justify-content:space-between;align-items:flex-end;"
    "-webkit-print-color-adjust:exact;";

}  // namespace

std::string header_template(const PrintJob& job) {
  return "<div style=\"" + std::string(kTemplateStyle) +
         "padding-bottom:2mm;border-bottom:0.5pt solid #c9ced6;\"><span>" + text::escape_html(job.running_head) +
         "</span><span>" + text::escape_html(job.running_title) + "</span></div>";
}

std::string footer_template(const PrintJob& job) {
  return "<div style=\"" + std::string(kTemplateStyle) + "\"><span>" + text::escape_html(job.footer_left) +
         "</span><span>Seite <span class=\"pageNumber\"></span> von <span class=\"totalPages\"></span></span></div>";
}

bool decode_base64(std::string_view in, std::string& out) {
  static const auto table = [] {
    std::array<int, 256> t{};
    t.fill(-1);
    const char* chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(chars[i])] = i;
    return t;
  }();
  out.clear();
  out.reserve(in.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : in) {
    if (c == '=') break;
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    int v = table[c];
    if (v < 0) return false;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return true;
}

}  // namespace rf::report
