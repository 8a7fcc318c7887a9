#include <gtest/gtest.h>

#include "text/number.hpp"

namespace {

using rf::text::NumberStyle;
using rf::text::parse_number;

TEST(ParseNumber, GermanStyle) {
  EXPECT_EQ(parse_number("1.234,5", NumberStyle::german), 1234.5);
  EXPECT_EQ(parse_number("1234,5", NumberStyle::german), 1234.5);
  EXPECT_EQ(parse_number("2031201000", NumberStyle::german), 2031201000.0);
  EXPECT_EQ(parse_number("-6,8", NumberStyle::german), -6.8);
  EXPECT_EQ(parse_number(" 12 ", NumberStyle::german), 12.0);
  EXPECT_EQ(parse_number("1.234.567", NumberStyle::german), 1234567.0);
  EXPECT_EQ(parse_number("0", NumberStyle::german), 0.0);
}

TEST(ParseNumber, GermanStyleRejectsMalformed) {
  EXPECT_EQ(parse_number("1.23", NumberStyle::german), std::nullopt);
  EXPECT_EQ(parse_number("1234.567", NumberStyle::german), std::nullopt);
  EXPECT_EQ(parse_number("1,2,3", NumberStyle::german), std::nullopt);
  EXPECT_EQ(parse_number("12,", NumberStyle::german), std::nullopt);
  EXPECT_EQ(parse_number(",5", NumberStyle::german), std::nullopt);
  EXPECT_EQ(parse_number("abc", NumberStyle::german), std::nullopt);
  EXPECT_EQ(parse_number("", NumberStyle::german), std::nullopt);
  EXPECT_EQ(parse_number("-", NumberStyle::german), std::nullopt);
  EXPECT_EQ(parse_number(".", NumberStyle::german), std::nullopt);
  EXPECT_EQ(parse_number("12 3", NumberStyle::german), std::nullopt);
  EXPECT_EQ(parse_number("1e5", NumberStyle::german), std::nullopt);
}

TEST(ParseNumber, PlainStyle) {
  EXPECT_EQ(parse_number("1234.5", NumberStyle::plain), 1234.5);
  EXPECT_EQ(parse_number("24.34", NumberStyle::plain), 24.34);
  EXPECT_EQ(parse_number("-0.25", NumberStyle::plain), -0.25);
  EXPECT_EQ(parse_number("1e3", NumberStyle::plain), 1000.0);
  EXPECT_EQ(parse_number("1,5", NumberStyle::plain), std::nullopt);
  EXPECT_EQ(parse_number("1.234.5", NumberStyle::plain), std::nullopt);
}

TEST(FormatNumber, GermanGroupingAndDecimals) {
  EXPECT_EQ(rf::text::format_number(1234.5, 1), "1.234,5");
  EXPECT_EQ(rf::text::format_number(1234.5, 0), "1.235");
  EXPECT_EQ(rf::text::format_number(2.5, 0), "3");
  EXPECT_EQ(rf::text::format_number(-1234567, 0), "-1.234.567");
  EXPECT_EQ(rf::text::format_number(0.05, 2), "0,05");
  EXPECT_EQ(rf::text::format_number(999, 0), "999");
  EXPECT_EQ(rf::text::format_number(1000, 0), "1.000");
  EXPECT_EQ(rf::text::format_number(-0.01, 1), "0,0");
  EXPECT_EQ(rf::text::format_number(12.345, 2), "12,35");
  EXPECT_EQ(rf::text::format_number(18034454, 0), "18.034.454");
}

TEST(FormatNumber, ExactRoundTrips) {
  for (double v : {0.1, 1234.5, 17.0, 528.7, -3.25, 1e-7, 123456789.123}) {
    std::string text = rf::text::format_number_exact(v);
    EXPECT_EQ(text.find('.'), std::string::npos) << text;
    auto back = parse_number(text, NumberStyle::german);
    if (text.find('e') == std::string::npos) {
      ASSERT_TRUE(back) << text;
      EXPECT_EQ(*back, v);
    }
  }
  EXPECT_EQ(rf::text::format_number_exact(528.7), "528,7");
  EXPECT_EQ(rf::text::format_number_exact(370), "370");
}

TEST(Dates, GermanFormat) {
  auto d = rf::text::parse_german_date("31.12.2024");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, (rf::text::Date{2024, 12, 31}));
  EXPECT_EQ(rf::text::format_german_date(*d), "31.12.2024");
  EXPECT_EQ(rf::text::format_iso_date(*d), "2024-12-31");
  EXPECT_EQ(rf::text::parse_german_date("1.2.2024"), (rf::text::Date{2024, 2, 1}));
  EXPECT_EQ(rf::text::format_german_date({2024, 2, 1}), "01.02.2024");
}

TEST(Dates, RejectsImpossibleDates) {
  EXPECT_EQ(rf::text::parse_german_date("31.02.2024"), std::nullopt);
  EXPECT_EQ(rf::text::parse_german_date("29.02.2023"), std::nullopt);
  EXPECT_TRUE(rf::text::parse_german_date("29.02.2024"));
  EXPECT_EQ(rf::text::parse_german_date("2024"), std::nullopt);
  EXPECT_EQ(rf::text::parse_german_date("31.12.24"), std::nullopt);
  EXPECT_EQ(rf::text::parse_german_date("31.12.2024 x"), std::nullopt);
}

TEST(Dates, IsoFormat) {
  EXPECT_EQ(rf::text::parse_iso_date("2024-12-31"), (rf::text::Date{2024, 12, 31}));
  EXPECT_EQ(rf::text::parse_iso_date("2024-13-01"), std::nullopt);
  EXPECT_EQ(rf::text::parse_iso_date("2024-1-01"), std::nullopt);
}

}  // namespace
