// Router: matching, parameters, 404/405, HEAD, middleware order.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace rf::http {
namespace {

Request make(std::string method, std::string target) {
  Request req;
  req.method = std::move(method);
  req.target = std::move(target);
  std::string_view t = req.target;
  req.path = url_decode(t.substr(0, t.find('?')), false);
  return req;
}

Response echo_route(Request& req) { return Response::text("route=" + req.route); }

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.get("/", echo_route);
    router.get("/aktuelles", echo_route);
    router.get("/aktuelles/{slug}", [](Request& req) { return Response::text("slug=" + req.param("slug")); });
    router.get("/aktuelles/archiv", echo_route);
    router.post("/aktuelles/{slug}/kommentar", echo_route);
    router.get("/regionen/{ags}/indikatoren/{id}",
               [](Request& req) { return Response::text(req.param("ags") + "|" + req.param("id")); });
    router.get("/dateien/{path...}", [](Request& req) { return Response::text("path=" + req.param("path")); });
    router.add("put", "/api/v1/ziele/{id}", echo_route);
  }
  Response dispatch(std::string method, std::string target) {
    Request req = make(std::move(method), std::move(target));
    return router.dispatch(req);
  }
  Router router;
};

TEST_F(RouterTest, MatchesLiteralRoutes) {
  EXPECT_EQ(dispatch("GET", "/").body, "route=/");
  EXPECT_EQ(dispatch("GET", "/aktuelles").body, "route=/aktuelles");
  EXPECT_EQ(dispatch("GET", "/aktuelles?seite=2").body, "route=/aktuelles");
}

TEST_F(RouterTest, TrailingSlashIsTolerated) {
  EXPECT_EQ(dispatch("GET", "/aktuelles/").body, "route=/aktuelles");
  EXPECT_EQ(dispatch("GET", "/aktuelles/neu/").body, "slug=neu");
}

TEST_F(RouterTest, LiteralSegmentsWinOverParameters) {
  // "/aktuelles/archiv" was registered after "/aktuelles/{slug}" and still wins.
  EXPECT_EQ(dispatch("GET", "/aktuelles/archiv").body, "route=/aktuelles/archiv");
  EXPECT_EQ(dispatch("GET", "/aktuelles/archiv2").body, "slug=archiv2");
}

TEST_F(RouterTest, PathParametersAreDecoded) {
  EXPECT_EQ(dispatch("GET", "/aktuelles/sch%C3%BCler-in-essen").body, "slug=sch\xC3\xBCler-in-essen");
  // An encoded slash stays inside its segment; '+' is no space in paths.
  EXPECT_EQ(dispatch("GET", "/aktuelles/a%2Fb+c").body, "slug=a/b+c");
  EXPECT_EQ(dispatch("GET", "/regionen/05913/indikatoren/abschluss-quote").body, "05913|abschluss-quote");
  // Bad escapes are passed through, not rejected or crashed on.
  EXPECT_EQ(dispatch("GET", "/aktuelles/%zz%4").body, "slug=%zz%4");
}

TEST_F(RouterTest, RestParameterTakesTheRemainder) {
  EXPECT_EQ(dispatch("GET", "/dateien/berichte/2024/kapitel%201.pdf").body, "path=berichte/2024/kapitel 1.pdf");
  EXPECT_EQ(dispatch("GET", "/dateien/x").body, "path=x");
  EXPECT_EQ(dispatch("GET", "/dateien").status, 404);
}

TEST_F(RouterTest, RouteNameIsThePattern) {
  Request req = make("GET", "/aktuelles/abc");
  router.dispatch(req);
  EXPECT_EQ(req.route, "/aktuelles/{slug}");
  EXPECT_EQ(req.path_params.at("slug"), "abc");
  Request missing = make("GET", "/gibt-es-nicht");
  EXPECT_EQ(router.dispatch(missing).status, 404);
  EXPECT_EQ(missing.route, "");
}

TEST_F(RouterTest, NotFoundIsAGermanPage) {
  Response r = dispatch("GET", "/gibt/es/nicht");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("Seite nicht gefunden"), std::string::npos);
  EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
  Response api = dispatch("GET", "/api/v1/nichts");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.header("Content-Type"), "application/json");
  EXPECT_NE(api.body.find("\"status\":404"), std::string::npos);
}

TEST_F(RouterTest, MethodNotAllowedListsAllowedMethods) {
  Response r = dispatch("POST", "/aktuelles");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD");
  Response k = dispatch("GET", "/aktuelles/x/kommentar");
  EXPECT_EQ(k.status, 405);
  EXPECT_EQ(k.header("Allow"), "POST");
  EXPECT_EQ(dispatch("DELETE", "/api/v1/ziele/7").header("Allow"), "PUT");
  EXPECT_EQ(dispatch("put", "/api/v1/ziele/7").status, 405);  // methods are case-sensitive on the wire
  EXPECT_EQ(dispatch("PUT", "/api/v1/ziele/7").body, "route=/api/v1/ziele/{id}");
}

TEST_F(RouterTest, HeadIsServedByGetWithoutBody) {
  Response get = dispatch("GET", "/aktuelles/abc");
  Response head = dispatch("HEAD", "/aktuelles/abc");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("Content-Type"), "text/plain; charset=utf-8");
}

TEST_F(RouterTest, ExplicitHeadRouteWins) {
  router.add("HEAD", "/aktuelles", [](Request&) {
    Response r;
    r.set_header("X-Head", "1");
    return r;
  });
  Response head = dispatch("HEAD", "/aktuelles");
  EXPECT_EQ(head.header("X-Head"), "1");
}

TEST_F(RouterTest, MiddlewareRunsInRegistrationOrder) {
  std::vector<std::string> calls;
  router.use([&](Request& req, const Handler& next) {
    calls.push_back("outer-before");
    Response r = next(req);
    calls.push_back("outer-after");
    r.add_header("X-Outer", "1");
    return r;
  });
  router.use([&](Request& req, const Handler& next) {
    calls.push_back("inner-before:" + req.route);
    req.context["user"] = "anna";
    Response r = next(req);
    calls.push_back("inner-after");
    return r;
  });
  router.get("/konto", [&](Request& req) {
    calls.push_back("handler");
    return Response::text(req.context["user"]);
  });
  Response r = dispatch("GET", "/konto");
  EXPECT_EQ(r.body, "anna");
  EXPECT_EQ(r.header("X-Outer"), "1");
  EXPECT_EQ(calls,
            (std::vector<std::string>{"outer-before", "inner-before:/konto", "handler", "inner-after", "outer-after"}));
}

TEST_F(RouterTest, MiddlewareCanAnswerDirectlyAndSeesNotFound) {
  router.use([](Request& req, const Handler& next) {
    if (req.header("X-Block")) return Response::error(403, "");
    Response r = next(req);
    r.set_header("X-Frame-Options", "DENY");
    return r;
  });
  Request blocked = make("GET", "/aktuelles");
  blocked.headers["X-Block"] = "1";
  EXPECT_EQ(router.dispatch(blocked).status, 403);
  Response missing = dispatch("GET", "/nirgends");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("X-Frame-Options"), "DENY");
}

TEST_F(RouterTest, RequestsBuiltWithoutTargetUsePath) {
  Request req;
  req.method = "GET";
  req.path = "/aktuelles/ohne-target";
  EXPECT_EQ(router.dispatch(req).body, "slug=ohne-target");
}

TEST(Router, RestParameterMustBeLast) {
  Router router;
  EXPECT_THROW(router.get("/a/{rest...}/b", echo_route), std::invalid_argument);
}

}  // namespace
}  // namespace rf::http
