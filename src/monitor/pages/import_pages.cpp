// /daten/import and /daten/importe: uploads, dry runs, imports and the log.
#include "monitor/pages/import_pages.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/middleware.hpp"
#include "web/accounts.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/import/input.hpp"
#include "monitor/indicators.hpp"
#include "monitor/model/observation.hpp"
#include "monitor/pages/statistics_views.hpp"
#include "monitor/store/import_log.hpp"
#include "text/number.hpp"
#include "web/audit.hpp"
#include "web/dates.hpp"
#include "web/pagination.hpp"
#include "text/files.hpp"

namespace rf::monitor {
namespace {

constexpr web::Role kRole = web::Role::data_steward;
constexpr std::int64_t kLogPageSize = 50;

struct Encoding {
  const char* value;
  const char* label;
};
constexpr Encoding kEncodings[] = {
    {"auto", "automatisch erkennen"},
    {"windows-1252", "Windows-1252 (GENESIS-Tabellen)"},
    {"iso-8859-1", "ISO-8859-1 (Latin-1)"},
    {"utf-8", "UTF-8"},
    {"cp850", "CP850 (DOS)"},
};

bool is_hash(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// The client's file name as a safe single path component.
std::string clean_file_name(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7f && c != '"' && c != ':') out.push_back(c);
  }
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  if (out.size() > 150) out.resize(150);
  return out.empty() ? "upload.csv" : out;
}

std::filesystem::path uploads_dir(const web::Services& services) { return services.settings.var_dir / "uploads"; }

// An uploaded statistics file kept between dry run and import.
struct StoredFile {
  std::string sha256;
  std::string name;
  std::filesystem::path path;
};

// Uploads kept for a dry run that was never followed by an import are
// removed after a day (checked whenever something is uploaded).
constexpr auto kKeepUploads = std::chrono::hours(24);

void remove_stale_uploads(const web::Services& services) {
  std::error_code ec;
  const auto cutoff = std::filesystem::file_time_type::clock::now() - kKeepUploads;
  for (const auto& entry : std::filesystem::directory_iterator(uploads_dir(services), ec)) {
    std::error_code entry_ec;
    if (!entry.is_directory(entry_ec) || !is_hash(entry.path().filename().string())) continue;
    auto written = std::filesystem::last_write_time(entry.path(), entry_ec);
    if (!entry_ec && written < cutoff) std::filesystem::remove_all(entry.path(), entry_ec);
  }
}

// Moves an upload to uploads/<sha256>/<name>; the same bytes uploaded again
// reuse the stored copy (and count as uploaded now).
StoredFile keep_upload(const web::Services& services, const http::UploadedFile& file) {
  StoredFile stored;
  stored.sha256 = sha256_hex(text::read_file(file.path).value_or(""));
  auto dir = uploads_dir(services) / stored.sha256;
  std::filesystem::create_directories(dir);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      stored.name = entry.path().filename().string();
      stored.path = entry.path();
      std::error_code ec;
      std::filesystem::last_write_time(dir, std::filesystem::file_time_type::clock::now(), ec);
      return stored;
    }
  }
  stored.name = clean_file_name(file.filename);
  stored.path = dir / stored.name;
  std::error_code ec;
  std::filesystem::rename(file.path, stored.path, ec);
  if (ec) std::filesystem::copy_file(file.path, stored.path, std::filesystem::copy_options::overwrite_existing);
  return stored;
}

// A file kept by an earlier step, by hash; nullopt when it is gone.
std::optional<StoredFile> find_kept(const web::Services& services, std::string_view sha256) {
  if (!is_hash(sha256)) return std::nullopt;
  auto dir = uploads_dir(services) / std::string(sha256);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file()) return StoredFile{std::string(sha256), entry.path().filename().string(), entry.path()};
  }
  return std::nullopt;
}

mstch::array marker_views(const StatusCounts& counts) {
  mstch::array out;
  for (std::size_t i = 1; i < kStatusCount; ++i) {
    if (counts[i] == 0) continue;
    auto status = static_cast<Status>(i);
    out.push_back(mstch::map{{"marker", std::string(status_marker(status))},
                             {"label", std::string(status_label_de(status))},
                             {"count", count_de(counts[i])}});
  }
  return out;
}

std::string describe_periods_de(const std::vector<std::string>& periods) {
  if (periods.empty()) return "keine";
  if (periods.size() <= 6) {
    std::string out;
    for (const auto& p : periods) out += (out.empty() ? "" : ", ") + p;
    return out;
  }
  return periods.front() + " bis " + periods.back() + " (" + std::to_string(periods.size()) + " Zeiträume)";
}

