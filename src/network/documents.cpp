#include "network/documents.hpp"

#include <zip.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>

namespace rf::network {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// The first bytes of an archive member (at most `limit`), "" when absent.
std::string read_member(zip_t* archive, const char* name, std::size_t limit) {
  zip_stat_t st;
  if (zip_stat(archive, name, 0, &st) != 0) return {};
  zip_file_t* f = zip_fopen(archive, name, 0);
  if (!f) return {};
  std::string out(limit, '\0');
  auto n = zip_fread(f, out.data(), limit);
  zip_fclose(f);
  out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return out;
}

struct OdfKind {
  const char* media_type;
  const char* extension;
};
constexpr OdfKind kOdf[] = {
    {"application/vnd.oasis.opendocument.text", "odt"},
    {"application/vnd.oasis.opendocument.spreadsheet", "ods"},
    {"application/vnd.oasis.opendocument.presentation", "odp"},
};

std::string escape_ics(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// Folds a content line at 75 octets without splitting a UTF-8 sequence.
void add_line(std::string& out, std::string_view line) {
  std::size_t width = 75;
  while (line.size() > width) {
    std::size_t cut = width;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    width = 74;  // the leading space counts
  }
  out.append(line);
  out += "\r\n";
}

std::string utc_stamp(std::int64_t t) {
  using namespace std::chrono;
  auto tp = sys_seconds{seconds{t}};
  auto day = floor<days>(tp);
  year_month_day ymd{day};
  hh_mm_ss hms{tp - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

}  // namespace

std::optional<DocumentType> detect_document(const std::filesystem::path& path, std::string& problem) {
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  in.read(head, sizeof head);
  std::string_view magic(head, static_cast<std::size_t>(in.gcount()));
  if (magic.starts_with("%PDF-")) return DocumentType{"application/pdf", "pdf"};
  if (!magic.starts_with("PK\x03\x04")) {
    problem =
        "Die Datei ist weder PDF noch ein OpenDocument- oder Office-Dokument (erlaubt: PDF, ODT/ODS/ODP, "
        "DOCX/XLSX/PPTX).";
    return std::nullopt;
  }
  int error = 0;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) {
    problem = "Die Datei sieht wie ein ZIP-Archiv aus, lässt sich aber nicht öffnen – ist sie beschädigt?";
    return std::nullopt;
  }
  auto mimetype = read_member(archive.get(), "mimetype", 100);
  for (const auto& k : kOdf) {
    if (mimetype == k.media_type) return DocumentType{k.media_type, k.extension};
  }
  auto types = read_member(archive.get(), "[Content_Types].xml", 64 * 1024);
  if (!types.empty()) {
    if (types.find("wordprocessingml.document.main+xml") != std::string::npos) {
      return DocumentType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"};
    }
    if (types.find("spreadsheetml.sheet.main+xml") != std::string::npos) {
      return DocumentType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"};
    }
    if (types.find("presentationml.presentation.main+xml") != std::string::npos) {
      return DocumentType{"application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"};
    }
  }
  problem =
      "Die Datei ist ein ZIP-Archiv, aber kein OpenDocument- oder Office-Dokument (erlaubt: PDF, ODT/ODS/ODP, "
      "DOCX/XLSX/PPTX).";
  return std::nullopt;
}

std::string calendar(const std::vector<CalendarEntry>& entries, std::string_view base_url, std::string_view name) {
  std::string out;
  add_line(out, "BEGIN:VCALENDAR");
  add_line(out, "VERSION:2.0");
  add_line(out, "PRODID:-//RuhrFutur//Netzwerk//DE");
  add_line(out, "CALSCALE:GREGORIAN");
  add_line(out, "METHOD:PUBLISH");
  add_line(out, "X-WR-CALNAME:" + escape_ics(name));
  auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  for (const auto& e : entries) {
    const auto& m = e.meeting;
    std::string url = std::string(base_url) + "/netzwerk/sitzungen/" + std::to_string(m.id);
    add_line(out, "BEGIN:VEVENT");
    add_line(out, "UID:sitzung-" + std::to_string(m.id) + "@ruhrfutur");
    add_line(out, "DTSTAMP:" + utc_stamp(now));
    add_line(out, "DTSTART:" + utc_stamp(m.starts_at));
    add_line(out, "DTEND:" + utc_stamp(m.ends_at));
    add_line(out, "SUMMARY:" + escape_ics(e.body_name + ": " + m.title));
    std::string where = m.place;
    if (!m.video_url.empty()) where += (where.empty() ? "" : " / ") + m.video_url;
    if (!where.empty()) add_line(out, "LOCATION:" + escape_ics(where));
    add_line(out, "DESCRIPTION:" + escape_ics("Tagesordnung und Unterlagen: " + url));
    add_line(out, "URL:" + url);
    add_line(out, "END:VEVENT");
  }
  add_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace rf::network
