// The schools of the register (table institutions, kind 'school') as the
// region pages list them. Single schools by id or number, what other modules
// may ask, are declared in monitor/indicators.hpp; both are implemented in
// school_register.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rf::db {
class Database;
}

namespace rf::monitor {

struct SchoolListing {
  std::string code, name, form, city, street;
  std::optional<int> index;  // Schulsozialindex 1–9
  std::optional<std::int64_t> pupils;
  std::optional<double> x, y;  // UTM32 (EPSG:25832)
  bool without_index = false;
};

// The schools of the current directory in a Gemeinde (8-digit code) or in
// every Gemeinde whose code starts with `code` (a Kreis), ordered by name.
std::vector<SchoolListing> schools_in_region(db::Database& db, const std::string& code);

}  // namespace rf::monitor
