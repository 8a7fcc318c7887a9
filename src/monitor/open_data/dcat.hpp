// The open-data catalogue in DCAT-AP.de (the German profile of DCAT-AP that
// GovData harvests): the catalogue, every source table and every indicator as
// a dcat:Dataset with licence, publisher, originator, contact point, landing
// page, temporal and spatial coverage, and one dcat:Distribution per download
// that exists (CSV, XLSX, SDMX-CSV, Frictionless Data Package; for indicators
// also the German Excel CSV). The contact point is a vCard with the office's
// web page and e-mail address.
//
// One graph is built per request and written as Turtle or as JSON-LD, so the
// two serialisations cannot drift apart. Served as /api/v1/catalog.ttl and
// /api/v1/catalog.jsonld.
#pragma once

#include <string>

namespace rf::monitor {

class Engine;

// `base_url` is the public address ("https://ruhrfutur.de", no trailing slash
// needed); every IRI of the catalogue starts with it. `contact_email` is the
// contact point's address ("" leaves it out).
std::string dcat_catalog_turtle(const Engine& engine, const std::string& base_url, const std::string& contact_email);
std::string dcat_catalog_jsonld(const Engine& engine, const std::string& base_url, const std::string& contact_email);

}  // namespace rf::monitor
