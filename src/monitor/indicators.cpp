// IndicatorView and the process-wide, version-checked cache behind it.
#include "monitor/indicators.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "db/database.hpp"
#include "db/pool.hpp"
#include "monitor/engine/indicator_state.hpp"
#include "monitor/store/dataset_table.hpp"
#include "monitor/store/statistics_store.hpp"
#include "text/files.hpp"

namespace rf::monitor {

// ---- the view ----

std::vector<const IndicatorInfo*> IndicatorView::list() const {
  std::vector<const IndicatorInfo*> out;
  if (!state_) return out;
  for (const auto& d : state_->engine->catalogue().indicators) out.push_back(&d.info);
  return out;
}

const IndicatorInfo* IndicatorView::find(std::string_view id) const {
  if (!state_) return nullptr;
  const auto* def = state_->engine->catalogue().find(id);
  return def ? &def->info : nullptr;
}

IndicatorValue IndicatorView::value(std::string_view indicator, std::string_view region, std::string_view period,
                                    const BreakdownGroup& breakdown) const {
  const IndicatorDef* def = state_ ? state_->engine->catalogue().find(indicator) : nullptr;
  if (!def) {
    IndicatorValue out;
    out.status = Status::not_applicable;
    out.notes.push_back("Unbekannter Indikator: " + std::string(indicator));
    return out;
  }
  return state_->engine->value(*def, region, period, breakdown);
}

std::vector<std::string> IndicatorView::periods(std::string_view indicator) const {
  const IndicatorDef* def = state_ ? state_->engine->catalogue().find(indicator) : nullptr;
  return def ? state_->engine->periods(*def) : std::vector<std::string>{};
}

std::vector<SeriesPoint> IndicatorView::series(std::string_view indicator, std::string_view region,
                                               const BreakdownGroup& breakdown) const {
  std::vector<SeriesPoint> out;
  const IndicatorDef* def = state_ ? state_->engine->catalogue().find(indicator) : nullptr;
  if (!def) return out;
  for (const auto& p : state_->engine->periods(*def)) {
    out.push_back({p, state_->engine->value(*def, region, p, breakdown)});
  }
  return out;
}

std::optional<std::string> IndicatorView::latest_period(std::string_view indicator, std::string_view region) const {
  const IndicatorDef* def = state_ ? state_->engine->catalogue().find(indicator) : nullptr;
  if (!def) return std::nullopt;
  auto periods = state_->engine->periods(*def);
  for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
    if (state_->engine->value(*def, region, *it).value) return *it;
  }
  return std::nullopt;
}

std::vector<RankEntry> IndicatorView::ruhr_ranking(std::string_view indicator, std::string_view period,
                                                   const BreakdownGroup& breakdown) const {
  std::vector<RankEntry> out;
  const IndicatorDef* def = state_ ? state_->engine->catalogue().find(indicator) : nullptr;
  if (!def) return out;
  const auto& engine = *state_->engine;
  auto values = engine.values(*def, engine.ruhr_kreise(), period, breakdown);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto& code = engine.ruhr_kreise()[i];
    RankEntry e;
    e.region = code;
    const Region* r = engine.regions().find(code);
    e.name = r ? r->name : code;
    e.value = std::move(values[i]);
    out.push_back(std::move(e));
  }
  const bool ascending = def->info.polarity == Polarity::down_is_good;
  std::stable_sort(out.begin(), out.end(), [ascending](const RankEntry& a, const RankEntry& b) {
    if (a.value.value.has_value() != b.value.value.has_value()) return a.value.value.has_value();
    if (!a.value.value) return false;
    return ascending ? *a.value.value < *b.value.value : *a.value.value > *b.value.value;
  });
  int rank = 0;
  for (auto& e : out) {
    if (e.value.value) e.rank = ++rank;
  }
  return out;
}

std::optional<RegionInfo> IndicatorView::region(std::string_view code_or_alias) const {
  if (!state_) return std::nullopt;
  const Region* r = state_->engine->regions().find(code_or_alias);
  if (!r) return std::nullopt;
  return RegionInfo{r->code, r->name, std::string(level_name(r->level)), r->parent};
}

std::vector<RegionInfo> IndicatorView::ruhr_kreise() const {
  std::vector<RegionInfo> out;
  if (!state_) return out;
  for (const auto& code : state_->engine->ruhr_kreise()) {
    if (auto r = region(code)) out.push_back(*r);
  }
  return out;
}

std::vector<RegionInfo> IndicatorView::ruhr_municipalities() const {
  std::vector<RegionInfo> out;
  if (!state_) return out;
  const auto& regions = state_->engine->regions();
  for (const auto& kreis : state_->engine->ruhr_kreise()) {
    for (const Region* r : regions.children(kreis)) {
      if (r->level == RegionLevel::municipality) out.push_back(RegionInfo{r->code, r->name, "municipality", r->parent});
    }
  }
  return out;
}

std::string IndicatorView::period_label(std::string_view period_key) {
  auto p = parse_period_key(period_key);
  return p ? p->label_de() : std::string(period_key);
}

