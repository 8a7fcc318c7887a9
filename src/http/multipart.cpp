#include "http/multipart.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <system_error>

#include "text/strings.hpp"

namespace rf::http {
namespace {

// Reads a header parameter value at the start of s: a quoted-string (with
// backslash escapes) or a token up to ';'. Advances s past it.
std::string read_param_value(std::string_view& s) {
  std::string value;
  if (!s.empty() && s.front() == '"') {
    std::size_t i = 1;
    for (; i < s.size() && s[i] != '"'; ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) ++i;
      value.push_back(s[i]);
    }
    s.remove_prefix(std::min(i + 1, s.size()));
  } else {
    std::size_t end = s.find(';');
    value = std::string(text::trim_blanks(s.substr(0, end)));
    s.remove_prefix(end == std::string_view::npos ? s.size() : end);
  }
  return value;
}

// Finds parameter `name` in "type; a=1; b=\"x; y\"" (case-insensitive name).
std::optional<std::string> header_param(std::string_view header, std::string_view name) {
  std::size_t semi = header.find(';');
  if (semi == std::string_view::npos) return std::nullopt;
  std::string_view rest = header.substr(semi + 1);
  while (!rest.empty()) {
    rest = text::trim_blanks(rest);
    std::size_t eq = rest.find('=');
    std::size_t next_semi = rest.find(';');
    if (eq == std::string_view::npos || (next_semi != std::string_view::npos && next_semi < eq)) {
      // A parameter without value: skip it.
      if (next_semi == std::string_view::npos) break;
      rest.remove_prefix(next_semi + 1);
      continue;
    }
    std::string_view key = text::trim_blanks(rest.substr(0, eq));
    rest.remove_prefix(eq + 1);
    rest = text::trim_blanks(rest);
    std::string value = read_param_value(rest);
    if (text::iequals(key, name)) return value;
    std::size_t after = rest.find(';');
    if (after == std::string_view::npos) break;
    rest.remove_prefix(after + 1);
  }
  return std::nullopt;
}

bool valid_boundary(std::string_view b) {
  static constexpr std::string_view kExtra = "'()+_,-./:=? ";
  if (b.empty() || b.size() > 70 || b.back() == ' ') return false;
  return std::all_of(b.begin(), b.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           kExtra.find(c) != std::string_view::npos;
  });
}

// "C:\\Users\\x\\Bericht.pdf" (old browsers) -> "Bericht.pdf".
std::string base_name(std::string_view filename) {
  std::size_t cut = filename.find_last_of("/\\");
  return std::string(cut == std::string_view::npos ? filename : filename.substr(cut + 1));
}

struct PartHeaders {
  std::optional<std::string> name;
  std::optional<std::string> filename;
  std::string content_type;
  bool form_data = false;
};

PartHeaders parse_part_headers(std::string_view block) {
  PartHeaders out;
  while (!block.empty()) {
    std::size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block.remove_prefix(eol == std::string_view::npos ? block.size() : eol + 2);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = text::trim_blanks(line.substr(0, colon));
    std::string_view value = text::trim_blanks(line.substr(colon + 1));
    if (text::iequals(name, "Content-Disposition")) {
      out.form_data = text::iequals(text::trim_blanks(value.substr(0, value.find(';'))), "form-data");
      out.name = header_param(value, "name");
      out.filename = header_param(value, "filename");
    } else if (text::iequals(name, "Content-Type")) {
      out.content_type = std::string(value);
    }
  }
  return out;
}

// Splits the body; files are owned by `temps` until parsing succeeded.
class Splitter {
 public:
  Splitter(std::string_view body, std::string_view boundary, const std::filesystem::path& temp_dir,
           const MultipartLimits& limits)
      : body_(body), delimiter_("--" + std::string(boundary)), temp_dir_(temp_dir), limits_(limits) {}

  MultipartResult run() {
    MultipartResult result;
    result.error = split(result);
    if (result.ok()) {
      for (auto& t : temps_) t->release();
    } else {
      result.files.clear();  // temps_ delete the files
      result.fields = Params();
    }
    return result;
  }

 private:
  std::string split(MultipartResult& result) {
    std::size_t pos;
    if (body_.starts_with(delimiter_)) {
      pos = delimiter_.size();
    } else {
      std::size_t first = body_.find("\r\n" + delimiter_);
      if (first == std::string_view::npos) return "Mehrteiliger Inhalt ohne Trennzeile (boundary)";
      pos = first + 2 + delimiter_.size();
    }
    for (std::size_t parts = 0;; ++parts) {
      if (body_.substr(pos, 2) == "--") return "";  // close delimiter; the epilogue is ignored
      if (parts == limits_.max_parts) return "Zu viele Teile im mehrteiligen Inhalt";
      while (pos < body_.size() && (body_[pos] == ' ' || body_[pos] == '\t')) ++pos;  // transport padding
      if (body_.substr(pos, 2) != "\r\n") {
        return pos >= body_.size() ? "Mehrteiliger Inhalt unvollständig" : "Fehlerhafte Trennzeile";
      }
      pos += 2;
      std::string error = part(pos, result);
      if (!error.empty()) return error;
    }
  }

