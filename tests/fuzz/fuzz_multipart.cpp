// libFuzzer target: multipart/form-data bodies (the server's parser for uploads).
// The first line of the input is the Content-Type header, the rest the body.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "http/multipart.hpp"

namespace {
const std::filesystem::path& temp_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("rf-fuzz-multipart-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto eol = input.find('\n');
  if (eol == std::string_view::npos) return 0;
  std::string_view content_type = input.substr(0, eol);
  std::string_view body = input.substr(eol + 1);
  if (!rf::http::is_multipart_form_data(content_type)) return 0;
  auto boundary = rf::http::multipart_boundary(content_type);
  if (!boundary) return 0;
  rf::http::MultipartLimits limits;
  limits.max_parts = 50;
  auto result = rf::http::parse_multipart(body, *boundary, temp_dir(), limits);
  for (const auto& file : result.files) {
    // A file part's size is what was written to its file.
    if (std::filesystem::file_size(file.path) != file.size) __builtin_trap();
  }
  rf::http::remove_uploaded_files(result.files);
  // On error no file may be left behind.
  if (!result.ok() && !std::filesystem::is_empty(temp_dir())) __builtin_trap();
  return 0;
}
