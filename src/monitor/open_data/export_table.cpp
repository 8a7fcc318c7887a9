#include "monitor/open_data/export_table.hpp"

#include <xlsxwriter.h>

#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <streambuf>
#include <stdexcept>
#include <unistd.h>

#include "monitor/open_data/zip_writer.hpp"
#include "text/csv.hpp"
#include "text/files.hpp"
#include "text/xlsx_writer.hpp"

namespace rf::monitor {

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> marker_labels() {
  return {
      {"", "keine Angabe"},
      {"-", "genau null (nichts vorhanden)"},
      {".", "Zahlenwert unbekannt oder geheim zu halten; bei Zusammenfassungen: Angaben einzelner Mitglieder fehlen"},
      {"x", "Tabellenfach gesperrt, weil Aussage nicht sinnvoll"},
      {"...", "Angabe fällt später an"},
      {"/", "keine Angabe, da Zahlenwert nicht sicher genug"},
      {"()", "Aussagewert eingeschränkt"}};
}

std::string plain_number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

void ExportTable::for_each_row(const RowSink& sink) const {
  if (generate) {
    generate(sink);
    return;
  }
  for (const auto& row : rows) sink(row);
}

void write_csv(const ExportTable& table, std::ostream& out) {
  std::string line;
  auto emit = [&](const std::vector<std::string>& cells) {
    line.clear();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) line += ',';
      line += csv_field(cells[i]);
    }
    line += "\r\n";
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
  };
  std::vector<std::string> names;
  for (const auto& f : table.fields) names.push_back(f.name);
  emit(names);
  table.for_each_row(emit);
}

std::string to_csv(const ExportTable& table) {
  std::ostringstream out;
  write_csv(table, out);
  return out.str();
}

