// multipart/form-data (RFC 7578): the server streams such a body to a
// temporary file, then parse_multipart_file() splits it into form fields and
// uploaded files, each file part again in its own temporary file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace rf::http {

// True for "multipart/form-data" whatever the parameters and letter case.
bool is_multipart_form_data(std::string_view content_type);
// The boundary parameter (unquoted) of a multipart Content-Type; nullopt when
// it is missing or not a valid boundary (1..70 characters).
std::optional<std::string> multipart_boundary(std::string_view content_type);

struct MultipartLimits {
  std::size_t max_parts = 1000;
  std::size_t max_part_header_bytes = 16 * 1024;
};

// Result of parsing: the fields and files, or an error message for a 400.
struct MultipartResult {
  Params fields;
  std::vector<UploadedFile> files;
  std::string error;  // empty on success
  bool ok() const { return error.empty(); }
};

// Splits a complete multipart body. File parts are written to new files in
// temp_dir; on error no file is left behind. A file input left empty by the
// user (empty filename, no content) yields no UploadedFile.
MultipartResult parse_multipart(std::string_view body, std::string_view boundary, const std::filesystem::path& temp_dir,
                                const MultipartLimits& limits = {});
// The same for a body stored in a file (memory-mapped, not read into the heap).
MultipartResult parse_multipart_file(const std::filesystem::path& body_file, std::string_view boundary,
                                     const std::filesystem::path& temp_dir, const MultipartLimits& limits = {});

// Deletes the files of a request (ignores files a handler moved away).
void remove_uploaded_files(const std::vector<UploadedFile>& files);

// A file created with a unique name in a directory, deleted on destruction
// unless release()d. Used for request bodies and uploaded parts.
class TempFile {
 public:
  explicit TempFile(const std::filesystem::path& dir, std::string_view prefix = "rf-upload-");
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  // Appends bytes; throws std::system_error on I/O failure (disk full).
  void write(std::string_view data);
  // Closes the descriptor; the file stays until destruction.
  void close();
  // Keeps the file: the destructor no longer deletes it.
  std::filesystem::path release();

  const std::filesystem::path& path() const { return path_; }
  std::size_t size() const { return size_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::size_t size_ = 0;
  bool keep_ = false;
};

}  // namespace rf::http
