// Messages about a report's sources, each pointing at FILE:LINE. The build
// collects them from many threads; in strict mode every warning about missing
// data counts as an error, so one run shows every problem at once.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace rf::report {

// A place in a source file (1-based line; 0 when the file as a whole is meant).
struct SourceLocation {
  std::string file;
  int line = 0;
};

enum class Severity { warning, error };

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLocation where;
  std::string message;  // German

  // "reports/x/kapitel/02.md:14: Fehler: …"
  std::string text() const;
};

class Diagnostics {
 public:
  explicit Diagnostics(bool strict = false) : strict_(strict) {}

  bool strict() const { return strict_; }
  // A problem in the source itself (syntax, unknown directive): always an error.
  void error(const SourceLocation& where, std::string message);
  // Missing data (indicator, region, value): an error in strict mode, else a warning.
  void missing(const SourceLocation& where, std::string message);
  void warning(const SourceLocation& where, std::string message);

  std::size_t error_count() const;
  std::size_t warning_count() const;
  // Sorted by file and line, duplicates removed.
  std::vector<Diagnostic> all() const;

 private:
  void add(Severity severity, const SourceLocation& where, std::string message);

  bool strict_;
  mutable std::mutex mutex_;
  std::vector<Diagnostic> items_;
};

}  // namespace rf::report
