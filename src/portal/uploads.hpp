// Uploaded images and PDFs. The type is decided by the first bytes of the
// content, never by the file name or the browser's Content-Type. Files are
// stored once per content (SHA-256 name) under var_dir/uploads/ab/<hash>.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "portal/content_store.hpp"

namespace rf::portal {

enum class UploadKind { image, pdf };

inline constexpr std::size_t kMaxImageBytes = 5 * 1024 * 1024;
inline constexpr std::size_t kMaxPdfBytes = 50 * 1024 * 1024;

// "image/png", "image/jpeg", "image/webp", "application/pdf" or "" by magic bytes.
std::string sniff_media_type(std::string_view head);

struct Upload {
  std::string sha256;
  std::string media_type;
  std::int64_t size = 0;
  std::string original_name;
  std::int64_t created_at = 0;
};

struct UploadResult {
  std::optional<Upload> upload;
  std::string error;  // German message for the form when upload is empty
};

// Checks type and size, stores the bytes (if not stored already) and records
// the upload. `original_name` is only kept for display and downloads.
UploadResult store_upload(db::Database& db, const std::filesystem::path& var_dir, std::string_view data,
                          std::string_view original_name, UploadKind expected, const Actor& actor);
// The same for a file on disk (the server's temporary file of a multipart part).
UploadResult store_upload_file(db::Database& db, const std::filesystem::path& var_dir,
                               const std::filesystem::path& file, std::string_view original_name, UploadKind expected,
                               const Actor& actor);

std::filesystem::path upload_path(const std::filesystem::path& var_dir, std::string_view sha256);
std::optional<Upload> find_upload(db::Database& db, std::string_view sha256);
std::vector<Upload> list_uploads(db::Database& db, int limit);

// "/dateien/<hash>" — served by the portal with the stored media type.
std::string upload_url(std::string_view sha256);

}  // namespace rf::portal
