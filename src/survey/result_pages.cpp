// Results of a survey (role data_steward): per question a chart with its
// data table and the cross-tab by a breakdown, small cells hidden; exports
// of the suppressed tables (CSV, XLSX) with a codebook; the raw long-form
// responses (free text included) only as a download for this role.
// Results are computed once per change (number of submitted responses) and
// kept in memory.
#include <xlsxwriter.h>

#include <mutex>

#include "charts/bar_chart.hpp"
#include "charts/table.hpp"
#include "db/where.hpp"
#include "survey/module.hpp"
#include "survey/results.hpp"
#include "survey/store.hpp"
#include "text/csv.hpp"
#include "text/html.hpp"
#include "text/number.hpp"
#include "text/xlsx_writer.hpp"

namespace rf::survey {

namespace {

constexpr web::Role kRole = web::Role::data_steward;
constexpr const char* kHiddenMarker = ".";

struct Selection {
  SurveyInfo survey;
  std::shared_ptr<const Form> form;
  std::vector<WaveInfo> waves;  // the waves pooled
  std::string wave_param;       // "alle" or the id
  // No breakdown first, then breakdown_options order; shared with the cache.
  std::shared_ptr<const std::vector<Results>> all;
  std::string key;  // of the cache entry
};

// Computed results by survey, form version, waves, k and results stamp.
std::mutex cache_mutex;
std::map<std::string, std::shared_ptr<const std::vector<Results>>> cache;
std::mutex compute_mutex;
// The questions' HTML of the results page by cache key and breakdown:
// rendered once per computation, too.
std::map<std::string, std::shared_ptr<const std::string>> rendered;

std::shared_ptr<const std::vector<Results>> cached(const std::string& key) {
  std::lock_guard lock(cache_mutex);
  auto it = cache.find(key);
  return it == cache.end() ? nullptr : it->second;
}

// The stamp the newest computation per "slug|welle" was made at: a request
// whose survey still has it needs no computing and stays on the I/O threads.
std::map<std::string, std::string> computed_stamps;

std::string stamp_key(std::string_view slug, const http::Request& req) {
  return std::string(slug) + "|" + req.query.get_or("welle", "alle");
}

bool needs_computing(Module& m, const http::Request& req) {
  // /umfragen/{slug}/ergebnisse…
  std::string_view path = req.path;
  path.remove_prefix(std::min(path.size(), std::string_view("/umfragen/").size()));
  std::string_view slug = path.substr(0, path.find('/'));
  auto db = m.services.pool.acquire();
  auto row = db->query_one("SELECT results_stamp FROM surveys WHERE slug = ?", {std::string(slug)});
  if (!row) return false;
  std::lock_guard lock(cache_mutex);
  auto it = computed_stamps.find(stamp_key(slug, req));
  return it == computed_stamps.end() || it->second != row->text(0);
}

std::optional<Selection> select(db::Database& db, const http::Request& req) {
  auto survey = find_survey(db, req.param("slug"));
  if (!survey) return std::nullopt;
  Selection s;
  s.survey = *survey;
  auto version = latest_version(db, survey->id);
  if (!version) return std::nullopt;
  s.form = version_form(db, *version);
  s.wave_param = req.query.get_or("welle", "alle");
  for (const auto& w : list_waves(db, survey->id))
    if (s.wave_param == "alle" || s.wave_param == std::to_string(w.id)) s.waves.push_back(w);
  if (s.waves.empty()) s.wave_param = "alle", s.waves = list_waves(db, survey->id);
  // Every pooled wave must use the form shown (a new version starts new
  // waves). The survey's results stamp changes with every submit: one row
  // read per request, no count of the responses.
  auto stamp = db.query_one("SELECT results_stamp FROM surveys WHERE id = ?", {survey->id});
  std::string key = std::to_string(survey->id) + "|" + std::to_string(*version) + "|" + s.wave_param + "|" +
                    std::to_string(survey->min_cell) + "|" + (stamp ? stamp->text(0) : std::string());
  s.key = key;
  if (auto hit = cached(key)) {
    s.all = hit;
    return s;
  }
  // One computation at a time: requests that arrive meanwhile wait for it and
  // take its result instead of computing the same tables again.
  std::lock_guard computing(compute_mutex);
  if (auto hit = cached(key)) {
    s.all = hit;
    return s;
  }
  std::vector<StoredResponse> responses;
  for (const auto& w : s.waves) {
    if (w.version_id != *version) continue;
    auto part = submitted_responses(db, w.id);
    responses.insert(responses.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  auto computed =
      std::make_shared<const std::vector<Results>>(compute_all_results(*s.form, responses, survey->min_cell));
  {
    std::lock_guard lock(cache_mutex);
    // Keep only the newest computation per survey and wave choice.
    std::string prefix = key.substr(0, key.rfind('|') + 1);
    for (auto it = cache.begin(); it != cache.end();)
      it = it->first.starts_with(prefix) ? cache.erase(it) : std::next(it);
    for (auto it = rendered.begin(); it != rendered.end();)
      it = it->first.starts_with(prefix) ? rendered.erase(it) : std::next(it);
    cache[key] = computed;
    computed_stamps[stamp_key(survey->slug, req)] = stamp ? stamp->text(0) : std::string();
  }
  s.all = computed;
  return s;
}

const Results& pick(const Selection& s, const std::string& breakdown) {
  for (const auto& r : *s.all)
    if (r.breakdown == breakdown) return r;
  return s.all->front();
}

std::string cell_text(const Cell& c, bool with_share) {
  if (c.hidden) return kHiddenMarker;
  std::string out = text::format_number(static_cast<double>(c.count), 0);
  if (with_share && c.share) out += " (" + text::format_number(*c.share * 100, 1) + " %)";
  return out;
}

std::string question_html(const QuestionResult& q, const Results& r, std::size_t index) {
  std::string out;
  std::string id = "frage-" + std::to_string(index + 1);
  std::size_t total = r.columns.size() - 1;
  out += "<section class=\"section\" aria-labelledby=\"" + id + "\"><h2 id=\"" + id + "\">";
  text::append_escaped_html(out, q.label);
  out += "</h2><p class=\"meta\">Antworten: " + cell_text(q.answered[total], false) +
         (q.multiple ? " · Mehrfachauswahl: Anteile ergeben zusammen mehr als 100 %" : "") + "</p>";
  if (!q.cells.empty()) {
    charts::BarChart chart;
    chart.text.id = "diagramm-" + std::to_string(index + 1);
    chart.text.title = q.label + " (Anteil, insgesamt)";
    chart.text.description = "Anteile der Antworten je Antwortmöglichkeit; ausgeblendete Werte sind mit „.“ markiert.";
    chart.text.unit = "%";
    chart.text.decimals = 1;
    for (std::size_t c = 0; c < q.cells.size(); ++c) {
      const Cell& cell = q.cells[c][total];
      charts::Bar bar;
      bar.point.label = q.categories[c];
      if (cell.share)
        bar.point.value = *cell.share * 100;
      else
        bar.point.marker = kHiddenMarker;
      chart.bars.push_back(bar);
    }
    out += "<figure class=\"figure\">" + charts::bar_chart(chart);
    out += "<figcaption class=\"source\">Quelle: eigene Befragung; Anteile an allen Antwortenden. „.“: weniger als " +
           std::to_string(r.k) + " Antworten oder zum Schutz anderer Zellen ausgeblendet.</figcaption></figure>";
    out +=
        "<details><summary>Daten zum Diagramm</summary><div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
        "aria-label=\"Daten: ";
    text::append_escaped_attribute(out, q.label);
    out += "\">" + charts::data_table(charts::table_of(chart)) + "</div></details>";
    // The cross-tab: counts and shares per column.
    out += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Kreuztabelle: ";
    text::append_escaped_attribute(out, q.label);
    out += "\"><table class=\"survey-table result-table\"><caption>Anzahl (Anteil)";
    if (!r.breakdown_label.empty()) {
      out += " nach ";
      text::append_escaped_html(out, r.breakdown_label);
    }
    out += "</caption><thead><tr><th scope=\"col\">Antwort</th>";
    for (const auto& col : r.columns) {
      out += "<th scope=\"col\" class=\"num\">";
      text::append_escaped_html(out, col);
      out += "</th>";
    }
    out += "</tr></thead><tbody>";
    for (std::size_t c = 0; c < q.cells.size(); ++c) {
      out += "<tr><th scope=\"row\">";
      text::append_escaped_html(out, q.categories[c]);
      out += "</th>";
      for (const auto& cell : q.cells[c]) out += "<td class=\"num\">" + cell_text(cell, true) + "</td>";
      out += "</tr>";
    }
    out += "<tr><th scope=\"row\">Antwortende</th>";
    for (const auto& a : q.answered) out += "<td class=\"num\">" + cell_text(a, false) + "</td>";
    out += "</tr></tbody></table></div>";
  }
  if (!q.means.empty()) {
    out += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Mittelwerte: ";
    text::append_escaped_attribute(out, q.label);
    out +=
        "\"><table class=\"survey-table\"><caption>Mittelwert mit 95-%-Konfidenzintervall</caption><thead><tr><th "
        "scope=\"col\">Gruppe</th>"
        "<th scope=\"col\" class=\"num\">n</th><th scope=\"col\" class=\"num\">Mittelwert</th><th scope=\"col\" "
        "class=\"num\">95-%-Intervall</th></tr></thead><tbody>";
    for (std::size_t g = 0; g < q.means.size(); ++g) {
      const Mean& m = q.means[g];
      out += "<tr><th scope=\"row\">";
      text::append_escaped_html(out, r.columns[g]);
      out += "</th>";
      if (m.hidden) {
        out += "<td class=\"num\">.</td><td class=\"num\">.</td><td class=\"num\">.</td>";
      } else {
        out += "<td class=\"num\">" + text::format_number(static_cast<double>(m.n), 0) + "</td><td class=\"num\">" +
               text::format_number(m.mean, 2) + "</td><td class=\"num\">" + text::format_number(m.low, 2) + " bis " +
               text::format_number(m.high, 2) + "</td>";
      }
      out += "</tr>";
    }
    out += "</tbody></table></div>";
  }
  out += "</section>";
  return out;
}

http::Response results_page(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto s = select(*db, req);
  if (!s)
    return message_page(req, m, "Nicht gefunden", "Diese Umfrage gibt es nicht oder sie hat noch kein Formular.", 404);
  std::string breakdown = req.query.get_or("nach", "");
  const Results& r = pick(*s, breakdown);
  std::shared_ptr<const std::string> body;
  {
    std::lock_guard lock(cache_mutex);
    if (auto it = rendered.find(s->key + "|" + r.breakdown); it != rendered.end()) body = it->second;
  }
  if (!body) {
    std::string html;
    for (std::size_t i = 0; i < r.questions.size(); ++i) html += question_html(r.questions[i], r, i);
    body = std::make_shared<const std::string>(std::move(html));
    std::lock_guard lock(cache_mutex);
    // Only for the newest computation (a newer one may have replaced it meanwhile).
    if (auto it = cache.find(s->key); it != cache.end() && it->second == s->all)
      rendered[s->key + "|" + r.breakdown] = body;
  }
  mstch::array waves{mstch::map{
      {"value", std::string("alle")}, {"label", std::string("alle Wellen")}, {"selected", s->wave_param == "alle"}}};
  for (const auto& w : list_waves(*db, s->survey.id))
    waves.push_back(mstch::map{
        {"value", std::to_string(w.id)}, {"label", w.title}, {"selected", s->wave_param == std::to_string(w.id)}});
  mstch::array breakdowns{
      mstch::map{{"value", std::string()}, {"label", std::string("ohne")}, {"selected", r.breakdown.empty()}}};
  for (const auto& [key, label] : breakdown_options(*s->form))
    breakdowns.push_back(mstch::map{{"value", key}, {"label", label}, {"selected", key == r.breakdown}});
  std::string query = "?welle=" + http::url_encode(s->wave_param) + "&nach=" + http::url_encode(r.breakdown);
  std::size_t total = r.columns.size() - 1;
  return survey_page(req, m, "Ergebnisse: " + s->survey.title, "survey/ergebnisse",
                     mstch::map{{"title", s->survey.title},
                                {"slug", s->survey.slug},
                                {"k", std::to_string(r.k)},
                                {"respondents", cell_text(r.respondents[total], false)},
                                {"free_text", text::format_number(static_cast<double>(r.free_text_answers), 0)},
                                {"waves", waves},
                                {"breakdowns", breakdowns},
                                {"query", query},
                                {"questions", *body}});
}

// The suppressed tables as rows: question, answer, column, count, share.
std::vector<std::vector<std::string>> result_rows(const Results& r) {
  std::vector<std::vector<std::string>> rows{{"Frage", "Fragetext", "Antwort",
                                              r.breakdown_label.empty() ? "Gruppe" : r.breakdown_label, "Anzahl",
                                              "Anteil (%)", "Mittelwert", "95-%-Intervall von", "bis"}};
  for (const auto& q : r.questions) {
    for (std::size_t g = 0; g < r.columns.size(); ++g) {
      for (std::size_t c = 0; c < q.cells.size(); ++c) {
        const Cell& cell = q.cells[c][g];
        rows.push_back(
            {q.name, q.label, q.categories[c], r.columns[g], cell.hidden ? kHiddenMarker : std::to_string(cell.count),
             cell.share ? text::format_number(*cell.share * 100, 1) : (cell.hidden ? kHiddenMarker : ""), "", "", ""});
      }
      const Cell& a = q.answered[g];
      std::vector<std::string> row{
          q.name, q.label, "Antwortende", r.columns[g], a.hidden ? kHiddenMarker : std::to_string(a.count), "", "",
          "",     ""};
      if (!q.means.empty()) {
        const Mean& m = q.means[g];
        row[6] = m.hidden ? kHiddenMarker : text::format_number(m.mean, 2);
        row[7] = m.hidden ? kHiddenMarker : text::format_number(m.low, 2);
        row[8] = m.hidden ? kHiddenMarker : text::format_number(m.high, 2);
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<std::vector<std::string>> codebook_rows(const Form& form) {
  std::vector<std::vector<std::string>> rows{{"Frage", "Typ", "Fragetext", "Bedingung (relevant)",
                                              "Prüfung (constraint)", "Pflicht", "Antwortcode", "Antworttext"}};
  for (int i : form.questions()) {
    const Item& q = form.items[i];
    std::string type(type_name(q.type));
    if (q.is_select()) type += " " + q.list;
    std::vector<std::string> base{
        q.name, type, q.label, q.relevant.text(), q.constraint.text(), q.required ? "ja" : "nein", "", ""};
    if (q.is_select()) {
      for (const auto& c : form.choices(q)) {
        auto row = base;
        row[6] = c.name;
        row[7] = c.label;
        rows.push_back(std::move(row));
      }
    } else {
      rows.push_back(std::move(base));
    }
  }
  return rows;
}

std::string csv_of(const std::vector<std::vector<std::string>>& rows, std::string_view source) {
  std::string csv = "\xEF\xBB\xBF";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) csv += (i ? ";" : "") + text::spreadsheet_csv_field(row[i], ';');
    csv += "\r\n";
  }
  if (!source.empty()) csv += text::spreadsheet_csv_field(source, ';') + "\r\n";
  return csv;
}

http::Response csv_download(std::string body, std::string_view filename) {
  http::Response res;
  res.body = std::move(body);
  res.set_header("Content-Type", "text/csv; charset=utf-8");
  res.attachment(filename);
  res.set_header("Cache-Control", "no-store");
  return res;
}

std::string source_line(const Selection& s, const Results& r) {
  return "Quelle: " + s.survey.title + " (" +
         (s.wave_param == "alle" ? std::string("alle Wellen") : "Welle " + s.wave_param) + "); „.“ = weniger als " +
         std::to_string(r.k) + " Antworten oder zum Schutz anderer Zellen ausgeblendet.";
}

http::Response export_results(http::Request& req, Module& m, bool xlsx) {
  auto db = m.services.pool.acquire();
  auto s = select(*db, req);
  if (!s) return message_page(req, m, "Nicht gefunden", "Diese Umfrage gibt es nicht.", 404);
  const Results& r = pick(*s, req.query.get_or("nach", ""));
  auto rows = result_rows(r);
  if (!xlsx) return csv_download(csv_of(rows, source_line(*s, r)), s->survey.slug + "-ergebnisse.csv");
  auto dir = m.services.settings.var_dir / "tmp";
  std::filesystem::create_directories(dir);
  auto path = dir / ("ergebnisse-" + web::random_token(12) + ".xlsx");
  auto sheet = [](text::XlsxWorkbook& book, const char* name, const std::vector<std::vector<std::string>>& table,
                  std::string_view source) {
    lxw_worksheet* ws = book.add_worksheet(name);
    for (std::size_t i = 0; i < table.size(); ++i)
      for (std::size_t c = 0; c < table[i].size(); ++c)
        worksheet_write_string(ws, static_cast<lxw_row_t>(i), static_cast<lxw_col_t>(c),
                               text::spreadsheet_text(table[i][c]).c_str(), nullptr);
    if (!source.empty())
      worksheet_write_string(ws, static_cast<lxw_row_t>(table.size() + 1), 0, std::string(source).c_str(), nullptr);
  };
  try {
    text::XlsxWorkbook book(path);
    sheet(book, "Ergebnisse", rows, source_line(*s, r));
    sheet(book, "Codebuch", codebook_rows(*s->form), "");
    book.close();
  } catch (const text::XlsxWriteError&) {
    return http::Response::error(500, "Die XLSX-Datei konnte nicht geschrieben werden.");
  }
  auto res = http::Response::file(path.string(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.body_file_temporary = true;
  res.attachment(s->survey.slug + "-ergebnisse.xlsx");
  res.set_header("Cache-Control", "no-store");
  return res;
}

http::Response codebook(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto s = select(*db, req);
  if (!s) return message_page(req, m, "Nicht gefunden", "Diese Umfrage gibt es nicht.", 404);
  return csv_download(csv_of(codebook_rows(*s->form), ""), s->survey.slug + "-codebuch.csv");
}

// Raw responses in long form (free text included) — only for this role.
http::Response raw_data(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto s = select(*db, req);
  if (!s) return message_page(req, m, "Nicht gefunden", "Diese Umfrage gibt es nicht.", 404);
  std::vector<std::vector<std::string>> rows{{"Antwort", "Welle", "eingegangen", "Frage", "Wiederholung", "Wert"}};
  for (const auto& w : s->waves)
    for (const auto& r : submitted_responses(*db, w.id))
      for (const auto& [key, value] : r.answers)
        rows.push_back({r.id, std::to_string(w.id), r.submitted_on, key.first, std::to_string(key.second), value});
  return csv_download(csv_of(rows, ""), s->survey.slug + "-rohdaten.csv");
}

}  // namespace

void register_result_pages(http::Router& router, const ModulePtr& m) {
  auto guarded = [m](auto handler) {
    return [m, handler](http::Request& req) -> http::Response {
      if (auto denied = web::require_role(req, kRole)) return *denied;
      return handler(req, *m);
    };
  };
  // Computing results over many responses (after a change) and the raw
  // download may take a while: off the I/O threads. Pages whose results are
  // computed already stay on them (the slow pool's queue is short).
  http::RouteOptions slow;
  slow.slow = http::always_slow;
  http::RouteOptions slow_after_change;
  slow_after_change.slow = [m](const http::Request& req) { return needs_computing(*m, req); };
  router.add("GET", "/umfragen/{slug}/ergebnisse", guarded(results_page), slow_after_change);
  router.add("GET", "/umfragen/{slug}/ergebnisse.csv",
             guarded([](http::Request& req, Module& m) { return export_results(req, m, false); }), slow_after_change);
  router.add("GET", "/umfragen/{slug}/ergebnisse.xlsx",
             guarded([](http::Request& req, Module& m) { return export_results(req, m, true); }), slow);
  router.get("/umfragen/{slug}/codebuch.csv", guarded(codebook));
  router.add("GET", "/umfragen/{slug}/rohdaten.csv", guarded(raw_data), slow);
}

}  // namespace rf::survey
