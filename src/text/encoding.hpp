// Character encodings of the files official statistics come in, and their
// conversion to UTF-8 (the only encoding used inside the program).
//
// GENESIS tables come as Windows-1252, flat files and INKAR as UTF-8 (with or
// without a byte order mark), the MSB school lists sometimes as DOS code page
// 850. Detection: a BOM or valid UTF-8 means UTF-8; otherwise the file is a
// single-byte encoding, and the German letters decide between cp850 and
// Windows-1252 (ä ö ü ß sit at different bytes in the two).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rf::text {

enum class Encoding { utf8, cp1252, latin1, cp850 };

// "utf-8", "windows-1252", "iso-8859-1", "cp850".
std::string_view encoding_name(Encoding encoding);
// Accepts the usual spellings: utf8, UTF-8, cp1252, windows-1252, latin1,
// iso-8859-1, latin-1, cp850, ibm850, dos-850 (case-insensitive).
std::optional<Encoding> parse_encoding_name(std::string_view name);

// Counts evidence while a file is read in chunks; result() decides.
class EncodingDetector {
 public:
  void feed(std::string_view bytes);
  // UTF-8 when a BOM was seen or every byte sequence was valid UTF-8.
  Encoding result() const;
  bool has_bom() const { return bom_; }
  bool valid_utf8() const { return valid_utf8_ && pending_ == 0; }

 private:
  bool started_ = false;
  bool bom_ = false;
  bool valid_utf8_ = true;
  int pending_ = 0;  // continuation bytes still expected
  std::uint32_t code_point_ = 0;
  int sequence_length_ = 0;
  std::size_t cp850_letters_ = 0;
  std::size_t cp1252_letters_ = 0;
};

Encoding detect_encoding(std::string_view bytes);

// Converts chunk by chunk to UTF-8. UTF-8 input is validated (a BOM at the
// start is dropped); the first invalid byte stops the conversion and
// error_line() tells on which 1-based line of the input it is.
class Utf8Converter {
 public:
  explicit Utf8Converter(Encoding from) : from_(from) {}
  // Appends the converted chunk to out; false on invalid input.
  bool convert(std::string_view in, std::string& out);
  // Call at the end of the input: false when it stopped inside a sequence.
  bool finish();
  std::size_t error_line() const { return error_line_; }
  const std::string& error() const { return error_; }
  Encoding encoding() const { return from_; }

 private:
  bool convert_utf8(std::string_view in, std::string& out);
  void fail(std::string_view in, std::size_t at, std::string message);

  Encoding from_;
  bool started_ = false;
  std::size_t lines_before_ = 0;  // line breaks in earlier chunks
  std::string carry_;             // an incomplete UTF-8 sequence from the last chunk
  std::size_t error_line_ = 0;
  std::string error_;
};

// Whole-string helpers; nullopt with *error_line set on invalid UTF-8 input.
std::optional<std::string> to_utf8(std::string_view in, Encoding from, std::size_t* error_line = nullptr);
// Offset of the first byte that is not part of valid UTF-8, or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);
// Appends the UTF-8 form of a code point.
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace rf::text
