// The only translation unit that includes Boost.Asio/Beast (they take ~18 s to
// compile). Design:
//  - One acceptor on the thread that calls run(); accepted sockets are handed
//    round-robin to N workers, each with its own single-threaded io_context.
//    Handlers run on the worker threads, never on the accept thread, so a slow
//    handler cannot stop new connections from being accepted.
//  - Beast's basic_parser is fed from our own buffer and fills rf::http::Request
//    directly; responses are serialized by wire.cpp and written with one
//    gathered write (head + body), the body of a static file straight from the
//    shared cache entry; a Response with body_file is sent in 256 KB chunks.
//  - Timeouts are deadlines checked by a 250 ms sweep per worker instead of a
//    timer per socket operation: a request costs no timer syscalls.
#include "http/server.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <cstdio>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <spdlog/spdlog.h>

#include "http/metrics.hpp"
#include "http/multipart.hpp"
#include "http/static_files.hpp"
#include "http/wire.hpp"
#include "text/strings.hpp"

namespace rf::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using ErrorCode = boost::system::error_code;

constexpr auto kSweepInterval = std::chrono::milliseconds(250);
// After an error response we read and discard what the client still sends
// for this long, so that it sees our answer instead of a connection reset.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::string_view kStaticPrefix = "/static/";
constexpr std::string_view kStaticRoute = "/static/{path...}";
constexpr std::string_view kUnmatchedRoute = "unmatched";

std::optional<std::string_view> find_header(const Request& req, std::string_view name) {
  auto it = req.headers.find(name);
  if (it == req.headers.end()) return std::nullopt;
  return std::string_view(it->second);
}

// Threads for slow handlers with a bounded queue: a download built on demand
// or an import runs here while the I/O threads go on serving.
class SlowWork {
 public:
  SlowWork(unsigned threads, std::size_t max_queued) : max_queued_(max_queued) {
    for (unsigned i = 0; i < std::max(1u, threads); ++i) threads_.emplace_back([this] { run(); });
  }
  ~SlowWork() { stop(); }
  SlowWork(const SlowWork&) = delete;
  SlowWork& operator=(const SlowWork&) = delete;

  // False when max_queued jobs already wait (the caller answers 503).
  bool submit(std::function<void()> job) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_ || queue_.size() >= max_queued_) return false;
      queue_.push_back(std::move(job));
    }
    ready_.notify_one();
    return true;
  }
  // Runs what is queued, then joins the threads.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  void run() {
    while (true) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      job();
    }
  }

  std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// What every worker shares: configuration, routes, metrics, the static cache.
struct Core {
  Core(ServerOptions opts, const Router& r)
      : options(std::move(opts)),
        router(r),
        metrics(options.metrics != nullptr ? *options.metrics : Metrics::global()),
        temp_dir(std::filesystem::temp_directory_path()),
        slow(options.slow_threads, options.max_slow_queue) {
    if (!options.static_dir.empty()) statics = std::make_unique<StaticFiles>(options.static_dir);
  }
  ServerOptions options;
  const Router& router;
  Metrics& metrics;
  std::unique_ptr<StaticFiles> statics;
  std::filesystem::path temp_dir;
  std::mutex log_mutex;
  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> buffered_bytes{0};  // in-memory request bodies, all connections
  SlowWork slow;
};

// Keeps a connection's share of Core::buffered_bytes: taken as body bytes
// arrive in memory, given back when the request is over.
class BodyBudget {
 public:
  BodyBudget(std::atomic<std::size_t>& total, std::size_t limit) : total_(total), limit_(limit) {}
  ~BodyBudget() { release(); }
  BodyBudget(const BodyBudget&) = delete;
  BodyBudget& operator=(const BodyBudget&) = delete;

  bool take(std::size_t n) {
    if (total_.fetch_add(n, std::memory_order_relaxed) + n > limit_) {
      total_.fetch_sub(n, std::memory_order_relaxed);
      return false;
    }
    held_ += n;
    return true;
  }
  void release() {
    total_.fetch_sub(held_, std::memory_order_relaxed);
    held_ = 0;
  }

 private:
  std::atomic<std::size_t>& total_;
  std::size_t limit_;
  std::size_t held_ = 0;
};

