// The OpenAPI 3 document of the monitor's API: GET /api/v1/openapi.json.
#include <nlohmann/json.hpp>

#include "monitor/open_data/module.hpp"
#include "monitor/open_data/openapi.hpp"

namespace rf::monitor {

namespace {

using nlohmann::json;

json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

// A response of `schema` as JSON.
json json_answer(const std::string& description, const json& schema) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", schema}}}}}};
}

// An object with one array `key` of `item`s, e.g. {"datasets": [Dataset, …]}.
json list_of(const std::string& key, const json& item) {
  return {{"type", "object"}, {"properties", {{key, {{"type", "array"}, {"items", item}}}}}};
}

// GET of a list without parameters.
json list_op(const std::string& summary, const std::string& key, const std::string& schema) {
  return {{"summary", summary}, {"responses", {{"200", json_answer("Liste", list_of(key, ref(schema)))}}}};
}

// GET of one thing named by a path parameter: 200 with it, or 404.
json detail_op(const std::string& summary, const json& param, const std::string& description,
               const std::string& schema) {
  return {
      {"summary", summary},
      {"parameters", json::array({param})},
      {"responses", {{"200", json_answer(description, ref(schema))}, {"404", json_answer("Unbekannt", ref("Error"))}}}};
}

json error_responses() {
  return {{"400", json_answer("Ungültige Anfrage (unbekannte Region, ungültiger Zeitraum, unbekannte Aufgliederung)",
                              ref("Error"))},
          {"404", json_answer("Indikator oder Datensatz unbekannt", ref("Error"))}};
}

json query_params() {
  return json::array({{{"name", "region"},
                       {"in", "query"},
                       {"required", false},
                       {"description",
                        "Regionalschlüssel (DG, 05, 05913, 05913000) oder Zusammenfassung (ruhr, nrw, "
                        "rheinland-ohne-ruhr, westfalen-ohne-ruhr); mehrfach möglich. Ohne Angabe: Deutschland, "
                        "NRW, die Zusammenfassungen, Regierungsbezirke, Kreise und (wo vorhanden) Gemeinden NRWs."},
                       {"schema", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                       {"style", "form"},
                       {"explode", true}},
                      {{"name", "period"},
                       {"in", "query"},
                       {"required", false},
                       {"description",
                        "Zeitraum: Jahr (2023), Stichtag (2024-12-31 oder 31.12.2024) oder Schuljahr (2024/25); "
                        "mehrfach möglich. Ohne Angabe: alle."},
                       {"schema", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                       {"style", "form"},
                       {"explode", true}},
                      {{"name", "by"},
                       {"in", "query"},
                       {"required", false},
                       {"description", "Aufgliederung, z. B. sex (Geschlecht), schulform, sozialindex"},
                       {"schema", {{"type", "string"}}}}});
}

json file_op(const std::string& summary, const std::string& media, bool with_query) {
  json op = {{"summary", summary},
             {"responses",
              {{"200",
                {{"description", summary},
                 {"content", {{media, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}};
  const json errors = error_responses();
  for (auto& [code, body] : errors.items()) op["responses"][code] = body;
  if (with_query) op["parameters"] = query_params();
  return op;
}

}  // namespace

std::string openapi_document(const std::string& base_url) {
  json id_param = {{"name", "id"},
                   {"in", "path"},
                   {"required", true},
                   {"schema", {{"type", "string"}}},
                   {"description", "Kennung des Indikators, z. B. schulabgaenger_ohne_abschluss"}};
  json code_param = {{"name", "code"},
                     {"in", "path"},
                     {"required", true},
                     {"schema", {{"type", "string"}}},
                     {"description", "Tabellencode des Datensatzes, z. B. 21111-02-06-4"}};
  json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "RuhrFutur Bildungsmonitoring – Offene Daten"},
                 {"version", "1.0.0"},
                 {"description",
                  "Indikatoren entlang der Bildungsbiografie für das Ruhrgebiet, seine 15 Kreise und kreisfreien "
                  "Städte, NRW und Deutschland, berechnet aus amtlichen Statistiken. Zusammenfassungen: "
                  "Summe der Zähler durch Summe der Nenner bzw. mit der Bezugsbevölkerung gewichtete Quoten "
                  "(Status e); fehlt ein Mitglied, ist der Wert null mit Status '.' und der Liste missing_members."},
                 {"license",
                  {{"name", "Datenlizenz Deutschland – Namensnennung – Version 2.0"},
                   {"url", "https://www.govdata.de/dl-de/by-2-0"}}}};
  doc["servers"] = json::array({{{"url", base_url}}});
  auto& paths = doc["paths"];
  json regions_list = list_of("regions", ref("Region"));
  regions_list["properties"]["aliases"] = {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}};
  paths["/api/v1/regions"]["get"] = {
      {"summary", "Regionen (Deutschland, Länder, Regierungsbezirke, Kreise, Gemeinden, Zusammenfassungen)"},
      {"parameters",
       json::array(
           {{{"name", "level"},
             {"in", "query"},
             {"required", false},
             {"schema",
              {{"type", "string"},
               {"enum", {"country", "state", "district", "county", "municipality", "youth_office", "aggregate"}}}}},
            {{"name", "parent"}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}}})},
      {"responses",
       {{"200", json_answer("Liste der Regionen", regions_list)},
        {"400", json_answer("Unbekannte Ebene", ref("Error"))}}}};
  json region_code = {{"name", "code"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}};
  paths["/api/v1/regions/{code}"]["get"] =
      detail_op("Eine Region mit ihren Untergliederungen", region_code, "Region", "Region");
  paths["/api/v1/datasets"]["get"] = list_op(
      "Importierte Datensätze (Quelltabellen) mit Herausgeber, Lizenz, Stand und Zeiträumen", "datasets", "Dataset");
  paths["/api/v1/datasets/{code}"]["get"] =
      detail_op("Ein Datensatz mit seinen Reihen und Merkmalen", code_param, "Datensatz", "Dataset");
  paths["/api/v1/indicators"]["get"] = list_op("Der Indikatorenkatalog", "indicators", "Indicator");
  paths["/api/v1/indicators/{id}"]["get"] = detail_op(
      "Definition eines Indikators mit Quellen-Ausdrücken und Zeiträumen", id_param, "Indikator", "Indicator");
  json values_params = query_params();
  values_params.insert(values_params.begin(), id_param);
  json values_op = {{"summary", "Werte eines Indikators für Regionen, Zeiträume und Gruppen"},
                    {"parameters", values_params},
                    {"responses", {{"200", json_answer("Werte", ref("Values"))}}}};
  const json errors = error_responses();
  for (auto& [code, body] : errors.items()) values_op["responses"][code] = body;
  paths["/api/v1/indicators/{id}/values"]["get"] = values_op;
  struct File {
    const char* suffix;
    const char* summary;
    const char* media;
  };
  const File files[] = {
      {"daten.csv",
       "Werte als CSV (maschinenlesbar: UTF-8, Komma, Dezimalpunkt; value gerundet wie veröffentlicht, "
       "value_exact volle Genauigkeit, Zeichen der Statistik in status)",
       "text/csv"},
      {"daten.xlsx", "Werte als Excel-Arbeitsmappe mit Informationsblatt",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"sdmx.csv", "Werte als SDMX-CSV 1.0", "application/vnd.sdmx.data+csv"},
      {"datapackage.json", "Frictionless Data Package (Beschreibung; Ressource daten.csv daneben)", "application/json"},
      {"datapackage.zip", "Frictionless Data Package als ZIP (datapackage.json + daten.csv)", "application/zip"}};
  {
    json op = file_op(
        "Werte als CSV für Excel (deutsch): UTF-8 mit BOM, Semikolon, Dezimalkomma, gerundet wie veröffentlicht, "
        "Zeichen der Statistik in der Spalte Status",
        "text/csv", true);
    op["parameters"].insert(op["parameters"].begin(), id_param);
    paths["/api/v1/indicators/{id}/excel.csv"]["get"] = op;
  }
  for (const auto& f : files) {
    json op = file_op(f.summary, f.media, true);
    op["parameters"].insert(op["parameters"].begin(), id_param);
    paths["/api/v1/indicators/{id}/" + std::string(f.suffix)]["get"] = op;
    json dop = file_op(std::string("Datensatz: ") + f.summary, f.media, false);
    dop["parameters"] = json::array({code_param});
    paths["/api/v1/datasets/{code}/" + std::string(f.suffix)]["get"] = dop;
  }
  auto& schemas = doc["components"]["schemas"];
  schemas["Error"] = {{"type", "object"},
                      {"description", "Fehler; title, status und detail wie in RFC 9457 (Problem Details)"},
                      {"properties",
                       {{"title", {{"type", "string"}}},
                        {"status", {{"type", "integer"}}},
                        {"detail", {{"type", "string"}}},
                        {"error",
                         {{"type", "object"},
                          {"properties", {{"status", {{"type", "integer"}}}, {"message", {{"type", "string"}}}}}}}}}};
  schemas["Region"] = {{"type", "object"},
                       {"required", {"code", "name", "level"}},
                       {"properties",
                        {{"code", {{"type", "string"}}},
                         {"name", {{"type", "string"}}},
                         {"level", {{"type", "string"}}},
                         {"parent", {{"type", "string"}}},
                         {"population", {{"type", "integer"}}},
                         {"population_date", {{"type", "string"}}},
                         {"member_kreise", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}};
  schemas["Dataset"] = {{"type", "object"},
                        {"properties",
                         {{"code", {{"type", "string"}}},
                          {"title", {{"type", "string"}}},
                          {"publisher", {{"type", "string"}}},
                          {"licence", {{"type", "string"}}},
                          {"stand", {{"type", "string"}, {"format", "date"}}},
                          {"periods", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}};
  schemas["Indicator"] = {
      {"type", "object"},
      {"required", {"id", "title", "unit", "stage", "polarity"}},
      {"properties",
       {{"id", {{"type", "string"}}},
        {"title", {{"type", "string"}}},
        {"definition", {{"type", "string"}}},
        {"stage",
         {{"type", "string"},
          {"enum",
           {"Rahmenbedingungen", "Frühe Bildung", "Allgemeinbildende Schule", "Berufliche Bildung", "Hochschule"}}}},
        {"unit", {{"type", "string"}}},
        {"polarity", {{"type", "string"}, {"enum", {"up", "down", "neutral"}}}},
        {"decimals", {{"type", "integer"}}},
        {"source", {{"type", "string"}}},
        {"breakdowns", {{"type", "object"}}},
        {"periods", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}};
  schemas["Value"] = {
      {"type", "object"},
      {"required", {"region", "period", "value", "status"}},
      {"properties",
       {{"region", {{"type", "string"}}},
        {"region_name", {{"type", "string"}}},
        {"period", {{"type", "string"}}},
        {"value", {{"type", "number"}, {"nullable", true}}},
        {"status",
         {{"type", "string"},
          {"enum", {"ok", "-", ".", "x", "...", "/", "()", "p", "r", "e"}},
          {"description",
           "ok: Wert; e: geschätzt (gewichtete Quoten); '.': unbekannt/geheim oder "
           "Zusammenfassung mit fehlenden Mitgliedern; x: für diese Ebene nicht verfügbar"}}},
        {"missing_members", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"excluded", {{"type", "number"}}},
        {"excluded_label", {{"type", "string"}}}}},
      {"additionalProperties", {{"type", "string"}, {"description", "bei by=…: die Gruppe, z. B. sex: female"}}}};
  schemas["Values"] = {{"type", "object"},
                       {"required", {"indicator", "unit", "values"}},
                       {"properties",
                        {{"indicator", {{"type", "string"}}},
                         {"title", {{"type", "string"}}},
                         {"unit", {{"type", "string"}}},
                         {"values", {{"type", "array"}, {"items", ref("Value")}}}}}};
  return doc.dump(2);
}

namespace {

http::Response openapi_json(http::Request&, const ModulePtr& module) {
  auto res = http::Response::json(openapi_document(module->services.settings.base_url));
  res.set_header("Access-Control-Allow-Origin", "*");
  res.set_header("Cache-Control", "public, max-age=3600");
  return res;
}

}  // namespace

void register_openapi(http::Router& router, const ModulePtr& module) {
  router.get("/api/v1/openapi.json", handler(module, openapi_json));
}

}  // namespace rf::monitor
