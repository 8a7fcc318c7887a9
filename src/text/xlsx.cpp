#include "text/xlsx.hpp"

#include <expat.h>
#include <zip.h>

#include <cstring>
#include <map>

namespace rf::text {

namespace {

// The local name of an element ("x:row" → "row"): workbooks written by some
// tools use a namespace prefix.
std::string_view local_name(const char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attribute(const char** attrs, std::string_view wanted) {
  for (int i = 0; attrs[i]; i += 2)
    if (local_name(attrs[i]) == wanted) return attrs[i + 1];
  return nullptr;
}

// The "r:id" attribute (relationship namespace), whatever its prefix.
const char* relationship_id(const char** attrs) {
  for (int i = 0; attrs[i]; i += 2) {
    std::string_view n(attrs[i]);
    if (n != "id" && local_name(attrs[i]) == "id") return attrs[i + 1];
  }
  return nullptr;
}

// Streams one XML part of the archive through an expat parser.
class XmlStream {
 public:
  using Start = std::function<void(std::string_view name, const char** attrs)>;
  using End = std::function<void(std::string_view name)>;
  using Text = std::function<void(std::string_view text)>;

  XmlStream(Start start, End end, Text text) : start_(std::move(start)), end_(std::move(end)), text_(std::move(text)) {}

  void parse(zip_t* archive, const std::string& part, std::size_t max_bytes) {
    zip_file_t* file = zip_fopen(archive, part.c_str(), 0);
    if (!file) throw XlsxError("Die Datei ist keine gültige XLSX-Arbeitsmappe: der Teil „" + part + "“ fehlt.");
    XML_Parser parser = XML_ParserCreate("UTF-8");
    XML_SetUserData(parser, this);
    XML_SetElementHandler(parser, &XmlStream::on_start, &XmlStream::on_end);
    XML_SetCharacterDataHandler(parser, &XmlStream::on_text);
    char buffer[64 * 1024];
    std::size_t total = 0;
    std::string failure;
    while (true) {
      zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
      if (n < 0) {
        failure = "Die XLSX-Datei ist beschädigt (Teil „" + part + "“ lässt sich nicht entpacken).";
        break;
      }
      total += static_cast<std::size_t>(n);
      if (total > max_bytes) {
        failure = "Der Teil „" + part + "“ der XLSX-Datei ist entpackt größer als " +
                  std::to_string((max_bytes + (1u << 20) - 1) >> 20) + " MB.";
        break;
      }
      bool last = n == 0;
      if (XML_Parse(parser, buffer, static_cast<int>(n), last) == XML_STATUS_ERROR) {
        failure = "Die XLSX-Datei ist beschädigt: " + std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " in „" +
                  part + "“, Zeile " + std::to_string(XML_GetCurrentLineNumber(parser)) + ".";
        break;
      }
      if (last) break;
    }
    XML_ParserFree(parser);
    zip_fclose(file);
    if (!failure.empty()) throw XlsxError(failure);
  }

 private:
  static void on_start(void* self, const char* name, const char** attrs) {
    static_cast<XmlStream*>(self)->start_(local_name(name), attrs);
  }
  static void on_end(void* self, const char* name) { static_cast<XmlStream*>(self)->end_(local_name(name)); }
  static void on_text(void* self, const char* s, int len) {
    static_cast<XmlStream*>(self)->text_(std::string_view(s, static_cast<std::size_t>(len)));
  }

  Start start_;
  End end_;
  Text text_;
};

// "xl/worksheets/sheet1.xml" from a relationship target relative to xl/.
std::string resolve_target(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  std::string out = "xl/";
  while (target.substr(0, 3) == "../") {
    target.remove_prefix(3);
    out.clear();
  }
  return out + std::string(target);
}

}  // namespace

struct XlsxReader::Impl {
  zip_t* archive = nullptr;
  XlsxLimits limits;
  std::vector<std::pair<std::string, std::string>> sheets;  // name, part path
  std::vector<std::string> shared_strings;
  ~Impl() {
    if (archive) zip_discard(archive);
  }
};

XlsxReader::XlsxReader(const std::filesystem::path& file, XlsxLimits limits) : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
  int code = 0;
  impl_->archive = zip_open(file.c_str(), ZIP_RDONLY, &code);
  if (!impl_->archive) throw XlsxError("Die Datei ist keine XLSX-Arbeitsmappe (kein lesbares ZIP-Archiv).");

  // Relationship ids → parts.
  std::map<std::string, std::string> targets;
  XmlStream rels(
      [&](std::string_view name, const char** attrs) {
        if (name != "Relationship") return;
        const char* id = attribute(attrs, "Id");
        const char* target = attribute(attrs, "Target");
        if (id && target) targets[id] = resolve_target(target);
      },
      [](std::string_view) {}, [](std::string_view) {});
  rels.parse(impl_->archive, "xl/_rels/workbook.xml.rels", limits.max_part_bytes);

  XmlStream workbook(
      [&](std::string_view name, const char** attrs) {
        if (name != "sheet") return;
        const char* sheet_name = attribute(attrs, "name");
        const char* rid = relationship_id(attrs);
        if (sheet_name && rid && targets.count(rid)) impl_->sheets.emplace_back(sheet_name, targets[rid]);
      },
      [](std::string_view) {}, [](std::string_view) {});
  workbook.parse(impl_->archive, "xl/workbook.xml", limits.max_part_bytes);