// The error code with which the parser reports an exhausted BodyBudget.
const ErrorCode kBudgetExhausted = boost::system::errc::make_error_code(boost::system::errc::not_enough_memory);

// Transfer-Encoding as RFC 9112 6.1 allows it for a request: only "chunked",
// once and last. 0 when acceptable, else the status to answer (501 for a
// coding we do not know, 400 for a malformed list).
int check_transfer_encoding(std::string_view value) {
  bool chunked_seen = false;
  bool any = false;
  while (!value.empty()) {
    std::size_t comma = value.find(',');
    std::string_view coding = value.substr(0, comma);
    value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
    while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) coding.remove_prefix(1);
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) coding.remove_suffix(1);
    if (coding.empty()) continue;
    any = true;
    if (chunked_seen) return text::iequals(coding, "chunked") ? 400 : 501;  // nothing may follow chunked
    if (!text::iequals(coding, "chunked")) return 501;
    chunked_seen = true;
  }
  return any ? 0 : 400;
}

// Beast's parser with callbacks that write straight into our Request: no
// intermediate beast::http::fields, and the body goes to a string or, for
// multipart uploads, to a temporary file.
class RequestParser final : public bhttp::basic_parser<true> {
 public:
  RequestParser(Request& req, BodyBudget& budget) : req_(req), budget_(budget) {}
  void set_body_file(TempFile* file) { file_ = file; }
  int version() const { return version_; }

 private:
  void on_request_impl(bhttp::verb, beast::string_view method, beast::string_view target, int version,
                       ErrorCode&) override {
    req_.method.assign(method.data(), method.size());
    req_.target.assign(target.data(), target.size());
    version_ = version;
  }
  void on_response_impl(int, beast::string_view, int, ErrorCode&) override {}
  void on_field_impl(bhttp::field, beast::string_view name, beast::string_view value, ErrorCode&) override {
    std::string_view n(name.data(), name.size());
    std::string_view v(value.data(), value.size());
    auto it = req_.headers.find(n);
    if (it == req_.headers.end()) {
      req_.headers.emplace(std::string(n), std::string(v));
    } else {
      // Repeated fields are one comma-separated list, except Cookie (RFC 6265).
      it->second.append(text::iequals(n, "Cookie") ? "; " : ", ").append(v);
    }
  }
  void on_header_impl(ErrorCode&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, ErrorCode&) override {
    if (length && file_ == nullptr) req_.body.reserve(std::min<std::uint64_t>(*length, 1 << 20));
  }
  std::size_t on_body_impl(beast::string_view body, ErrorCode& ec) override { return append(body, ec); }
  void on_chunk_header_impl(std::uint64_t, beast::string_view, ErrorCode&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, ErrorCode& ec) override {
    return append(body, ec);
  }
  void on_finish_impl(ErrorCode&) override {}

  std::size_t append(beast::string_view body, ErrorCode& ec) {
    if (file_ == nullptr) {
      if (!budget_.take(body.size())) {
        ec = kBudgetExhausted;
        return 0;
      }
      req_.body.append(body.data(), body.size());
      return body.size();
    }
    try {
      file_->write(std::string_view(body.data(), body.size()));
    } catch (const std::exception& e) {
      spdlog::error("writing request body to {}: {}", file_->path().string(), e.what());
      ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    }
    return body.size();
  }

  Request& req_;
  BodyBudget& budget_;
  TempFile* file_ = nullptr;
  int version_ = 11;
};

class Session;

// A thread with its io_context and the sessions it owns.
struct Worker {
  explicit Worker(Core& c) : core(c) {}
  ~Worker() { destroying = true; }

  void schedule_sweep();
  void begin_shutdown();

