#include "monitor/store/statistics_store.hpp"

#include <map>
#include <optional>

#include "monitor/store/cell_merge.hpp"

namespace rf::monitor {

namespace {

db::Value text_or_null(const std::string& s) {
  if (s.empty()) return db::Null{};
  return s;
}

template <class T>
db::Value optional_value(const std::optional<T>& v) {
  if (!v) return db::Null{};
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<double>(*v);
  } else {
    return static_cast<std::int64_t>(*v);
  }
}

std::string markers_json(const StatusCounts& counts) {
  std::string out = "{";
  for (std::size_t i = 1; i < kStatusCount; ++i) {
    if (counts[i] == 0) continue;
    if (out.size() > 1) out += ", ";
    out += '"';
    out += status_marker(static_cast<Status>(i));
    out += "\": ";
    out += std::to_string(counts[i]);
  }
  out += '}';
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

}  // namespace

std::size_t store_region_register(db::Database& db, const RegionRegister& regions) {
  auto upsert = db.prepare(
      "INSERT INTO regions (code, name, level, parent_code, kind, population, population_date, "
      "area_km2, provisional, source, valid_from, valid_to, successor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, "
      "parent_code = excluded.parent_code, kind = excluded.kind, population = excluded.population, "
      "population_date = excluded.population_date, area_km2 = excluded.area_km2, "
      "provisional = excluded.provisional, source = excluded.source, valid_from = excluded.valid_from, "
      "valid_to = excluded.valid_to, successor = excluded.successor");
  std::size_t n = 0;
  for (const auto& r : regions.regions()) {
    upsert->reset();
    upsert->bind_all({r.code, r.name, std::string(level_name(r.level)), text_or_null(r.parent), r.kind,
                      optional_value(r.population), text_or_null(r.population_date), optional_value(r.area_km2),
                      std::int64_t{r.provisional ? 1 : 0}, r.source, r.valid_from, r.valid_to, r.successor});
    upsert->execute();
    ++n;
  }
  db.execute("DELETE FROM region_aliases");
  for (const auto& [alias, code] : regions.aliases()) {
    db.execute("INSERT INTO region_aliases (alias, code) VALUES (?, ?)", {alias, code});
  }
  auto member = db.prepare("INSERT INTO region_members (aggregate_code, member_code) VALUES (?, ?)");
  for (const auto& [aggregate, members] : regions.all_members()) {
    db.execute("DELETE FROM region_members WHERE aggregate_code = ?", {aggregate});
    for (const auto& m : members) {
      member->reset();
      member->bind_all({aggregate, m});
      member->execute();
    }
  }
  db.execute("UPDATE cache_versions SET version = version + 1 WHERE name = 'statistics'");
  return n;
}

RegionRegister read_region_register(db::Database& db) {
  RegionRegister regions;
  for (const auto& row : db.query("SELECT id, code, name, level, parent_code, kind, population, population_date, "
                                  "area_km2, provisional, source, valid_from, valid_to, successor FROM regions "
                                  "ORDER BY id")) {
    Region r;
    r.id = row.integer(0);
    r.code = row.text(1);
    r.name = row.text(2);
    r.level = parse_level_name(row.text(3)).value_or(RegionLevel::municipality);
    r.parent = row.text(4);
    r.kind = row.text(5);
    r.population = row.opt_integer(6);
    r.population_date = row.text(7);
    r.area_km2 = row.opt_real(8);
    r.provisional = row.integer(9) != 0;
    r.source = row.text(10);
    r.valid_from = row.text(11);
    r.valid_to = row.text(12);
    r.successor = row.text(13);
    regions.add(std::move(r));
  }
  for (const auto& row : db.query("SELECT alias, code FROM region_aliases")) {
    regions.add_alias(row.text(0), row.text(1));
  }
  std::map<std::string, std::vector<std::string>> members;
  for (const auto& row :
       db.query("SELECT aggregate_code, member_code FROM region_members ORDER BY aggregate_code, member_code")) {
    members[row.text(0)].push_back(row.text(1));
  }
  for (auto& [aggregate, list] : members) regions.set_members(aggregate, std::move(list));
  return regions;
}

StoreSink::StoreSink(db::Database& db, RegionRegister& regions, std::string who, std::int64_t imported_at)
    : db_(db), regions_(regions), who_(std::move(who)), imported_at_(imported_at) {}

StoreSink::~StoreSink() = default;

void StoreSink::begin(const TableMeta& meta) {
  bool has_dataset = meta.format != Format::inkar_meta && meta.format != Format::genesis_catalogue &&
                     meta.format != Format::inkar_regions;
  if (has_dataset) {
    // The dataset row exists from the first import on; finish() completes it.
    dataset_id_ = db_.insert(
        "INSERT INTO datasets (code, title, format, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET updated_at = excluded.updated_at",
        {meta.code, meta.title, std::string(format_name(meta.format)), imported_at_});
  }
  import_id_ = db_.insert(
      "INSERT INTO imports (dataset_id, file_name, sha256, bytes, format, encoding, table_code, "
      "title, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {dataset_id_ ? db::Value(dataset_id_) : db::Value(db::Null{}), meta.file_name, meta.sha256,
       static_cast<std::int64_t>(meta.bytes), std::string(format_name(meta.format)), meta.encoding, meta.code,
       meta.title, imported_at_, who_});
  if (!dataset_id_) return;
  had_cells_ = db_.query_one(
                      "SELECT 1 FROM observations WHERE series_id IN "
                      "(SELECT id FROM series WHERE dataset_id = ?) LIMIT 1",
                      {db::Value(dataset_id_)})
                   .has_value();
  if (had_cells_ && db_.kind() == db::Kind::sqlite) {
    // A new edition of a stored dataset, compared cell by cell in place.
    merge_ = std::make_unique<CellMerge>(db_, dataset_id_, import_id_);
  } else if (had_cells_) {
    // A new edition on PostgreSQL: its cells go to a temporary table first,
    // and finish() changes only what differs (usually little).
    db_.exec_script(
        "DROP TABLE IF EXISTS observation_incoming;"
        "CREATE TEMPORARY TABLE observation_incoming (series_id BIGINT NOT NULL, "
        "region_id BIGINT NOT NULL, period TEXT NOT NULL, value " +
        std::string(db_.kind() == db::Kind::sqlite ? "REAL" : "DOUBLE PRECISION") +
        ", status TEXT, import_id BIGINT NOT NULL)");
  }
}

