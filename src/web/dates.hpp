// Dates as the portal shows and reads them: stored as Unix seconds, shown in
// German civil time (Europe/Berlin, CET/CEST by the EU rule) as "31.12.2024".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rf::web {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Offset of German civil time from UTC at the instant `utc` (3600 or 7200).
std::int64_t berlin_offset(std::int64_t utc);

CivilDate berlin_date(std::int64_t utc);
// The instant of 00:00 German time on `date`.
std::int64_t berlin_midnight(const CivilDate& date);
// The instant of a German wall-clock time (the earlier one when ambiguous).
std::int64_t berlin_to_utc(const CivilDate& date, int hour, int minute);

std::string format_date_de(std::int64_t utc);       // "03.07.2025"
std::string format_date_long_de(std::int64_t utc);  // "3. Juli 2025"
std::string format_datetime_de(std::int64_t utc);   // "03.07.2025, 14:30 Uhr"
std::string iso_date(std::int64_t utc);             // "2025-07-03" (German date)
std::string datetime_local(std::int64_t utc);       // "2025-07-03T14:30" for <input type=datetime-local>
std::string rfc3339_utc(std::int64_t utc);          // "2025-07-03T12:30:00Z"
int berlin_year(std::int64_t utc);

// "2025-07-03" -> midnight German time; nullopt for anything else.
std::optional<std::int64_t> parse_iso_date(std::string_view text);
// "2025-07-03T14:30" (seconds allowed) as German time; nullopt otherwise.
std::optional<std::int64_t> parse_datetime_local(std::string_view text);

}  // namespace rf::web
