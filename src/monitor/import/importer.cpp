#include "monitor/import/importer.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>

#include "monitor/import/builder.hpp"
#include "monitor/import/table_catalogue.hpp"
#include "monitor/import/common.hpp"
#include "monitor/import/genesis_flat.hpp"
#include "monitor/import/genesis_table.hpp"
#include "monitor/import/inkar.hpp"
#include "monitor/import/input.hpp"
#include "monitor/import/school_list.hpp"
#include "monitor/import/workbook.hpp"
#include "text/csv.hpp"

namespace rf::monitor {

namespace {

struct Signature {
  Format format;
  char expected;                          // 0: ';' and ',' both fine
  std::vector<std::string_view> leading;  // the header starts with these names
  std::string_view contains;              // or contains this one
};

const std::vector<Signature>& signatures() {
  static const std::vector<Signature> kSignatures = {
      {Format::genesis_flat_old, ';', {"Statistik_Code", "Statistik_Label"}, {}},
      {Format::genesis_flat_new, ';', {"statistics_code", "statistics_label"}, {}},
      {Format::inkar, ',', {"raumbezug", "kennziffer", "name", "zeitbezug"}, {}},
      {Format::inkar_regions, ',', {"raumbezug", "kennziffer", "name"}, {}},
      {Format::inkar_meta, ',', {"merk_id", "m_id"}, {}},
      {Format::genesis_catalogue, ',', {"Code", "Content", "Time"}, {}},
      {Format::school_list, 0, {}, "Schulnummer"},
  };
  return kSignatures;
}

bool matches(const Signature& sig, const std::vector<std::string>& fields) {
  if (!sig.contains.empty()) {
    for (const auto& f : fields) {
      if (f == sig.contains) return true;
    }
    return false;
  }
  if (fields.size() < sig.leading.size()) return false;
  for (std::size_t i = 0; i < sig.leading.size(); ++i) {
    if (fields[i] != sig.leading[i]) return false;
  }
  return true;
}

std::string shown(char delimiter) {
  if (delimiter == '\t') return "Tabulatoren";
  return std::string("„") + delimiter + "“";
}

std::string base_name_of(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// Looks for INKAR's metadata file beside a data file.
std::string find_inkar_meta(const std::string& directory) {
  std::error_code ec;
  if (directory.empty()) return {};
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    std::string name = entry.path().filename().string();
    if (name.find("indikatoren_meta") != std::string::npos && name.ends_with(".csv")) {
      return entry.path().string();
    }
  }
  return {};
}

Result<std::vector<IndicatorDefinition>> load_inkar_meta(const std::string& path, const ParseOptions& options) {
  auto input = InputFile::open(path, path, options.max_file_size, std::nullopt);
  if (!input) return input.error();
  ParseInput in;
  in.source = (*input)->source();
  auto file = *input;
  in.decode_error = [file] { return file->decode_error(); };
  in.base_name = base_name_of(path);
  ImportSink ignore;
  TableBuilder builder(path, nullptr, ignore);
  std::vector<IndicatorDefinition> definitions;
  auto result = parse_inkar_meta(in, builder, &definitions);
  if (!result) return result.error();
  return definitions;
}

// Every error names its line; here it gets the line's text as well.
ImportError with_quoted_line(const ParseInput& in, ImportError e) {
  if (e.line > 0 && e.quoted.empty() && in.reread) e.quoted = quote_line(in.reread(), e.line);
  return e;
}

Result<FileSummary> run_importer(const ParseInput& in, const std::string& display_name, const std::string& head,
                                 const ParseOptions& options, RegionRegister* regions, ImportSink& sink, TableMeta base,
                                 const std::vector<std::string>& notes = {}) {
  auto detected = detect_format(head, display_name);
  if (!detected) return with_quoted_line(in, detected.error());
  TableBuilder builder(display_name, regions, sink, options.allow_new_regions);
  for (const auto& note : notes) builder.warn(note);
  builder.meta().file_name = base.file_name;
  builder.meta().encoding = base.encoding;
  builder.meta().sha256 = base.sha256;
  builder.meta().bytes = base.bytes;
  builder.meta().format = detected->format;
  Result<void> result;
  switch (detected->format) {
    case Format::genesis_table: result = parse_genesis_table(in, builder); break;
    case Format::genesis_flat_old: result = parse_genesis_flat(in, builder, false); break;
    case Format::genesis_flat_new: result = parse_genesis_flat(in, builder, true); break;
    case Format::genesis_catalogue: result = parse_table_catalogue(in, builder); break;
    case Format::inkar: {
      std::string meta_path = options.inkar_meta.empty() ? find_inkar_meta(in.directory) : options.inkar_meta;
      std::vector<IndicatorDefinition> definitions;
      if (!meta_path.empty()) {
        auto loaded = load_inkar_meta(meta_path, options);
        if (!loaded) return loaded.error();
        definitions = std::move(*loaded);
      }
      result = parse_inkar(in, builder, definitions);
      break;
    }
    case Format::inkar_meta: result = parse_inkar_meta(in, builder); break;
    case Format::inkar_regions: result = parse_inkar_regions(in, builder); break;
    case Format::school_list: result = parse_school_list(in, builder, detected->delimiter, regions); break;
  }
  if (!result) return with_quoted_line(in, result.error());
  FileSummary summary = builder.finish();
  summary.sha256 = base.sha256;
  summary.bytes = base.bytes;
  return summary;
}

}  // namespace

std::string_view format_name(Format format) {
  switch (format) {
    case Format::genesis_table: return "GENESIS table";
    case Format::genesis_flat_old: return "GENESIS flat file (old layout)";
    case Format::genesis_flat_new: return "GENESIS flat file (new layout)";
    case Format::genesis_catalogue: return "GENESIS table catalogue";
    case Format::inkar: return "INKAR export";
    case Format::inkar_meta: return "INKAR indicator definitions";
    case Format::inkar_regions: return "INKAR region list";
    case Format::school_list: return "NRW school list";
  }
  return "?";
}

std::string_view format_label_de(Format format) {
  switch (format) {
    case Format::genesis_table: return "GENESIS-Tabelle";
    case Format::genesis_flat_old: return "GENESIS-Flatfile (altes Layout)";
    case Format::genesis_flat_new: return "GENESIS-Flatfile (neues Layout)";
    case Format::genesis_catalogue: return "Tabellenkatalog der Regionaldatenbank";
    case Format::inkar: return "INKAR-Export";
    case Format::inkar_meta: return "INKAR-Indikatorbeschreibungen";
    case Format::inkar_regions: return "INKAR-Raumbezüge";
    case Format::school_list: return "Schulliste (NRW)";
  }
  return "?";
}

std::string_view format_label_de(std::string_view stored) {
  for (auto f : {Format::genesis_table, Format::genesis_flat_old, Format::genesis_flat_new, Format::genesis_catalogue,
                 Format::inkar, Format::inkar_meta, Format::inkar_regions, Format::school_list}) {
    if (stored == format_name(f)) return format_label_de(f);
  }
  // Keys some older rows carry.
  if (stored == "genesis_table") return format_label_de(Format::genesis_table);
  if (stored == "genesis_flat_old" || stored == "genesis_flat_new") return "GENESIS-Flatfile";
  if (stored == "genesis_catalogue") return format_label_de(Format::genesis_catalogue);
  if (stored == "inkar") return format_label_de(Format::inkar);
  if (stored == "inkar_meta") return format_label_de(Format::inkar_meta);
  if (stored == "inkar_regions") return format_label_de(Format::inkar_regions);
  if (stored == "school_list") return format_label_de(Format::school_list);
  return stored;
}

Result<DetectedFormat> detect_format(std::string_view head, const std::string& file) {
  // The first line, and the second when the first only declares "sep=".
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (lines.size() < 2 && pos < head.size()) {
    std::size_t end = head.find('\n', pos);
    std::string_view line = head.substr(pos, end == std::string_view::npos ? head.npos : end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (lines.empty() && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  if (lines.empty() || trim(lines[0]).empty()) {
    return ImportError{file, 1, "Leere erste Zeile: erwartet ein Tabellentitel oder eine Kopfzeile"};
  }
  std::string_view first = trim(lines[0]);
  if (starts_with_ci(first, "GENESIS-Tabelle:") || starts_with_ci(first, "Tabelle:")) {
    return DetectedFormat{Format::genesis_table, ';'};
  }
  std::size_t header_line = 1;
  std::string_view header = lines[0];
  char declared = 0;
  if (starts_with_ci(first, "sep=") && first.size() == 5) {
    declared = first[4];
    if (lines.size() < 2) return ImportError{file, 2, "Erwartet: eine Kopfzeile nach „sep=“"};
    header = lines[1];
    header_line = 2;
  }
  for (char delimiter : {';', ',', '\t', '|'}) {
    std::vector<std::string> fields = text::split_csv_line(header, delimiter);
    for (auto& f : fields) f = std::string(trim(f));
    for (const auto& sig : signatures()) {
      if (!matches(sig, fields)) continue;
      if (sig.format == Format::inkar_regions && fields.size() > 3) continue;  // data file
      char wanted = declared ? declared : sig.expected;
      if (wanted && wanted != delimiter) {
        return ImportError{file, header_line,
                           "Falsches Trennzeichen: " + std::string(format_label_de(sig.format)) +
                               " trennt die Zellen mit " + shown(wanted) + ", diese Datei mit " + shown(delimiter)};
      }
      if (!wanted && delimiter != ';' && delimiter != ',') {
        return ImportError{
            file, header_line,
            "Falsches Trennzeichen: erwartet „;“ oder „,“ zwischen den Zellen, gefunden: " + shown(delimiter)};
      }
      return DetectedFormat{sig.format, delimiter};
    }
  }
  return ImportError{file, 1,
                     "Unbekanntes Dateiformat: erwartet eine GENESIS-Tabelle („GENESIS-Tabelle: …“ oder "
                     "„Tabelle: …“), ein GENESIS-Flatfile, einen INKAR-Export oder eine Schulliste aus NRW"};
}

namespace {

// A file in the temporary directory, removed with this object.
class TemporaryFile {
 public:
  TemporaryFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "rf-sheet-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file in " + pattern);
    ::close(fd);
    path_ = pattern;
  }
  ~TemporaryFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Reads `input` (decoded text) as the file at `path`; `base` says what the
// provenance records (the workbook, not its CSV, for XLSX).
Result<FileSummary> import_input(std::shared_ptr<InputFile> input, const std::string& path,
                                 const std::string& display_name, const ParseOptions& options, RegionRegister* regions,
                                 ImportSink& sink, std::optional<TableMeta> base_given,
                                 const std::vector<std::string>& notes) {
  if (options.progress) input->on_progress(options.progress);
  std::string head = input->head(64 * 1024);
  ParseInput in;
  in.source = input->source();
  in.decode_error = [input] { return input->decode_error(); };
  in.reread = [input] {
    input->on_progress(nullptr);
    return input->source();
  };
  in.base_name = base_name_of(path);
  in.directory = std::filesystem::path(path).parent_path().string();
  if (head.empty()) {
    // Not even the first line decodes: let the reader report where.
    std::string ignored;
    while (in.source(ignored)) ignored.clear();
    if (auto e = input->decode_error()) return *e;
  }
  TableMeta base;
  if (base_given) {
    base = std::move(*base_given);
  } else {
    base.file_name = in.base_name;
    base.encoding = std::string(text::encoding_name(input->encoding()));
    base.sha256 = input->sha256();
    base.bytes = input->size();
  }
  return run_importer(in, display_name, head, options, regions, sink, base, notes);
}

Result<FileSummary> import_workbook(const std::string& path, const std::string& display_name,
                                    const ParseOptions& options, RegionRegister* regions, ImportSink& sink) {
  // Opened as a file for the size limit and the hash; its text is not read.
  auto workbook = InputFile::open(path, display_name, options.max_file_size, text::Encoding::utf8);
  if (!workbook) return workbook.error();
  TemporaryFile csv;
  // A sheet's XML is some times larger than the workbook it is packed in.
  std::size_t max_part =
      static_cast<std::size_t>(std::min<std::uint64_t>(options.max_file_size, std::uint64_t{1} << 40) * 16);
  auto sheet = workbook_sheet_to_csv(path, display_name, options.sheet, csv.path(), max_part);
  if (!sheet) return sheet.error();
  auto opened = InputFile::open(csv.path(), display_name, UINT64_MAX, text::Encoding::utf8);
  if (!opened) return opened.error();
  TableMeta base;
  base.file_name = base_name_of(path);
  base.encoding = "xlsx, Blatt „" + sheet->sheet + "“";
  base.sha256 = (*workbook)->sha256();
  base.bytes = (*workbook)->size();
  return import_input(*opened, path, display_name, options, regions, sink, std::move(base), sheet->notes);
}

}  // namespace

Result<FileSummary> import_file(const std::string& path, const std::string& display_name, const ParseOptions& options,
                                RegionRegister* regions, ImportSink& sink) {
  if (looks_like_workbook(path)) return import_workbook(path, display_name, options, regions, sink);
  auto opened = InputFile::open(path, display_name, options.max_file_size, options.encoding);
  if (!opened) return opened.error();
  return import_input(*opened, path, display_name, options, regions, sink, std::nullopt, {});
}

Result<FileSummary> import_text(std::string text, const std::string& base_name, const ParseOptions& options,
                                RegionRegister* regions, ImportSink& sink) {
  if (trim(text).empty()) return ImportError{base_name, 1, "Leere Datei: erwartet eine Statistiktabelle"};
  std::string head = text.substr(0, 64 * 1024);
  TableMeta base;
  base.file_name = base_name;
  base.encoding = "utf-8";
  base.sha256 = sha256_hex(text);
  base.bytes = text.size();
  ParseInput in = text_input(std::move(text), base_name);
  return run_importer(in, base_name, head, options, regions, sink, base);
}

Result<ParsedTable> parse_file(const std::string& path, const ParseOptions& options, RegionRegister* regions) {
  ParsedTable table;
  auto summary = import_file(path, path, options, regions, table);
  if (!summary) return summary.error();
  table.summary = *summary;
  return table;
}

Result<ParsedTable> parse_text(std::string text, const std::string& base_name, const ParseOptions& options,
                               RegionRegister* regions) {
  ParsedTable table;
  auto summary = import_text(std::move(text), base_name, options, regions, table);
  if (!summary) return summary.error();
  table.summary = *summary;
  return table;
}

}  // namespace rf::monitor
