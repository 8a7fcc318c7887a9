// The real server on 127.0.0.1:<ephemeral> with a test router, driven over raw
// sockets: keep-alive, limits, timeouts, static files, uploads, errors,
// graceful shutdown and metrics.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <mutex>
#include <thread>

#include "http/metrics.hpp"
#include "http/server.hpp"
#include "support/http_client.hpp"
#include "support/running_server.hpp"
#include "support/temp_dir.hpp"

namespace rf::http {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::HttpConnection;
using test::HttpResponse;
using test::RunningServer;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string fnv1a_hex(std::string_view data) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  std::ostringstream out;
  out << std::hex << h;
  return out.str();
}

// Deterministic pseudo-random bytes (xorshift), so failures are reproducible.
std::string pseudo_random_bytes(std::size_t n) {
  std::string out(n, '\0');
  std::uint64_t x = 88172645463325252ull;
  for (char& c : out) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x & 0xFF);
  }
  return out;
}

constexpr std::size_t kFormLimit = 1024 * 1024;
constexpr std::size_t kUploadLimit = 4 * 1024 * 1024;

std::string multipart_body(const std::string& boundary, const std::string& data) {
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"titel\"\r\n\r\nSchuldaten 2024\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"datei\"; filename=\"daten.bin\"\r\n";
  body += "Content-Type: application/octet-stream\r\n\r\n" + data + "\r\n--" + boundary + "--\r\n";
  return body;
}

Router make_router() {
  Router router;
  router.get("/", [](Request&) { return Response::html("<h1>Willkommen</h1>"); });
  router.get("/aktuelles/{slug}", [](Request& req) {
    return Response::text("slug=" + req.param("slug") + " q=" + req.query.get_or("q", "-"));
  });
  router.get("/slow", [](Request&) {
    std::this_thread::sleep_for(500ms);
    return Response::text("langsam, aber fertig");
  });
  router.get("/boom", [](Request&) -> Response { throw std::runtime_error("kaputt"); });
  // A slow handler (a download built on demand, an import) on the slow-work pool.
  router.add(
      "GET", "/bericht-bauen",
      [](Request&) {
        std::this_thread::sleep_for(1500ms);
        return Response::text("gebaut");
      },
      RouteOptions{0, {}, always_slow});
  router.get("/verzoegert", [](Request&) {
    Response r = Response::text("endlich");
    r.delay_ms = 800;
    return r;
  });
  router.add(
      "GET", "/vielleicht-langsam",
      [](Request& req) { return Response::text(req.query.has("langsam") ? "langsam" : "schnell"); },
      RouteOptions{0, {}, [](const Request& req) { return req.query.has("langsam"); }});
  // Test-only: streams the file named in the query.
  router.get("/datei", [](Request& req) {
    auto res = Response::file(req.query.get_or("pfad", ""), "application/octet-stream");
    res.body_file_temporary = req.query.get_or("einmal", "") == "1";
    return res;
  });
  router.post("/echo", [](Request& req) { return Response::text(req.body); });
  router.post("/formular", [](Request& req) {
    return Response::text(req.form().get_or("name", "?") + "|" + req.form().get_or("ort", "?"));
  });
  auto describe_upload = [](Request& req) {
    std::string out = "titel=" + req.form().get_or("titel", "?") + "\n";
    for (const UploadedFile& f : req.files) {
      out += f.field + "|" + f.filename + "|" + f.content_type + "|" + std::to_string(f.size) + "|" +
             fnv1a_hex(read_file(f.path)) + "|" + f.path.string() + "\n";
    }
    return Response::text(out);
  };
  router.post("/upload", describe_upload, RouteOptions{kUploadLimit, {}, {}});
  // An upload route that lets only "stewards" in, decided from the header alone.
  router.post("/hochladen", describe_upload,
              RouteOptions{kUploadLimit,
                           [](Request& req) -> std::optional<Response> {
                             if (req.header("X-Rolle").value_or("") == "steward") return std::nullopt;
                             return Response::error(403, "Keine Berechtigung.");
                           },
                           {}});
  return router;
}

