// /daten/datensaetze: the imported datasets, one dataset as a table
// (region × period × series) with filters, and its CSV/XLSX downloads.

#include <algorithm>
#include <memory>

#include "monitor/open_data/dataset_export.hpp"
#include "monitor/store/dataset_table.hpp"
#include "monitor/open_data/download_files.hpp"
#include "monitor/open_data/module.hpp"
#include "monitor/open_data/export_table.hpp"
#include "monitor/engine/cube.hpp"
#include "monitor/pages/import_pages.hpp"
#include "monitor/model/observation.hpp"
#include "monitor/pages/statistics_views.hpp"
#include "web/pagination.hpp"

namespace rf::monitor {
namespace {

constexpr std::int64_t kRowsPerPage = 50;
constexpr std::size_t kMaxColumns = 30;

TableFilter read_filter(const http::Request& req, const std::vector<SeriesColumn>& series) {
  TableFilter filter;
  filter.level = req.query.get_or("ebene", "");
  filter.region = req.query.get_or("region", "");
  if (filter.region.size() > 100) filter.region.resize(100);
  for (const auto& text : req.query.all("reihe")) {
    for (const auto& column : series) {
      if (std::to_string(column.id) == text) filter.series.push_back(column.id);
    }
  }
  return filter;
}

// The filter as a query string (for page links and downloads), "" when empty.
std::string filter_query(const TableFilter& filter) {
  std::string q;
  auto add = [&q](std::string_view key, const std::string& value) {
    q += q.empty() ? "?" : "&";
    q += std::string(key) + "=" + http::url_encode(value);
  };
  if (!filter.level.empty()) add("ebene", filter.level);
  if (!filter.region.empty()) add("region", filter.region);
  for (auto id : filter.series) add("reihe", std::to_string(id));
  return q;
}

// A school list delivers schools (the register), not values: the number of
// schools its current import last wrote; 0 for a statistics table.
std::int64_t schools_of(db::Database& db, const DatasetInfo& dataset) {
  if (dataset.cells > 0) return 0;
  return dataset_schools(db, dataset.id);
}

// "7.532 Werte" or, for a school list, "5.407 Schulen".
std::string content_count(std::int64_t cells, std::int64_t schools) {
  if (schools > 0) return count_de(static_cast<std::uint64_t>(schools)) + (schools == 1 ? " Schule" : " Schulen");
  return count_de(static_cast<std::uint64_t>(cells)) + (cells == 1 ? " Wert" : " Werte");
}

http::Response list_page(http::Request& req, web::Services& services) {
  auto db = services.pool.acquire();
  mstch::array rows;
  for (const auto& d : list_datasets(*db)) {
    rows.push_back(mstch::map{{"code", d.code},
                              {"title", d.title},
                              {"publisher", d.publisher},
                              {"stand", format_stand(d.stand)},
                              {"content", content_count(d.cells, schools_of(*db, d))}});
  }
  return web::render_page(req, services, "Datensätze der amtlichen Statistik", "monitor/import/datensaetze",
                          mstch::map{{"rows", rows}, {"has_rows", !rows.empty()}});
}

// Footnotes as written in the file: paragraphs at blank lines, the line
// breaks inside a paragraph become spaces.
mstch::array footnote_paragraphs(const std::string& text) {
  mstch::array out;
  std::string paragraph;
  auto flush = [&] {
    if (!paragraph.empty()) out.push_back(mstch::map{{"text", paragraph}});
    paragraph.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      flush();
    } else {
      paragraph += (paragraph.empty() ? "" : " ") + line;
    }
    start = end + 1;
  }
  flush();
  return out;
}

mstch::array marker_legend() {
  mstch::array out;
  for (std::size_t i = 1; i < kStatusCount; ++i) {
    auto status = static_cast<Status>(i);
    out.push_back(
        mstch::map{{"marker", std::string(status_marker(status))}, {"label", std::string(status_label_de(status))}});
  }
  return out;
}

// Downloads are written once per statistics version and filter and kept
// (DownloadFiles, within its byte budget), so a repeated filtered download
// costs no work and the temporary folder does not fill up. The server streams
// the file, so memory does not grow with the table.
http::Response download(web::Services& services, DownloadFiles& files, db::Database& db, const DatasetInfo& dataset,
                        const TableFilter& filter, bool xlsx) {
  const std::string filename = dataset.code + (xlsx ? ".xlsx" : ".csv");
  const std::string content_type =
      xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
  const auto tmp_dir = services.settings.var_dir / "tmp";
  auto write = [&](const std::filesystem::path& path) {
    if (xlsx) {
      write_dataset_xlsx(db, dataset, filter, path, tmp_dir);
      return;
    }
    write_file(path, [&](std::ostream& out) { write_dataset_csv(db, dataset, filter, out); });
  };
  // The statistics version changes with every import, so the key need not name the import.
  return files.respond(read_statistics_version(db), "daten/" + filename + "?" + filter_query(filter), content_type,
                       filename, write);
}

// A school list's page: what it is and how many schools it holds, no table.
http::Response register_page(http::Request& req, web::Services& services, const DatasetInfo& dataset,
                             std::int64_t schools) {
  return web::render_page(req, services, dataset.code + " – " + dataset.title, "monitor/import/datensatz",
                          mstch::map{{"code", dataset.code},
                                     {"title", dataset.title.empty() ? dataset.code : dataset.title},
                                     {"publisher", dataset.publisher},
                                     {"licence", dataset.licence},
                                     {"stand", format_stand(dataset.stand)},
                                     {"register", true},
                                     {"content", content_count(0, schools)},
                                     {"copyright", dataset.copyright}});
}

// The page's rows: region, period and the cells with their markers explained.
mstch::array table_rows(const TablePage& page) {
  mstch::array rows;
  for (std::size_t i = 0; i < page.rows.size(); ++i) {
    mstch::array cells;
    for (const auto& cell : page.cells[i]) {
      if (!cell) {
        cells.push_back(mstch::map{{"text", std::string()}});
        continue;
      }
      mstch::map view{{"text", format_table_cell(*cell)}};
      if (auto status = status_from_marker(cell->status); status && *status != Status::ok) {
        view["title"] = std::string(status_label_de(*status));
      }
      cells.push_back(view);
    }
    const auto& key = page.rows[i];
    rows.push_back(
        mstch::map{{"region", key.region_name}, {"code", key.region_code}, {"period", key.period}, {"cells", cells}});
  }
  return rows;
}

// The filter form's choices: the region levels of the dataset and its series.
mstch::array level_options(const RowIndexCache::Index& index, const TableFilter& filter) {
  mstch::array levels;
  for (const auto& level : dataset_levels(index)) {
    levels.push_back(mstch::map{
        {"value", level}, {"label", std::string(level_label_de(level))}, {"selected", level == filter.level}});
  }
  return levels;
}

mstch::array series_options(const std::vector<SeriesColumn>& series, const TableFilter& filter) {
  mstch::array out;
  for (const auto& s : series) {
    bool selected = std::find(filter.series.begin(), filter.series.end(), s.id) != filter.series.end();
    out.push_back(mstch::map{{"id", std::to_string(s.id)}, {"label", s.label}, {"selected", selected}});
  }
  return out;
}

// The table page of a statistics dataset: the filtered columns (at most
// kMaxColumns), one page of rows, the filter form and the download links.
http::Response table_page(http::Request& req, web::Services& services, RowIndexCache& row_index, db::Database& db,
                          const DatasetInfo& dataset, const std::vector<SeriesColumn>& series,
                          const TableFilter& filter) {
  std::vector<SeriesColumn> columns;
  for (const auto& s : series) {
    if (filter.series.empty() || std::find(filter.series.begin(), filter.series.end(), s.id) != filter.series.end()) {
      columns.push_back(s);
    }
  }
  const bool columns_cut = columns.size() > kMaxColumns;
  if (columns_cut) columns.resize(kMaxColumns);

  const std::int64_t requested = web::requested_page(req);
  TablePage page =
      read_table_page(db, row_index, dataset.id, filter, columns, (requested - 1) * kRowsPerPage, kRowsPerPage);
  const std::int64_t pages = std::max<std::int64_t>(1, (page.total_rows + kRowsPerPage - 1) / kRowsPerPage);
  if (requested > pages) {
    page = read_table_page(db, row_index, dataset.id, filter, columns, (pages - 1) * kRowsPerPage, kRowsPerPage);
  }

  mstch::array header;
  for (const auto& c : columns) {
    header.push_back(mstch::map{{"label", c.label}, {"unit", c.unit}});
  }
  const mstch::array rows = table_rows(page);
  const std::string base = "/daten/datensaetze/" + http::url_encode(dataset.code);
  const std::string query = filter_query(filter);
  mstch::map context{
      {"code", dataset.code},
      {"title", dataset.title.empty() ? dataset.code : dataset.title},
      {"statistic", dataset.statistic},
      {"publisher", dataset.publisher},
      {"licence", dataset.licence},
      {"copyright", dataset.copyright},
      {"stand", format_stand(dataset.stand)},
      {"footnotes", footnote_paragraphs(dataset.footnotes)},
      {"has_footnotes", !dataset.footnotes.empty()},
      {"content", content_count(dataset.cells, 0)},
      {"table", true},
      {"header", header},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"total_rows", count_de(static_cast<std::uint64_t>(page.total_rows))},
      {"columns_cut", columns_cut},
      {"max_columns", std::to_string(kMaxColumns)},
      {"levels", level_options(*row_index.get(db, dataset.id), filter)},
      {"region", filter.region},
      {"series", series_options(series, filter)},
      {"filtered", !query.empty()},
      {"csv_url", base + ".csv" + query},
      {"xlsx_url", base + ".xlsx" + query},
      {"legend", marker_legend()},
      {"pagination", web::pagination_view({std::min(requested, pages), pages, kRowsPerPage}, base + query)},
  };
  return web::render_page(req, services, dataset.code + " – " + dataset.title, "monitor/import/datensatz",
                          std::move(context));
}