mstch::map summary_view(const ImportedFile& file, const std::string& sha256) {
  const FileSummary& s = file.summary;
  mstch::array warnings;
  constexpr std::size_t kShown = 20;
  if (!s.new_regions.empty()) {
    std::string list;
    for (std::size_t i = 0; i < s.new_regions.size() && i < 8; ++i) list += (i ? ", " : "") + s.new_regions[i];
    if (s.new_regions.size() > 8) list += ", …";
    warnings.push_back(mstch::map{
        {"text", std::to_string(s.new_regions.size()) +
                     " Regionalschlüssel fehlen im Gemeindeverzeichnis und werden vorläufig angelegt: " + list}});
  }
  for (std::size_t i = 0; i < s.warnings.size() && i < kShown; ++i) {
    warnings.push_back(mstch::map{{"text", s.file + ": " + s.warnings[i]}});
  }
  auto markers = marker_views(s.markers);
  return mstch::map{
      {"file", s.file},
      {"sha256", sha256.empty() ? s.sha256 : sha256},
      {"format", std::string(format_label_de(s.format))},
      {"encoding", s.encoding},
      {"code", s.code},
      {"title", s.title},
      {"regions", count_de(s.regions)},
      {"series", count_de(s.series)},
      {"periods", describe_periods_de(s.periods)},
      {"cells", count_de(s.cells)},
      {"markers", markers},
      {"has_markers", !markers.empty()},
      {"institutions", s.institutions > 0 ? count_de(s.institutions) : std::string()},
      {"history", file.history_rows > 0 ? count_de(static_cast<std::uint64_t>(file.history_rows)) : std::string()},
      {"warnings", warnings},
      {"has_warnings", !warnings.empty()}};
}

// The update report: per table the new periods and revised values, the
// indicators that read the tables, the report's figures that show them,
// goals whose status changed.
mstch::map report_view(const UpdateReport& report) {
  mstch::array editions;
  for (const auto& e : report.editions) {
    std::string periods;
    for (const auto& p : e.new_periods) periods += (periods.empty() ? "" : ", ") + IndicatorView::period_label(p);
    mstch::array cells;
    for (const auto& c : e.revised_cells) cells.push_back(mstch::map{{"text", revised_cell_text(c)}});
    const std::int64_t more = e.revised + e.dropped - static_cast<std::int64_t>(e.revised_cells.size());
    editions.push_back(mstch::map{
        {"dataset", e.dataset},
        {"first", e.first_edition},
        {"cells", count_de(static_cast<std::uint64_t>(e.cells))},
        {"new_periods", periods.empty() ? std::string("keine") : periods},
        {"revised", count_de(static_cast<std::uint64_t>(e.revised)) + " von " +
                        count_de(static_cast<std::uint64_t>(e.published_before)) + " bereits veröffentlichten (" +
                        text::format_number(e.revised_share() * 100.0, 1) + " %)"},
        {"dropped", e.dropped > 0 ? count_de(static_cast<std::uint64_t>(e.dropped)) : std::string()},
        {"has_cells", !cells.empty()},
        {"revised_cells", cells},
        {"more", more > 0 ? count_de(static_cast<std::uint64_t>(more)) : std::string()}});
  }
  mstch::array indicators;
  for (const auto& [id, title] : report.indicators) indicators.push_back(mstch::map{{"id", id}, {"title", title}});
  mstch::array goals;
  for (const auto& g : report.goals) {
    goals.push_back(mstch::map{{"title", g.title}, {"region", g.region}, {"before", g.before}, {"after", g.after}});
  }
  mstch::array figures;
  if (report.figures) {
    for (const auto& f : *report.figures) {
      figures.push_back(mstch::map{{"code", f.code}, {"title", f.title}, {"place", f.place}, {"url", f.url}});
    }
  }
  return mstch::map{{"editions", editions},
                    {"indicators", indicators},
                    {"has_indicators", !indicators.empty()},
                    {"report_built", report.figures.has_value()},
                    {"no_report", std::string(kNoReportBuilt)},
                    {"figures", figures},
                    {"has_figures", !figures.empty()},
                    {"goals", goals},
                    {"has_goals", !goals.empty()}};
}

struct FormState {
  std::string encoding = "auto";
  std::vector<StoredFile> kept;  // files uploaded earlier (hidden fields)
  std::string error;             // for the error summary
  struct Problem {
    std::string text;  // "FILE:LINE: Spalte C: message"
    std::size_t line = 0;
    std::string quoted;  // the offending line as it stands in the file
  };
  std::vector<Problem> problems;
  const ImportRun* run = nullptr;
  bool dry_run = false;
};

