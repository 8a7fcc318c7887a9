#include "report/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace rf::report {

std::string Diagnostic::text() const {
  std::string out = where.file;
  if (where.line > 0) out += ":" + std::to_string(where.line);
  out += severity == Severity::error ? ": Fehler: " : ": Warnung: ";
  out += message;
  return out;
}

void Diagnostics::error(const SourceLocation& where, std::string message) {
  add(Severity::error, where, std::move(message));
}

void Diagnostics::missing(const SourceLocation& where, std::string message) {
  add(strict_ ? Severity::error : Severity::warning, where, std::move(message));
}

void Diagnostics::warning(const SourceLocation& where, std::string message) {
  add(Severity::warning, where, std::move(message));
}

void Diagnostics::add(Severity severity, const SourceLocation& where, std::string message) {
  std::lock_guard lock(mutex_);
  items_.push_back({severity, where, std::move(message)});
}

std::size_t Diagnostics::error_count() const {
  auto items = all();
  return std::count_if(items.begin(), items.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t Diagnostics::warning_count() const {
  auto items = all();
  return std::count_if(items.begin(), items.end(), [](const Diagnostic& d) { return d.severity == Severity::warning; });
}

std::vector<Diagnostic> Diagnostics::all() const {
  std::vector<Diagnostic> items;
  {
    std::lock_guard lock(mutex_);
    items = items_;
  }
  auto key = [](const Diagnostic& d) { return std::tie(d.where.file, d.where.line, d.severity, d.message); };
  std::sort(items.begin(), items.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  items.erase(std::unique(items.begin(), items.end(),
                          [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
              items.end());
  return items;
}

}  // namespace rf::report