std::optional<double> gap(const IndicatorValue& a, const IndicatorValue& b) {
  if (!a.value || !b.value) return std::nullopt;
  return *a.value - *b.value;
}

std::optional<double> ratio(const IndicatorValue& a, const IndicatorValue& b) {
  if (!a.value || !b.value || *b.value == 0) return std::nullopt;
  return *a.value / *b.value;
}

// ---- building states ----

CodeListsText code_lists_in_force(db::Database& db, const std::filesystem::path& data_dir) {
  if (auto row = db.query_one("SELECT id, yaml FROM code_lists ORDER BY id DESC LIMIT 1")) {
    return {row->text(1), "Fassung " + std::to_string(row->integer(0))};
  }
  const auto file = data_dir / "codelists.yaml";
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return {};
  return {text::read_file(file).value_or(""), "data/codelists.yaml"};
}

std::shared_ptr<const IndicatorView::State> build_state(db::Database& db, std::string catalogue_text,
                                                        std::string catalogue_origin, CodeListsText code_lists) {
  static std::atomic<std::uint64_t> serials{0};
  auto state = std::make_shared<IndicatorView::State>();
  state->serial = ++serials;
  auto parsed = parse_catalogue(catalogue_text);
  Catalogue catalogue;
  if (parsed.catalogue) {
    catalogue = std::move(*parsed.catalogue);
  } else {
    catalogue.text = std::move(catalogue_text);
    state->catalogue_errors = parsed.errors;
    for (const auto& e : parsed.errors) spdlog::error("indicator catalogue: {}", e);
  }
  state->catalogue_origin = std::move(catalogue_origin);
  Cube cube = load_cube(db);
  if (!code_lists.text.empty()) {
    auto lists = parse_code_lists(code_lists.text, code_lists.origin);
    if (lists.lists) {
      state->code_lists = std::move(*lists.lists);
      state->code_lists_origin = std::move(code_lists.origin);
      apply_code_lists(catalogue, state->code_lists, cube);
    } else {
      for (const auto& e : lists.errors) {
        spdlog::error("code lists: {}", e);
        state->catalogue_errors.push_back("Codelisten: " + e);
      }
    }
  }
  Engine::check_against_cube(catalogue, cube, state->catalogue_errors, state->catalogue_warnings);
  state->engine = std::make_unique<Engine>(std::move(catalogue), std::move(cube), read_region_register(db));
  return state;
}

std::optional<StoredCatalogue> read_stored_catalogue(db::Database& db) {
  auto row = db.query_one("SELECT id, yaml, uploaded_at FROM indicator_catalogues ORDER BY id DESC LIMIT 1");
  if (!row) return std::nullopt;
  return StoredCatalogue{row->integer(0), row->text(1), row->integer(2)};
}

IndicatorView load_indicators(db::Database& db, const std::filesystem::path& catalogue_file) {
  return IndicatorView(build_state(db, text::read_file(catalogue_file).value_or(""), catalogue_file.string(),
                                   code_lists_in_force(db, catalogue_file.parent_path())));
}

void bump_statistics_version(db::Database& db) {
  db.execute("UPDATE cache_versions SET version = version + 1 WHERE name = 'statistics'");
}

// ---- the process-wide cache ----

namespace {

struct CacheEntry {
  std::mutex mutex;        // guards the fields below
  std::mutex build_mutex;  // one rebuild at a time
  std::shared_ptr<const IndicatorView::State> state;
  std::uint64_t version = 0;
  std::int64_t last_import = 0;
  std::filesystem::file_time_type file_time{};
  std::chrono::steady_clock::time_point checked{};
};

std::mutex registry_mutex;
// By pool and database URL (a pool destroyed in a test may be followed by
// another at the same address).
std::map<std::pair<const db::Pool*, std::string>, std::unique_ptr<CacheEntry>> registry;

CacheEntry& entry_for(const db::Pool& pool) {
  std::lock_guard lock(registry_mutex);
  auto& e = registry[{&pool, pool.url()}];
  if (!e) e = std::make_unique<CacheEntry>();
  return *e;
}

std::filesystem::file_time_type file_time(const std::filesystem::path& path) {
  std::error_code ec;
  auto t = std::filesystem::last_write_time(path, ec);
  return ec ? std::filesystem::file_time_type{} : t;
}

// What this thread last got from the cache, with the time the cache had
// checked it: valid for the same second as the cache's own copy, so the
// values API does not take the cache's locks on every request (two worker
// threads contending for them made one request in a hundred wait). Weak, so
// that an idle thread does not keep a replaced cube alive.
struct LocalCopy {
  const db::Pool* pool = nullptr;
  std::string url;
  std::weak_ptr<const IndicatorView::State> state;
  std::chrono::steady_clock::time_point checked{};
};
thread_local LocalCopy local_copy;

// How long a checked cube is trusted before the version is read again: an import
// through one instance reaches every other within this plus the rebuild (two small
// queries per check, so checking often costs next to nothing).
constexpr std::chrono::milliseconds kVersionCheckInterval{250};

IndicatorView keep_local(const db::Pool& pool, std::shared_ptr<const IndicatorView::State> state,
                         std::chrono::steady_clock::time_point checked) {
  if (local_copy.pool != &pool || local_copy.url != pool.url()) {
    local_copy.pool = &pool;
    local_copy.url = pool.url();
  }
  local_copy.state = state;
  local_copy.checked = checked;
  return IndicatorView(std::move(state));
}

}  // namespace

