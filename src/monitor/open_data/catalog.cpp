// /api/v1/catalog.ttl and /api/v1/catalog.jsonld: the DCAT-AP.de catalogue
// (dcat.hpp) of the current statistics, for GovData and other harvesters.
#include "monitor/open_data/dcat.hpp"
#include "monitor/open_data/module.hpp"
#include "web/mail.hpp"

namespace rf::monitor {

namespace {

http::Response catalog_response(std::string body, const char* content_type) {
  http::Response res;
  res.status = 200;
  res.body = std::move(body);
  res.set_header("Content-Type", content_type);
  res.set_header("Cache-Control", "public, max-age=300");
  res.set_header("Access-Control-Allow-Origin", "*");
  return res;
}

http::Response catalog_turtle(http::Request&, const ModulePtr& module) {
  auto view = module->view();
  return catalog_response(dcat_catalog_turtle(engine_of(view), module->services.settings.base_url,
                                              web::mail_address(module->services.settings.mail_from)),
                          "text/turtle; charset=utf-8");
}

http::Response catalog_jsonld(http::Request&, const ModulePtr& module) {
  auto view = module->view();
  return catalog_response(dcat_catalog_jsonld(engine_of(view), module->services.settings.base_url,
                                              web::mail_address(module->services.settings.mail_from)),
                          "application/ld+json; charset=utf-8");
}

}  // namespace

void register_catalog(http::Router& router, const ModulePtr& module) {
  router.get("/api/v1/catalog.ttl", handler(module, catalog_turtle));
  router.get("/api/v1/catalog.jsonld", handler(module, catalog_jsonld));
}

}  // namespace rf::monitor