ServerOptions test_options(const fs::path& static_dir, Metrics* metrics) {
  ServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.threads = 2;
  o.max_header_bytes = 16 * 1024;
  o.max_body_bytes = kFormLimit;
  o.header_timeout_seconds = 1;
  o.body_timeout_seconds = 2;
  o.idle_timeout_seconds = 2;
  o.static_dir = static_dir.string();
  o.access_log = false;
  o.metrics = metrics;
  return o;
}

// One I/O thread and no static files: whether a waiting handler holds the thread shows.
ServerOptions one_thread_options(Metrics* metrics) {
  ServerOptions o = test_options({}, metrics);
  o.static_dir.clear();
  o.threads = 1;
  return o;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(static_dir_.path() / "css");
    std::ofstream(static_dir_ / "css/app.css") << "body { color: #004e8a; }\n";
    std::ofstream(static_dir_ / "bericht.pdf") << "%PDF-1.7 fake";
    std::ofstream(static_dir_ / ".env") << "SECRET=1";
    fs::create_symlink(fs::path(RF_SOURCE_DIR) / "CMakeLists.txt", static_dir_ / "outside.txt");
    server_ = std::make_unique<RunningServer>(router_, test_options(static_dir_.path(), &metrics_));
  }
  unsigned short port() const { return server_->port(); }

  test::TempDir static_dir_;
  Metrics metrics_;
  Router router_ = make_router();
  std::unique_ptr<RunningServer> server_;
};

