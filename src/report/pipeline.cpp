#include "report/pipeline.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <set>

#include "web/templates.hpp"
#include "report/definition.hpp"
#include "report/document.hpp"
#include "report/exports.hpp"
#include "report/geo_data.hpp"
#include "report/glossary.hpp"
#include "report/links.hpp"
#include "report/pdf_printer.hpp"
#include "report/profiles.hpp"
#include "report/progress.hpp"
#include "report/report.hpp"
#include "report/web_code.hpp"
#include "report/site.hpp"
#include "report/thread_pool.hpp"
#include "report/toc_pages.hpp"
#include "text/number.hpp"
#include "text/files.hpp"

namespace rf::report {
namespace {

namespace fs = std::filesystem;

std::string today_german() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return text::format_german_date({tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday});
}

// The folder the build writes into before it replaces --out.
fs::path staging_dir(const fs::path& out) {
  fs::path abs = fs::absolute(out).lexically_normal();
  if (abs.filename().empty()) abs = abs.parent_path();
  return abs.parent_path() / ("." + abs.filename().string() + ".neu-" + std::to_string(getpid()));
}

// Puts `fresh` in place of `out`: atomically when `out` exists.
text::Result<void> swap_in(const fs::path& fresh, const fs::path& out) {
  std::error_code ec;
  fs::path abs = fs::absolute(out).lexically_normal();
  if (fs::exists(abs)) {
    if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, abs.c_str(), RENAME_EXCHANGE) == 0) {
      fs::remove_all(fresh, ec);  // now holds the previous build
      return {};
    }
    fs::path old = abs.parent_path() / ("." + abs.filename().string() + ".alt-" + std::to_string(getpid()));
    fs::rename(abs, old, ec);
    if (ec) return text::Failure{abs.string() + ": " + ec.message()};
    fs::rename(fresh, abs, ec);
    fs::remove_all(old, ec);
    return {};
  }
  fs::create_directories(abs.parent_path(), ec);
  fs::rename(fresh, abs, ec);
  if (ec) return text::Failure{abs.string() + ": " + ec.message()};
  return {};
}

class Build {
 public:
  Build(const ReportBuildOptions& options, const Data& data, std::ostream& out, std::ostream& err)
      : opt_(options),
        data_(data),
        out_(out),
        err_(err),
        diag_(options.strict),
        progress_(options.progress.value_or(isatty(STDERR_FILENO) != 0)) {}

  int run() {
    auto started = std::chrono::steady_clock::now();
    if (!prepare_output()) return 2;
    auto def = load_definition(opt_.report_dir, diag_);
    if (!def) return report_and_exit(1);
    def_ = std::move(*def);
    if (!def_.glossary_file.empty()) glossary_ = load_glossary(def_.path_of(def_.glossary_file), diag_);
    geo_ = load_geo_data(opt_.root);
    if (!geo_.problems.empty()) diag_.warning({(opt_.root / "data/geo").string(), 0}, geo_.problems);

    unsigned threads = opt_.threads ? opt_.threads : std::max(1u, std::thread::hardware_concurrency());
    {
      ThreadPool pool(threads);
      prepare(pool);
      pool.wait();
      // Render even after errors: one run reports every problem of the sources.
      assign_codes();
      render(pool);
      pool.wait();
    }
    write_site();
    if (diag_.error_count() > 0) return report_and_exit(1);
    if (opt_.pdf) {
      print_pdfs(threads);
      if (diag_.error_count() > 0) return report_and_exit(1);
    }
    if (auto swapped = swap_in(staging_, opt_.out_dir); !swapped) {
      diag_.error({opt_.out_dir.string(), 0}, swapped.error().message);
      return report_and_exit(2);
    }
    staging_.clear();
    stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    progress_.finish();
    print_diagnostics();
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", stats_.seconds);
    out_ << "Bericht „" << def_.title << "“ erstellt in " << seconds << " s: " << stats_.chapters << " Kapitel, "
         << stats_.profiles << " Profile, " << stats_.figures << " Abbildungen und Tabellen, " << stats_.pages
         << " Seiten";
    if (opt_.pdf) out_ << ", " << stats_.pdfs << " PDF (" << stats_.browsers << " Chromium)";
    out_ << " → " << opt_.out_dir.string() << "\n";
    return 0;
  }

