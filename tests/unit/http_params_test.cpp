// Url decoding, query/form parameters, cookies, Set-Cookie and error pages.
#include <gtest/gtest.h>

#include <stdexcept>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/util.hpp"

namespace rf::http {
namespace {

TEST(UrlDecode, DecodesPercentEscapesAndPlus) {
  EXPECT_EQ(url_decode("K%C3%A4se+und+Brot"), "K\xC3\xA4se und Brot");
  EXPECT_EQ(url_decode("a%2Fb%2fc"), "a/b/c");
  EXPECT_EQ(url_decode("1+1", /*plus_is_space=*/false), "1+1");
  EXPECT_EQ(url_decode("%20"), " ");
  EXPECT_EQ(url_decode(""), "");
}

TEST(UrlDecode, KeepsMalformedEscapesLiterally) {
  EXPECT_EQ(url_decode("%zz"), "%zz");
  EXPECT_EQ(url_decode("abc%4"), "abc%4");
  EXPECT_EQ(url_decode("%"), "%");
  EXPECT_EQ(url_decode("%%41"), "%A");
  EXPECT_EQ(url_decode("100%"), "100%");
  EXPECT_EQ(url_decode("%g1%41"), "%g1A");
}

TEST(UrlDecode, PassesInvalidUtf8ThroughAsBytes) {
  std::string decoded = url_decode("%FF%C3%28");
  ASSERT_EQ(decoded.size(), 3u);
  EXPECT_EQ(static_cast<unsigned char>(decoded[0]), 0xFF);
  EXPECT_EQ(static_cast<unsigned char>(decoded[1]), 0xC3);
  EXPECT_EQ(decoded[2], '(');
  EXPECT_EQ(url_decode("%00"), std::string(1, '\0'));
}

TEST(UrlEncode, EncodesEverythingButUnreserved) {
  EXPECT_EQ(url_encode("Käse & Brot/1~2"), "K%C3%A4se%20%26%20Brot%2F1~2");
  EXPECT_EQ(url_decode(url_encode("ä+ö =&%")), "ä+ö =&%");
}

TEST(ParseUrlencoded, RepeatedKeysAndEmptyValues) {
  Params p = parse_urlencoded("region=05913&region=05911&q=Bildung+Ruhr&flag&empty=&&x=%C3%A4");
  EXPECT_EQ(p.all("region"), (std::vector<std::string>{"05913", "05911"}));
  EXPECT_EQ(p.get("region").value(), "05913");
  EXPECT_EQ(p.get("q").value(), "Bildung Ruhr");
  EXPECT_TRUE(p.has("flag"));
  EXPECT_EQ(p.get("flag").value(), "");
  EXPECT_EQ(p.get("empty").value(), "");
  EXPECT_EQ(p.get("x").value(), "\xC3\xA4");
  EXPECT_FALSE(p.get("missing").has_value());
  EXPECT_EQ(p.get_or("missing", "fallback"), "fallback");
  EXPECT_EQ(p.items().size(), 6u);
}

TEST(ParseUrlencoded, DecodesKeysAndKeepsBadEscapes) {
  Params p = parse_urlencoded("a%5Bb%5D=1&c=%zz&d=%4");
  EXPECT_EQ(p.get("a[b]").value(), "1");
  EXPECT_EQ(p.get("c").value(), "%zz");
  EXPECT_EQ(p.get("d").value(), "%4");
  EXPECT_EQ(parse_urlencoded("").items().size(), 0u);
  EXPECT_EQ(parse_urlencoded("=v").get("").value(), "v");
}

TEST(Request, HeadersAreCaseInsensitive) {
  Request req;
  req.headers["Content-Type"] = "text/plain";
  EXPECT_EQ(req.header("content-type").value(), "text/plain");
  EXPECT_EQ(req.header("CONTENT-TYPE").value(), "text/plain");
  EXPECT_FALSE(req.header("Accept").has_value());
}

TEST(Request, CookiesWithQuotesAndSpaces) {
  Request req;
  req.headers["Cookie"] = "rf_session=abc123;  theme = \"dunkel\" ;lang=de; empty=; flag; x=\"a b\"";
  EXPECT_EQ(req.cookie("rf_session").value(), "abc123");
  EXPECT_EQ(req.cookie("theme").value(), "dunkel");
  EXPECT_EQ(req.cookie("lang").value(), "de");
  EXPECT_EQ(req.cookie("empty").value(), "");
  EXPECT_EQ(req.cookie("x").value(), "a b");
  EXPECT_FALSE(req.cookie("flag").has_value());
  EXPECT_FALSE(req.cookie("rf").has_value());
  Request none;
  EXPECT_FALSE(none.cookie("rf_session").has_value());
}

TEST(Request, FormParsesUrlencodedBodyOnly) {
  Request form;
  form.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8";
  form.body = "name=M%C3%BCller&ort=Essen+Mitte";
  EXPECT_EQ(form.form().get("name").value(), "M\xC3\xBCller");
  EXPECT_EQ(form.form().get("ort").value(), "Essen Mitte");

  Request json;
  json.headers["Content-Type"] = "application/json";
  json.body = "{\"a\":1}";
  EXPECT_TRUE(json.form().items().empty());

  Request multipart;
  Params fields;
  fields.add("titel", "Bericht");
  multipart.set_form(fields);
  EXPECT_EQ(multipart.form().get("titel").value(), "Bericht");
}

TEST(Request, ParamReturnsPathParameterOrEmpty) {
  Request req;
  req.path_params["slug"] = "bildungsbericht-2024";
  EXPECT_EQ(req.param("slug"), "bildungsbericht-2024");
  EXPECT_EQ(req.param("id"), "");
}

TEST(SetCookie, FormatsAttributes) {
  CookieOptions session;
  EXPECT_EQ(make_set_cookie("rf_session", "abc", session), "rf_session=abc; Path=/; HttpOnly; SameSite=Lax");

  CookieOptions persistent;
  persistent.max_age_seconds = 3600;
  persistent.secure = true;
  persistent.same_site = "Strict";
  persistent.path = "/konto";
  std::string c = make_set_cookie("t", "v", persistent);
  EXPECT_TRUE(c.starts_with("t=v; Path=/konto; Max-Age=3600; Expires=")) << c;
  EXPECT_TRUE(c.ends_with(" GMT; HttpOnly; Secure; SameSite=Strict")) << c;

  CookieOptions remove;
  remove.max_age_seconds = 0;
  remove.http_only = false;
  remove.same_site = "";
  EXPECT_EQ(make_set_cookie("t", "", remove), "t=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST(SetCookie, RejectsValuesThatWouldBreakTheHeader) {
  CookieOptions o;
  EXPECT_THROW(make_set_cookie("a", "x;y", o), std::invalid_argument);
  EXPECT_THROW(make_set_cookie("a", "x y", o), std::invalid_argument);
  EXPECT_THROW(make_set_cookie("a", "x\r\nSet-Cookie: b=1", o), std::invalid_argument);
  EXPECT_THROW(make_set_cookie("a=b", "x", o), std::invalid_argument);
  EXPECT_THROW(make_set_cookie("", "x", o), std::invalid_argument);
}

TEST(Response, HeadersReplaceAndAppend) {
  Response r = Response::html("<p>x</p>");
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  r.add_header("Set-Cookie", "a=1").add_header("Set-Cookie", "b=2");
  r.set_header("content-type", "text/plain");
  EXPECT_EQ(r.header("Content-Type"), "text/plain");
  int cookies = 0, types = 0;
  for (const auto& [name, value] : r.headers) {
    cookies += name == "Set-Cookie";
    types += (name == "content-type" || name == "Content-Type");
  }
  EXPECT_EQ(cookies, 2);
  EXPECT_EQ(types, 1);
  EXPECT_EQ(r.header("X-Missing"), "");
}

TEST(Response, RedirectAndJson) {
  Response r = Response::redirect("/anmelden?weiter=%2Fkonto");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/anmelden?weiter=%2Fkonto");
  Response j = Response::json("{\"ok\":true}", 201);
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.header("Content-Type"), "application/json");
}

TEST(Response, AttachmentNamesTheFileSafelyForOldAndNewClients) {
  Response plain;
  plain.attachment("daten-2024.csv");
  EXPECT_EQ(plain.header("Content-Disposition"), "attachment; filename=\"daten-2024.csv\"");

  // A quote, a backslash or a line break cannot end the header's string or the header.
  Response hostile;
  hostile.attachment("a\"b\\c\r\nSet-Cookie: x=1.pdf");
  EXPECT_EQ(hostile.header("Content-Disposition"), "attachment; filename=\"a_b_c__Set-Cookie: x=1.pdf\"");

  // Non-ASCII: one '_' per character in the plain name, the exact name in filename* (RFC 6266).
  Response umlaut;
  umlaut.attachment("Übersicht Kreis Wesel.pdf");
  EXPECT_EQ(umlaut.header("Content-Disposition"),
            "attachment; filename=\"_bersicht Kreis Wesel.pdf\"; "
            "filename*=UTF-8''%C3%9Cbersicht%20Kreis%20Wesel.pdf");
  umlaut.attachment("b.pdf");  // replaces, never a second header
  int count = 0;
  for (const auto& h : umlaut.headers) count += h.first == "Content-Disposition";
  EXPECT_EQ(count, 1);
}

TEST(Response, GermanErrorPages) {
  Response r = Response::error(404, "");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<html lang=\"de\">"), std::string::npos);
  EXPECT_NE(r.body.find("<h1>Seite nicht gefunden</h1>"), std::string::npos);
  EXPECT_NE(Response::error(400, "").body.find("Anfrage ungültig"), std::string::npos);
  EXPECT_NE(Response::error(500, "").body.find("Interner Serverfehler"), std::string::npos);