TEST_F(ServerTest, KeepAliveServesThreeRequestsOnOneConnection) {
  HttpConnection c(port());
  for (int i = 0; i < 3; ++i) {
    HttpResponse r = c.request("GET", "/aktuelles/nachricht-" + std::to_string(i) + "?q=a%20b");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "slug=nachricht-" + std::to_string(i) + " q=a b");
    EXPECT_EQ(r.header("Server"), "ruhrfutur");
    EXPECT_TRUE(r.header("Date").ends_with(" GMT"));
    EXPECT_EQ(r.header("Content-Length"), std::to_string(r.body.size()));
    EXPECT_FALSE(r.has_header("Connection"));
  }
  EXPECT_FALSE(c.wait_closed(200ms));
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  HttpConnection c(port());
  c.send(test::build_request("GET", "/aktuelles/eins", {}, "") + test::build_request("GET", "/aktuelles/zwei", {}, ""));
  EXPECT_EQ(c.read_response().body, "slug=eins q=-");
  EXPECT_EQ(c.read_response().body, "slug=zwei q=-");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  HttpConnection c(port());
  HttpResponse r = c.request("GET", "/", {{"Connection", "close"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Connection"), "close");
  EXPECT_TRUE(c.wait_closed(2s));
}

TEST_F(ServerTest, Http10WithoutKeepAliveCloses) {
  HttpConnection c(port());
  c.send("GET / HTTP/1.0\r\n\r\n");
  HttpResponse r = c.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<h1>Willkommen</h1>");
  EXPECT_TRUE(c.wait_closed(2s));
}

TEST_F(ServerTest, GarbageRequestLineIs400AndCloses) {
  HttpConnection c(port());
  c.send("\x01\x02 wirr \x7f\r\n\r\n");
  HttpResponse r = c.read_response();
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("Anfrage ungültig"), std::string::npos);
  EXPECT_EQ(r.header("Connection"), "close");
  EXPECT_TRUE(c.wait_closed(3s));
}

TEST_F(ServerTest, ConflictingLengthHeadersAre400) {
  HttpConnection c(port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
  EXPECT_EQ(c.read_response().status, 400);
}

TEST_F(ServerTest, HugeHeaderIs431) {
  HttpConnection c(port());
  c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n");
  HttpResponse r = c.read_response();
  EXPECT_EQ(r.status, 431);
  EXPECT_TRUE(c.wait_closed(3s));
}

TEST_F(ServerTest, DeclaredBodyOverLimitIs413BeforeTheBodyIsSent) {
  HttpConnection c(port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3145728\r\n\r\n");
  HttpResponse r = c.read_response();
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("Anfrage zu groß"), std::string::npos);
  EXPECT_TRUE(c.wait_closed(3s));
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
  HttpConnection c(port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk = "100000\r\n" + std::string(0x100000, 'x') + "\r\n";  // 1 MiB per chunk
  try {
    for (int i = 0; i < 3; ++i) c.send(chunk);
  } catch (const std::runtime_error&) {
    // The server may already have answered and closed; the answer is still readable.
  }
  HttpResponse r = c.read_response();
  EXPECT_EQ(r.status, 413);
}

TEST_F(ServerTest, BodyWithinLimitIsEchoed) {
  std::string body = pseudo_random_bytes(1024 * 1024);
  HttpConnection c(port());
  HttpResponse r = c.request("POST", "/echo", {{"Content-Type", "application/octet-stream"}}, body);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.size(), body.size());
  EXPECT_TRUE(r.body == body);
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  HttpConnection c(port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  std::this_thread::sleep_for(100ms);
  c.send("hallo");
  HttpResponse r = c.read_response();  // skips the 100 Continue
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hallo");
}

TEST_F(ServerTest, FormBodyIsDecoded) {
  HttpResponse r = test::post_form(port(), "/formular", {{"name", "Müller"}, {"ort", "Essen Mitte"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "Müller|Essen Mitte");
}

TEST_F(ServerTest, StalledHeaderIsDisconnectedAfterHeaderTimeout) {
  HttpConnection c(port());
  c.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ");
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.wait_closed(8s));
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_GE(elapsed, 900ms);
  // 1 s plus the 250 ms sweep; generous slack because CI runs two sanitizer
  // test programs at once on two cores. The 30 s default would exceed it.
  EXPECT_LE(elapsed, 6s);
}

TEST_F(ServerTest, StalledBodyIsDisconnectedAfterBodyTimeout) {
  HttpConnection c(port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nnur ein Teil");
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.wait_closed(5s));
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_GE(elapsed, 1900ms);
  EXPECT_LE(elapsed, 3500ms);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterIdleTimeout) {
  HttpConnection c(port());
  EXPECT_EQ(c.request("GET", "/").status, 200);
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.wait_closed(5s));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 1900ms);
}

TEST_F(ServerTest, StaticFileWithValidators) {
  HttpConnection c(port());
  HttpResponse r = c.request("GET", "/static/css/app.css?v=3");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "body { color: #004e8a; }\n");
  EXPECT_EQ(r.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(r.header("Content-Length"), std::to_string(r.body.size()));
  EXPECT_EQ(r.header("Cache-Control"), "public, max-age=3600");
  const std::string etag = r.header("ETag");
  EXPECT_TRUE(etag.size() > 2 && etag.front() == '"' && etag.back() == '"') << etag;
  const std::string last_modified = r.header("Last-Modified");
  EXPECT_TRUE(last_modified.ends_with(" GMT"));

  HttpResponse cached = c.request("GET", "/static/css/app.css", {{"If-None-Match", etag}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_EQ(cached.body, "");
  EXPECT_EQ(cached.header("ETag"), etag);
  EXPECT_EQ(c.request("GET", "/static/css/app.css", {{"If-None-Match", "\"other\", W/" + etag}}).status, 304);
  EXPECT_EQ(c.request("GET", "/static/css/app.css", {{"If-None-Match", "\"other\""}}).status, 200);
  EXPECT_EQ(c.request("GET", "/static/css/app.css", {{"If-Modified-Since", last_modified}}).status, 304);
  EXPECT_EQ(c.request("GET", "/static/css/app.css", {{"If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"}}).status,
            200);

  HttpResponse head = c.request("HEAD", "/static/css/app.css");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("Content-Length"), std::to_string(r.body.size()));
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(c.request("GET", "/static/bericht.pdf").header("Content-Type"), "application/pdf");
  EXPECT_EQ(c.request("GET", "/static/fehlt.css").status, 404);
}

TEST_F(ServerTest, StaticFilesCarryTheSecurityHeaders) {
  HttpConnection c(port());
  for (const HttpResponse& r : {c.request("GET", "/static/css/app.css"), c.request("GET", "/static/bericht.pdf")}) {
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
    EXPECT_EQ(r.header("Referrer-Policy"), "strict-origin-when-cross-origin");
    EXPECT_NE(r.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_NE(r.header("Permissions-Policy").find("camera=()"), std::string::npos);
  }
}

TEST_F(ServerTest, StaticFileChangesAreNoticed) {
  HttpResponse before = test::get(port(), "/static/css/app.css");
  std::this_thread::sleep_for(1100ms);  // past the revalidation interval
  std::ofstream(static_dir_ / "css/app.css") << "body { color: red; }\n";
  HttpResponse after = test::get(port(), "/static/css/app.css");
  EXPECT_EQ(after.body, "body { color: red; }\n");
  EXPECT_NE(after.header("ETag"), before.header("ETag"));
}

TEST_F(ServerTest, PathTraversalNeverServesTheFile) {
  for (const char* target :
       {"/static/../CMakeLists.txt", "/static/%2e%2e/CMakeLists.txt", "/static/%2E%2E%2FCMakeLists.txt",
        "/static/css/../../CMakeLists.txt", "/static/..%5CCMakeLists.txt", "/static/.env", "/static/%2eenv",
        "/static/outside.txt", "/static//etc/passwd", "/static/css/app.css%00.png"}) {
    HttpConnection c(port());
    HttpResponse r = c.request("GET", target);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << target << " -> " << r.status;
    EXPECT_EQ(r.body.find("cmake_minimum_required"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("SECRET"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, MultipartUploadOfOneMegabyteArrivesIntact) {
  const std::string data = pseudo_random_bytes(1024 * 1024);
  const std::string boundary = "----rfTestBoundary42";
  const std::string body = multipart_body(boundary, data);

  HttpConnection c(port());
  HttpResponse r = c.request("POST", "/upload", {{"Content-Type", "multipart/form-data; boundary=" + boundary}}, body);
  ASSERT_EQ(r.status, 200) << r.body;
  std::istringstream lines(r.body);
  std::string title, file;
  std::getline(lines, title);
  std::getline(lines, file);
  EXPECT_EQ(title, "titel=Schuldaten 2024");
  const std::string expected = "datei|daten.bin|application/octet-stream|1048576|" + fnv1a_hex(data) + "|";
  EXPECT_TRUE(file.starts_with(expected)) << file;
  // The temporary file is gone once the request has ended.
  fs::path temp = file.substr(expected.size());
  EXPECT_FALSE(temp.empty());
  EXPECT_FALSE(fs::exists(temp)) << temp;
}

TEST_F(ServerTest, OnlyUploadRoutesTakeLargeBodies) {
  const std::string boundary = "----rfTestBoundary43";
  const std::string body = multipart_body(boundary, pseudo_random_bytes(3 * 1024 * 1024));
  const test::HeaderList type{{"Content-Type", "multipart/form-data; boundary=" + boundary}};
  HttpConnection upload(port());
  EXPECT_EQ(upload.request("POST", "/upload", type, body).status, 200);
  // The same body to a form route is over its small limit, declared before a byte is sent.
  HttpConnection form(port());
  form.send("POST /formular HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=" + boundary +
            "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n");
  EXPECT_EQ(form.read_response().status, 413);
  // Above the upload route's own limit is 413 as well.
  HttpConnection huge(port());
  huge.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=" + boundary +
            "\r\nContent-Length: " + std::to_string(kUploadLimit + 1) + "\r\n\r\n");
  EXPECT_EQ(huge.read_response().status, 413);
  // An upload route's large limit is for multipart bodies (on disk) only; others stay in memory and small.
  HttpConnection raw(port());
  raw.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
           std::to_string(2 * kFormLimit) + "\r\n\r\n");
  EXPECT_EQ(raw.read_response().status, 413);
}

TEST_F(ServerTest, UploadRouteRejectsVisitorsBeforeReadingTheBody) {
  const std::string head =
      "POST /hochladen HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
      "Content-Length: 3000000\r\n";
  HttpConnection visitor(port());
  visitor.send(head + "\r\n");  // not a byte of the body
  HttpResponse r = visitor.read_response(false, 3s);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.header("Connection"), "close");
  EXPECT_TRUE(visitor.wait_closed(3s));

  const std::string body = multipart_body("b", "a;b\n1;2\n");
  HttpConnection steward(port());
  HttpResponse ok = steward.request(
      "POST", "/hochladen", {{"Content-Type", "multipart/form-data; boundary=b"}, {"X-Rolle", "steward"}}, body);
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("datei|daten.bin|"), std::string::npos) << ok.body;
}

TEST_F(ServerTest, UnknownTransferCodingsAre501AndClose) {
  for (const char* coding : {"gzip", "identity", "chunked, identity", "gzip, chunked", "x-unbekannt"}) {
    HttpConnection c(port());
    // Were the coding ignored, the body would be read as a second request.
    c.send(std::string("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ") + coding +
           "\r\n\r\nGET /aktuelles/geschmuggelt HTTP/1.1\r\nHost: x\r\n\r\n");
    HttpResponse r = c.read_response();
    EXPECT_EQ(r.status, 501) << coding;
    EXPECT_EQ(r.header("Connection"), "close") << coding;
    EXPECT_TRUE(c.wait_closed(3s)) << coding;
  }
  HttpConnection twice(port());
  twice.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(twice.read_response().status, 400);
  // Plain chunked still works.
  HttpConnection chunked(port());
  chunked.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhallo\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.read_response().body, "hallo");
}

TEST_F(ServerTest, Http11WithoutHostIs400AndCloses) {
  HttpConnection c(port());
  c.send("GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
  HttpResponse r = c.read_response();
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("Host"), std::string::npos);
  EXPECT_EQ(r.header("Connection"), "close");
  EXPECT_TRUE(c.wait_closed(3s));
}

TEST_F(ServerTest, FileBodyOfThreeMegabytesIsStreamedIntactAndHeadHasItsLength) {
  const std::string data = pseudo_random_bytes(3 * 1024 * 1024 + 17);  // 12 chunks and a bit
  const fs::path path = static_dir_.path() / "download.bin";
  std::ofstream(path, std::ios::binary) << data;
  const std::string target = "/datei?pfad=" + url_encode(path.string());
  HttpConnection c(port());
  HttpResponse r = c.request("GET", target);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Length"), std::to_string(data.size()));
  EXPECT_EQ(r.header("Content-Type"), "application/octet-stream");
  EXPECT_EQ(r.body.size(), data.size());
  EXPECT_EQ(fnv1a_hex(r.body), fnv1a_hex(data));
  HttpResponse head = c.request("HEAD", target);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("Content-Length"), std::to_string(data.size()));
  EXPECT_EQ(head.body, "");
  // The keep-alive connection is still in sync after both.
  EXPECT_EQ(c.request("GET", "/").body, "<h1>Willkommen</h1>");
  // A one-off file is removed once the server has opened it, and still sent whole.
  HttpResponse once = c.request("GET", target + "&einmal=1");
  EXPECT_EQ(once.status, 200);
  EXPECT_EQ(fnv1a_hex(once.body), fnv1a_hex(data));
  EXPECT_FALSE(fs::exists(path));
  // A file that is not there is a 500, not a hang.
  EXPECT_EQ(c.request("GET", "/datei?pfad=%2Fgibt%2Fes%2Fnicht").status, 500);
}

TEST_F(ServerTest, MalformedMultipartIs400) {
  HttpConnection a(port());
  EXPECT_EQ(a.request("POST", "/upload", {{"Content-Type", "multipart/form-data"}}, "--x\r\n").status, 400);
  HttpConnection b(port());
  std::string truncated = "--b\r\nContent-Disposition: form-data; name=\"datei\"; filename=\"a.txt\"\r\n\r\nhalb";
  HttpResponse r = b.request("POST", "/upload", {{"Content-Type", "multipart/form-data; boundary=b"}}, truncated);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("unvollständig"), std::string::npos);
}

TEST_F(ServerTest, HandlerExceptionIs500AndServerKeepsServing) {
  HttpConnection c(port());
  HttpResponse r = c.request("GET", "/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("Interner Serverfehler"), std::string::npos);
  EXPECT_EQ(r.body.find("kaputt"), std::string::npos);  // no internals leak out
  EXPECT_EQ(c.request("GET", "/").status, 200);
  EXPECT_EQ(test::get(port(), "/").status, 200);
}

TEST_F(ServerTest, NotFoundMethodNotAllowedAndHead) {
  EXPECT_EQ(test::get(port(), "/gibt-es-nicht").status, 404);
  HttpResponse r = test::http_request(port(), "DELETE", "/");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD");
  HttpConnection c(port());
  HttpResponse head = c.request("HEAD", "/");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("Content-Length"), "19");
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(c.request("GET", "/").body, "<h1>Willkommen</h1>");  // the connection is still in sync
}

TEST_F(ServerTest, GracefulStopLetsTheInFlightRequestFinish) {
  auto slow = std::async(std::launch::async, [port = port()] { return test::get(port, "/slow"); });
  std::this_thread::sleep_for(150ms);
  auto started = std::chrono::steady_clock::now();
  server_->stop();  // blocks until run() has returned
  HttpResponse r = slow.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "langsam, aber fertig");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_THROW(HttpConnection c(port()), std::runtime_error);  // no longer accepting
}

