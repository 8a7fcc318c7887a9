// The school register of monitor/indicators.hpp: single schools by id or number.
#include "db/database.hpp"
#include "monitor/indicators.hpp"

namespace rf::monitor {

namespace {

constexpr const char* kSchoolColumns =
    "SELECT id, code, name, COALESCE(region_code, ''), school_form, sozialindex FROM institutions "
    "WHERE kind = 'school' AND ";

SchoolInfo school_from(const db::Row& r) {
  SchoolInfo s;
  s.id = r.integer(0);
  s.number = r.text(1);
  s.name = r.text(2);
  std::string region = r.text(3);
  if (region.size() == 8) s.municipality = region;
  if (region.size() >= 5) s.kreis = region.substr(0, 5);
  s.school_form = r.text(4);
  if (auto v = r.opt_integer(5)) s.sozialindex = static_cast<int>(*v);
  return s;
}

}  // namespace

std::optional<SchoolInfo> find_school(db::Database& db, std::int64_t id) {
  auto row = db.query_one(std::string(kSchoolColumns) + "id = ?", {id});
  if (!row) return std::nullopt;
  return school_from(*row);
}

std::optional<SchoolInfo> find_school_by_number(db::Database& db, std::string_view number) {
  auto row = db.query_one(std::string(kSchoolColumns) + "code = ?", {std::string(number)});
  if (!row) return std::nullopt;
  return school_from(*row);
}

}  // namespace rf::monitor
