// Reading an input file: size limit, SHA-256, encoding detection, and the
// decoded UTF-8 text in chunks for the CSV reader.
//
// The file is read twice: a first pass hashes it and (unless the encoding is
// forced) decides the encoding from all of its bytes; the second pass
// converts chunk by chunk while the importer parses. Neither pass holds the
// file whole.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "monitor/import/result.hpp"
#include "text/csv.hpp"
#include "text/encoding.hpp"

namespace rf::monitor {

class InputFile {
 public:
  // `display_name` is how errors name the file. Fails for missing, empty or
  // too large files. With `forced` the encoding is not detected (conversion
  // errors then surface while reading, with their line).
  static Result<std::shared_ptr<InputFile>> open(const std::string& path, const std::string& display_name,
                                                 std::uint64_t max_bytes, std::optional<text::Encoding> forced);

  const std::string& path() const { return path_; }
  const std::string& name() const { return name_; }
  std::uint64_t size() const { return size_; }
  const std::string& sha256() const { return sha256_; }
  text::Encoding encoding() const { return encoding_; }
  bool encoding_forced() const { return forced_; }

  // The first bytes decoded (up to about `bytes`), for format detection.
  // Invalid input yields what could be decoded.
  std::string head(std::size_t bytes) const;

  // A fresh source of the whole decoded text for a CsvReader. A conversion
  // error ends the text early and is kept in decode_error().
  text::CsvReader::Source source();
  const std::optional<ImportError>& decode_error() const { return decode_error_; }
  std::uint64_t bytes_read() const { return bytes_read_; }
  // Called with (bytes read, total) as the source advances.
  void on_progress(std::function<void(std::uint64_t, std::uint64_t)> callback) { progress_ = std::move(callback); }

 private:
  InputFile() = default;
  std::string path_;
  std::string name_;
  std::uint64_t size_ = 0;
  std::string sha256_;
  text::Encoding encoding_ = text::Encoding::utf8;
  bool forced_ = false;
  std::optional<ImportError> decode_error_;
  std::uint64_t bytes_read_ = 0;
  std::function<void(std::uint64_t, std::uint64_t)> progress_;
};

// Hex SHA-256 of a byte string (libsodium).
std::string sha256_hex(std::string_view bytes);

}  // namespace rf::monitor