TEST_F(ServerTest, MetricsCountRequestsByRoute) {
  test::get(port(), "/aktuelles/a");
  test::get(port(), "/aktuelles/b");
  test::get(port(), "/nirgends");
  test::get(port(), "/static/css/app.css");
  test::get(port(), "/boom");
  std::string text = metrics_.prometheus_text();
  EXPECT_NE(text.find("http_requests_total{method=\"GET\",route=\"/aktuelles/{slug}\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("http_requests_total{method=\"GET\",route=\"/static/{path...}\",status=\"200\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("http_requests_total{method=\"GET\",route=\"/boom\",status=\"500\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("http_request_duration_seconds_count{method=\"GET\",route=\"/aktuelles/{slug}\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("http_requests_in_flight 0\n"), std::string::npos);
}

TEST(Server, ConnectionsBeyondTheCapGet503WithRetryAfter) {
  Router router = make_router();
  Metrics metrics;
  ServerOptions o = test_options({}, &metrics);
  o.static_dir.clear();
  o.max_connections = 2;
  o.retry_after_seconds = 7;
  RunningServer server(router, o);
  HttpConnection a(server.port());
  HttpConnection b(server.port());
  ASSERT_EQ(a.request("GET", "/").status, 200);
  ASSERT_EQ(b.request("GET", "/").status, 200);
  HttpConnection c(server.port());
  c.send(test::build_request("GET", "/", {}, ""));
  HttpResponse r = c.read_response();
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.header("Retry-After"), "7");
  EXPECT_TRUE(c.wait_closed(3s));
  // The admitted connections still work, and a place frees up when one closes.
  EXPECT_EQ(a.request("GET", "/").status, 200);
  b.close();
  c.close();
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(test::get(server.port(), "/").status, 200);
}

TEST(Server, BodiesBeyondTheMemoryBudgetGet503WithRetryAfter) {
  Router router = make_router();
  Metrics metrics;
  ServerOptions o = test_options({}, &metrics);
  o.static_dir.clear();
  o.max_buffered_bytes = 1536 * 1024;  // one and a half form bodies
  RunningServer server(router, o);
  const std::string body = pseudo_random_bytes(kFormLimit);
  HttpConnection first(server.port());
  first.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
             body.substr(0, 900 * 1024));
  std::this_thread::sleep_for(300ms);  // the first 900 KiB are in the server's memory now
  HttpConnection second(server.port());
  try {
    second.send(test::build_request("POST", "/echo", {}, body));
  } catch (const std::runtime_error&) {
    // The server may already have answered and closed.
  }
  HttpResponse r = second.read_response();
  EXPECT_EQ(r.status, 503);
  EXPECT_FALSE(r.header("Retry-After").empty());
  // The first request was within the budget and completes.
  first.send(body.substr(900 * 1024));
  HttpResponse done = first.read_response();
  EXPECT_EQ(done.status, 200);
  EXPECT_EQ(done.body.size(), body.size());
  // Its bytes are given back: the next body fits again.
  EXPECT_EQ(HttpConnection(server.port()).request("POST", "/echo", {}, body).status, 200);
}

TEST(Server, SlowWorkDoesNotBlockTheIoThread) {
  Router router = make_router();
  Metrics metrics;
  ServerOptions o = one_thread_options(&metrics);  // without the pool it would sleep in the handler
  o.slow_threads = 2;
  RunningServer server(router, o);
  auto slow1 = std::async(std::launch::async, [&] { return test::get(server.port(), "/bericht-bauen"); });
  auto slow2 = std::async(std::launch::async, [&] { return test::get(server.port(), "/bericht-bauen"); });
  std::this_thread::sleep_for(200ms);
  for (int i = 0; i < 5; ++i) {
    auto started = std::chrono::steady_clock::now();
    HttpResponse quick = test::get(server.port(), "/aktuelles/eilig");
    EXPECT_EQ(quick.status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 400ms) << "request " << i;
  }
  EXPECT_EQ(slow1.get().body, "gebaut");
  EXPECT_EQ(slow2.get().body, "gebaut");
  // The predicate decides per request; a keep-alive connection stays in sync across both kinds.
  HttpConnection c(server.port());
  EXPECT_EQ(c.request("GET", "/vielleicht-langsam?langsam=1").body, "langsam");
  EXPECT_EQ(c.request("GET", "/vielleicht-langsam").body, "schnell");
  EXPECT_EQ(c.request("GET", "/vielleicht-langsam?langsam=1").body, "langsam");
}

TEST(Server, DelayedResponsesHoldNoThread) {
  Router router = make_router();
  Metrics metrics;
  ServerOptions o = one_thread_options(&metrics);
  RunningServer server(router, o);
  auto started = std::chrono::steady_clock::now();
  auto delayed = std::async(std::launch::async, [&] { return test::get(server.port(), "/verzoegert"); });
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(test::get(server.port(), "/aktuelles/zwischendurch").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 600ms);
  HttpResponse r = delayed.get();
  EXPECT_EQ(r.body, "endlich");
  EXPECT_GE(std::chrono::steady_clock::now() - started, 800ms);
  // The connection goes on normally afterwards.
  HttpConnection c(server.port());
  EXPECT_EQ(c.request("GET", "/verzoegert").body, "endlich");
  EXPECT_EQ(c.request("GET", "/").status, 200);
}

// Response::later: the handler's response is made when work on another
// thread is done; the I/O thread serves others meanwhile, and the headers the
// middleware put on the placeholder reach the client.
TEST(Server, ALaterResponseHoldsNoThreadAndKeepsTheMiddlewaresHeaders) {
  Router router;
  router.use([](Request& req, const Handler& next) {
    Response r = next(req);
    r.set_header("X-Schicht", "Middleware");
    r.set_header("X-Nur-Middleware", "ja");
    r.add_header("Set-Cookie", "schicht=1; Path=/");
    return r;
  });
  router.get("/", [](Request&) { return Response::text("sofort"); });
  std::mutex workers_mutex;
  std::vector<std::thread> workers;  // joined before the server goes
  auto later = [&](bool fails) {
    return [&, fails](Request&) {
      Response pending;
      pending.later = [&, fails](std::function<void(Response::Make)> send) {
        std::lock_guard lock(workers_mutex);
        workers.emplace_back([send, fails] {
          std::this_thread::sleep_for(600ms);
          send([fails]() -> Response {
            if (fails) throw std::runtime_error("kaputt");
            Response r = Response::text("später fertig");
            r.set_header("X-Schicht", "Handler");
            r.add_header("Set-Cookie", "handler=1; Path=/");
            return r;
          });
          send([] { return Response::text("ein zweites Mal"); });  // ignored
        });
      };
      return pending;
    };
  };
  router.get("/spaeter", later(false));
  router.get("/spaeter-kaputt", later(true));
  Metrics metrics;
  ServerOptions o = one_thread_options(&metrics);
  RunningServer server(router, o);
  auto started = std::chrono::steady_clock::now();
  auto pending = std::async(std::launch::async, [&] { return test::get(server.port(), "/spaeter"); });
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(test::get(server.port(), "/").body, "sofort");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 500ms);
  HttpResponse r = pending.get();
  EXPECT_GE(std::chrono::steady_clock::now() - started, 600ms);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "später fertig");
  EXPECT_EQ(r.header("X-Schicht"), "Handler");  // the made response's own header stays
  EXPECT_EQ(r.header("X-Nur-Middleware"), "ja");
  std::vector<std::string> cookies;
  for (const auto& [name, value] : r.headers)
    if (name == "set-cookie" || name == "Set-Cookie") cookies.push_back(value);
  EXPECT_EQ(cookies.size(), 2u);
  HttpResponse failed = test::get(server.port(), "/spaeter-kaputt");
  EXPECT_EQ(failed.status, 500);
  EXPECT_EQ(failed.body.find("kaputt"), std::string::npos);
  // The connection goes on normally afterwards.
  HttpConnection c(server.port());
  EXPECT_EQ(c.request("GET", "/spaeter").body, "später fertig");
  EXPECT_EQ(c.request("GET", "/").body, "sofort");
  std::lock_guard lock(workers_mutex);
  for (std::thread& t : workers) t.join();
}

TEST(Server, SlowWorkBeyondTheQueueGets503AndStopWaitsForRunningWork) {
  Router router = make_router();
  Metrics metrics;
  ServerOptions o = test_options({}, &metrics);
  o.static_dir.clear();
  o.slow_threads = 1;
  o.max_slow_queue = 1;
  auto server = std::make_unique<RunningServer>(router, o);
  const unsigned short port = server->port();
  auto running = std::async(std::launch::async, [port] { return test::get(port, "/bericht-bauen"); });
  std::this_thread::sleep_for(300ms);
  auto queued = std::async(std::launch::async, [port] { return test::get(port, "/bericht-bauen"); });
  std::this_thread::sleep_for(300ms);
  HttpResponse refused = test::get(port, "/bericht-bauen");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.header("Retry-After"), "5");
  server->stop();  // graceful: the running and the queued job still answer
  EXPECT_EQ(running.get().body, "gebaut");
  EXPECT_EQ(queued.get().body, "gebaut");
}

TEST(Server, AddressInUseThrows) {
  Router router;
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  Server first(o, router);
  first.start();
  o.port = first.port();
  Server second(o, router);
  EXPECT_THROW(second.start(), std::runtime_error);
}

TEST(Server, AccessLogWritesJsonLines) {
  Router router;
  router.get("/hallo", [](Request&) { return Response::text("hi"); });
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  o.access_log = true;
  Metrics metrics;
  o.metrics = &metrics;
  testing::internal::CaptureStderr();
  {
    RunningServer server(router, o);
    EXPECT_EQ(test::get(server.port(), "/hallo?geheim=1").status, 200);
  }
  std::string log = testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("\"method\":\"GET\",\"path\":\"/hallo\",\"status\":200,\"bytes\":2,\"duration_ms\":"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("\"remote\":\"127.0.0.1\"}\n"), std::string::npos) << log;
  EXPECT_EQ(log.find("geheim"), std::string::npos);
}

}  // namespace
}  // namespace rf::http