  Core& core;
  bool destroying = false;
  bool stopping = false;
  // Declared before ioc: sessions destroyed with the io_context still find it.
  std::unordered_set<Session*> sessions;
  net::io_context ioc{1};
  net::steady_timer sweep{ioc};
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Worker& worker, tcp::socket socket)
      : worker_(worker),
        core_(worker.core),
        socket_(std::move(socket)),
        budget_(core_.buffered_bytes, core_.options.max_buffered_bytes) {
    core_.connections.fetch_add(1, std::memory_order_relaxed);
    worker_.sessions.insert(this);
    ErrorCode ec;
    auto endpoint = socket_.remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() {
    core_.connections.fetch_sub(1, std::memory_order_relaxed);
    if (worker_.destroying) return;
    worker_.sessions.erase(this);
    // The last session of a stopping worker lets its io_context run out of work.
    if (worker_.stopping && worker_.sessions.empty()) worker_.sweep.cancel();
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() {
    if (worker_.stopping) return close();
    begin_request();
    if (core_.connections.load(std::memory_order_relaxed) > core_.options.max_connections) {
      return send_busy();
    }
    // A new client is expected to send its request right away.
    state_ = State::kIdle;
    deadline_ = Clock::now() + std::chrono::seconds(core_.options.header_timeout_seconds);
    read();
  }

  void check_deadline(Clock::time_point now) {
    if (state_ != State::kClosed && now >= deadline_) close();
  }

  // Shutdown: a connection waiting for its next request is closed now; one
  // with a request under way finishes it first (keep_alive_ is then false).
  void on_shutdown() {
    if (state_ == State::kIdle) close();
  }

 private:
  enum class State { kIdle, kHeader, kBody, kHandling, kWriting, kLingering, kClosed };

  void begin_request() {
    parser_.reset();
    body_file_.reset();
    request_ = Request();
    route_options_ = nullptr;
    budget_.release();
    parser_.emplace(request_, budget_);
    parser_->header_limit(static_cast<std::uint32_t>(core_.options.max_header_bytes));
    // The route decides the limit once the header is here (on_header); until
    // then Beast must not reject a declared length on its own.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    header_done_ = false;
  }

  void read() {
    std::size_t chunk = state_ == State::kBody ? 64 * 1024 : 8 * 1024;
    socket_.async_read_some(buffer_.prepare(chunk),
                            [self = shared_from_this()](ErrorCode ec, std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(ErrorCode ec, std::size_t n) {
    if (ec) return close();  // EOF, reset, or closed by a deadline: nobody to answer
    buffer_.commit(n);
    if (state_ == State::kIdle) {
      state_ = State::kHeader;
      deadline_ = Clock::now() + std::chrono::seconds(core_.options.header_timeout_seconds);
    }
    parse();
  }

  void parse() {
    try {
      parse_buffered();
    } catch (const std::exception& e) {
      spdlog::error("connection from {}: {}", remote_, e.what());
      close();
    }
  }

  void parse_buffered() {
    while (true) {
      if (buffer_.size() == 0) return read();
      ErrorCode ec;
      std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == bhttp::error::need_more) return read();
      if (ec) return reject(ec);
      if (!header_done_) {
        header_done_ = true;
        if (!on_header()) return;
      }
      if (parser_->is_done()) return handle();
    }
  }

  // Returns false when on_header took over (error answer or 100 Continue).
  // Everything about the body is decided here, before any of it is read:
  // framing, the route's limit and its admission check.
  bool on_header() {
    state_ = State::kBody;
    deadline_ = Clock::now() + std::chrono::seconds(core_.options.body_timeout_seconds);
    parser_->eager(true);
    if (std::optional<std::string_view> coding = find_header(request_, "Transfer-Encoding")) {
      if (int status = check_transfer_encoding(*coding); status != 0) {
        send_error(status, status == 501 ? "Diese Übertragungskodierung (Transfer-Encoding) wird nicht unterstützt."
                                         : "Die Anfrage ist fehlerhaft.");
        return false;
      }
    }
    if (parser_->version() >= 11 && !find_header(request_, "Host")) {
      send_error(400, "Die Anfrage ist fehlerhaft: die Kopfzeile Host fehlt.");
      return false;
    }
    prepare_request();
    std::optional<std::string_view> type = find_header(request_, "Content-Type");
    const bool multipart = type && is_multipart_form_data(*type);
    const RouteOptions* policy = core_.router.options_for(request_);
    route_options_ = policy;
    std::uint64_t limit = core_.options.max_body_bytes;
    if (policy != nullptr && multipart && policy->max_body_bytes > limit) limit = policy->max_body_bytes;
    if (parser_->is_done()) return true;
    if (auto length = parser_->content_length(); length && *length > limit) {
      send_error(413, "Der Inhalt der Anfrage ist zu groß.");
      return false;
    }
    parser_->body_limit(limit);
    if (policy != nullptr && policy->admit) {
      // E.g. session and role for an upload: checked before a byte of the body is read.
      std::optional<Response> denied;
      try {
        denied = policy->admit(request_);
      } catch (const std::exception& e) {
        spdlog::error("{} {}: admission check failed: {}", request_.method, request_.path, e.what());
        denied = Response::error(500, "", request_.path.starts_with("/api/"));
      }
      if (denied) {
        send_response_and_close(std::move(*denied));
        return false;
      }
    }
    if (multipart) {
      if (!multipart_boundary(*type)) {
        send_error(400, "Mehrteiliger Inhalt ohne gültige Trennzeile (boundary).");
        return false;
      }
      // Uploads go to disk as they arrive, not into memory.
      body_file_ = std::make_unique<TempFile>(core_.temp_dir, "rf-body-");
      parser_->set_body_file(body_file_.get());
    }
    std::optional<std::string_view> expect = find_header(request_, "Expect");
    if (expect && text::iequals(*expect, "100-continue") && buffer_.size() == 0) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(socket_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](ErrorCode ec, std::size_t) {
                         if (ec) return self->close();
                         self->parse();
                       });
      return false;
    }
    return true;
  }

  void reject(ErrorCode ec) {
    if (ec == bhttp::error::header_limit) return send_error(431, "Die Kopfzeilen der Anfrage sind zu groß.");
    if (ec == bhttp::error::body_limit) return send_error(413, "Der Inhalt der Anfrage ist zu groß.");
    if (ec == kBudgetExhausted) return send_busy();
    if (ec == boost::system::errc::io_error) return send_error(500, "");
    send_error(400, "Die Anfrage ist fehlerhaft.");
  }

  // Answers without running the router and closes the connection afterwards:
  // after a parse error we cannot know where the next request would start.
  void send_error(int status, std::string_view message) {
    bool api = std::string_view(request_.target).starts_with("/api/");
    send_response_and_close(Response::error(status, message, api));
  }

  // 503 with Retry-After: too many connections, too many bytes in memory,
  // or too much slow work waiting.
  Response busy_response() const {
    Response busy =
        Response::error(503, "Der Server ist gerade ausgelastet. Bitte versuchen Sie es in einigen Sekunden erneut.",
                        std::string_view(request_.target).starts_with("/api/"));
    busy.set_header("Retry-After", std::to_string(core_.options.retry_after_seconds));
    return busy;
  }

  void send_busy() { send_response_and_close(busy_response()); }

  void send_response_and_close(Response response) {
    forget_body();
    keep_alive_ = false;
    http10_ = false;
    head_request_ = request_.method == "HEAD";
    started_ = Clock::now();
    core_.metrics.request_started();
    finish(std::move(response), request_.route.empty() ? kUnmatchedRoute : std::string_view(request_.route));
  }

  void handle() {
    started_ = Clock::now();
    core_.metrics.request_started();
    keep_alive_ = parser_->keep_alive() && !worker_.stopping;
    http10_ = parser_->version() == 10;
    head_request_ = request_.method == "HEAD";
    std::string_view target = request_.target;
    if (target.empty() || target.front() != '/') {
      // Absolute-form and "*" targets are for proxies; we are an origin server.
      return finish(Response::error(400, "Ungültiges Anfrageziel."), kUnmatchedRoute);
    }
    std::string_view raw_path = target.substr(0, target.find('?'));
    if (core_.statics && raw_path.starts_with(kStaticPrefix) && (request_.method == "GET" || head_request_)) {
      return serve_static(raw_path.substr(kStaticPrefix.size()));
    }
    route();
  }

  // The body's memory goes back to the shared budget as soon as nobody needs it.
  void forget_body() {
    std::string().swap(request_.body);
    budget_.release();
  }

  // Path, query and client address: what routing and admission need.
  void prepare_request() {
    std::string_view target = request_.target;
    request_.path = url_decode(target.substr(0, target.find('?')), /*plus_is_space=*/false);
    std::size_t q = target.find('?');
    if (q != std::string_view::npos) request_.query = parse_urlencoded(target.substr(q + 1));
    request_.remote_address = remote_;
  }

  void route() {
    if (body_file_ && !read_multipart()) return;
    if (route_options_ != nullptr && route_options_->slow && route_options_->slow(request_)) return route_slow();
    finish_routed(dispatch());
  }

  // The connection waits for an answer made on another thread, at most
  // slow_timeout_seconds; the returned guard keeps this thread's io_context
  // running until it is reset, also during a graceful stop.
  std::shared_ptr<net::executor_work_guard<net::io_context::executor_type>> await_other_thread() {
    state_ = State::kHandling;
    deadline_ = Clock::now() + std::chrono::seconds(core_.options.slow_timeout_seconds);
    return std::make_shared<net::executor_work_guard<net::io_context::executor_type>>(worker_.ioc.get_executor());
  }

  // Runs the handler on the slow-work pool; the answer comes back to this
  // connection's I/O thread. The work guard keeps that thread's io_context
  // running until then, also during a graceful stop.
  void route_slow() {
    auto work = await_other_thread();
    bool queued = core_.slow.submit([self = shared_from_this(), work] {
      // Only this job touches request_ until the answer is posted back.
      auto response = std::make_shared<Response>(self->dispatch());
      net::post(self->worker_.ioc, [self, response] { self->finish_routed(std::move(*response)); });
      work->reset();
    });
    if (queued) return;
    keep_alive_ = false;
    finish_routed(busy_response());
  }

  // A response made when work elsewhere is done (Response::later), as a slow
  // route's answer comes back.
  void finish_later(Response placeholder) {
    auto work = await_other_thread();
    auto later = std::move(placeholder.later);
    auto outer = std::make_shared<Response>(std::move(placeholder));
    auto sent = std::make_shared<std::atomic<bool>>(false);
    later([self = shared_from_this(), work, outer, sent](Response::Make make) {
      if (sent->exchange(true)) return;  // only the first call counts
      net::post(self->worker_.ioc, [self, outer, make = std::move(make)] {
        Response response = self->guarded(make, "later response");
        for (const auto& [name, value] : outer->headers)
          if (text::iequals(name, "Set-Cookie") || response.header(name).empty()) response.add_header(name, value);
        self->finish_routed(std::move(response));
      });
      work->reset();
    });
  }

  // Sends the response after its delay_ms; a timer, so the thread goes on serving.
  void delay(Response response) {
    const auto wait = std::chrono::milliseconds(response.delay_ms);
    response.delay_ms = 0;
    state_ = State::kHandling;
    deadline_ = Clock::now() + wait + std::chrono::seconds(core_.options.idle_timeout_seconds);
    if (!delay_timer_) delay_timer_ = std::make_unique<net::steady_timer>(worker_.ioc);
    delay_timer_->expires_after(wait);
    auto held = std::make_shared<Response>(std::move(response));
    delay_timer_->async_wait([self = shared_from_this(), held](ErrorCode) { self->finish_routed(std::move(*held)); });
  }

  // The handler's answer (exceptions become 500; the app's middleware turns a
  // lost database into 503, web/middleware.hpp); runs on any thread.
  Response dispatch() {
    return guarded([this] { return core_.router.dispatch(request_); }, "handler");
  }

  // What `answer` returns, or a 500 when it throws (logged as `what` failing).
  template <class Answer>
  Response guarded(const Answer& answer, std::string_view what) {
    try {
      return answer();
    } catch (const std::exception& e) {
      spdlog::error("{} {}: {} failed: {}", request_.method, request_.path, what, e.what());
    } catch (...) {
      spdlog::error("{} {}: {} failed with a non-standard exception", request_.method, request_.path, what);
    }
    return Response::error(500, "", request_.path.starts_with("/api/"));
  }

  void finish_routed(Response response) {
    remove_uploaded_files(request_.files);
    forget_body();
    if (state_ == State::kClosed) return;  // e.g. closed by its deadline meanwhile
    if (response.later) return finish_later(std::move(response));
    if (response.delay_ms > 0) return delay(std::move(response));
    if (response.status < 200 || response.status > 999) {
      spdlog::error("{} {}: handler returned status {}", request_.method, request_.path, response.status);
      response = Response::error(500, "", request_.path.starts_with("/api/"));
    }
    finish(std::move(response), request_.route.empty() ? kUnmatchedRoute : std::string_view(request_.route));
  }

  // Splits the uploaded body into fields and files; false if answered with 400.
  bool read_multipart() {
    body_file_->close();
    std::string boundary = multipart_boundary(*find_header(request_, "Content-Type")).value_or("");
    MultipartResult parsed = parse_multipart_file(body_file_->path(), boundary, core_.temp_dir);
    body_file_.reset();
    if (!parsed.ok()) {
      finish(Response::error(400, parsed.error, request_.path.starts_with("/api/")), kUnmatchedRoute);
      return false;
    }
    request_.set_form(std::move(parsed.fields));
    request_.files = std::move(parsed.files);
    return true;
  }

  void serve_static(std::string_view rel) {
    StaticFiles::Result found =
        core_.statics->get(rel, find_header(request_, "If-None-Match"), find_header(request_, "If-Modified-Since"));
    if (found.status == 404) return finish(Response::error(404, ""), kStaticRoute);
    HeadOptions options{keep_alive_, http10_, head_request_};
    begin_head(out_head_, found.status, options);
    out_head_ += found.status == 200 ? found.entry->headers_200 : found.entry->headers_304;
    out_head_ += "\r\n";
    std::string_view body;
    if (found.status == 200 && !head_request_) body = found.entry->content;
    static_entry_ = std::move(found.entry);  // keeps the body alive during the write
    account(found.status, kStaticRoute, body.size());
    write(body);
  }

  void finish(Response response, std::string_view route) {
    if (!response.body_file.empty()) return finish_with_file(std::move(response), route);
    HeadOptions options{keep_alive_, http10_, head_request_};
    std::size_t body_bytes = serialize_head(out_head_, response, options);
    out_body_ = std::move(response.body);
    account(response.status, route, body_bytes);
    write(std::string_view(out_body_.data(), body_bytes));
  }

  // A body streamed from a file: the head, then chunk after chunk, so a large
  // download costs one chunk of memory instead of its size.
  void finish_with_file(Response response, std::string_view route) {
    std::FILE* file = std::fopen(response.body_file.c_str(), "rb");
    if (response.body_file_temporary) std::remove(response.body_file.c_str());  // stays readable while open
    std::uint64_t size = 0;
    if (file != nullptr && std::fseek(file, 0, SEEK_END) == 0) {
      long end = std::ftell(file);
      if (end >= 0) size = static_cast<std::uint64_t>(end);
      std::rewind(file);
    }
    if (file == nullptr) {
      spdlog::error("cannot open response file {}", response.body_file);
      Response error = Response::error(500, "Die Datei ist nicht verfügbar.");
      return finish(std::move(error), route);
    }
    response.set_header("Content-Length", std::to_string(size));
    HeadOptions options{keep_alive_, http10_, head_request_};
    serialize_head(out_head_, response, options);
    account(response.status, route, head_request_ ? 0 : size);
    if (head_request_) {
      std::fclose(file);
      return write({});
    }
    file_body_.reset(file);
    file_left_ = size;
    write_file_chunk();
  }

  void write_file_chunk() {
    constexpr std::size_t kChunk = 256 * 1024;
    out_body_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, file_left_)));
    std::size_t got = out_body_.empty() ? 0 : std::fread(out_body_.data(), 1, out_body_.size(), file_body_.get());
    if (got != out_body_.size()) {
      // The file shrank or broke under us: the promised length cannot be kept.
      spdlog::error("response file ended early ({} bytes missing)", file_left_ - got);
      file_body_.reset();
      return close();
    }
    file_left_ -= got;
    if (file_left_ == 0) file_body_.reset();
    write(std::string_view(out_body_.data(), got));
  }

  // Metrics and access log, at the moment the response is handed over.
  void account(int status, std::string_view route, std::size_t bytes) {
    double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    core_.metrics.request_finished();
    core_.metrics.record(route, request_.method, status, seconds);
    if (!core_.options.access_log) return;
    thread_local std::string line;
    line.clear();
    std::string_view target = request_.target;
    append_access_log_line(line, AccessLogEntry{request_.method, target.substr(0, target.find('?')), status, bytes,
                                                seconds * 1000.0, remote_});
    std::lock_guard lock(core_.log_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
  }

  void write(std::string_view body) {
    state_ = State::kWriting;
    deadline_ = Clock::now() + std::chrono::seconds(core_.options.idle_timeout_seconds);
    std::array<net::const_buffer, 2> buffers{net::buffer(out_head_), net::buffer(body.data(), body.size())};
    net::async_write(socket_, buffers, [self = shared_from_this()](ErrorCode ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(ErrorCode ec) {
    static_entry_.reset();
    if (!ec && file_body_) {
      out_head_.clear();
      return write_file_chunk();
    }
    file_body_.reset();
    if (out_body_.capacity() > (1 << 20)) {
      std::string().swap(out_body_);
    } else {
      out_body_.clear();
    }
    if (ec) return close();
    if (!keep_alive_ || worker_.stopping) return linger();
    begin_request();
    if (buffer_.size() > 0) {  // a pipelined request is already here
      state_ = State::kHeader;
      deadline_ = Clock::now() + std::chrono::seconds(core_.options.header_timeout_seconds);
      return parse();
    }
    state_ = State::kIdle;
    deadline_ = Clock::now() + std::chrono::seconds(core_.options.idle_timeout_seconds);
    read();
  }

  // Closes our side for writing and drains the client's remaining bytes until
  // it closes too (or kLingerTime passes): closing a socket with unread data
  // would send a reset that can destroy our response before it is read.
  void linger() {
    state_ = State::kLingering;
    deadline_ = Clock::now() + kLingerTime;
    ErrorCode ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    drain();
  }

  void drain() {
    buffer_.clear();
    socket_.async_read_some(buffer_.prepare(16 * 1024), [self = shared_from_this()](ErrorCode ec, std::size_t) {
      if (ec) return self->close();
      self->drain();
    });
  }

  void close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    ErrorCode ignored;
    socket_.close(ignored);  // pending operations complete with operation_aborted
  }

  Worker& worker_;
  Core& core_;
  tcp::socket socket_;
  std::string remote_;
  BodyBudget budget_;
  beast::flat_buffer buffer_;
  State state_ = State::kIdle;
  Clock::time_point deadline_;
  Clock::time_point started_;

  Request request_;
  std::optional<RequestParser> parser_;
  std::unique_ptr<TempFile> body_file_;
  const RouteOptions* route_options_ = nullptr;     // of the route the request goes to
  std::unique_ptr<net::steady_timer> delay_timer_;  // for Response::delay_ms
  bool header_done_ = false;
  bool keep_alive_ = true;
  bool http10_ = false;
  bool head_request_ = false;

  std::string out_head_;
  std::string out_body_;
  std::shared_ptr<const StaticEntry> static_entry_;
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, FileCloser> file_body_;  // a body still being sent
  std::uint64_t file_left_ = 0;
};

void Worker::schedule_sweep() {
  sweep.expires_after(kSweepInterval);
  sweep.async_wait([this](ErrorCode ec) {
    if (ec) return;
    Clock::time_point now = Clock::now();
    // close() only cancels operations; sessions leave the set later, so
    // iterating while closing is safe.
    for (Session* s : sessions) s->check_deadline(now);
    if (!(stopping && sessions.empty())) schedule_sweep();
  });
}

void Worker::begin_shutdown() {
  stopping = true;
  for (Session* s : sessions) s->on_shutdown();
  if (sessions.empty()) sweep.cancel();
}

tcp::endpoint resolve_endpoint(const std::string& host, unsigned short port) {
  ErrorCode ec;
  net::ip::address address = net::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (!ec) return tcp::endpoint(address, port);
  net::io_context ioc;
  tcp::resolver resolver(ioc);
  auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec || results.empty()) throw std::runtime_error("cannot resolve listen address " + host + ": " + ec.message());
  return results.begin()->endpoint();
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, const Router& router) : core(std::move(options), router) {}
  // Slow jobs refer to workers: they must be done before the workers go.
  ~Impl() { core.slow.stop(); }

  void accept();
  void on_stop();
  void run_worker(Worker& worker);

  Core core;
  // Workers outlive the accept io_context: a pending accept refers to one.
  std::vector<std::unique_ptr<Worker>> workers;
  net::io_context accept_ioc{1};
  tcp::acceptor acceptor{accept_ioc};
  net::signal_set signals{accept_ioc};
  net::steady_timer accept_retry{accept_ioc};
  std::size_t next_worker = 0;
  unsigned short port = 0;
  bool started = false;
  bool ran = false;

  std::atomic<bool> stop_requested{false};
  std::mutex mutex;
  std::condition_variable workers_done;
  std::size_t live_workers = 0;
  Clock::time_point stop_time;
};

