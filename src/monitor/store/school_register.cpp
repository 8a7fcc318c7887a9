// The school register: single schools by id or number (monitor/indicators.hpp)
// and the schools of a region (school_register.hpp).
#include "monitor/store/school_register.hpp"

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

std::vector<SchoolListing> schools_in_region(db::Database& db, const std::string& code) {
  std::vector<db::Row> rows;
  const std::string sql =
      "SELECT code, name, school_form, city, street, sozialindex, pupils, x, y, sozialindex_none, pupils_period "
      "FROM institutions WHERE kind = 'school' AND ";
  if (code.size() == 8) {
    rows = db.query(sql + "region_code = ? ORDER BY name", {code});
  } else {
    rows = db.query(sql + "region_code LIKE ? ORDER BY name", {code + "%"});
  }
  std::vector<SchoolListing> out;
  for (const auto& r : rows) {
    // Schools of the current directory only (those have a school year).
    if (r.text(10).empty() && r.is_null(5)) continue;
    SchoolListing s;
    s.code = r.text(0);
    s.name = r.text(1);
    s.form = r.text(2);
    s.city = r.text(3);
    s.street = r.text(4);
    if (!r.is_null(5)) s.index = static_cast<int>(r.integer(5));
    if (!r.is_null(6)) s.pupils = r.integer(6);
    if (!r.is_null(7) && !r.is_null(8)) {
      s.x = r.real(7);
      s.y = r.real(8);
    }
    s.without_index = !s.index;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace rf::monitor