std::uint64_t IndicatorView::serial() const { return state_ ? state_->serial : 0; }

IndicatorView current_indicators(db::Pool& pool, const std::filesystem::path& root) {
  using namespace std::chrono;
  if (local_copy.pool == &pool && steady_clock::now() - local_copy.checked < kVersionCheckInterval &&
      local_copy.url == pool.url()) {
    if (auto state = local_copy.state.lock()) return IndicatorView(std::move(state));
  }
  CacheEntry& entry = entry_for(pool);
  const auto file = root / "data" / "indicators.yaml";
  {
    std::lock_guard lock(entry.mutex);
    if (entry.state && steady_clock::now() - entry.checked < kVersionCheckInterval) {
      return keep_local(pool, entry.state, entry.checked);
    }
  }
  // Check the version (at most every kVersionCheckInterval) and rebuild when it changed.
  std::unique_lock build(entry.build_mutex, std::defer_lock);
  {
    std::lock_guard lock(entry.mutex);
    if (entry.state) {
      // Someone else is rebuilding: keep serving the current state.
      if (!build.try_lock()) return IndicatorView(entry.state);
    }
  }
  if (!build.owns_lock()) build.lock();
  std::shared_ptr<const IndicatorView::State> current;
  std::uint64_t known = 0;
  std::int64_t known_import = 0;
  std::filesystem::file_time_type known_time{};
  {
    std::lock_guard lock(entry.mutex);
    current = entry.state;
    known = entry.version;
    known_import = entry.last_import;
    known_time = entry.file_time;
    if (current && steady_clock::now() - entry.checked < kVersionCheckInterval) return IndicatorView(current);
  }
  try {
    auto db = pool.acquire();
    const auto version = read_statistics_version(*db);
    // Also the newest import: an import that did not bump the version (an
    // older command, a manual SQL load) still reaches every instance.
    auto newest = db->query_one("SELECT MAX(id) FROM imports");
    const std::int64_t last_import = newest && !newest->is_null(0) ? newest->integer(0) : 0;
    const auto mtime = std::max(file_time(file), file_time(root / "data" / "codelists.yaml"));
    if (!current || version != known || last_import != known_import || mtime != known_time) {
      const auto started = steady_clock::now();
      std::string text, origin;
      if (auto stored = read_stored_catalogue(*db)) {
        text = std::move(stored->yaml);
        origin = "hochgeladene Fassung " + std::to_string(stored->id);
      } else {
        text = text::read_file(file).value_or("");
        origin = "data/indicators.yaml";
      }
      current = build_state(*db, std::move(text), std::move(origin), code_lists_in_force(*db, root / "data"));
      spdlog::info("statistics cube rebuilt (version {}): {} observations, {} ms", version,
                   current->engine->cube().observations(),
                   duration_cast<milliseconds>(steady_clock::now() - started).count());
    }
    std::lock_guard lock(entry.mutex);
    entry.state = current;
    entry.version = version;
    entry.last_import = last_import;
    entry.file_time = mtime;
    entry.checked = steady_clock::now();
    return keep_local(pool, current, entry.checked);
  } catch (const std::exception& e) {
    spdlog::error("indicators: could not refresh the statistics cube: {}", e.what());
    std::lock_guard lock(entry.mutex);
    entry.checked = steady_clock::now();
    if (!entry.state) throw;
    current = entry.state;
  }
  return IndicatorView(current);
}

CubeRefresher::CubeRefresher(db::Pool& pool, std::filesystem::path root)
    : thread_([&pool, root = std::move(root)](std::stop_token stop) {
        std::mutex mutex;
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
          try {
            current_indicators(pool, root);  // checks the version; rebuilds on a change
          } catch (const std::exception& e) {
            spdlog::warn("indicators: background check failed: {}", e.what());
          }
          std::unique_lock lock(mutex);
          wake.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
        }
      }) {}

CubeRefresher::~CubeRefresher() = default;  // the jthread asks the loop to stop and joins it

}  // namespace rf::monitor

namespace rf::monitor {

std::vector<DatasetSummary> published_datasets(db::Database& db) {
  std::vector<DatasetSummary> out;
  for (auto& d : list_datasets(db)) {
    DatasetSummary s{std::move(d.code), std::move(d.title), std::move(d.statistic), std::move(d.publisher), {}};
    for (auto& column : dataset_series(db, d.id)) s.columns.push_back(std::move(column.label));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace rf::monitor
