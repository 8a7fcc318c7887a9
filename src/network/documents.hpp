// Meeting documents: only PDF, OpenDocument (ODF) and Office Open XML
// (OOXML) files are taken, recognised by their content, not by the name the
// browser sent; and the .ics calendar entries of meetings.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "network/store.hpp"

namespace rf::network {

struct DocumentType {
  std::string media_type;  // "application/pdf", "application/vnd.oasis.opendocument.text", …
  std::string extension;   // "pdf", "odt", "docx", …
};
// The type of the file at `path` judged by its bytes, or nullopt when it is
// none of PDF, ODF, OOXML (then `problem` says why, in German).
std::optional<DocumentType> detect_document(const std::filesystem::path& path, std::string& problem);

// One VEVENT per meeting in a VCALENDAR (RFC 5545: CRLF, folded lines,
// escaped text, times in UTC). `base_url` makes the meeting's link.
struct CalendarEntry {
  Meeting meeting;
  std::string body_name;
};
std::string calendar(const std::vector<CalendarEntry>& entries, std::string_view base_url, std::string_view name);

}  // namespace rf::network
