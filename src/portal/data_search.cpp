#include "portal/data_search.hpp"

#include <algorithm>
#include <system_error>

#include "monitor/indicators.hpp"
#include "portal/folding.hpp"
#include "report/report.hpp"

namespace rf::portal {

namespace fs = std::filesystem;

struct DataSearch::Index {
  struct Entry {
    DataHit hit;
    std::vector<std::string> title_words;  // folded
    std::vector<std::string> words;        // folded: everything else searchable
    std::string code;                      // a figure's web code
  };
  std::uint64_t serial = 0;  // of the statistics snapshot it was built from
  fs::file_time_type report_time{};
  std::uint64_t generation = 0;
  std::vector<Entry> entries;
};

namespace {

using Entry = DataSearch::Index::Entry;

void add_words(std::vector<std::string>& to, std::string_view text) {
  for (auto& w : search_words(text)) to.push_back(std::move(w));
}

Entry entry(DataKind kind, std::string title, std::string summary, std::string url) {
  Entry e;
  e.title_words = search_words(title);
  e.hit = {kind, std::move(title), std::move(summary), std::move(url)};
  return e;
}

void add_indicators(std::vector<Entry>& out, const monitor::IndicatorView& view) {
  for (const auto* info : view.list()) {
    auto e = entry(DataKind::indicator, info->title, info->definition, "/monitor/indikatoren/" + info->id);
    add_words(e.words, info->definition);
    for (const auto& synonym : info->synonyms) add_words(e.words, synonym);
    add_words(e.words, info->id);  // "kinderarmut_u15" finds "Kinderarmut"
    add_words(e.words, monitor::stage_label(info->stage));
    out.push_back(std::move(e));
  }
}

void add_regions(std::vector<Entry>& out, const monitor::IndicatorView& view) {
  for (const auto& kreis : view.ruhr_kreise()) {
    bool city = kreis.name.find("Kreis") == std::string::npos;
    auto e = entry(
        DataKind::region, kreis.name,
        std::string(city ? "Kreisfreie Stadt" : "Kreis") + " in der Metropole Ruhr · Regionalschlüssel " + kreis.code,
        "/monitor/regionen/" + kreis.code);
    add_words(e.words, kreis.code);
    add_words(e.words, city ? "kreisfreie Stadt" : "Kreis");
    out.push_back(std::move(e));
  }
  for (const auto& gemeinde : view.ruhr_municipalities()) {
    auto kreis = view.region(gemeinde.code.substr(0, 5));
    std::string within = kreis ? kreis->name : gemeinde.code.substr(0, 5);
    auto e = entry(DataKind::region, gemeinde.name,
                   (within == gemeinde.name ? std::string("Gemeinde, kreisfreie Stadt") : "Gemeinde · " + within) +
                       " · Gemeindeschlüssel " + gemeinde.code,
                   "/monitor/regionen/" + gemeinde.code);
    add_words(e.words, gemeinde.code);
    add_words(e.words, within);
    out.push_back(std::move(e));
  }
}

void add_datasets(std::vector<Entry>& out, const std::vector<monitor::DatasetSummary>& datasets) {
  for (const auto& d : datasets) {
    std::string summary = "Tabelle " + d.code + (d.publisher.empty() ? "" : " · " + d.publisher) +
                          (d.statistic.empty() ? "" : " · " + d.statistic);
    auto e = entry(DataKind::dataset, d.title.empty() ? d.code : d.title, std::move(summary),
                   "/daten/datensaetze/" + http::url_encode(d.code));
    add_words(e.words, d.code);
    add_words(e.words, d.statistic);
    add_words(e.words, d.publisher);
    for (const auto& column : d.columns) add_words(e.words, column);
    out.push_back(std::move(e));
  }
}

void add_report(std::vector<Entry>& out, const report::PublishedReport& report) {
  std::string name = report.title + (report.edition.empty() ? "" : " " + report.edition);
  for (const auto& c : report.chapters) {
    auto e = entry(DataKind::chapter, c.number + " " + c.title, "Kapitel des " + name, c.url);
    add_words(e.words, name);
    out.push_back(std::move(e));
  }
  for (const auto& f : report.figures) {
    auto e = entry(DataKind::figure, f.title, f.place + " · Webcode " + f.code, f.url);
    e.code = f.code;
    // Profile figures repeat the chapters' titles once per region: found by their web code only.
    if (f.place.rfind("Kapitel", 0) != 0) e.title_words.clear();
    out.push_back(std::move(e));
  }
}

bool has_prefix(const std::vector<std::string>& words, const std::string& prefix) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return w.rfind(prefix, 0) == 0; });
}

}  // namespace

std::shared_ptr<const DataSearch::Index> DataSearch::current() {
  auto view = monitor::current_indicators(services_.pool, services_.settings.root);
  fs::path dir = report::served_report_dir(services_);
  std::error_code ec;
  auto report_time = fs::last_write_time(dir / "codes.json", ec);
  if (ec) report_time = {};
  std::lock_guard lock(mutex_);
  if (index_ && index_->serial == view.serial() && index_->report_time == report_time) return index_;
  auto index = std::make_shared<Index>();
  index->serial = view.serial();
  index->report_time = report_time;
  add_indicators(index->entries, view);
  add_regions(index->entries, view);
  {
    // Datasets change only with an import, which also renews the view.
    auto db = services_.pool.acquire();
    add_datasets(index->entries, monitor::published_datasets(*db));
  }
  if (auto report = report::read_published_report(dir)) add_report(index->entries, *report);
  index->generation = ++generation_;
  index_ = std::move(index);
  return index_;
}

std::uint64_t DataSearch::generation() { return current()->generation; }

std::vector<DataHit> DataSearch::find(std::string_view query) {
  auto words = search_words(query);
  if (words.empty()) return {};
  if (words.size() > 8) words.resize(8);
  auto index = current();
  struct Scored {
    int score;
    std::size_t order;
    const Entry* entry;
  };
  std::vector<Scored> found;
  for (std::size_t i = 0; i < index->entries.size(); ++i) {
    const Entry& e = index->entries[i];
    if (words.size() == 1 && !e.code.empty() && words[0] == e.code) {
      found.push_back({100, i, &e});
      continue;
    }
    int score = 0;
    bool all = true;
    for (const auto& w : words) {
      if (has_prefix(e.title_words, w)) {
        score += 2;
      } else if (has_prefix(e.words, w)) {
        score += 1;
      } else {
        all = false;
        break;
      }
    }
    if (all) found.push_back({score, i, &e});
  }
  std::stable_sort(found.begin(), found.end(), [](const Scored& a, const Scored& b) {
    if (a.entry->hit.kind != b.entry->hit.kind) return a.entry->hit.kind < b.entry->hit.kind;
    return a.score > b.score;
  });
  std::vector<DataHit> hits;
  hits.reserve(found.size());
  for (const auto& s : found) hits.push_back(s.entry->hit);
  return hits;
}

}  // namespace rf::portal