http::Response form_page(const http::Request& req, const web::Services& services, const FormState& state, int status) {
  mstch::array encodings;
  for (const auto& e : kEncodings) {
    encodings.push_back(mstch::map{
        {"value", std::string(e.value)}, {"label", std::string(e.label)}, {"selected", state.encoding == e.value}});
  }
  mstch::array kept;
  for (const auto& f : state.kept) kept.push_back(mstch::map{{"sha256", f.sha256}, {"name", f.name}});
  mstch::map context{{"encodings", encodings}, {"kept", kept}, {"has_kept", !kept.empty()}};
  if (!state.error.empty()) {
    mstch::array problems;
    for (const auto& p : state.problems) {
      problems.push_back(mstch::map{{"text", p.text}, {"line", std::to_string(p.line)}, {"quoted", p.quoted}});
    }
    context["error"] = state.error;
    context["has_problems"] = !problems.empty();
    context["problems"] = problems;
  }
  if (state.run) {
    mstch::array files;
    std::uint64_t cells = 0;
    for (std::size_t i = 0; i < state.run->files.size(); ++i) {
      files.push_back(summary_view(state.run->files[i], i < state.kept.size() ? state.kept[i].sha256 : ""));
      cells += state.run->files[i].summary.cells;
    }
    context["files"] = files;
    if (state.run->report) {
      context["has_report"] = true;
      context["report"] = report_view(*state.run->report);
      context["report_title"] =
          std::string(state.dry_run ? "Was sich mit diesen Dateien ändert" : "Was sich geändert hat");
    }
    context["total_cells"] = count_de(cells);
    context["file_count"] = std::to_string(state.run->files.size());
    if (state.dry_run) {
      context["dry_run"] = true;
    } else {
      context["imported"] = true;
    }
  }
  const char* title = state.run && state.dry_run ? "Probelauf: Statistikdateien prüfen"
                      : state.run                ? "Import abgeschlossen"
                                                 : "Statistikdateien importieren";
  return web::render_page(req, services, state.error.empty() ? title : std::string("Fehler: ") + title,
                          "monitor/import/formular", std::move(context), status);
}

// The problem a run failed with: the file's error with its quoted line, or
// the lines of any other message.
std::vector<FormState::Problem> problems_of(const ImportRun& run) {
  std::vector<FormState::Problem> out;
  if (run.failure) {
    ImportError e = *run.failure;
    FormState::Problem p;
    p.line = e.line;
    p.quoted = e.quoted;
    e.quoted.clear();
    p.text = e.to_string();
    out.push_back(std::move(p));
    return out;
  }
  std::istringstream in(run.error);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back({line, 0, ""});
  }
  return out;
}

// The files of this step into state.kept: new uploads, else those a dry run
// kept (named by hash). A German error when one is gone or none was chosen.
std::string gather_files(const http::Request& req, const web::Services& services, FormState& state) {
  if (!req.files.empty()) remove_stale_uploads(services);
  for (const auto& file : req.files) {
    if (file.field != "dateien" || file.size == 0) continue;
    state.kept.push_back(keep_upload(services, file));
  }
  if (state.kept.empty()) {
    for (const auto& hash : req.form().all("datei")) {
      auto kept = find_kept(services, hash);
      if (!kept) return "Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.";
      state.kept.push_back(*kept);
    }
  }
  if (state.kept.empty()) return "Bitte wählen Sie mindestens eine Statistikdatei aus.";
  return "";
}

// Checks (dry run) or imports the kept files; an import is written to the audit log.
ImportRun run_import(const http::Request& req, web::Services& services, const ReportFigureLookup& report_figures,
                     const FormState& state) {
  const auto user = web::current_user(req);
  ImportOptions options;
  for (const auto& f : state.kept) {
    options.files.push_back(f.path.string());
    options.display_names.push_back(f.name);
  }
  options.dry_run = state.dry_run;
  options.encoding = state.encoding;
  options.data_dir = (services.settings.root / "data").string();
  options.who = user ? user->email : "web";
  options.progress = false;
  options.report = true;  // what the new edition changes, in the dry run already
  options.report_figures = report_figures;
  auto db = services.pool.acquire();
  ImportRun run = import_files(options, *db, {});
  if (run.committed) {
    nlohmann::json details = nlohmann::json::array();
    for (const auto& f : run.files) {
      details.push_back({{"file", f.summary.file},
                         {"sha256", f.summary.sha256},
                         {"code", f.summary.code},
                         {"cells", f.summary.cells},
                         {"import_id", f.import_id}});
    }
    web::audit(*db, web::current_user_id(req), "statistics.import", "import",
               run.files.empty() ? "" : std::to_string(run.files.front().import_id), details.dump(),
               req.remote_address);
  }
  return run;
}

