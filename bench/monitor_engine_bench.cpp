// In-process cost of indicator queries on the demo statistics (Google
// Benchmark), and the size of the statistics cube per observation.
//
//   rf_bench_monitor [--database URL] [benchmark flags]
//
// Without --database the shipped statistics (data/) are imported into a
// temporary SQLite database first. Targets: one query p50 ≤ 50 µs, ≤ 24 bytes
// per observation.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include "db/database.hpp"
#include "db/migrations.hpp"
#include "monitor/monitor.hpp"
#include "monitor/engine/indicator_state.hpp"
#include "monitor/indicators.hpp"

namespace {

rf::monitor::IndicatorView* view = nullptr;

void BM_KreisCounts(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(view->value("schulabgaenger_ohne_abschluss", "05913", "2023"));
  }
}
BENCHMARK(BM_KreisCounts);

void BM_RuhrFromCounts(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(view->value("schulabgaenger_ohne_abschluss", "ruhr", "2023"));
  }
}
BENCHMARK(BM_RuhrFromCounts);

void BM_RuhrBySex(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(view->value("schulabgaenger_ohne_abschluss", "ruhr", "2023", {"sex", "male"}));
  }
}
BENCHMARK(BM_RuhrBySex);

void BM_RuhrWeightedRates(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(view->value("kita_quote_u3", "ruhr", "2020"));
  }
}
BENCHMARK(BM_RuhrWeightedRates);

void BM_NrwFromGemeinden(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(view->value("schulen_sozialindex_6plus", "nrw", "2024/25"));
  }
}
BENCHMARK(BM_NrwFromGemeinden);

void BM_RuhrSeries28Years(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(view->series("schulabgaenger_ohne_abschluss", "ruhr"));
  }
}
BENCHMARK(BM_RuhrSeries28Years);

void BM_RankingOf15Kreise(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(view->ruhr_ranking("kita_quote_u3", "2020"));
  }
}
BENCHMARK(BM_RankingOf15Kreise);

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--database" && i + 1 < argc) {
      url = argv[++i];
    } else {
      args.push_back(argv[i]);
    }
  }
  const std::filesystem::path root = std::getenv("RF_ROOT") ? std::getenv("RF_ROOT") : RF_SOURCE_DIR;
  std::filesystem::path temp;
  if (url.empty()) {
    temp = std::filesystem::temp_directory_path() / ("rf-bench-monitor-" + std::to_string(::getpid()) + ".db");
    url = "sqlite:" + temp.string();
  }
  auto db = rf::db::open(url);
  rf::db::migrate(*db, (root / "migrations").string());
  std::ostringstream out, err;
  if (rf::monitor::import_shipped_statistics(*db, root, out, err) != 0) {
    std::cerr << err.str();
    return 1;
  }
  auto loaded = rf::monitor::load_indicators(*db, root / "data" / "indicators.yaml");
  view = &loaded;
  const auto& cube = rf::monitor::engine_of(loaded).cube();
  const double n = static_cast<double>(cube.observations());
  std::printf("cube: %zu observations, %zu series, %zu regions, %zu periods\n", cube.observations(),
              cube.series_count(), cube.region_count(), cube.period_count());
  std::printf("cube: %.1f bytes per observation in the columns (+ offsets), %.1f with dictionaries (target <= 24)\n",
              static_cast<double>(cube.column_bytes()) / n, static_cast<double>(cube.total_bytes()) / n);
  int bargc = static_cast<int>(args.size());
  benchmark::Initialize(&bargc, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!temp.empty()) std::filesystem::remove(temp);
  return 0;
}
