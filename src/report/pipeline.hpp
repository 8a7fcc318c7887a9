// The build pipeline: definition → chapters and profiles prepared in
// parallel (figures built and numbered) → web codes assigned over the whole
// report → pages, exports and print document rendered in parallel → PDFs
// printed in parallel (one Chromium per core at most). The output is
// written to a fresh folder next to --out and swapped in at the end
// (renameat2 RENAME_EXCHANGE), so a server never sees half a report.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "report/diagnostics.hpp"

namespace rf::report {

struct BuildStats {
  std::size_t chapters = 0;
  std::size_t profiles = 0;
  std::size_t figures = 0;  // figures and tables, chapters and profiles
  std::size_t pages = 0;
  std::size_t pdfs = 0;
  unsigned browsers = 0;
  double seconds = 0;
};

}  // namespace rf::report