// /daten/datensaetze/{code}: the table page; {code}.csv and {code}.xlsx: its downloads.
http::Response dataset_page(http::Request& req, web::Services& services, DownloadFiles& files,
                            RowIndexCache& row_index) {
  std::string code = req.param("code");
  bool csv = false, xlsx = false;
  if (code.ends_with(".csv")) {
    csv = true;
    code.resize(code.size() - 4);
  } else if (code.ends_with(".xlsx")) {
    xlsx = true;
    code.resize(code.size() - 5);
  }
  auto db = services.pool.acquire();
  auto dataset = find_dataset(*db, code);
  if (!dataset) return http::Response::error(404, "Diesen Datensatz gibt es nicht.");
  const auto series = dataset_series(*db, dataset->id);
  const TableFilter filter = read_filter(req, series);
  if (const std::int64_t schools = schools_of(*db, *dataset); schools > 0 && series.empty()) {
    if (csv || xlsx)
      return http::Response::error(404, "Ein Schulverzeichnis hat keine Wertetabelle zum Herunterladen.");
    return register_page(req, services, *dataset, schools);
  }
  if (csv || xlsx) return download(services, files, *db, *dataset, filter, xlsx);
  return table_page(req, services, row_index, *db, *dataset, series, filter);
}

}  // namespace

void register_dataset_routes(http::Router& router, web::Services& services) {
  // Anonymous pages from memory while the statistics stay as they are.
  auto pages = std::make_shared<web::PageCache>(services.pool, "datasets", published_version);
  router.get("/daten/datensaetze",
             pages->wrap([&services, pages](http::Request& req) { return list_page(req, services); }));
  auto files = std::make_shared<DownloadFiles>(services.settings.var_dir / "downloads");
  auto row_index = std::make_shared<RowIndexCache>();
  // Downloads may have to be written first: they run on the server's slow-work pool.
  http::RouteOptions options;
  options.slow = [](const http::Request& req) { return req.path.ends_with(".csv") || req.path.ends_with(".xlsx"); };
  router.add("GET", "/daten/datensaetze/{code}", pages->wrap([&services, files, row_index](http::Request& req) {
    return dataset_page(req, services, *files, *row_index);
  }),
             std::move(options));
}

}  // namespace rf::monitor