void Server::Impl::accept() {
  Worker& worker = *workers[next_worker++ % workers.size()];
  // The socket is created on the worker's io_context, so all its I/O runs there.
  acceptor.async_accept(worker.ioc, [this, &worker](ErrorCode ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
    if (ec) {
      // E.g. out of file descriptors: wait a little instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      accept_retry.expires_after(std::chrono::milliseconds(100));
      accept_retry.async_wait([this](ErrorCode e) {
        if (!e) accept();
      });
      return;
    }
    ErrorCode ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    net::post(worker.ioc,
              [&worker, s = std::move(socket)]() mutable { std::make_shared<Session>(worker, std::move(s))->start(); });
    accept();
  });
}

void Server::Impl::on_stop() {
  ErrorCode ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  accept_retry.cancel();
  for (auto& worker : workers) {
    Worker* w = worker.get();
    net::post(w->ioc, [w] { w->begin_shutdown(); });
  }
}

void Server::Impl::run_worker(Worker& worker) {
  while (true) {
    try {
      worker.ioc.run();
      break;
    } catch (const std::exception& e) {
      // Every handler catches its own errors; this is a last line of defence.
      spdlog::error("worker loop: {}", e.what());
    }
  }
  std::lock_guard lock(mutex);
  --live_workers;
  workers_done.notify_all();
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  // If run() never ran, nothing is running; otherwise run() has returned.
}