  ~Build() {
    if (!staging_.empty()) {
      std::error_code ec;
      fs::remove_all(staging_, ec);
    }
  }

 private:
  bool prepare_output() {
    fs::path out = opt_.out_dir;
    std::error_code ec;
    if (fs::exists(out) && !fs::is_directory(out)) {
      err_ << out.string() << ": kein Ordner\n";
      return false;
    }
    if (fs::is_directory(out) && !fs::is_empty(out) && !fs::exists(out / kCodesFile)) {
      err_ << out.string() << ": Ordner ist nicht leer und enthält keinen gebauten Bericht (codes.json); "
           << "wird nicht überschrieben\n";
      return false;
    }
    staging_ = staging_dir(out);
    fs::remove_all(staging_, ec);
    fs::create_directories(staging_, ec);
    if (ec) {
      err_ << staging_.string() << ": " << ec.message() << "\n";
      staging_.clear();
      return false;
    }
    return true;
  }

  // Runs a task and turns an exception into an error message.
  template <typename F>
  void guarded(const std::string& where, F&& f) {
    try {
      f();
    } catch (const std::exception& e) {
      diag_.error({where, 0}, std::string("interner Fehler: ") + e.what());
    }
  }

  void prepare(ThreadPool& pool) {
    chapters_.resize(def_.chapters.size());
    progress_.add("Kapitel", static_cast<int>(def_.chapters.size()));
    for (std::size_t i = 0; i < def_.chapters.size(); ++i) {
      pool.submit([this, i] {
        const ChapterRef& ref = def_.chapters[i];
        std::string file = def_.path_of(ref.file);
        guarded(file, [&] {
          auto text = text::read_file(file);
          if (!text) {
            diag_.error({file, 0}, "Kapitel nicht lesbar");
            return;
          }
          Resolver resolver(def_, data_, diag_);
          DocumentSource source{file, *text, chapter_page(ref.slug), std::to_string(ref.number), "", "daten"};
          chapters_[i] = prepare_document(source, resolver);
        });
      });
    }
    if (!opt_.profiles || !def_.profiles.enabled) return;
    std::string file = def_.path_of(def_.profiles.template_file);
    auto text = text::read_file(file);
    if (!text) {
      diag_.error({file, 0}, "Profilvorlage nicht lesbar");
      return;
    }
    profile_template_ = *text;
    profile_file_ = file;
    auto regions = profile_regions(def_, data_);
    profiles_.resize(regions.size());
    progress_.add("Profile", static_cast<int>(regions.size()));
    for (std::size_t i = 0; i < regions.size(); ++i) {
      profiles_[i].region = regions[i];
      pool.submit([this, i] {
        guarded(profile_file_, [&] {
          Resolver resolver(def_, data_, diag_, &profiles_[i].region);
          profiles_[i].doc = prepare_profile(profiles_[i].region, profile_file_, profile_template_, resolver);
        });
      });
    }
  }

  void assign_codes() {
    std::vector<std::string> keys;
    std::set<std::string> ids;
    for (auto& doc : chapters_) {
      for (auto& f : doc.figures) {
        if (!ids.insert(f.id).second) {
          diag_.error(f.where, "id „" + f.id + "“ gibt es im Bericht schon einmal");
        }
        figure_refs_[f.id] = {f.label(), doc.page};
        keys.push_back(doc.page + "#" + f.id);
      }
    }
    for (auto& p : profiles_) {
      for (auto& f : p.doc.figures) keys.push_back(p.doc.page + "#" + f.id);
    }
    auto codes = assign_web_codes(def_.name, keys);
    for (auto& doc : chapters_) {
      for (auto& f : doc.figures) f.code = codes[doc.page + "#" + f.id];
      stats_.figures += doc.figures.size();
    }
    for (auto& p : profiles_) {
      for (auto& f : p.doc.figures) f.code = codes[p.doc.page + "#" + f.id];
      stats_.figures += p.doc.figures.size();
    }
  }

