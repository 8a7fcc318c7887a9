// Maps method + path to a handler. Patterns are literal segments and {name}
// parameters, e.g. "/aktuelles/{slug}"; a trailing "{rest...}" takes the rest.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace rf::http {

using Handler = std::function<Response(Request&)>;
// Runs around every handler: may answer directly or call next(req).
using Middleware = std::function<Response(Request&, const Handler& next)>;

class Router {
 public:
  void add(std::string_view method, std::string_view pattern, Handler handler);
  void get(std::string_view pattern, Handler h) { add("GET", pattern, std::move(h)); }
  void post(std::string_view pattern, Handler h) { add("POST", pattern, std::move(h)); }
  void use(Middleware middleware);

  // Finds the route, fills req.path_params and req.route, runs middleware and
  // handler. 404 when no pattern matches, 405 (with Allow) when only the method differs.
  Response dispatch(Request& req) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
  std::vector<Middleware> middleware_;
};

}  // namespace rf::http
