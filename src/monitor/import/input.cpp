#include "monitor/import/input.hpp"

#include <sodium.h>

#include <cstdio>
#include <filesystem>
#include <system_error>
#include <vector>

namespace rf::monitor {

namespace {

constexpr std::size_t kChunk = 1 << 20;

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

std::string to_hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return to_hex(digest, sizeof digest);
}

Result<std::shared_ptr<InputFile>> InputFile::open(const std::string& path, const std::string& display_name,
                                                   std::uint64_t max_bytes, std::optional<text::Encoding> forced) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return ImportError{display_name, 0,
                       "Die Datei lässt sich nicht lesen: es gibt sie nicht (oder sie ist keine gewöhnliche Datei)"};
  }
  std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return ImportError{display_name, 0, "Die Datei lässt sich nicht lesen (" + ec.message() + ")"};
  if (size == 0) return ImportError{display_name, 1, "Leere Datei: erwartet eine Statistiktabelle"};
  if (size > max_bytes) {
    return ImportError{display_name, 0,
                       "Die Datei hat " + std::to_string(size) + " Bytes, mehr als die Grenze von " +
                           std::to_string(max_bytes) + " Bytes (--max-size)"};
  }
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) return ImportError{display_name, 0, "Die Datei lässt sich nicht öffnen"};

  std::shared_ptr<InputFile> input(new InputFile());
  input->path_ = path;
  input->name_ = display_name;
  input->size_ = size;
  input->forced_ = forced.has_value();

  // First pass: hash and, unless forced, detect the encoding from every byte.
  if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  text::EncodingDetector detector;
  std::vector<char> buffer(kChunk);
  bool only_whitespace = true;
  while (true) {
    std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n == 0) break;
    crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char*>(buffer.data()), n);
    std::string_view chunk(buffer.data(), n);
    if (!forced) detector.feed(chunk);
    if (only_whitespace &&
        chunk.find_first_not_of(std::string_view(" \t\r\n\xEF\xBB\xBF", 7)) != std::string_view::npos) {
      only_whitespace = false;
    }
  }
  if (std::ferror(file.get())) return ImportError{display_name, 0, "Lesefehler beim Lesen der Datei"};
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  input->sha256_ = to_hex(digest, sizeof digest);
  input->encoding_ = forced ? *forced : detector.result();
  if (only_whitespace) return ImportError{display_name, 1, "Leere Datei: erwartet eine Statistiktabelle"};
  return input;
}

std::string InputFile::head(std::size_t bytes) const {
  FilePtr file(std::fopen(path_.c_str(), "rb"));
  if (!file) return {};
  std::string raw(bytes, '\0');
  raw.resize(std::fread(raw.data(), 1, raw.size(), file.get()));
  text::Utf8Converter converter(encoding_);
  std::string out;
  if (!converter.convert(raw, out)) {
    // Keep what decodes: convert the prefix before the bad line.
    out.clear();
    std::size_t line = converter.error_line();
    std::size_t pos = 0;
    for (std::size_t l = 1; l < line && pos != std::string::npos; ++l) {
      pos = raw.find('\n', pos);
      if (pos != std::string::npos) ++pos;
    }
    text::Utf8Converter again(encoding_);
    if (pos != std::string::npos) again.convert(std::string_view(raw).substr(0, pos), out);
  }
  return out;
}

text::CsvReader::Source InputFile::source() {
  struct State {
    FilePtr file;
    text::Utf8Converter converter;
    std::vector<char> buffer;
    bool done = false;
  };
  auto state = std::make_shared<State>(State{FilePtr(std::fopen(path_.c_str(), "rb")), text::Utf8Converter(encoding_),
                                             std::vector<char>(kChunk), false});
  decode_error_.reset();
  bytes_read_ = 0;
  if (!state->file) throw std::runtime_error("cannot reopen " + path_);
  // The InputFile outlives the readers it feeds (importers hold it by shared_ptr).
  return [this, state](std::string& out) -> bool {
    if (state->done) return false;
    std::size_t n = std::fread(state->buffer.data(), 1, state->buffer.size(), state->file.get());
    bytes_read_ += n;
    if (progress_) progress_(bytes_read_, size_);
    bool ok =
        n == 0 ? state->converter.finish() : state->converter.convert(std::string_view(state->buffer.data(), n), out);
    if (!ok) {
      std::string message = state->converter.error();
      if (encoding_ == text::Encoding::utf8) {
        message += forced_ ? " – die Datei wurde wie verlangt als UTF-8 gelesen; ist sie in Windows-1252?"
                           : " – ist die Datei in einer anderen Zeichenkodierung? Bitte die Kodierung angeben "
                             "(--encoding, auf der Importseite „Zeichenkodierung“)";
      }
      decode_error_ = ImportError{name_, state->converter.error_line(), message};
      state->done = true;
      return false;
    }
    if (n == 0) {
      state->done = true;
      return false;
    }
    return true;
  };
}

}  // namespace rf::monitor