  FigureHtmlOptions figure_options(std::string to_root) const {
    FigureHtmlOptions o;
    o.links.to_root = std::move(to_root);
    o.links.figures = &figure_refs_;
    o.geo = &geo_;
    o.base_url = def_.base_url;
    return o;
  }

  // A failed write of the site is an error of the build, reported with the others.
  void check(const text::Result<void>& written) {
    if (!written) diag_.error({opt_.out_dir.string(), 0}, written.error().message);
  }

  void write(std::string_view rel, std::string_view content) {
    check(write_output(staging_, rel, content));
    if (rel.size() > 5 && rel.substr(rel.size() - 5) == ".html") ++pages_written_;
  }

  void write_exports(const std::vector<Figure>& figures, const std::string& workbook, const std::string& title) {
    std::vector<const Figure*> all;
    for (const auto& f : figures) {
      check(write_output(staging_, f.data_path + ".csv", figure_csv(f)));
      all.push_back(&f);
    }
    if (workbook.empty()) {
      // One workbook per figure.
      for (const auto& f : figures)
        check(write_xlsx(staging_ / (f.data_path + ".xlsx"), f.label() + ": " + f.title, {&f}));
      return;
    }
    std::error_code ec;
    fs::create_directories((staging_ / workbook).parent_path(), ec);
    check(write_xlsx(staging_ / workbook, title, all));
  }

  void render(ThreadPool& pool) {
    site_ = std::make_unique<SiteWriter>(
        templates_, SiteModel{&def_, &glossary_, &chapters_, &profiles_, opt_.pdf, today_german()});
    for (std::size_t i = 0; i < chapters_.size(); ++i) {
      pool.submit([this, i] {
        Document& doc = chapters_[i];
        guarded(doc.file, [&] {
          Resolver resolver(def_, data_, diag_);
          render_document(doc, resolver, glossary_, figure_options("../"));
          write_exports(doc.figures, "", "");
        });
        progress_.done("Kapitel");
      });
    }
    // Profile pages show the chapter list: chapters first.
    pool.wait();
    for (std::size_t i = 0; i < profiles_.size(); ++i) {
      pool.submit([this, i] {
        Profile& p = profiles_[i];
        guarded(profile_file_, [&] {
          Resolver resolver(def_, data_, diag_, &p.region);
          render_document(p.doc, resolver, glossary_, figure_options("../"));
          write_exports(p.doc.figures, "daten/profile/" + p.region.region.code + ".xlsx",
                        "Profil " + p.region.region.name);
          write(p.doc.page, site_->profile_page(p));
        });
        progress_.done("Profile");
      });
    }
  }

  void write_site() {
    guarded(opt_.out_dir.string(), [&] {
      for (std::size_t i = 0; i < chapters_.size(); ++i) write(chapters_[i].page, site_->chapter_page(i));
      write(kIndexPage, site_->index_page());
      write(kGlossaryPage, site_->glossary_page());
      write(kSourcesPage, site_->sources_page());
      write(kDataPage, site_->data_page());
      if (!profiles_.empty()) write(kProfilesPage, site_->profiles_index_page());
      write(kPrintPage, site_->print_document());
      write(kCodesFile, site_->codes_json());
      std::vector<const Figure*> all;
      for (const auto& doc : chapters_) {
        for (const auto& f : doc.figures) all.push_back(&f);
      }
      check(write_xlsx(staging_ / "daten/bericht-daten.xlsx", def_.title, all));
      check(copy_assets(opt_.root, staging_));
    });
    stats_.chapters = chapters_.size();
    stats_.profiles = profiles_.size();
    stats_.pages = pages_written_;
  }