  // Parses the part starting at pos; leaves pos just after its delimiter.
  std::string part(std::size_t& pos, MultipartResult& result) {
    std::string_view header_block;
    if (body_.substr(pos, 2) == "\r\n") {
      pos += 2;  // a part without headers
    } else {
      std::size_t end = body_.find("\r\n\r\n", pos);
      if (end == std::string_view::npos) return "Mehrteiliger Inhalt unvollständig (Kopfzeilen)";
      if (end - pos > limits_.max_part_header_bytes) return "Kopfzeilen eines Teils zu groß";
      header_block = body_.substr(pos, end - pos);
      pos = end + 4;
    }
    std::size_t content_end = body_.find("\r\n" + delimiter_, pos);
    if (content_end == std::string_view::npos) return "Mehrteiliger Inhalt unvollständig (Teil ohne Ende)";
    std::string_view content = body_.substr(pos, content_end - pos);
    pos = content_end + 2 + delimiter_.size();

    PartHeaders headers = parse_part_headers(header_block);
    if (!headers.form_data || !headers.name) return "Teil ohne Content-Disposition: form-data; name";
    if (!headers.filename) {
      result.fields.add(*headers.name, std::string(content));
      return "";
    }
    if (headers.filename->empty() && content.empty()) return "";  // no file chosen
    auto temp = std::make_unique<TempFile>(temp_dir_);
    temp->write(content);
    temp->close();
    result.files.push_back(
        UploadedFile{*headers.name, base_name(*headers.filename), headers.content_type, temp->path(), content.size()});
    temps_.push_back(std::move(temp));
    return "";
  }

  std::string_view body_;
  std::string delimiter_;
  const std::filesystem::path& temp_dir_;
  const MultipartLimits& limits_;
  std::vector<std::unique_ptr<TempFile>> temps_;
};

// A read-only memory mapping of a whole file.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + path.string());
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      size_ = static_cast<std::size_t>(st.st_size);
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      data_ = (p == MAP_FAILED) ? nullptr : static_cast<const char*>(p);
    }
    ::close(fd);
    if (size_ > 0 && data_ == nullptr) throw std::system_error(errno, std::generic_category(), "mmap");
  }
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view view() const { return data_ ? std::string_view(data_, size_) : std::string_view(); }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace

bool is_multipart_form_data(std::string_view content_type) {
  return text::iequals(text::trim_blanks(content_type.substr(0, content_type.find(';'))), "multipart/form-data");
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  std::optional<std::string> boundary = header_param(content_type, "boundary");
  if (!boundary || !valid_boundary(*boundary)) return std::nullopt;
  return boundary;
}

MultipartResult parse_multipart(std::string_view body, std::string_view boundary, const std::filesystem::path& temp_dir,
                                const MultipartLimits& limits) {
  if (!valid_boundary(boundary)) {
    MultipartResult result;
    result.error = "Ungültige Trennzeile (boundary)";
    return result;
  }
  return Splitter(body, boundary, temp_dir, limits).run();
}

MultipartResult parse_multipart_file(const std::filesystem::path& body_file, std::string_view boundary,
                                     const std::filesystem::path& temp_dir, const MultipartLimits& limits) {
  MappedFile mapped(body_file);
  return parse_multipart(mapped.view(), boundary, temp_dir, limits);
}

void remove_uploaded_files(const std::vector<UploadedFile>& files) {
  for (const UploadedFile& f : files) {
    std::error_code ignored;
    std::filesystem::remove(f.path, ignored);
  }
}

TempFile::TempFile(const std::filesystem::path& dir, std::string_view prefix) {
  std::string pattern = (dir / (std::string(prefix) + "XXXXXX")).string();
  fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "mkstemp in " + dir.string());
  path_ = pattern;
}

TempFile::~TempFile() {
  close();
  if (!keep_) {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
}

void TempFile::write(std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "write " + path_.string());
    }
    data.remove_prefix(static_cast<std::size_t>(n));
    size_ += static_cast<std::size_t>(n);
  }
}

void TempFile::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::filesystem::path TempFile::release() {
  keep_ = true;
  return path_;
}

}  // namespace rf::http
