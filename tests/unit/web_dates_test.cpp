// German civil dates: formatting and the two readers of "YYYY-MM-DD…" text.
#include <gtest/gtest.h>

#include "web/dates.hpp"

namespace rf::web {
namespace {

constexpr std::int64_t kSummerAfternoon = 1751545800;  // 2025-07-03T12:30:00Z = 14:30 CEST
constexpr std::int64_t kWinterMorning = 1736928300;    // 2025-01-15T08:05:00Z = 09:05 CET

TEST(WebDates, FormatsInGermanCivilTime) {
  EXPECT_EQ(format_date_de(kSummerAfternoon), "03.07.2025");
  EXPECT_EQ(format_date_long_de(kSummerAfternoon), "3. Juli 2025");
  EXPECT_EQ(format_datetime_de(kSummerAfternoon), "03.07.2025, 14:30 Uhr");
  EXPECT_EQ(format_datetime_de(kWinterMorning), "15.01.2025, 09:05 Uhr");
  EXPECT_EQ(iso_date(kSummerAfternoon), "2025-07-03");
  EXPECT_EQ(datetime_local(kWinterMorning), "2025-01-15T09:05");
  EXPECT_EQ(rfc3339_utc(kSummerAfternoon), "2025-07-03T12:30:00Z");
  EXPECT_EQ(berlin_year(kSummerAfternoon), 2025);
}

TEST(WebDates, ReadsIsoDatesAsGermanMidnight) {
  EXPECT_EQ(parse_iso_date("2025-07-03"), std::optional<std::int64_t>(1751493600));  // 22:00Z the day before
  EXPECT_EQ(parse_iso_date("2025-01-15"), std::optional<std::int64_t>(1736895600));  // 23:00Z the day before
  EXPECT_FALSE(parse_iso_date("2025-02-30"));
  EXPECT_FALSE(parse_iso_date("2025-7-03"));
  EXPECT_FALSE(parse_iso_date("2025-07-03T14:30"));
  EXPECT_FALSE(parse_iso_date("03.07.2025"));
  EXPECT_FALSE(parse_iso_date(""));
}

TEST(WebDates, ReadsLocalDateTimes) {
  EXPECT_EQ(parse_datetime_local("2025-07-03T14:30"), std::optional<std::int64_t>(kSummerAfternoon));
  EXPECT_EQ(parse_datetime_local("2025-07-03T14:30:59"), std::optional<std::int64_t>(kSummerAfternoon));
  EXPECT_EQ(parse_datetime_local("2025-01-15T09:05"), std::optional<std::int64_t>(kWinterMorning));
  // The autumn hour that happens twice is read as the earlier (summer-time) one.
  EXPECT_EQ(parse_datetime_local("2025-10-26T02:30"), std::optional<std::int64_t>(1761438600));
  EXPECT_FALSE(parse_datetime_local("2025-07-03T24:00"));
  EXPECT_FALSE(parse_datetime_local("2025-07-03 14:30"));
  EXPECT_FALSE(parse_datetime_local("2025-13-03T14:30"));
  EXPECT_FALSE(parse_datetime_local("2025-07-03"));
}

}  // namespace
}  // namespace rf::web
