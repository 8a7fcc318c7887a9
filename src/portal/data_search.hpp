// The part of /suche that is not portal content: the monitor's indicators
// (title, definition, synonyms, id), its regions (the Kreise and kreisfreie
// Städte of the Ruhr and their municipalities), the tables of the dataset
// browser (title, code, statistic, publisher, column labels) and the built report's
// chapters and figures (a figure also by its five-digit web code).
//
// The index lives in memory: a few hundred entries of folded words, searched
// by scanning (well under a millisecond). It is rebuilt when the statistics
// change (a new monitor::IndicatorView snapshot, which follows the shared
// `cache_versions` row) or a new report build replaced codes.json, so every
// instance answers from its own copy without asking the database.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "web/web.hpp"

namespace rf::portal {

enum class DataKind { indicator, region, dataset, chapter, figure };

struct DataHit {
  DataKind kind = DataKind::indicator;
  std::string title;
  std::string summary;
  std::string url;
};

class DataSearch {
 public:
  explicit DataSearch(web::Services& services) : services_(services) {}

  // Entries matching every word of `query` (each a word prefix, case and
  // umlauts folded as in the content search), best first within each kind.
  std::vector<DataHit> find(std::string_view query);
  // The number of the index find() would use now (rebuilt first when the
  // statistics or the report build changed): it grows with every rebuild, so
  // a cache of search pages that keys on it sees every change of the data.
  std::uint64_t generation();

  struct Index;

 private:
  std::shared_ptr<const Index> current();

  web::Services& services_;
  std::mutex mutex_;
  std::shared_ptr<const Index> index_;
  std::uint64_t generation_ = 0;  // of index_; guarded by mutex_
};

}  // namespace rf::portal
