#include "monitor/import/export.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "monitor/import/genesis_table.hpp"
#include "text/csv.hpp"
#include "text/number.hpp"

namespace rf::monitor {

namespace {

bool is_row_dimension(const std::string& key) {
  return key.size() >= 2 && key[0] == 'r' && std::isdigit(static_cast<unsigned char>(key[1]));
}

}  // namespace

std::string format_cell(const Cell& cell) {
  std::string number = cell.has_value ? text::format_number_exact(cell.value) : std::string();
  switch (cell.status) {
    case Status::ok: return number;
    case Status::limited: return cell.has_value ? "(" + number + ")" : "()";
    case Status::provisional: return number + "p";
    case Status::revised: return number + "r";
    case Status::estimated: return number + "e";
    default: return std::string(status_marker(cell.status));
  }
}

Result<std::string> write_genesis_csv(const ParsedTable& table) {
  const TableMeta& meta = table.meta;
  // Column levels: the dataset's non-row dimensions in their order.
  std::vector<std::string> levels, row_dims;
  for (const auto& d : meta.dimensions) {
    (is_row_dimension(d.key) ? row_dims : levels).push_back(d.key);
  }
  for (const auto& spec : table.series_specs) {
    for (const auto& b : spec.breakdown) {
      auto& list = is_row_dimension(b.dimension) ? row_dims : levels;
      if (std::find(list.begin(), list.end(), b.dimension) == list.end()) list.push_back(b.dimension);
    }
  }
  // Labels name the columns; when two series share all labels (flat files
  // list e.g. a heading and its only item under one name), codes tell them apart.
  bool with_codes = false;
  auto value_of = [&with_codes](const SeriesSpec& spec, const std::string& dim) {
    for (const auto& b : spec.breakdown) {
      if (b.dimension != dim) continue;
      if (with_codes && !b.value_code.empty() && b.value_code != b.value) {
        return b.value + " (" + b.value_code + ")";
      }
      return b.value;
    }
    return std::string();
  };
  {
    std::map<std::vector<std::string>, std::size_t> seen;
    for (const auto& spec : table.series_specs) {
      std::vector<std::string> all;
      for (const auto& l : levels) all.push_back(value_of(spec, l));
      for (const auto& r : row_dims) all.push_back(value_of(spec, r));
      all.push_back(spec.unit);
      if (++seen[all] > 1) with_codes = true;
    }
  }
  // Columns (label path + unit) and row combinations, in order of appearance.
  using Path = std::vector<std::string>;
  std::vector<Path> columns;
  std::vector<std::string> units;
  std::map<Path, std::size_t> column_index;
  std::vector<Path> combos;
  std::map<Path, std::size_t> combo_index;
  std::vector<std::size_t> series_column(table.series_specs.size());
  std::vector<std::size_t> series_combo(table.series_specs.size());
  for (std::size_t i = 0; i < table.series_specs.size(); ++i) {
    const auto& spec = table.series_specs[i];
    Path path, combo;
    for (const auto& l : levels) path.push_back(value_of(spec, l));
    for (const auto& r : row_dims) combo.push_back(value_of(spec, r));
    Path keyed = path;
    keyed.push_back(spec.unit);
    auto [c, new_column] = column_index.emplace(keyed, columns.size());
    if (new_column) {
      columns.push_back(path);
      units.push_back(spec.unit);
    }
    auto [r, new_combo] = combo_index.emplace(combo, combos.size());
    if (new_combo) combos.push_back(combo);
    series_column[i] = c->second;
    series_combo[i] = r->second;
  }
  // Rows: (period, region, combo) in order of first appearance.
  struct RowKey {
    std::uint32_t period, region;
    std::size_t combo;
    auto operator<=>(const RowKey&) const = default;
  };
  std::vector<RowKey> rows;
  std::map<RowKey, std::vector<const Cell*>> grid;
  for (const auto& cell : table.cells) {
    RowKey key{cell.period, cell.region, series_combo[cell.series]};
    auto [it, inserted] = grid.try_emplace(key, columns.size(), nullptr);
    if (inserted) rows.push_back(key);
    it->second[series_column[cell.series]] = &cell;
  }
  for (const auto& key : rows) {
    const auto& cells = grid[key];
    for (std::size_t j = 0; j < cells.size(); ++j) {
      if (!cells[j]) {
        return ImportError{meta.code, 0,
                           "no cell for region " + table.region_list[key.region].code + ", period " +
                               table.period_list[key.period].label_de() + ": a table file cannot leave a cell out"};
      }
    }
  }

  const char d = ';';
  const std::size_t label_columns = 3 + row_dims.size();
  const std::size_t width = label_columns + columns.size();
  std::string out;
  auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out.push_back(d);
      out += text::csv_quote(fields[i], d);
    }
    out.push_back('\n');
  };
  auto padded = [&](std::string first) {
    std::vector<std::string> f(width);
    f[0] = std::move(first);
    return f;
  };
  out += "GENESIS-Tabelle: " + meta.code + "\n";
  std::vector<std::string> title_lines = meta.title_lines;
  if (title_lines.empty()) title_lines.push_back(meta.title.empty() ? meta.code : meta.title);
  for (const auto& t : title_lines) line(padded(t));
  for (std::size_t level = 0; level < levels.size(); ++level) {
    std::vector<std::string> f(width);
    for (std::size_t j = 0; j < columns.size(); ++j) f[label_columns + j] = columns[j][level];
    line(f);
  }
  bool unit_row = std::all_of(units.begin(), units.end(), [](const std::string& u) { return is_unit_label(u); });
  if (unit_row || levels.empty()) {
    std::vector<std::string> f(width);
    for (std::size_t j = 0; j < columns.size(); ++j) f[label_columns + j] = units[j];
    line(f);
  }
  std::vector<std::string> f(width);
  for (const auto& key : rows) {
    const Period& p = table.period_list[key.period];
    const Region& r = table.region_list[key.region];
    f[0] = p.label_de();
    f[1] = r.code;
    f[2] = r.name;
    for (std::size_t i = 0; i < row_dims.size(); ++i) f[3 + i] = combos[key.combo][i];
    const auto& cells = grid[key];
    for (std::size_t j = 0; j < cells.size(); ++j) f[label_columns + j] = format_cell(*cells[j]);
    line(f);
  }
  out += "__________\n";
  if (!meta.footnotes.empty()) out += text::csv_quote(meta.footnotes, d) + "\n";
  if (!meta.copyright.empty()) {
    out += text::csv_quote(meta.copyright, d) + "\n";
  } else if (!meta.publisher.empty()) {
    std::string c = "© " + meta.publisher;
    if (meta.licence == "dl-de/by-2-0") {
      c += ". Dieses Werk ist lizenziert unter der Datenlizenz Deutschland - Namensnennung - Version 2.0.";
    }
    out += text::csv_quote(c, d) + "\n";
  }
  if (!meta.stand_text.empty()) out += "Stand: " + meta.stand_text + "\n";
  return out;
}

}  // namespace rf::monitor