void StoreSink::series(std::uint32_t index, const SeriesSpec& spec) {
  stop_bulk();
  if (!upsert_series_) {
    // Series keep their ids across imports (matched by key).
    upsert_series_ = db_.prepare(
        "INSERT INTO series (dataset_id, series_key, label, unit, position) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (dataset_id, series_key) DO UPDATE SET label = excluded.label, "
        "unit = excluded.unit, position = excluded.position RETURNING id");
  }
  upsert_series_->reset();
  upsert_series_->bind_all({dataset_id_, spec.key, spec.label, spec.unit, static_cast<std::int64_t>(index)});
  auto row = upsert_series_->step();
  if (!row) throw db::Error("series upsert returned no id for " + spec.key);
  std::int64_t id = row->integer(0);
  while (upsert_series_->step()) {
  }
  // The breakdown is rewritten: labels may be corrected between editions.
  db_.execute("DELETE FROM series_breakdown WHERE series_id = ?", {id});
  for (const auto& b : spec.breakdown) {
    db_.execute("INSERT INTO series_breakdown (series_id, dimension, value, value_code) VALUES (?, ?, ?, ?)",
                {id, b.dimension, b.value, b.value_code});
  }
  if (series_ids_.size() <= index) series_ids_.resize(index + 1);
  series_ids_[index] = id;
}