  void print_pdfs(unsigned threads) {
    if (access(opt_.chromium.c_str(), X_OK) != 0) {
      diag_.error({opt_.chromium, 0},
                  "Chromium nicht gefunden oder nicht ausführbar (Debian-Paket chromium); "
                  "ohne --pdf entsteht der Bericht ohne PDF");
      return;
    }
    struct Job {
      PrintJob job;
      std::string label;
    };
    std::vector<Job> jobs;
    std::string head = def_.title + (def_.edition.empty() ? "" : " · Ausgabe " + def_.edition);
    std::string foot = def_.publisher;
    auto html = [&](std::string_view rel) { return fs::absolute(staging_ / std::string(rel)); };
    PrintJob whole{html(kPrintPage), staging_ / kReportPdf, head, "Gesamtbericht", foot};
    for (const auto& doc : chapters_) {
      std::string slug = doc.page.substr(8, doc.page.size() - 13);
      jobs.push_back(
          {{html(doc.page), staging_ / chapter_pdf(slug), head, doc.number + " " + doc.title_text, foot}, doc.file});
    }
    for (const auto& p : profiles_) {
      jobs.push_back(
          {{html(p.doc.page), staging_ / profile_pdf(p.region.region.code), head, "Profil " + p.doc.title_text, foot},
           p.region.region.code});
    }
    progress_.add("PDF", static_cast<int>(jobs.size()));
    PdfPrinter printer(opt_.chromium, threads);
    std::atomic<std::size_t> printed{0};
    {
      ThreadPool pool(threads);
      // The whole report first (it takes longest): printed, its headings
      // looked up, the contents numbered, printed again.
      progress_.add("PDF", 1);
      pool.submit([&] {
        auto ok = printer.print(whole);
        if (ok) {
          if (auto pages = pdf_page_texts(whole.pdf)) {
            auto numbers = find_heading_pages(*pages, chapters_);
            write(kPrintPage, site_->print_document(&numbers));
            ok = printer.print(whole);
          }
        }
        if (ok) {
          ++printed;
        } else {
          diag_.error({whole.html.string(), 0}, "PDF nicht erstellt: " + ok.error().message);
        }
        progress_.done("PDF");
      });
      for (const auto& j : jobs) {
        pool.submit([&, j] {
          if (auto ok = printer.print(j.job)) {
            ++printed;
          } else {
            diag_.error({j.job.html.string(), 0}, "PDF nicht erstellt: " + ok.error().message);
          }
          progress_.done("PDF");
        });
      }
    }
    stats_.pdfs = printed;
    stats_.browsers = printer.browsers_started();
  }

  int report_and_exit(int code) {
    progress_.finish();
    print_diagnostics();
    if (code != 0) {
      err_ << "Bericht nicht erstellt: " << diag_.error_count() << " Fehler";
      if (diag_.strict()) err_ << " (--strict)";
      err_ << "\n";
    }
    return code;
  }

  void print_diagnostics() {
    for (const auto& d : diag_.all()) err_ << d.text() << "\n";
  }

  const ReportBuildOptions& opt_;
  const Data& data_;
  std::ostream& out_;
  std::ostream& err_;
  Diagnostics diag_;
  Progress progress_;
  web::Templates templates_{opt_.root / "templates"};
  fs::path staging_;
  ReportDefinition def_;
  Glossary glossary_;
  GeoData geo_;
  std::vector<Document> chapters_;
  std::vector<Profile> profiles_;
  std::string profile_template_;
  std::string profile_file_;
  std::map<std::string, FigureRef> figure_refs_;
  std::unique_ptr<SiteWriter> site_;
  std::atomic<std::size_t> pages_written_{0};
  BuildStats stats_;
};

}  // namespace

int build_report(const ReportBuildOptions& options, const Data& data, std::ostream& out, std::ostream& err) {
  Build build(options, data, out, err);
  return build.run();
}

}  // namespace rf::report
