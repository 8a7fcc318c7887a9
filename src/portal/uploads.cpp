#include "portal/uploads.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "web/accounts.hpp"
#include "text/files.hpp"
#include "web/audit.hpp"

namespace rf::portal {
namespace {

bool starts_with_bytes(std::string_view data, std::string_view magic) {
  return data.size() >= magic.size() && data.substr(0, magic.size()) == magic;
}

bool is_hash(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string format_mb(std::size_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MB"; }

// Only the last path component, without control characters (for display).
std::string clean_name(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f && c != '"') out.push_back(c);
  }
  if (out.size() > 200) out.resize(200);
  return out;
}

}  // namespace

std::string sniff_media_type(std::string_view head) {
  if (starts_with_bytes(head, std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  if (starts_with_bytes(head, "\xFF\xD8\xFF")) return "image/jpeg";
  if (head.size() >= 12 && head.substr(0, 4) == "RIFF" && head.substr(8, 4) == "WEBP") return "image/webp";
  if (starts_with_bytes(head, "%PDF-")) return "application/pdf";
  return "";
}

std::filesystem::path upload_path(const std::filesystem::path& var_dir, std::string_view sha256) {
  return var_dir / "uploads" / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

std::string upload_url(std::string_view sha256) { return "/dateien/" + std::string(sha256); }

UploadResult store_upload(db::Database& db, const std::filesystem::path& var_dir, std::string_view data,
                          std::string_view original_name, UploadKind expected, const Actor& actor) {
  UploadResult result;
  const std::size_t max = expected == UploadKind::image ? kMaxImageBytes : kMaxPdfBytes;
  std::string type = sniff_media_type(data);
  if (data.empty()) {
    result.error = "Die Datei ist leer.";
    return result;
  }
  if (expected == UploadKind::image && type.rfind("image/", 0) != 0) {
    result.error = "Bitte laden Sie ein Bild im Format PNG, JPEG oder WebP hoch.";
    return result;
  }
  if (expected == UploadKind::pdf && type != "application/pdf") {
    result.error = "Bitte laden Sie eine PDF-Datei hoch.";
    return result;
  }
  if (data.size() > max) {
    result.error = "Die Datei ist zu groß (höchstens " + format_mb(max) + ").";
    return result;
  }
  Upload upload;
  upload.sha256 = web::sha256_hex(data);
  upload.media_type = type;
  upload.size = static_cast<std::int64_t>(data.size());
  upload.original_name = clean_name(original_name);
  upload.created_at = web::unix_now();

  auto path = upload_path(var_dir, upload.sha256);
  if (!std::filesystem::exists(path)) {
    std::filesystem::create_directories(path.parent_path());
    // Write under a temporary name and rename, so a reader never sees half a file.
    auto partial = path;
    partial += ".part-" + web::random_token(6);
    {
      std::ofstream out(partial, std::ios::binary);
      out.write(data.data(), static_cast<std::streamsize>(data.size()));
      if (!out.flush()) {
        std::filesystem::remove(partial);
        throw std::runtime_error("cannot write upload " + partial.string());
      }
    }
    std::filesystem::rename(partial, path);
  }
  if (auto existing = find_upload(db, upload.sha256)) {
    result.upload = existing;
    return result;
  }
  try {
    db.execute(
        "INSERT INTO uploads (sha256, media_type, size, original_name, created_at, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {upload.sha256, upload.media_type, upload.size, upload.original_name, upload.created_at,
         actor.user_id ? db::Value(*actor.user_id) : db::Value(db::Null{})});
    nlohmann::json details = {{"name", upload.original_name}, {"type", upload.media_type}, {"size", upload.size}};
    web::audit(db, actor.user_id, "upload.create", "upload", upload.sha256, details.dump(), actor.ip);
  } catch (const db::ConstraintError&) {
    // Uploaded at the same moment by someone else: the same bytes, fine.
  }
  result.upload = upload;
  return result;
}

UploadResult store_upload_file(db::Database& db, const std::filesystem::path& var_dir,
                               const std::filesystem::path& file, std::string_view original_name, UploadKind expected,
                               const Actor& actor) {
  const std::size_t max = expected == UploadKind::image ? kMaxImageBytes : kMaxPdfBytes;
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (ec) return {std::nullopt, "Die Datei konnte nicht gelesen werden."};
  if (size > max) return {std::nullopt, "Die Datei ist zu groß (höchstens " + format_mb(max) + ")."};
  auto data = text::read_file(file);
  if (!data) return {std::nullopt, "Die Datei konnte nicht gelesen werden."};
  return store_upload(db, var_dir, *data, original_name, expected, actor);
}

std::optional<Upload> find_upload(db::Database& db, std::string_view sha256) {
  if (!is_hash(sha256)) return std::nullopt;
  auto row = db.query_one("SELECT sha256, media_type, size, original_name, created_at FROM uploads WHERE sha256 = ?",
                          {std::string(sha256)});
  if (!row) return std::nullopt;
  return Upload{row->text(0), row->text(1), row->integer(2), row->text(3), row->integer(4)};
}

std::vector<Upload> list_uploads(db::Database& db, int limit) {
  std::vector<Upload> out;
  for (const auto& row : db.query("SELECT sha256, media_type, size, original_name, created_at FROM uploads "
                                  "ORDER BY created_at DESC, sha256 LIMIT ?",
                                  {static_cast<std::int64_t>(limit)})) {
    out.push_back({row.text(0), row.text(1), row.integer(2), row.text(3), row.integer(4)});
  }
  return out;
}

}  // namespace rf::portal
