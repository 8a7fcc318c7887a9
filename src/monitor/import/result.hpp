// Errors in input files as values: a Result holds either the parsed thing or
// an ImportError that says which file, which line and what was expected.
// (std::expected arrives with C++23; this is the small part of it we need.)
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace rf::monitor {

// The one shape of every error an import shows (the `import` command and the
// import page alike): the file, the line, the cell column where one is to
// blame, a German message saying what was expected and what was found, and
// the offending line quoted as it stands in the file. Importers fill file,
// line, column and message; the line is quoted afterwards from the file
// itself (importer.cpp), so no importer has to remember to.
struct ImportError {
  std::string file;
  std::size_t line = 0;    // 1-based; 0 when the problem is the file as a whole
  std::string message;     // German
  std::size_t column = 0;  // 1-based cell column; 0 when no single cell is to blame
  std::string quoted;      // the line's text (shortened); "" when not known

  // "FILE:LINE: Spalte C: message" (without column or line when unknown),
  // then the quoted line on a line of its own: "  Zeile LINE: „…“".
  std::string to_string() const {
    std::string out = file;
    if (line > 0) {
      out += ':';
      out += std::to_string(line);
    }
    out += ": ";
    if (column > 0) {
      out += "Spalte ";
      out += std::to_string(column);
      out += ": ";
    }
    out += message;
    if (!quoted.empty()) {
      out += "\n  Zeile ";
      out += std::to_string(line);
      out += ": „";
      out += quoted;
      out += "“";
    }
    return out;
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}            // NOLINT: implicit like std::expected
  Result(ImportError error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const ImportError& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, ImportError> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(ImportError error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const ImportError& error() const { return error_; }

 private:
  ImportError error_;
  bool ok_ = true;
};

// Propagates an error from an expression returning Result<…>.
#define RF_TRY(expr)                                         \
  do {                                                       \
    auto rf_try_result_ = (expr);                            \
    if (!rf_try_result_.ok()) return rf_try_result_.error(); \
  } while (0)

}  // namespace rf::monitor
