#include "monitor/import/import_command.hpp"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "db/migrations.hpp"
#include "monitor/monitor.hpp"
#include "monitor/import/region_files.hpp"
#include "monitor/engine/indicator_state.hpp"
#include "monitor/store/goals.hpp"
#include "monitor/store/statistics_store.hpp"
#include "text/number.hpp"
#include <set>

namespace rf::monitor {

namespace {

std::string login_name() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name) return pw->pw_name;
  return "unknown";
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A one-line progress bar on a terminal, redrawn at most every 1 %.
class ProgressBar {
 public:
  ProgressBar(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
  ~ProgressBar() { clear(); }

  void start(const std::string& file, std::size_t index, std::size_t count) {
    label_.assign(1, '[');
    label_ += std::to_string(index);
    label_ += '/';
    label_ += std::to_string(count);
    label_ += "] ";
    label_ += std::filesystem::path(file).filename().string();
    last_percent_ = -1;
  }
  void update(std::uint64_t done, std::uint64_t total) {
    if (!enabled_ || total == 0) return;
    int percent = static_cast<int>(done * 100 / total);
    if (percent == last_percent_) return;
    last_percent_ = percent;
    constexpr int kWidth = 30;
    int filled = percent * kWidth / 100;
    err_ << "\r\033[K" << std::string(filled, '#') << std::string(kWidth - filled, '.') << ' ' << percent << "% "
         << label_ << std::flush;
    drawn_ = true;
  }
  void clear() {
    if (drawn_) err_ << "\r\033[K" << std::flush;
    drawn_ = false;
  }

 private:
  std::ostream& err_;
  bool enabled_;
  std::string label_;
  int last_percent_ = -1;
  bool drawn_ = false;
};

// What a user reads when the database refuses an import: the file, the line
// the importer had reached, and what was expected, in German. The database's
// own message goes to the log only (it names tables and constraints).
ImportError refused_error(const std::string& file, std::uint32_t line, const std::string& raw) {
  spdlog::error("import {}: database error near line {}: {}", file, line, raw);
  return ImportError{file, line,
                     "Die Datei ließ sich nicht speichern: die Datenbank hat die Werte bis hier "
                     "abgelehnt (Einzelheiten im Server-Protokoll). Erwartet: jede Zelle (Merkmal, "
                     "Region, Zeitraum) genau einmal. Bitte die Datei prüfen oder die Betreuung "
                     "der Plattform fragen."};
}

std::string describe_periods(const std::vector<std::string>& periods) {
  if (periods.empty()) return "keine";
  if (periods.size() <= 6) {
    std::string out;
    for (const auto& p : periods) out += (out.empty() ? "" : ", ") + p;
    return out;
  }
  return periods.front() + " … " + periods.back() + " (" + std::to_string(periods.size()) + ")";
}

}  // namespace

void print_file_summary(std::ostream& out, const FileSummary& s, std::int64_t history_rows) {
  out << s.file << "  [" << format_label_de(s.format) << ", " << s.encoding << "]\n";
  out << "  " << s.code;
  if (!s.title.empty()) out << "  " << s.title;
  out << "\n";
  if (s.cells > 0 || s.series > 0) {
    out << "  Regionen " << s.regions << ", Zeiträume " << describe_periods(s.periods) << ", Merkmalskombinationen "
        << s.series << ", Werte " << s.cells;
    if (s.empty_cells > 0) out << " (" << s.empty_cells << " leere Felder übersprungen)";
    out << "\n";
    std::string markers;
    for (std::size_t i = 1; i < kStatusCount; ++i) {
      if (s.markers[i] == 0) continue;
      if (!markers.empty()) markers += ", ";
      markers += '\'';
      markers += status_marker(static_cast<Status>(i));
      markers += "' ";
      markers += std::to_string(s.markers[i]);
    }
    out << "  Zeichen statt Zahlen: " << (markers.empty() ? "keine" : markers) << "\n";
    if (history_rows > 0) out << "  ersetzte Werte in der Historie behalten: " << history_rows << "\n";
  } else if (s.regions > 0 && s.institutions == 0) {
    out << "  Regionen " << s.regions << "\n";
  }
  if (s.institutions > 0) out << "  Einrichtungen " << s.institutions << "\n";
  if (s.definitions > 0) out << "  Indikatorbeschreibungen " << s.definitions << "\n";
  if (s.catalogue_entries > 0) {
    out << "  Katalogeinträge " << s.catalogue_entries << " (als Metadaten gespeichert, ohne Werte)\n";
  }
  if (!s.new_regions.empty()) {
    std::string list;
    for (std::size_t i = 0; i < s.new_regions.size() && i < 8; ++i) {
      list += (i ? ", " : "") + s.new_regions[i];
    }
    if (s.new_regions.size() > 8) list += ", …";
    out << "  Hinweis: " << s.new_regions.size()
        << " Regionalschlüssel fehlen im Gemeindeverzeichnis und werden vorläufig angelegt: " << list << "\n";
  }
  for (const auto& w : s.warnings) out << "  Hinweis: " << w << "\n";
}

int load_region_register(db::Database& db, const std::string& data_dir) {
  auto regions = load_region_files(data_dir);
  if (!regions) {
    std::cerr << regions.error().to_string() << "\n";
    return 1;
  }
  try {
    db::Transaction transaction(db);
    store_region_register(db, *regions);
    transaction.commit();
  } catch (const db::Error& e) {
    std::cerr << "Gemeindeverzeichnis: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

int run_import_command(const ImportCommandLine& command, const std::string& database_url,
                       const std::filesystem::path& root) {
  ImportOptions options;
  options.database_url = database_url;
  options.files = command.files;
  options.dry_run = command.dry_run;
  options.encoding = command.encoding;
  if (command.max_file_size) options.max_file_size = *command.max_file_size;
  options.allow_new_regions = !command.strict_regions;
  options.sheet = command.sheet;
  options.report = command.report;
  options.report_figures = command.report_figures;
  options.data_dir = (root / "data").string();
  options.migrations_dir = (root / "migrations").string();
  return run_import_command(options);
}

int run_import_command(const ImportOptions& options) {
  if (options.database_url.empty()) {
    std::cerr << "import: keine Datenbank angegeben (--database URL)\n";
    return 2;
  }
  try {
    auto db = db::open(options.database_url);
    return run_import_command(options, *db, std::cout, std::cerr);
  } catch (const db::Error& e) {
    std::cerr << "import: " << e.what() << "\n";
    return 1;
  }
}

ImportRun import_files(const ImportOptions& options, db::Database& db, const ImportProgress& progress) {
  ImportRun run;
  std::vector<std::int64_t> import_ids;  // of this transaction, also in a dry run
  // The catalogue as the server uses it (the uploaded one, else the shipped one).
  auto catalogue_text = [&db, &options]() -> std::string {
    if (auto stored = read_stored_catalogue(db)) return stored->yaml;
    std::ifstream in(std::filesystem::path(options.data_dir) / "indicators.yaml", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  // Goal statuses need the statistics before and after the run: a cube is
  // built for each, but only when there are goals at all.
  auto goal_count = [&db] { return db.query_one("SELECT COUNT(*) FROM monitor_goals")->integer(0); };
  auto update_report = [&import_ids, &catalogue_text, &options](db::Database& db,
                                                                const std::optional<IndicatorView>& before) {
    UpdateReport report;
    std::set<std::string> changed;
    for (std::int64_t id : import_ids) {
      auto c = edition_changes(db, id);
      if (!c) continue;
      if (c->first_edition || c->revised > 0 || c->dropped > 0 || !c->new_periods.empty()) changed.insert(c->dataset);
      report.editions.push_back(std::move(*c));
    }
    const std::string text = catalogue_text();
    // A new edition under a new code (code lists) affects the indicators reading the old one.
    if (auto lists = parse_code_lists(code_lists_in_force(db, options.data_dir).text).lists) {
      for (const auto& list : lists->lists) {
        if (list.dimension != kTableDimension) continue;
        for (const auto& e : list.entries) {
          for (const auto& s : e.synonyms) {
            if (changed.count(s.code)) changed.insert(e.code);
          }
        }
      }
    }
    auto parsed = parse_catalogue(text);
    if (parsed.catalogue) {
      for (const auto& def : parsed.catalogue->indicators) {
        for (const auto& d : def.datasets()) {
          if (changed.count(d)) {
            report.indicators.emplace_back(def.info.id, def.info.title);
            break;
          }
        }
      }
    }
    if (options.report_figures) {
      std::vector<std::string> ids;
      for (const auto& [id, title] : report.indicators) ids.push_back(id);
      report.figures = options.report_figures(ids);
    }
    std::vector<Goal> goals;
    for (auto& goal : list_goals(db)) {
      for (const auto& [id, title] : report.indicators) {
        if (id == goal.indicator) {
          goals.push_back(std::move(goal));
          break;
        }
      }
    }
    if (goals.empty() || !before) return report;
    const IndicatorView after(build_state(db, text, "import", code_lists_in_force(db, options.data_dir)));
    for (const auto& goal : goals) {
      auto old_status = assess_goal(goal, *before).status;
      auto new_status = assess_goal(goal, after).status;
      if (old_status == new_status) continue;
      report.goals.push_back({goal.title, goal.indicator, goal.region, std::string(goal_status_label(old_status)),
                              std::string(goal_status_label(new_status))});
    }
    return report;
  };
  auto fail = [&run](int code, std::string message) {
    run.exit_code = code;
    run.error = std::move(message);
    run.files.clear();
    return run;
  };
  // A file is to blame: nothing of the run is stored.
  auto fail_file = [&run, &options](ImportError e) {
    run.exit_code = 1;
    run.error = e.to_string() + "\nimport: nichts importiert (" + std::to_string(options.files.size()) +
                " Datei(en) zurückgerollt)";
    run.failure = std::move(e);
    run.files.clear();
    return run;
  };
  if (options.files.empty()) {
    return fail(2,
                "import: keine Dateien angegeben: ruhrfutur import [--database URL] [--dry-run] "
                "[--encoding E] [--report] DATEI…");
  }
  ParseOptions parse;
  if (!options.encoding.empty() && options.encoding != "auto") {
    parse.encoding = text::parse_encoding_name(options.encoding);
    if (!parse.encoding) {
      return fail(2, "import: unbekannte Zeichenkodierung „" + options.encoding +
                         "“: erwartet utf-8, windows-1252, iso-8859-1 oder cp850");
    }
  }
  parse.max_file_size = options.max_file_size;
  parse.allow_new_regions = options.allow_new_regions;
  parse.sheet = options.sheet;
  // INKAR data files are labelled by the metadata file when it is imported
  // in the same run, wherever it lies.
  for (const auto& file : options.files) {
    if (std::filesystem::path(file).filename().string().find("indikatoren_meta") != std::string::npos) {
      parse.inkar_meta = file;
    }
  }
  auto display_name = [&options](std::size_t i) {
    return i < options.display_names.size() && !options.display_names[i].empty() ? options.display_names[i]
                                                                                 : options.files[i];
  };
  const std::string who = options.who.empty() ? login_name() : options.who;
  std::string current = "import";
  try {
    if (!options.migrations_dir.empty()) db::migrate(db, options.migrations_dir);
    db::Transaction transaction(db);
    RegionRegister regions = read_region_register(db);
    if (regions.size() == 0) {
      if (options.data_dir.empty()) {
        return fail(1, "import: die Datenbank hat kein Gemeindeverzeichnis, und kein Datenverzeichnis ist angegeben");
      }
      auto loaded = load_region_files(options.data_dir);
      if (!loaded) return fail(1, loaded.error().to_string());
      store_region_register(db, *loaded);
      regions = read_region_register(db);
    }
    // The indicators as the server shows them before the run, for goals.
    std::optional<IndicatorView> before;
    if (options.report && goal_count() > 0)
      before = IndicatorView(build_state(db, catalogue_text(), "import", code_lists_in_force(db, options.data_dir)));
    const std::int64_t now = unix_now();
    import_ids.clear();
    for (std::size_t i = 0; i < options.files.size(); ++i) {
      const std::string& file = options.files[i];
      current = display_name(i);
      if (progress.start) progress.start(current, i + 1, options.files.size());
      parse.progress = progress.update;
      StoreSink sink(db, regions, who, now);
      std::optional<Result<FileSummary>> imported;
      try {
        imported.emplace(import_file(file, current, parse, &regions, sink));
      } catch (const db::Error& e) {
        if (progress.done) progress.done();
        return fail_file(refused_error(current, sink.last_line(), e.what()));
      }
      auto& summary = *imported;
      if (progress.done) progress.done();
      if (!summary) return fail_file(summary.error());
      run.files.push_back({*summary, options.dry_run ? 0 : sink.import_id(), sink.history_rows()});
      import_ids.push_back(sink.import_id());
    }
    if (options.report) run.report = update_report(db, before);
    // Each StoreSink bumped the statistics version in this transaction, so
    // every server instance rebuilds its cube once this commits.
    if (options.dry_run) return run;  // the transaction rolls back
    transaction.commit();
    run.committed = true;
    return run;
  } catch (const db::Error& e) {
    if (progress.done) progress.done();
    return fail_file(refused_error(current, 0, e.what()));
  } catch (const std::exception& e) {
    if (progress.done) progress.done();
    spdlog::error("import {}: {}", current, e.what());
    return fail_file(ImportError{current, 0,
                                 "Die Datei ließ sich nicht lesen oder speichern (Einzelheiten im "
                                 "Server-Protokoll)."});
  }
}

namespace {

std::string cell_text(const std::optional<double>& value, const std::string& status) {
  std::string out = value ? text::format_number_exact(*value) : std::string();
  if (!status.empty()) out += out.empty() ? status : " " + status;
  return out.empty() ? "leer" : out;
}

}  // namespace

std::string revised_cell_text(const RevisedCell& c) {
  return c.region_code + " " + c.region_name + ", " + IndicatorView::period_label(c.period) + ", " + c.series + ": " +
         cell_text(c.old_value, c.old_status) + " → " +
         (c.dropped ? "entfallen" : cell_text(c.new_value, c.new_status));
}

void print_update_report(std::ostream& out, const UpdateReport& report) {
  out << "Aktualisierungsbericht\n";
  for (const auto& e : report.editions) {
    out << "  " << e.dataset << ": ";
    if (e.first_edition) {
      out << "erste Ausgabe, " << e.cells << " Werte\n";
      continue;
    }
    out << "neue Zeiträume: ";
    if (e.new_periods.empty()) out << "keine";
    for (std::size_t i = 0; i < e.new_periods.size(); ++i) {
      out << (i ? ", " : "") << IndicatorView::period_label(e.new_periods[i]);
    }
    out << "; revidiert: " << e.revised << " von " << e.published_before << " bereits veröffentlichten Werten ("
        << text::format_number(e.revised_share() * 100.0, 1) << " %)";
    if (e.dropped > 0) out << "; entfallen: " << e.dropped;
    out << "\n";
    for (const auto& c : e.revised_cells) out << "    " << revised_cell_text(c) << "\n";
    if (static_cast<std::int64_t>(e.revised_cells.size()) < e.revised + e.dropped) {
      out << "    … und " << (e.revised + e.dropped - static_cast<std::int64_t>(e.revised_cells.size()))
          << " weitere\n";
    }
  }
  out << "  betroffene Indikatoren: ";
  if (report.indicators.empty()) out << "keine";
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    out << (i ? ", " : "") << report.indicators[i].first << " (" << report.indicators[i].second << ")";
  }
  out << "\n  betroffene Abbildungen des Berichts: ";
  if (!report.figures) {
    out << "unbekannt (" << kNoReportBuilt << ")\n";
  } else if (report.figures->empty()) {
    out << "keine\n";
  } else {
    out << report.figures->size() << "\n";
    for (const auto& f : *report.figures) {
      out << "    Webcode " << f.code << " „" << f.title << "“ (" << f.place << "): " << f.url << "\n";
    }
  }
  out << "  Ziele mit geändertem Status: ";
  if (report.goals.empty()) out << "keine";
  out << "\n";
  for (const auto& g : report.goals) {
    out << "    „" << g.title << "“ (" << g.indicator << ", " << g.region << "): " << g.before << " → " << g.after
        << "\n";
  }
}

int run_import_command(const ImportOptions& options, db::Database& db, std::ostream& out, std::ostream& err) {
  const bool show = options.progress.value_or(isatty(STDERR_FILENO) == 1);
  ProgressBar bar(err, show);
  ImportProgress progress;
  progress.start = [&bar](const std::string& file, std::size_t index, std::size_t count) {
    bar.start(file, index, count);
  };
  progress.update = [&bar](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
  progress.done = [&bar] { bar.clear(); };
  ImportRun run = import_files(options, db, progress);
  if (run.exit_code != 0) {
    err << run.error << "\n";
    return run.exit_code;
  }
  std::uint64_t total_cells = 0;
  for (const auto& file : run.files) {
    print_file_summary(out, file.summary, file.history_rows);
    total_cells += file.summary.cells;
  }
  if (run.report) print_update_report(out, *run.report);
  if (options.dry_run) {
    out << "Probelauf: " << run.files.size() << " Datei(en), " << total_cells << " Werte geprüft; nichts importiert\n";
  } else {
    out << "importiert: " << run.files.size() << " Datei(en), " << total_cells << " Werte\n";
  }
  return 0;
}

}  // namespace rf::monitor
