// One entry point for all statistics files: the format is detected from the
// first lines, the encoding from the bytes (or forced), and the matching
// importer streams the file into a sink.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "monitor/model/parsed_table.hpp"
#include "monitor/import/result.hpp"
#include "monitor/model/region.hpp"
#include "text/encoding.hpp"

namespace rf::monitor {

inline constexpr std::uint64_t kDefaultMaxFileSize = 4ULL << 30;  // 4 GiB

struct ParseOptions {
  std::optional<text::Encoding> encoding;  // forced; detected when empty
  std::uint64_t max_file_size = kDefaultMaxFileSize;
  // Region codes the register lacks are added provisionally (historic Kreise,
  // Berlin districts, newer municipalities) when their Land is known and the
  // file names them; false makes every unknown code an error.
  bool allow_new_regions = true;
  // INKAR metadata file; empty: looked for beside the data file.
  std::string inkar_meta;
  // The sheet of an XLSX workbook to read; empty: the first (a warning names
  // the others).
  std::string sheet;
  // Called with (bytes read, file size) while a file is read.
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

struct DetectedFormat {
  Format format = Format::genesis_table;
  char delimiter = ';';
};

// Recognises the format from the first decoded lines. `file` names the file
// in errors.
Result<DetectedFormat> detect_format(std::string_view head, const std::string& file);

// Imports one file into `sink`: a CSV file in any of the formats, or an
// XLSX workbook holding one (see workbook.hpp). `display_name` is how errors name it
// (usually the path as given on the command line). `regions` may be null for
// pure parsing (codes are then only checked for their shape).
Result<FileSummary> import_file(const std::string& path, const std::string& display_name, const ParseOptions& options,
                                RegionRegister* regions, ImportSink& sink);

// The same for UTF-8 text in memory; `base_name` stands in for the file name.
Result<FileSummary> import_text(std::string text, const std::string& base_name, const ParseOptions& options,
                                RegionRegister* regions, ImportSink& sink);

// Convenience: a whole file into a ParsedTable.
Result<ParsedTable> parse_file(const std::string& path, const ParseOptions& options = {},
                               RegionRegister* regions = nullptr);
Result<ParsedTable> parse_text(std::string text, const std::string& base_name, const ParseOptions& options = {},
                               RegionRegister* regions = nullptr);

}  // namespace rf::monitor