  // Shared strings (optional part): <si> holds <t> directly or in rich-text
  // runs <r><t>; phonetic runs <rPh> are not part of the text.
  if (zip_name_locate(impl_->archive, "xl/sharedStrings.xml", 0) >= 0) {
    bool in_si = false, in_t = false;
    int in_phonetic = 0;
    std::string current;
    XmlStream strings(
        [&](std::string_view name, const char**) {
          if (name == "si")
            in_si = true, current.clear();
          else if (name == "rPh")
            ++in_phonetic;
          else if (name == "t" && in_si && !in_phonetic)
            in_t = true;
        },
        [&](std::string_view name) {
          if (name == "si")
            in_si = false, impl_->shared_strings.push_back(std::move(current)), current.clear();
          else if (name == "rPh")
            --in_phonetic;
          else if (name == "t")
            in_t = false;
        },
        [&](std::string_view text) {
          if (in_t) current.append(text);
        });
    strings.parse(impl_->archive, "xl/sharedStrings.xml", limits.max_part_bytes);
  }
}

XlsxReader::~XlsxReader() = default;

std::vector<std::string> XlsxReader::sheet_names() const {
  std::vector<std::string> out;
  for (const auto& [name, part] : impl_->sheets) out.push_back(name);
  return out;
}

bool XlsxReader::has_sheet(std::string_view name) const {
  for (const auto& [n, part] : impl_->sheets)
    if (n == name) return true;
  return false;
}

std::size_t XlsxReader::column_index(std::string_view ref) {
  std::size_t col = 0, i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    if (col > 1'000'000) return std::string_view::npos;
    ++i;
  }
  if (i == 0 || i == ref.size()) return std::string_view::npos;
  return col - 1;
}

std::string XlsxReader::column_letters(std::size_t column) {
  std::string out;
  ++column;
  while (column > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
    column = (column - 1) / 26;
  }
  return out;
}

void XlsxReader::read_sheet(std::string_view name, const RowHandler& on_row) const {
  read_typed_sheet(name, [&](std::size_t row, const std::vector<std::string>& cells, const std::vector<CellKind>&) {
    return on_row(row, cells);
  });
}

XlsxReader::SheetTail XlsxReader::read_typed_sheet(std::string_view name, const TypedRowHandler& on_row,
                                                   std::size_t max_merged) const {
  SheetTail tail;
  std::string part;
  for (const auto& [n, p] : impl_->sheets)
    if (n == name) part = p;
  if (part.empty()) throw XlsxError("Die Arbeitsmappe hat kein Blatt „" + std::string(name) + "“.");

  const auto& shared = impl_->shared_strings;
  const std::size_t max_columns = impl_->limits.max_columns;
  std::vector<std::string> cells;
  std::vector<CellKind> kinds;
  bool formula = false;
  std::size_t row_number = 0, next_row = 1;
  std::size_t column = 0, next_column = 0;
  std::string cell_type, value;
  bool in_value = false, in_inline = false, keep_going = true;
  std::string failure;

  XmlStream stream(
      [&](std::string_view el, const char** attrs) {
        if (!keep_going) return;
        if (el == "row") {
          const char* r = attribute(attrs, "r");
          row_number = r ? std::strtoull(r, nullptr, 10) : next_row;
          if (row_number == 0) row_number = next_row;
          next_row = row_number + 1;
          cells.clear();
          kinds.clear();
          next_column = 0;
        } else if (el == "c") {
          const char* r = attribute(attrs, "r");
          const char* t = attribute(attrs, "t");
          column = r ? column_index(r) : next_column;
          if (column == std::string_view::npos || column >= max_columns) {
            failure = "Die XLSX-Datei ist beschädigt: ungültiger Zellbezug in Blatt „" + std::string(name) + "“.";
            keep_going = false;
            return;
          }
          next_column = column + 1;
          cell_type = t ? t : "n";
          value.clear();
          formula = false;
        } else if (el == "f") {
          formula = true;
        } else if (el == "mergeCell") {
          const char* ref = attribute(attrs, "ref");
          if (ref && tail.merged_ranges.size() < max_merged) tail.merged_ranges.emplace_back(ref);
        } else if (el == "v") {
          in_value = true;
        } else if (el == "is") {
          in_inline = true;
        } else if (el == "t" && in_inline) {
          in_value = true;
        }
      },
      [&](std::string_view el) {
        if (!keep_going) return;
        if (el == "v" || el == "t") {
          in_value = false;
        } else if (el == "is") {
          in_inline = false;
        } else if (el == "c") {
          std::string text;
          CellKind kind = CellKind::number;
          if (cell_type == "s" || cell_type == "inlineStr" || cell_type == "str")
            kind = CellKind::text;
          else if (cell_type == "b")
            kind = CellKind::boolean;
          else if (cell_type == "e")
            kind = CellKind::error;
          if (formula) kind = CellKind::formula;
          if (cell_type == "s") {
            char* end = nullptr;
            unsigned long long index = std::strtoull(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0' || index >= shared.size()) {
              failure = "Die XLSX-Datei ist beschädigt: Verweis auf einen fehlenden Text in Blatt „" +
                        std::string(name) + "“.";
              keep_going = false;
              return;
            }
            text = shared[index];
          } else if (cell_type == "b") {
            text = value == "1" ? "1" : "0";
          } else {
            text = std::move(value);
          }
          if (cells.size() <= column) cells.resize(column + 1), kinds.resize(column + 1, CellKind::empty);
          if (text.empty() && kind != CellKind::formula) kind = CellKind::empty;
          cells[column] = std::move(text);
          kinds[column] = kind;
          value.clear();
        } else if (el == "row") {
          if (!on_row(row_number, cells, kinds)) keep_going = false;
        }
      },
      [&](std::string_view text) {
        if (keep_going && in_value) value.append(text);
      });
  stream.parse(impl_->archive, part, impl_->limits.max_part_bytes);
  if (!failure.empty()) throw XlsxError(failure);
  return tail;
}

}  // namespace rf::text