std::int64_t StoreSink::region_id(const Region& region, bool added) {
  if (region.id > 0 && !added) return region.id;
  stop_bulk();
  if (added) {
    // A region the file brought along (historic Kreis, district, youth office).
    db_.execute(
        "INSERT INTO regions (code, name, level, parent_code, kind, provisional, source) "
        "VALUES (?, ?, ?, ?, '', 1, ?) ON CONFLICT (code) DO NOTHING",
        {region.code, region.name, std::string(level_name(region.level)), text_or_null(region.parent), region.source});
  }
  auto row = db_.query_one("SELECT id FROM regions WHERE code = ?", {region.code});
  if (!row) throw db::Error("region " + region.code + " is not in the regions table");
  std::int64_t id = row->integer(0);
  if (Region* r = regions_.find_mutable(region.code)) r->id = id;
  return id;
}

void StoreSink::region(std::uint32_t index, const Region& region, bool added) {
  std::int64_t id = region_id(region, added);
  if (region_ids_.size() <= index) region_ids_.resize(index + 1);
  region_ids_[index] = id;
}

void StoreSink::period(std::uint32_t index, const Period& period) {
  if (period_keys_.size() <= index) period_keys_.resize(index + 1);
  period_keys_[index] = period.key();
}

void StoreSink::cell(const Cell& cell) {
  last_line_ = cell.line;
  if (merge_) {
    merge_->add(series_ids_[cell.series], region_ids_[cell.region], period_keys_[cell.period],
                cell.has_value ? db::Value(cell.value) : db::Value(db::Null{}),
                cell.status == Status::ok ? db::Value(db::Null{}) : db::Value(std::string(status_marker(cell.status))));
    ++cells_;
    return;
  }
  if (!bulk_) {
    bulk_ = db_.bulk_insert(had_cells_ ? "observation_incoming" : "observations",
                            {"series_id", "region_id", "period", "value", "status", "import_id"});
    row_.assign(6, db::Null{});
    row_[5] = import_id_;
  }
  // Reusing the row keeps the strings' buffers from cell to cell.
  row_[0] = series_ids_[cell.series];
  row_[1] = region_ids_[cell.region];
  row_[2] = period_keys_[cell.period];
  if (cell.has_value)
    row_[3] = cell.value;
  else
    row_[3] = db::Null{};
  if (cell.status == Status::ok)
    row_[4] = db::Null{};
  else
    row_[4] = std::string(status_marker(cell.status));
  bulk_->add(row_);
  ++cells_;
}

void StoreSink::stop_bulk() {
  if (bulk_) {
    bulk_->finish();
    bulk_.reset();
  }
}

void StoreSink::institution(const Institution& s) {
  last_line_ = s.line;
  stop_bulk();
  if (!upsert_institution_) {
    // What a list does not say (empty text, NULL number) keeps the stored value.
    upsert_institution_ = db_.prepare(
        "INSERT INTO institutions (kind, code, name, region_code, school_form, school_form_code, "
        "is_public, pupils, pupils_period, sozialindex, sozialindex_none, sozialindex_period, x, y, "
        "crs, street, postcode, city, import_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (kind, code) DO UPDATE SET "
        "name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE institutions.name END, "
        "region_code = CASE WHEN ? = 1 OR institutions.region_code IS NULL "
        "  THEN excluded.region_code ELSE institutions.region_code END, "
        "school_form = CASE WHEN excluded.school_form <> '' THEN excluded.school_form "
        "  ELSE institutions.school_form END, "
        "school_form_code = CASE WHEN excluded.school_form_code <> '' THEN excluded.school_form_code "
        "  ELSE institutions.school_form_code END, "
        "is_public = COALESCE(excluded.is_public, institutions.is_public), "
        "pupils = COALESCE(excluded.pupils, institutions.pupils), "
        "pupils_period = CASE WHEN excluded.pupils IS NOT NULL THEN excluded.pupils_period "
        "  ELSE institutions.pupils_period END, "
        "sozialindex = CASE WHEN excluded.sozialindex IS NOT NULL OR excluded.sozialindex_none = 1 "
        "  THEN excluded.sozialindex ELSE institutions.sozialindex END, "
        "sozialindex_none = CASE WHEN excluded.sozialindex IS NOT NULL OR excluded.sozialindex_none = 1 "
        "  THEN excluded.sozialindex_none ELSE institutions.sozialindex_none END, "
        "sozialindex_period = CASE WHEN excluded.sozialindex IS NOT NULL OR excluded.sozialindex_none = 1 "
        "  THEN excluded.sozialindex_period ELSE institutions.sozialindex_period END, "
        "x = COALESCE(excluded.x, institutions.x), y = COALESCE(excluded.y, institutions.y), "
        "crs = CASE WHEN excluded.x IS NOT NULL THEN excluded.crs ELSE institutions.crs END, "
        "street = CASE WHEN excluded.street <> '' THEN excluded.street ELSE institutions.street END, "
        "postcode = CASE WHEN excluded.postcode <> '' THEN excluded.postcode ELSE institutions.postcode END, "
        "city = CASE WHEN excluded.city <> '' THEN excluded.city ELSE institutions.city END, "
        "import_id = excluded.import_id");
  }
  upsert_institution_->reset();
  upsert_institution_->bind_all({s.kind,
                                 s.code,
                                 s.name,
                                 text_or_null(s.region),
                                 s.school_form,
                                 s.school_form_code,
                                 s.is_public ? db::Value(std::int64_t{*s.is_public ? 1 : 0}) : db::Value(db::Null{}),
                                 optional_value(s.pupils),
                                 s.pupils_period,
                                 optional_value(s.sozialindex),
                                 std::int64_t{s.sozialindex_none ? 1 : 0},
                                 s.sozialindex_period,
                                 optional_value(s.x),
                                 optional_value(s.y),
                                 s.crs,
                                 s.street,
                                 s.postcode,
                                 s.city,
                                 import_id_,
                                 std::int64_t{s.region_is_municipality ? 1 : 0}});
  upsert_institution_->execute();
}

