// Downloads of indicators and datasets: CSV, XLSX, Frictionless Data Package
// and SDMX-CSV, under /api/v1/indicators/{id}/… and /api/v1/datasets/{code}/….
#include "monitor/open_data/downloads.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>

#include "monitor/open_data/export_table.hpp"
#include "monitor/open_data/module.hpp"
#include "monitor/engine/value_rows.hpp"
#include "monitor/open_data/zip_writer.hpp"
#include "text/csv.hpp"

namespace rf::monitor {

namespace {

// A value rounded as published (the indicator's decimals), decimal point.
std::string rounded_cell(const IndicatorValue& v, int decimals) {
  if (!v.value) return {};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *v.value);
  std::string out = buf;
  if (out.starts_with("-") && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);  // "-0.0"
  return out;
}

std::string upper_id(std::string_view text) {
  std::string out;
  for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_';
  return out;
}

// SDMX time periods: years as they are, dates ISO, school years as intervals.
std::string sdmx_period(const std::string& key) {
  auto p = parse_period_key(key);
  if (!p) return key;
  switch (p->kind) {
    case PeriodKind::school_year: return std::to_string(p->year) + "-08-01/P1Y";
    case PeriodKind::semester:
      return p->month == 10 ? std::to_string(p->year) + "-10-01/P6M" : std::to_string(p->year) + "-04-01/P6M";
    default: return key;
  }
}

// SDMX CL_OBS_STATUS for our markers (the German marker stays in its own column).
std::string sdmx_status(Status s) {
  switch (s) {
    case Status::ok: return "A";
    case Status::estimated: return "E";
    case Status::provisional: return "P";
    case Status::revised: return "A";
    case Status::secret: return "Q";
    case Status::not_applicable: return "M";
    case Status::not_yet: return "L";
    case Status::unreliable:
    case Status::limited: return "U";
    case Status::zero: return "A";
  }
  return "A";
}

std::string sdmx_sex(const std::string& group) {
  if (group == "female") return "F";
  if (group == "male") return "M";
  return "_T";
}

}  // namespace

