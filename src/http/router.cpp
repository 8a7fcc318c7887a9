#include "http/router.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace rf::http {
namespace {

// Splits "/a/b/" into {"a", "b"}: a trailing slash is ignored so that "/x/"
// and "/x" reach the same route; the root path has no segments.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return segments;
  while (true) {
    std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool is_param(std::string_view segment) {
  return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

bool is_rest(std::string_view segment) { return is_param(segment) && segment.ends_with("...}"); }

std::string param_name(std::string_view segment) {
  segment = segment.substr(1, segment.size() - 2);
  if (segment.ends_with("...")) segment.remove_suffix(3);
  return std::string(segment);
}

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Specificity of a match, compared lexicographically: per segment 2 for a
// literal, 1 for a parameter, 0 for a rest parameter. "/news/archiv" thus
// wins over "/news/{slug}" whatever the registration order.
using Score = std::vector<int>;

// Matches decoded path segments against a pattern; fills score on success.
bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& segments, Score& score) {
  score.clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (is_rest(p)) {
      // A rest parameter takes one or more remaining segments.
      if (i >= segments.size()) return false;
      score.push_back(0);
      return true;
    }
    if (i >= segments.size()) return false;
    if (is_param(p)) {
      if (segments[i].empty()) return false;
      score.push_back(1);
    } else {
      if (p != segments[i]) return false;
      score.push_back(2);
    }
  }
  return pattern.size() == segments.size();
}

void fill_params(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
                 std::unordered_map<std::string, std::string>& out) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (is_rest(p)) {
      std::string rest;
      for (std::size_t j = i; j < segments.size(); ++j) {
        if (j > i) rest.push_back('/');
        rest += segments[j];
      }
      out[param_name(p)] = std::move(rest);
      return;
    }
    if (is_param(p)) out[param_name(p)] = segments[i];
  }
}

// The path to route on: the raw path of the target, split before decoding so
// that an encoded slash (%2F) stays inside its segment. Requests built by
// hand (tests) may only set path.
std::vector<std::string> request_segments(const Request& req) {
  std::vector<std::string> out;
  if (req.target.empty()) {
    for (std::string_view s : split_path(req.path)) out.emplace_back(s);
    return out;
  }
  std::string_view raw = req.target;
  raw = raw.substr(0, raw.find('?'));
  for (std::string_view s : split_path(raw)) out.push_back(url_decode(s, /*plus_is_space=*/false));
  return out;
}

// Calls middleware i, handing it a next() that continues with i + 1.
struct Chain {
  const std::vector<Middleware>& middleware;
  const Handler& handler;

  Response run(std::size_t i, Request& req) const {
    if (i == middleware.size()) return handler(req);
    // Captures two words only, so std::function stores it without allocating.
    const Chain* self = this;
    Handler next = [self, i](Request& r) { return self->run(i + 1, r); };
    return middleware[i](req, next);
  }
};

}  // namespace

void Router::add(std::string_view method, std::string_view pattern, Handler handler, RouteOptions options) {
  Route route;
  route.method = to_upper(method);
  route.pattern = std::string(pattern);
  for (std::string_view s : split_path(pattern)) route.segments.emplace_back(s);
  for (std::size_t i = 0; i < route.segments.size(); ++i) {
    if (is_rest(route.segments[i]) && i + 1 != route.segments.size()) {
      throw std::invalid_argument("a {rest...} parameter must be last: " + route.pattern);
    }
  }
  route.handler = std::move(handler);
  route.options = std::move(options);
  routes_.push_back(std::move(route));
}

void Router::use(Middleware middleware) { middleware_.push_back(std::move(middleware)); }

const Router::Route* Router::find(const Request& req, const std::vector<std::string>& segments,
                                  std::vector<std::string>* allowed) const {
  const bool is_head = req.method == "HEAD";
  const bool has_head_route = is_head && std::any_of(routes_.begin(), routes_.end(), [&](const Route& r) {
                                Score s;
                                return r.method == "HEAD" && match(r.segments, segments, s);
                              });
  // HEAD falls back to the GET route unless a HEAD route exists.
  const std::string_view wanted = (is_head && !has_head_route) ? std::string_view("GET") : req.method;

  const Route* best = nullptr;
  Score best_score, score;
  for (const Route& route : routes_) {
    if (!match(route.segments, segments, score)) continue;
    if (allowed != nullptr) allowed->push_back(route.method);
    if (route.method != wanted) continue;
    if (best == nullptr || score > best_score) {
      best = &route;
      best_score = score;
    }
  }
  return best;
}

const RouteOptions* Router::options_for(const Request& req) const {
  const Route* route = find(req, request_segments(req), nullptr);
  return route == nullptr ? nullptr : &route->options;
}

Response Router::dispatch(Request& req) const {
  const std::vector<std::string> segments = request_segments(req);
  const bool is_head = req.method == "HEAD";
  std::vector<std::string> allowed;
  const Route* best = find(req, segments, &allowed);

  Handler fallback;
  const Handler* handler = &fallback;
  if (best != nullptr) {
    req.route = best->pattern;
    req.path_params.clear();
    fill_params(best->segments, segments, req.path_params);
    handler = &best->handler;
    if (best->options.token_in_url) req.context[kTokenInUrl] = "1";
  } else {
    req.route.clear();
    const bool api = !segments.empty() && segments.front() == "api";
    if (allowed.empty()) {
      fallback = [api](Request&) { return Response::error(404, "", api); };
    } else {
      if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end()) allowed.push_back("HEAD");
      std::sort(allowed.begin(), allowed.end());
      allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
      std::string allow;
      for (const std::string& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
      fallback = [api, allow](Request&) {
        Response r = Response::error(405, "", api);
        r.set_header("Allow", allow);
        return r;
      };
    }
  }

  // Middleware runs for 404/405 as well, so e.g. security headers are on every page.
  Response response = Chain{middleware_, *handler}.run(0, req);
  if (is_head && !response.body.empty()) {
    response.set_header("Content-Length", std::to_string(response.body.size()));
    response.body.clear();
  }
  if (is_head && !response.body_file.empty()) {
    std::error_code ec;
    auto size = std::filesystem::file_size(response.body_file, ec);
    if (!ec) response.set_header("Content-Length", std::to_string(size));
    if (response.body_file_temporary) std::filesystem::remove(response.body_file, ec);
    response.body_file.clear();
  }
  return response;
}

}  // namespace rf::http