void StoreSink::definition(const IndicatorDefinition& d) {
  stop_bulk();
  if (definitions_source_ != d.source) {
    // A new metadata file replaces the definitions of its source.
    definitions_source_ = d.source;
    db_.execute("DELETE FROM indicator_definitions WHERE source = ?", {d.source});
  }
  db_.execute(
      "INSERT INTO indicator_definitions (source, code, variant, area, short_name, name, algorithm, "
      "notes, basis, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {d.source, d.code, std::int64_t{d.variant}, d.area, d.short_name, d.name, d.algorithm, d.notes, d.basis,
       import_id_});
}

void StoreSink::catalogue(const CatalogueEntry& e) {
  stop_bulk();
  db_.execute(
      "INSERT INTO dataset_catalogue (source, code, title, time_span, import_id) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (source, code) DO UPDATE SET title = excluded.title, "
      "time_span = excluded.time_span, import_id = excluded.import_id",
      {e.source, e.code, e.title, e.time_span, import_id_});
}

void StoreSink::replace_changed_cells() {
  // Unchanged cells stay as they are (with the import that delivered them);
  // changed and dropped ones move to the history, new and changed ones come
  // in. One full join of the stored and the incoming cells finds every
  // difference; the writes then touch only those (usually few) rows.
  const db::Value dataset_id = dataset_id_;
  // Temporary tables get no automatic statistics: without them the planner
  // takes the incoming millions for a handful of rows and picks nested loops.
  db_.exec_script("ANALYZE observation_incoming");
  db_.exec_script("DROP TABLE IF EXISTS observation_diff");
  db_.execute(
      "CREATE TEMPORARY TABLE observation_diff AS "
      "SELECT COALESCE(o.series_id, i.series_id) AS series_id, COALESCE(o.region_id, i.region_id) AS region_id, "
      "COALESCE(o.period, i.period) AS period, o.value AS old_value, o.status AS old_status, "
      "o.import_id AS old_import_id, o.series_id IS NOT NULL AS was_stored, "
      "i.value AS new_value, i.status AS new_status, i.series_id IS NOT NULL AS is_delivered "
      "FROM (SELECT * FROM observations WHERE series_id IN (SELECT id FROM series WHERE dataset_id = ?)) o "
      "FULL JOIN observation_incoming i "
      "ON i.series_id = o.series_id AND i.region_id = o.region_id AND i.period = o.period "
      "WHERE o.series_id IS NULL OR i.series_id IS NULL OR i.value IS DISTINCT FROM o.value "
      "OR i.status IS DISTINCT FROM o.status",
      {dataset_id});
  history_rows_ = db_.execute(
      "INSERT INTO observation_history (series_id, region_id, period, value, status, import_id, replaced_by) "
      "SELECT series_id, region_id, period, old_value, old_status, old_import_id, ? FROM observation_diff "
      "WHERE was_stored",
      {import_id_});
  db_.execute(
      "DELETE FROM observations o USING observation_diff d WHERE d.was_stored AND o.series_id = d.series_id "
      "AND o.region_id = d.region_id AND o.period = d.period");
  db_.execute(
      "INSERT INTO observations (series_id, region_id, period, value, status, import_id) "
      "SELECT series_id, region_id, period, new_value, new_status, ? FROM observation_diff WHERE is_delivered",
      {import_id_});
  db_.exec_script("DROP TABLE observation_diff; DROP TABLE observation_incoming");
}