  Response escaped = Response::error(400, "<script>alert(1)</script>");
  EXPECT_EQ(escaped.body.find("<script>"), std::string::npos);
  EXPECT_NE(escaped.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(Response, JsonErrors) {
  Response r = Response::error(413, "Datei zu groß", /*as_json=*/true);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  // The error object, and RFC 9457's title, status and detail beside it.
  EXPECT_EQ(r.body,
            "{\"detail\":\"Datei zu groß\",\"error\":{\"message\":\"Datei zu groß\",\"status\":413},\"status\":413,"
            "\"title\":\"Anfrage zu groß\"}");
  EXPECT_EQ(Response::error(404, "", true).body,
            "{\"detail\":\"Seite nicht gefunden\",\"error\":{\"message\":\"Seite nicht gefunden\",\"status\":404},"
            "\"status\":404,\"title\":\"Seite nicht gefunden\"}");
  // Invalid UTF-8 from client input never breaks the JSON.
  EXPECT_EQ(Response::error(400, "a\xFF", true).body,
            "{\"detail\":\"a\xEF\xBF\xBD\",\"error\":{\"message\":\"a\xEF\xBF\xBD\",\"status\":400},\"status\":400,"
            "\"title\":\"Anfrage ungültig\"}");
}

TEST(ReasonPhrase, KnownCodes) {
  EXPECT_EQ(reason_phrase(200), "OK");
  EXPECT_EQ(reason_phrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(reason_phrase(413), "Payload Too Large");
  EXPECT_EQ(reason_phrase(799), "Unknown");
}

TEST(HttpDate, FormatsAndParsesImfFixdate) {
  EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").value(), 784111777);
  EXPECT_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT").has_value());
  EXPECT_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT").has_value());
  EXPECT_FALSE(parse_http_date("").has_value());
}

TEST(JsonEscape, EscapesAndRepairs) {
  std::string out;
  append_json_escaped(out, "a\"b\\c\n\x01 \xC3\xA4 \xFF");
  EXPECT_EQ(out, "a\\\"b\\\\c\\u000a\\u0001 \xC3\xA4 \\ufffd");
}

}  // namespace
}  // namespace rf::http
