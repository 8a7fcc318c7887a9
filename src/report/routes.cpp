// /bericht/… serves the built report (static files with their content
// types, ETag and If-None-Match through http::StaticFiles); /code/NNNNN
// looks the web code up in the report's codes.json and redirects.
#include <nlohmann/json.hpp>

#include <chrono>
#include <mutex>

#include "http/static_files.hpp"
#include "report/definition.hpp"
#include "report/links.hpp"
#include "report/report.hpp"
#include "report/web_code.hpp"
#include "text/strings.hpp"
#include "text/files.hpp"

namespace rf::report {
namespace {

namespace fs = std::filesystem;

// codes.json, re-read when the file changes (a new build swapped in).
class CodeTable {
 public:
  explicit CodeTable(fs::path file) : file_(std::move(file)) {}

  std::optional<std::string> find(const std::string& code) {
    std::lock_guard lock(mutex_);
    std::error_code ec;
    auto mtime = fs::last_write_time(file_, ec);
    if (ec) return std::nullopt;
    if (!loaded_ || mtime != mtime_) {
      codes_.clear();
      if (auto text = text::read_file(file_)) {
        auto j = nlohmann::json::parse(*text, nullptr, false);
        if (j.is_object() && j.contains("codes") && j["codes"].is_object()) {
          for (const auto& [k, v] : j["codes"].items()) {
            if (v.is_string()) codes_[k] = v.get<std::string>();
          }
        }
      }
      mtime_ = mtime;
      loaded_ = true;
    }
    auto it = codes_.find(code);
    if (it == codes_.end()) return std::nullopt;
    return it->second;
  }

 private:
  fs::path file_;
  std::mutex mutex_;
  bool loaded_ = false;
  fs::file_time_type mtime_{};
  std::map<std::string, std::string> codes_;
};

struct ReportSite {
  fs::path dir;
  std::unique_ptr<http::StaticFiles> files;  // created when the folder exists
  std::mutex mutex;
  CodeTable codes;

  explicit ReportSite(fs::path d) : dir(std::move(d)), codes(dir / kCodesFile) {}

  http::StaticFiles* static_files() {
    std::lock_guard lock(mutex);
    if (!files && fs::is_directory(dir)) files = std::make_unique<http::StaticFiles>(dir);
    return files.get();
  }
};

http::Response not_built() {
  return http::Response::error(404, "Der Bericht ist noch nicht erstellt (ruhrfutur report build …).");
}

http::Response serve_file(ReportSite& site, http::Request& req, std::string raw_path) {
  auto* files = site.static_files();
  if (!files) return not_built();
  if (raw_path.empty() || raw_path.back() == '/') raw_path += "index.html";
  auto result = files->get(raw_path, req.header("If-None-Match"), req.header("If-Modified-Since"));
  if (result.status == 404 || !result.entry) {
    return http::Response::error(404, "Diese Seite des Berichts gibt es nicht.");
  }
  http::Response res;
  res.status = result.status;
  // The report's fonts are TrueType, which the shared table does not know.
  res.set_header("Content-Type", raw_path.ends_with(".ttf") ? std::string_view("font/ttf")
                                                            : std::string_view(result.entry->content_type));
  res.set_header("ETag", result.entry->etag);
  res.set_header("Last-Modified", result.entry->last_modified);
  res.set_header("Cache-Control", "public, max-age=300");
  if (result.status == 200) res.body = result.entry->content;
  return res;
}

// The still-encoded path after the prefix, without the query.
std::string raw_rest(const http::Request& req, std::string_view prefix) {
  std::string target = req.target.substr(0, req.target.find('?'));
  if (target.size() < prefix.size()) return {};
  return target.substr(prefix.size());
}

// 303 to the figure of a web code, or a 404 that says what is wrong.
http::Response go_to_code(ReportSite& site, const std::string& code) {
  if (!is_web_code(code)) return http::Response::error(404, "Ein Webcode hat fünf Ziffern.");
  auto target = site.codes.find(code);
  if (!target) return http::Response::error(404, "Den Webcode " + code + " gibt es nicht.");
  return http::Response::redirect("/bericht/" + *target, 303);
}

}  // namespace

void register_routes(http::Router& router, const fs::path& report_dir) {
  auto site = std::make_shared<ReportSite>(report_dir);
  // The router matches "/bericht" and "/bericht/" alike; the pages' relative
  // links need the slash.
  router.get("/bericht", [site](http::Request& req) {
    if (!req.path.ends_with("/")) return http::Response::redirect("/bericht/", 301);
    return serve_file(*site, req, "");
  });
  router.get("/bericht/{path...}",
             [site](http::Request& req) { return serve_file(*site, req, raw_rest(req, "/bericht/")); });
  // The web-code form on the report's start page sends ?webcode=NNNNN.
  router.get("/code", [site](http::Request& req) {
    return go_to_code(*site, std::string(text::trim(req.query.get_or("webcode", ""))));
  });
  router.get("/code/{code}", [site](http::Request& req) { return go_to_code(*site, req.param("code")); });
}

fs::path served_report_dir(const web::Services& services) {
  fs::path dir = services.settings.report_dir;
  if (dir.is_relative()) dir = fs::current_path() / dir;
  return dir;
}

void register_routes(http::Router& router, web::Services& services) {
  register_routes(router, served_report_dir(services));
}

std::optional<PublishedReport> read_published_report(const fs::path& built_dir) {
  auto text = text::read_file(built_dir / kCodesFile);
  if (!text) return std::nullopt;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto str = [](const nlohmann::json& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  PublishedReport report;
  report.title = str(j, "title");
  report.edition = str(j, "edition");
  if (auto it = j.find("chapters"); it != j.end() && it->is_array()) {
    for (const auto& c : *it) {
      if (c.is_object()) report.chapters.push_back({str(c, "number"), str(c, "title"), "/bericht/" + str(c, "url")});
    }
  }
  if (auto it = j.find("figures"); it != j.end() && it->is_array()) {
    for (const auto& f : *it) {
      if (!f.is_object() || !is_web_code(str(f, "code"))) continue;
      PublishedReport::FigureEntry entry{
          str(f, "code"), str(f, "title"), str(f, "place"), "/bericht/" + str(f, "url"), {}};
      if (auto ids = f.find("indicators"); ids != f.end() && ids->is_array()) {
        for (const auto& id : *ids) {
          if (id.is_string()) entry.indicators.push_back(id.get<std::string>());
        }
      }
      report.figures.push_back(std::move(entry));
    }
  }
  return report;
}

}  // namespace rf::report
