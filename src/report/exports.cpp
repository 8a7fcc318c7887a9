#include "report/exports.hpp"

#include <xlsxwriter.h>

#include <map>
#include <memory>
#include <optional>
#include <set>

#include "monitor/indicators.hpp"
#include "report/format.hpp"
#include "text/csv.hpp"
#include "text/number.hpp"
#include "text/xlsx_writer.hpp"

namespace rf::report {
namespace {

// Excel number format for `decimals` places (the user's locale decides the separators).
std::string number_format(int decimals) {
  std::string f = "#,##0";
  if (decimals > 0) f += "." + std::string(static_cast<std::size_t>(decimals), '0');
  return f;
}

}  // namespace

std::string figure_csv(const Figure& f) {
  std::string out(text::kUtf8Bom);
  text::append_spreadsheet_csv_row(out, {"Abbildung", "Zeile", "Zeilenschlüssel", "Spalte", "Spaltenschlüssel", "Wert",
                                         "Kennzeichen", "Einheit", "Quelle"});
  const std::string label = f.label() + ": " + f.title;
  const std::string source = f.source_line();
  for (std::size_t r = 0; r < f.cells.size(); ++r) {
    for (std::size_t c = 0; c < f.cells[r].size(); ++c) {
      const auto& p = f.cells[r][c];
      text::append_spreadsheet_csv_row(out, {label, f.row_labels[r], f.row_keys[r], f.columns[c].label,
                                             c < f.column_keys.size() ? f.column_keys[c] : std::string(),
                                             p.value ? text::format_number_exact(*p.value) : std::string(), p.marker,
                                             display_unit(f.format_of(r, c).unit), source});
    }
  }
  return out;
}

std::string sheet_name(const Figure& f) { return std::string(f.is_table() ? "Tab. " : "Abb. ") + f.number; }

text::Result<void> write_xlsx(const std::filesystem::path& file, const std::string& title,
                              const std::vector<const Figure*>& figures) {
  std::optional<text::XlsxWorkbook> wb;
  try {
    wb.emplace(file);
  } catch (const text::XlsxWriteError&) {
    return text::Failure{"XLSX nicht anlegbar: " + file.string()};
  }
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title.c_str());
  props.comments = const_cast<char*>("Erstellt mit ruhrfutur report build");
  workbook_set_properties(wb->get(), &props);

  lxw_format* heading = wb->add_format();
  format_set_bold(heading);
  format_set_font_size(heading, 13);
  lxw_format* bold = wb->add_format();
  format_set_bold(bold);
  format_set_bottom(bold, LXW_BORDER_THIN);
  lxw_format* bold_right = wb->add_format();
  format_set_bold(bold_right);
  format_set_bottom(bold_right, LXW_BORDER_THIN);
  format_set_align(bold_right, LXW_ALIGN_RIGHT);
  format_set_text_wrap(bold_right);
  lxw_format* small = wb->add_format();
  format_set_font_size(small, 9);
  lxw_format* right = wb->add_format();
  format_set_align(right, LXW_ALIGN_RIGHT);
  std::map<int, lxw_format*> numbers;
  auto number = [&](int decimals) {
    auto& fmt = numbers[decimals];
    if (!fmt) {
      fmt = wb->add_format();
      format_set_num_format(fmt, number_format(decimals).c_str());
    }
    return fmt;
  };

  std::set<std::string> names;
  for (const Figure* f : figures) {
    std::string name = sheet_name(*f);
    for (int i = 2; !names.insert(name).second; ++i) name = sheet_name(*f) + " (" + std::to_string(i) + ")";
    lxw_worksheet* ws = workbook_add_worksheet(wb->get(), name.c_str());
    if (!ws) return text::Failure{"Tabellenblatt nicht anlegbar: " + name};
    worksheet_set_column(ws, 0, 0, 34, nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(f->columns.size()), 16, nullptr);
    lxw_row_t row = 0;
    worksheet_write_string(ws, row++, 0, text::spreadsheet_text(f->label() + ": " + f->title).c_str(), heading);
    worksheet_write_string(ws, row++, 0, text::spreadsheet_text(f->subtitle).c_str(), nullptr);
    ++row;
    worksheet_write_string(ws, row, 0, text::spreadsheet_text(f->row_header).c_str(), bold);
    for (std::size_t c = 0; c < f->columns.size(); ++c) {
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c + 1),
                             text::spreadsheet_text(f->columns[c].label).c_str(), bold_right);
    }
    ++row;
    for (std::size_t r = 0; r < f->cells.size(); ++r, ++row) {
      worksheet_write_string(ws, row, 0, text::spreadsheet_text(f->row_labels[r]).c_str(), nullptr);
      for (std::size_t c = 0; c < f->cells[r].size(); ++c) {
        const auto& p = f->cells[r][c];
        auto col = static_cast<lxw_col_t>(c + 1);
        if (p.value) {
          worksheet_write_number(ws, row, col, *p.value, number(f->format_of(r, c).decimals));
          if (!p.marker.empty()) {
            auto status = monitor::status_from_marker(p.marker);
            std::string note =
                "Kennzeichen " + p.marker + (status ? ": " + std::string(monitor::status_label_de(*status)) : "");
            worksheet_write_comment(ws, row, col, note.c_str());
          }
        } else {
          worksheet_write_string(ws, row, col, p.marker.empty() ? "–" : p.marker.c_str(), right);
        }
      }
    }
    ++row;
    worksheet_write_string(ws, row++, 0, text::spreadsheet_text(f->source_line()).c_str(), small);
    for (const auto& note : f->footnotes)
      worksheet_write_string(ws, row++, 0, text::spreadsheet_text(note).c_str(), small);
    if (auto legend = marker_legend(*f); !legend.empty()) {
      worksheet_write_string(ws, row++, 0, text::spreadsheet_text(legend).c_str(), small);
    }
    worksheet_write_string(ws, row++, 0, ("Webcode " + f->code).c_str(), small);
  }
  try {
    wb->close();
  } catch (const text::XlsxWriteError& e) {
    return text::Failure{e.what()};
  }
  return {};
}

}  // namespace rf::report