void write_xlsx(const ExportTable& table, const std::filesystem::path& path) {
  // Rows go to disk as they are written, beside the file.
  text::XlsxWorkbook book(path,
                          {.constant_memory = true,
                           .tmp_dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path()});
  lxw_format* bold = book.bold();
  lxw_format* heading = book.add_format();
  format_set_bold(heading);
  format_set_font_size(heading, 14);
  lxw_format* wrap = book.add_format();
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

  lxw_worksheet* data = book.add_worksheet("Daten");
  for (std::size_t c = 0; c < table.fields.size(); ++c) {
    worksheet_write_string(data, 0, static_cast<lxw_col_t>(c), text::spreadsheet_text(table.fields[c].name).c_str(),
                           bold);
    const double width = table.fields[c].name == "region_name" ? 32 : 14;
    worksheet_set_column(data, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
  }
  lxw_row_t written = 0;
  table.for_each_row([&](const std::vector<std::string>& row) {
    const lxw_row_t rr = ++written;
    for (std::size_t c = 0; c < row.size() && c < table.fields.size(); ++c) {
      const auto cc = static_cast<lxw_col_t>(c);
      const bool numeric = table.fields[c].type != "string";
      char* end = nullptr;
      double v = numeric && !row[c].empty() ? std::strtod(row[c].c_str(), &end) : 0;
      if (numeric && !row[c].empty() && end && *end == '\0') {
        worksheet_write_number(data, rr, cc, v, nullptr);
      } else {
        worksheet_write_string(data, rr, cc, text::spreadsheet_text(row[c]).c_str(), nullptr);
      }
    }
  });
  worksheet_freeze_panes(data, 1, 0);
  if (written > 0) {
    worksheet_autofilter(data, 0, 0, written, static_cast<lxw_col_t>(table.fields.size() - 1));
  }

  lxw_worksheet* info = book.add_worksheet("Informationen");
  worksheet_set_column(info, 0, 0, 24, nullptr);
  worksheet_set_column(info, 1, 1, 90, wrap);
  lxw_row_t r = 0;
  worksheet_write_string(info, r++, 0, text::spreadsheet_text(table.title).c_str(), heading);
  auto line = [&](const std::string& key, const std::string& value) {
    worksheet_write_string(info, r, 0, text::spreadsheet_text(key).c_str(), bold);
    worksheet_write_string(info, r++, 1, text::spreadsheet_text(value).c_str(), wrap);
  };
  line("Beschreibung", table.description);
  line("Quelle", table.source);
  if (!table.licence_note.empty()) line("Lizenz", table.licence_note);
  for (const auto& n : table.notes) line("Fußnote", n);
  ++r;
  worksheet_write_string(info, r++, 0, "Spalten", bold);
  for (const auto& f : table.fields) line(f.name, f.title + (f.description.empty() ? "" : ": " + f.description));
  ++r;
  worksheet_write_string(info, r++, 0, "Zeichenerklärung", bold);
  for (const auto& [marker, label] : marker_labels()) {
    if (!marker.empty()) line(marker, label);
  }
  line("e", "geschätzt (z. B. gewichtetes Mittel veröffentlichter Quoten)");
  line("p / r", "vorläufig / berichtigt");
  book.close();
}

std::string to_xlsx(const ExportTable& table) {
  static std::atomic<unsigned> counter{0};
  const auto path = std::filesystem::temp_directory_path() /
                    ("rf-export-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".xlsx");
  write_xlsx(table, path);
  std::string bytes = text::read_file(path).value_or("");
  std::filesystem::remove(path);
  return bytes;
}

std::string to_datapackage(const ExportTable& table, const std::string& csv_path) {
  using nlohmann::json;
  json fields = json::array();
  json missing = json::array();
  for (const auto& [marker, label] : marker_labels()) missing.push_back({{"value", marker}, {"label", label}});
  for (const auto& f : table.fields) {
    json field = {{"name", f.name}, {"type", f.type}, {"title", f.title}};
    if (!f.description.empty()) field["description"] = f.description;
    if (f.missing_markers) field["missingValues"] = missing;
    fields.push_back(field);
  }
  json package = {
      {"$schema", "https://datapackage.org/profiles/2.0/datapackage.json"},
      {"name", "ruhrfutur-" + table.name},
      {"title", table.title},
      {"description", table.description},
      {"licenses", json::array({{{"name", "DL-DE-BY-2.0"},
                                 {"path", "https://www.govdata.de/dl-de/by-2-0"},
                                 {"title", "Datenlizenz Deutschland – Namensnennung – Version 2.0"}}})},
      {"sources", json::array({{{"title", table.source}}})},
      {"resources", json::array({{{"name", "werte"},
                                  {"type", "table"},
                                  {"path", csv_path},
                                  {"format", "csv"},
                                  {"mediatype", "text/csv"},
                                  {"encoding", "utf-8"},
                                  {"dialect", {{"delimiter", ","}, {"header", true}}},
                                  {"schema", {{"fields", fields}, {"missingValues", json::array({""})}}}}})}};
  if (!table.notes.empty()) package["footnotes"] = table.notes;
  return package.dump(2, ' ', false, json::error_handler_t::replace);
}

namespace {

// Hands what a stream writes to the open entry of a ZipStreamWriter.
class ZipEntryBuffer : public std::streambuf {
 public:
  explicit ZipEntryBuffer(ZipStreamWriter& zip) : zip_(zip) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  ~ZipEntryBuffer() override { sync(); }

 protected:
  int overflow(int c) override {
    sync();
    if (c != traits_type::eof()) {
      *pptr() = static_cast<char>(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override {
    zip_.write(std::string_view(pbase(), static_cast<std::size_t>(pptr() - pbase())));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return 0;
  }

 private:
  ZipStreamWriter& zip_;
  std::array<char, 64 * 1024> buffer_{};
};

void write_package(const ExportTable& table, ZipStreamWriter& zip) {
  zip.add("datapackage.json", to_datapackage(table, "daten.csv"));
  zip.begin_entry("daten.csv");
  {
    ZipEntryBuffer buffer(zip);
    std::ostream csv(&buffer);
    write_csv(table, csv);
    csv.flush();
  }
  zip.finish();
}

}  // namespace

void write_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  write(out);
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void write_datapackage_zip(const ExportTable& table, const std::filesystem::path& path) {
  write_file(path, [&](std::ostream& out) {
    ZipStreamWriter zip(out);
    write_package(table, zip);
  });
}

std::string to_datapackage_zip(const ExportTable& table) {
  std::ostringstream out;
  ZipStreamWriter zip(out);
  write_package(table, zip);
  return out.str();
}

}  // namespace rf::monitor