http::Response import_form(http::Request& req, web::Services& services) {
  return form_page(req, services, FormState{}, 200);
}

http::Response import_post(http::Request& req, web::Services& services, const ReportFigureLookup& report_figures) {
  FormState state;
  const auto& form = req.form();
  state.encoding = form.get_or("kodierung", "auto");
  bool known = false;
  for (const auto& e : kEncodings) known = known || state.encoding == e.value;
  if (!known) state.encoding = "auto";
  state.dry_run = form.get_or("aktion", "probelauf") != "importieren";
  state.error = gather_files(req, services, state);
  if (!state.error.empty()) return form_page(req, services, state, 422);

  ImportRun run = run_import(req, services, report_figures, state);
  if (run.exit_code != 0) {
    state.error = "Es wurde nichts importiert: Eine Datei enthält einen Fehler.";
    state.problems = problems_of(run);
    return form_page(req, services, state, 422);
  }
  state.run = &run;
  if (run.committed) {
    // Imported: the copies are no longer needed (the log keeps their hashes).
    for (const auto& f : state.kept) {
      std::error_code ec;
      std::filesystem::remove_all(f.path.parent_path(), ec);
    }
  }
  return form_page(req, services, state, 200);
}

// ---- the log -------------------------------------------------------------

std::string markers_text(const std::string& json) {
  if (json.empty()) return "";
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_object()) return json;
  std::string out;
  for (const auto& [marker, count] : parsed.items()) {
    if (!out.empty()) out += ", ";
    out += "„" + marker + "“ " + (count.is_number() ? count_de(count.get<std::uint64_t>()) : count.dump());
  }
  return out;
}

http::Response log_page(http::Request& req, web::Services& services) {
  auto db = services.pool.acquire();
  const std::int64_t total = count_imports(*db);
  const web::Pagination pagination = web::paginate(req, total, kLogPageSize);
  mstch::array rows;
  for (const auto& i : list_imports(*db, kLogPageSize, pagination.offset())) {
    rows.push_back(mstch::map{{"id", std::to_string(i.id)},
                              {"file", i.file_name},
                              {"sha256", i.sha256},
                              {"format", std::string(format_label_de(i.format))},
                              {"encoding", i.encoding},
                              {"code", i.table_code},
                              {"publisher", i.publisher},
                              {"licence", i.licence},
                              {"stand", format_stand(i.stand)},
                              {"who", i.imported_by},
                              {"when", web::format_datetime_de(i.imported_at)},
                              {"cells", count_de(static_cast<std::uint64_t>(i.cells))},
                              {"markers", markers_text(i.markers)},
                              {"bytes", count_de(static_cast<std::uint64_t>(i.bytes))}});
  }
  mstch::map context{{"rows", rows},
                     {"has_rows", !rows.empty()},
                     {"total", count_de(static_cast<std::uint64_t>(total))},
                     {"pagination", web::pagination_view(pagination, "/daten/importe")}};
  return web::render_page(req, services, "Importprotokoll", "monitor/import/protokoll", std::move(context));
}

http::Handler stewards_only(web::Services& services, http::Response (*fn)(http::Request&, web::Services&)) {
  return [&services, fn](http::Request& req) {
    if (auto denied = web::require_role(req, kRole)) return *denied;
    return fn(req, services);
  };
}

}  // namespace

void register_import_routes(http::Router& router, web::Services& services, ReportFigureLookup report_figures) {
  router.get("/daten/import", stewards_only(services, import_form));
  // Uploads up to max_upload_bytes; parsing and importing them runs on the slow-work pool.
  auto post = [&services, figures = std::move(report_figures)](http::Request& req) {
    if (auto denied = web::require_role(req, kRole)) return *denied;
    return import_post(req, services, figures);
  };
  router.post("/daten/import", std::move(post),
              http::RouteOptions{services.settings.max_upload_bytes,
                                 web::role_before_body(services, web::Role::data_steward), http::always_slow});
  router.get("/daten/importe", stewards_only(services, log_page));
  register_dataset_routes(router, services);
}

}  // namespace rf::monitor
