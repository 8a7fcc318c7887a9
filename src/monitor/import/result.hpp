// Errors in input files as values: a Result holds either the parsed thing or
// an ImportError that says which file, which line and what was expected.
#pragma once

#include <cstddef>
#include <string>

#include "text/result.hpp"

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

// Every reader of an import answers with one of these (text/result.hpp, with
// ImportError as its error); RF_TRY passes an error on.
template <class T>
using Result = text::Result<T, ImportError>;

}  // namespace rf::monitor