void StoreSink::finish(const TableMeta& meta, const FileSummary& summary) {
  stop_bulk();
  if (dataset_id_) {
    db_.execute(
        "UPDATE datasets SET title = ?, format = ?, statistic = ?, publisher = ?, licence = ?, "
        "copyright = ?, stand = ?, footnotes = ?, title_lines = ?, current_import_id = ?, "
        "updated_at = ? WHERE id = ?",
        {meta.title, std::string(format_name(meta.format)), meta.statistic, meta.publisher, meta.licence,
         meta.copyright, meta.stand, meta.footnotes, join_lines(meta.title_lines), import_id_, imported_at_,
         dataset_id_});
    db_.execute("DELETE FROM dataset_dimensions WHERE dataset_id = ?", {dataset_id_});
    for (std::size_t i = 0; i < meta.dimensions.size(); ++i) {
      db_.execute("INSERT INTO dataset_dimensions (dataset_id, dimension, name, position) VALUES (?, ?, ?, ?)",
                  {dataset_id_, meta.dimensions[i].key, meta.dimensions[i].name, static_cast<std::int64_t>(i)});
    }
  }
  if (merge_) {
    history_rows_ = merge_->finish();
    merge_.reset();
  } else if (had_cells_) {
    replace_changed_cells();
  }
  db_.execute(
      "UPDATE imports SET title = ?, publisher = ?, licence = ?, stand = ?, cells = ?, markers = ?, "
      "warnings = ? WHERE id = ?",
      {meta.title, meta.publisher, meta.licence, meta.stand, static_cast<std::int64_t>(summary.cells),
       markers_json(summary.markers), join_lines(summary.warnings), import_id_});
  db_.execute("UPDATE cache_versions SET version = version + 1 WHERE name = 'statistics'");
}

std::vector<Observation> read_observations(db::Database& db, const std::string& dataset_code) {
  std::vector<Observation> out;
  std::map<std::int64_t, std::vector<std::pair<std::string, std::string>>> breakdowns;
  for (const auto& row : db.query("SELECT b.series_id, b.dimension, b.value FROM series_breakdown b "
                                  "JOIN series s ON s.id = b.series_id JOIN datasets d ON d.id = s.dataset_id "
                                  "WHERE d.code = ? ORDER BY b.series_id, b.dimension",
                                  {dataset_code})) {
    breakdowns[row.integer(0)].emplace_back(row.text(1), row.text(2));
  }
  for (const auto& row : db.query("SELECT s.id, r.code, o.period, o.value, o.status FROM observations o "
                                  "JOIN series s ON s.id = o.series_id JOIN datasets d ON d.id = s.dataset_id "
                                  "JOIN regions r ON r.id = o.region_id WHERE d.code = ? "
                                  "ORDER BY s.position, r.code, o.period",
                                  {dataset_code})) {
    Observation o;
    o.dataset = dataset_code;
    o.region = row.text(1);
    o.period = parse_period_key(row.text(2)).value_or(Period{});
    o.breakdown = breakdowns[row.integer(0)];
    o.value = row.opt_real(3);
    o.status = status_from_marker(row.text(4)).value_or(Status::ok);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace rf::monitor