ExportTable indicator_table(const IndicatorDef& def, const std::vector<ValueRow>& rows, const std::string& by) {
  const auto& i = def.info;
  ExportTable t;
  t.name = i.id;
  t.title = i.title;
  t.description = i.definition;
  t.source = "Quelle: " + i.source + "; eigene Berechnungen (RuhrFutur)";
  t.licence_note = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)";
  t.notes = i.footnotes;
  t.fields = {{"indicator", "string", "Indikator", ""},
              {"region", "string", "Regionalschlüssel", "AGS/ARS oder Kennung der Zusammenfassung (ruhr …)"},
              {"region_name", "string", "Region", ""},
              {"period", "string", "Zeitraum", "Jahr, Stichtag (JJJJ-MM-TT) oder Schuljahr (JJJJ/JJ)"}};
  if (!by.empty()) t.fields.push_back({by, "string", "Gruppe", "Aufgliederung " + by});
  t.fields.push_back({"value", "number", "Wert",
                      "in " + i.unit + ", gerundet wie veröffentlicht (" + std::to_string(i.decimals) +
                          " Nachkommastellen); leer, wo die Statistik keine Zahl hat (Zeichen in status)",
                      true});
  t.fields.push_back(
      {"value_exact", "number", "Wert (volle Genauigkeit)", "der berechnete Wert ungerundet, zum Weiterrechnen", true});
  t.fields.push_back({"status", "string", "Status", "ok oder Zeichen: - . x ... / () p r e"});
  t.fields.push_back({"unit", "string", "Einheit", ""});
  t.fields.push_back({"missing_members", "string", "Fehlende Mitglieder",
                      "Zusammenfassungen: Kreise/Gemeinden ohne Angabe, durch Leerzeichen getrennt"});
  for (const auto& r : rows) {
    std::vector<std::string> row = {i.id, r.region, r.region_name, r.period};
    if (!by.empty()) row.push_back(r.group.group);
    row.push_back(rounded_cell(r.value, i.decimals));
    row.push_back(r.value.value ? plain_number(*r.value.value) : std::string());
    row.push_back(status_code(r.value.status));
    row.push_back(i.unit);
    std::string missing;
    for (const auto& m : r.value.missing_members) missing += (missing.empty() ? "" : " ") + m;
    row.push_back(missing);
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string indicator_excel_csv(const IndicatorDef& def, const std::vector<ValueRow>& rows, const std::string& by) {
  const auto& i = def.info;
  std::string out(text::kUtf8Bom);
  std::vector<std::string> cells = {"Indikator", "Regionalschlüssel", "Region", "Zeitraum"};
  if (!by.empty()) cells.push_back("Gruppe");
  for (const char* h : {"Wert", "Status", "Einheit", "Fehlende Mitglieder"}) cells.push_back(h);
  text::append_spreadsheet_csv_row(out, cells);
  for (const auto& r : rows) {
    cells = {i.title, r.region, r.region_name, IndicatorView::period_label(r.period)};
    if (!by.empty()) cells.push_back(r.group_label.empty() ? r.group.group : r.group_label);
    std::string value = rounded_cell(r.value, i.decimals);
    std::replace(value.begin(), value.end(), '.', ',');
    cells.push_back(value);
    cells.push_back(r.value.status == Status::ok ? std::string() : std::string(status_marker(r.value.status)));
    cells.push_back(i.unit);
    std::string missing;
    for (const auto& m : r.value.missing_members) missing += (missing.empty() ? "" : " ") + m;
    cells.push_back(missing);
    text::append_spreadsheet_csv_row(out, cells);
  }
  return out;
}

std::string indicator_sdmx_csv(const IndicatorDef& def, const std::vector<ValueRow>& rows, const std::string& by) {
  std::string out = "DATAFLOW,REF_AREA,TIME_PERIOD";
  if (by == "sex")
    out += ",SEX";
  else if (!by.empty())
    out += "," + upper_id(by);
  out += ",OBS_VALUE,OBS_STATUS,UNIT_MEASURE,OBS_STATUS_DE\r\n";
  const std::string flow = "RUHRFUTUR:" + upper_id(def.info.id) + "(1.0)";
  for (const auto& r : rows) {
    out += flow + "," + r.region + "," + sdmx_period(r.period);
    if (by == "sex")
      out += "," + sdmx_sex(r.group.group);
    else if (!by.empty())
      out += "," + r.group.group;
    out += "," + (r.value.value ? plain_number(*r.value.value) : std::string());
    out += "," + sdmx_status(r.value.status);
    out += ",\"" + def.info.unit + "\"";
    out += "," + std::string(status_marker(r.value.status)) + "\r\n";
  }
  return out;
}

ExportTable dataset_table(const Cube& cube, const Cube::DatasetInfo& d, const RegionRegister& regions) {
  ExportTable t;
  t.name = d.code;
  t.title = d.title.empty() ? d.code : d.title;
  t.description = "Alle Zellen des Datensatzes " + d.code + " wie importiert, mit den Zeichen der Statistik.";
  t.source =
      "Quelle: " + (d.copyright.empty() ? d.publisher : d.copyright) + (d.stand.empty() ? "" : ", Stand " + d.stand);
  t.licence_note = d.licence;
  // Breakdown dimensions of the series, in first-seen order.
  std::vector<std::string> dims;
  for (auto s : d.series) {
    for (const auto& [dim, value] : cube.series(s).breakdown) {
      if (std::find(dims.begin(), dims.end(), dim) == dims.end()) dims.push_back(dim);
    }
  }
  t.fields = {{"dataset", "string", "Datensatz", ""}, {"series", "string", "Reihe", "Schlüssel der Reihe"}};
  for (const auto& dim : dims) t.fields.push_back({dim, "string", dim, "Merkmal"});
  t.fields.push_back({"region", "string", "Regionalschlüssel", ""});
  t.fields.push_back({"region_name", "string", "Region", ""});
  t.fields.push_back({"period", "string", "Zeitraum", ""});
  t.fields.push_back({"value", "number", "Wert", "ohne Zahl steht das Zeichen der Statistik", true});
  t.fields.push_back({"status", "string", "Status", "ok oder Zeichen"});
  t.fields.push_back({"unit", "string", "Einheit", ""});
  for (auto s : d.series) t.row_count += cube.series(s).end - cube.series(s).begin;
  // Rows are made while they are written: a national table has millions.
  t.generate = [&cube, &d, &regions, dims](const ExportTable::RowSink& sink) {
    std::vector<std::string> row;
    for (auto s : d.series) {
      const auto& info = cube.series(s);
      std::vector<std::string> dim_values(dims.size());
      for (const auto& [dim, value] : info.breakdown) {
        dim_values[std::find(dims.begin(), dims.end(), dim) - dims.begin()] = value;
      }
      for (std::uint32_t region = 0; region < cube.region_count(); ++region) {
        if (!d.has_region[region]) continue;
        auto cells = cube.cells(s, region);
        if (cells.empty()) continue;
        const auto& code = cube.region_code(region);
        const Region* r = regions.find(code);
        for (const auto& [period, cell] : cells) {
          row.assign({d.code, info.key});
          row.insert(row.end(), dim_values.begin(), dim_values.end());
          row.push_back(code);
          row.push_back(r ? r->name : code);
          row.push_back(cube.period_key(period));
          row.push_back(status_has_value(cell.status) ? plain_number(cell.value)
                                                      : std::string(status_marker(cell.status)));
          row.push_back(status_code(cell.status));
          row.push_back(info.unit);
          sink(row);
        }
      }
    }
  };
  return t;
}

void write_dataset_sdmx_csv(const ExportTable& table, std::ostream& stream) {
  // Columns: DATAFLOW, the dimensions (upper case), REF_AREA, TIME_PERIOD, OBS_VALUE, OBS_STATUS.
  std::string out = "DATAFLOW,SERIES";
  const std::size_t n = table.fields.size();
  // fields: dataset, series, dims…, region, region_name, period, value, status, unit
  for (std::size_t i = 2; i + 6 < n; ++i) out += "," + upper_id(table.fields[i].name);
  out += ",REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,OBS_STATUS_DE\r\n";
  stream << out;
  const std::string flow = "RUHRFUTUR:DS_" + upper_id(table.name) + "(1.0)";
  auto q = [](const std::string& s) {
    if (s.find_first_of(",\"") == std::string::npos) return s;
    std::string o = "\"";
    for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
    return o + "\"";
  };
  table.for_each_row([&](const std::vector<std::string>& row) {
    out = flow + "," + q(row[1]);
    for (std::size_t i = 2; i + 6 < n; ++i) out += "," + q(row[i]);
    const std::string& status = row[n - 2];
    auto st = status == "ok" ? Status::ok : status_from_marker(status).value_or(Status::secret);
    const bool has = status_has_value(st);
    out += "," + row[n - 6] + "," + sdmx_period(row[n - 4]) + "," + (has ? row[n - 3] : std::string()) + "," +
           sdmx_status(st) + "," + q(row[n - 1]) + "," + (st == Status::ok ? std::string() : status) + "\r\n";
    stream << out;
  });
}

namespace {

http::Response file_response(std::string body, std::string_view content_type, const std::string& filename) {
  http::Response res;
  res.body = std::move(body);
  res.set_header("Content-Type", content_type);
  res.attachment(filename);
  res.set_header("Cache-Control", "public, max-age=300");
  res.set_header("Access-Control-Allow-Origin", "*");
  return res;
}

struct IndicatorRows {
  const IndicatorDef* def = nullptr;
  std::vector<ValueRow> rows;
  std::string by;
  std::optional<http::Response> error;
};

IndicatorRows indicator_rows(const ModulePtr& module, http::Request& req, IndicatorView& view) {
  IndicatorRows out;
  view = module->view();
  ValueQuery q;
  q.regions = req.query.all("region");
  q.periods = req.query.all("period");
  q.by = req.query.get_or("by", "");
  auto result = query_values(view, req.param("id"), q);
  if (result.error) {
    out.error = http::Response::error(result.error->status, result.error->message, true);
    return out;
  }
  out.def = engine_of(view).catalogue().find(req.param("id"));
  out.rows = std::move(result.rows);
  out.by = q.by;
  return out;
}

// ---- indicators: built from the view on every request ---------------------------

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kSdmxType = "application/vnd.sdmx.data+csv; version=1.0.0";

http::Response indicator_csv(http::Request& req, const ModulePtr& module) {
  IndicatorView view;
  auto r = indicator_rows(module, req, view);
  if (r.error) return *r.error;
  return file_response(to_csv(indicator_table(*r.def, r.rows, r.by)), "text/csv; charset=utf-8",
                       r.def->info.id + ".csv");
}

http::Response indicator_excel(http::Request& req, const ModulePtr& module) {
  IndicatorView view;
  auto r = indicator_rows(module, req, view);
  if (r.error) return *r.error;
  return file_response(indicator_excel_csv(*r.def, r.rows, r.by), "text/csv; charset=utf-8",
                       r.def->info.id + "_excel.csv");
}

http::Response indicator_xlsx(http::Request& req, const ModulePtr& module) {
  IndicatorView view;
  auto r = indicator_rows(module, req, view);
  if (r.error) return *r.error;
  return file_response(to_xlsx(indicator_table(*r.def, r.rows, r.by)), kXlsxType, r.def->info.id + ".xlsx");
}

http::Response indicator_sdmx(http::Request& req, const ModulePtr& module) {
  IndicatorView view;
  auto r = indicator_rows(module, req, view);
  if (r.error) return *r.error;
  return file_response(indicator_sdmx_csv(*r.def, r.rows, r.by), kSdmxType, r.def->info.id + "_sdmx.csv");
}

http::Response indicator_datapackage(http::Request& req, const ModulePtr& module) {
  IndicatorView view;
  auto r = indicator_rows(module, req, view);
  if (r.error) return *r.error;
  // The resource path is relative to this descriptor: …/{id}/daten.csv
  auto res = http::Response::json(to_datapackage(indicator_table(*r.def, r.rows, r.by), "daten.csv"));
  res.set_header("Access-Control-Allow-Origin", "*");
  return res;
}

http::Response indicator_datapackage_zip(http::Request& req, const ModulePtr& module) {
  IndicatorView view;
  auto r = indicator_rows(module, req, view);
  if (r.error) return *r.error;
  return file_response(to_datapackage_zip(indicator_table(*r.def, r.rows, r.by)), "application/zip",
                       r.def->info.id + "_datapackage.zip");
}

// ---- datasets: written once per statistics version, then streamed ------------------

using TableWriter = std::function<void(const ExportTable&, const std::filesystem::path&)>;

// A writer of a text format into the file.
TableWriter streamed(void (*writer)(const ExportTable&, std::ostream&)) {
  return [writer](const ExportTable& table, const std::filesystem::path& path) {
    write_file(path, [&](std::ostream& out) { writer(table, out); });
  };
}

// Dataset downloads can be large (a national table: millions of rows), so
// they are written once per statistics version to a file and streamed.
// `max_rows` > 0 refuses larger tables (an Excel sheet's limit).
http::Response dataset_download(const http::Request& req, const ModulePtr& module, std::string_view suffix,
                                std::string_view content_type, const TableWriter& write, std::size_t max_rows = 0) {
  auto view = module->view();
  const auto& engine = engine_of(view);
  const auto* d = engine.cube().dataset(req.param("code"));
  if (!d) return http::Response::error(404, "Unbekannter Datensatz: " + req.param("code"), true);
  ExportTable table = dataset_table(engine.cube(), *d, engine.regions());
  if (max_rows > 0 && table.size() > max_rows) {
    return http::Response::error(413, "Zu viele Zeilen für eine Excel-Tabelle; bitte CSV verwenden.", true);
  }
  // The key holds only the checked dataset code: a made-up query string
  // cannot make another file.
  auto res = module->downloads.respond(engine.cube().version(), "api/datasets/" + d->code + "/" + std::string(suffix),
                                       content_type, table.name + std::string(suffix),
                                       [&](const std::filesystem::path& path) { write(table, path); });
  res.set_header("Cache-Control", "public, max-age=300");
  res.set_header("Access-Control-Allow-Origin", "*");
  return res;
}

http::Response dataset_csv(http::Request& req, const ModulePtr& module) {
  return dataset_download(req, module, ".csv", "text/csv; charset=utf-8", streamed(write_csv));
}

http::Response dataset_xlsx(http::Request& req, const ModulePtr& module) {
  return dataset_download(req, module, ".xlsx", kXlsxType, write_xlsx, 1000000);
}

http::Response dataset_sdmx(http::Request& req, const ModulePtr& module) {
  return dataset_download(req, module, "_sdmx.csv", kSdmxType, streamed(write_dataset_sdmx_csv));
}

http::Response dataset_datapackage(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const auto& engine = engine_of(view);
  const auto* d = engine.cube().dataset(req.param("code"));
  if (!d) return http::Response::error(404, "Unbekannter Datensatz: " + req.param("code"), true);
  return http::Response::json(to_datapackage(dataset_table(engine.cube(), *d, engine.regions()), "daten.csv"));
}

http::Response dataset_datapackage_zip(http::Request& req, const ModulePtr& module) {
  return dataset_download(req, module, "_datapackage.zip", "application/zip", write_datapackage_zip);
}

}  // namespace

void register_downloads(http::Router& router, const ModulePtr& module) {
  // Downloads are built on demand (then kept as files): on the server's slow-work pool.
  const http::RouteOptions slow{0, {}, http::always_slow};
  router.add("GET", "/api/v1/indicators/{id}/daten.csv", handler(module, indicator_csv), slow);
  router.add("GET", "/api/v1/indicators/{id}/excel.csv", handler(module, indicator_excel), slow);
  router.add("GET", "/api/v1/indicators/{id}/daten.xlsx", handler(module, indicator_xlsx), slow);
  router.add("GET", "/api/v1/indicators/{id}/sdmx.csv", handler(module, indicator_sdmx), slow);
  router.get("/api/v1/indicators/{id}/datapackage.json", handler(module, indicator_datapackage));
  router.add("GET", "/api/v1/indicators/{id}/datapackage.zip", handler(module, indicator_datapackage_zip), slow);
  router.add("GET", "/api/v1/datasets/{code}/daten.csv", handler(module, dataset_csv), slow);
  router.add("GET", "/api/v1/datasets/{code}/daten.xlsx", handler(module, dataset_xlsx), slow);
  router.add("GET", "/api/v1/datasets/{code}/sdmx.csv", handler(module, dataset_sdmx), slow);
  router.get("/api/v1/datasets/{code}/datapackage.json", handler(module, dataset_datapackage));
  router.add("GET", "/api/v1/datasets/{code}/datapackage.zip", handler(module, dataset_datapackage_zip), slow);
}

}  // namespace rf::monitor