void Server::start() {
  Impl& s = *impl_;
  if (s.started) return;
  tcp::endpoint endpoint = resolve_endpoint(s.core.options.host, s.core.options.port);
  ErrorCode ec;
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + s.core.options.host + ":" + std::to_string(s.core.options.port) +
                             ": " + ec.message());
  }
  s.port = s.acceptor.local_endpoint().port();
  unsigned threads = s.core.options.threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < threads; ++i) {
    s.workers.push_back(std::make_unique<Worker>(s.core));
    s.workers.back()->schedule_sweep();
  }
  s.started = true;
}

void Server::run(bool handle_signals) {
  Impl& s = *impl_;
  start();
  if (s.ran) throw std::logic_error("Server::run() may only be called once");
  s.ran = true;
  if (handle_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.async_wait([this](ErrorCode ec, int signal) {
      if (ec) return;
      spdlog::info("received signal {}, shutting down", signal);
      stop();
    });
  }
  s.accept();
  s.live_workers = s.workers.size();
  std::vector<std::thread> threads;
  for (auto& worker : s.workers) threads.emplace_back([&s, w = worker.get()] { s.run_worker(*w); });

  s.accept_ioc.run();  // returns once stop() has closed the acceptor

  {
    std::unique_lock lock(s.mutex);
    auto deadline = s.stop_time + std::chrono::seconds(s.core.options.shutdown_grace_seconds);
    if (!s.workers_done.wait_until(lock, deadline, [&] { return s.live_workers == 0; })) {
      spdlog::warn("shutdown: requests still running after {} s, closing them", s.core.options.shutdown_grace_seconds);
      for (auto& worker : s.workers) worker->ioc.stop();
    }
  }
  for (std::thread& t : threads) t.join();
  // Slow jobs kept their io_context running until they were done; a forced
  // stop may leave some that post into a stopped io_context, which is harmless.
  s.core.slow.stop();
}

void Server::stop() {
  Impl& s = *impl_;
  if (s.stop_requested.exchange(true)) return;
  {
    std::lock_guard lock(s.mutex);
    s.stop_time = Clock::now();
  }
  net::post(s.accept_ioc, [&s] { s.on_stop(); });
}

unsigned short Server::port() const { return impl_->port; }

Metrics& Server::metrics() const { return impl_->core.metrics; }

}  // namespace rf::http
