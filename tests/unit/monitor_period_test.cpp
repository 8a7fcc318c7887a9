#include <gtest/gtest.h>

#include "monitor/model/period.hpp"

namespace {

using rf::monitor::parse_period;
using rf::monitor::parse_period_key;
using rf::monitor::Period;
using rf::monitor::PeriodKind;

TEST(Period, Years) {
  auto p = parse_period("2023");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PeriodKind::year);
  EXPECT_EQ(p->year, 2023);
  EXPECT_EQ(p->key(), "2023");
  EXPECT_EQ(p->label_de(), "2023");
  EXPECT_EQ(parse_period("Jahr 2023"), p);
  EXPECT_EQ(parse_period(" 2023 "), p);
}

TEST(Period, Dates) {
  auto p = parse_period("31.12.2024");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PeriodKind::date);
  EXPECT_EQ(p->key(), "2024-12-31");
  EXPECT_EQ(p->label_de(), "31.12.2024");
  EXPECT_EQ(parse_period("Stichtag 31.12.2024"), p);
  EXPECT_EQ(parse_period("Stichtag: 31.12.2024"), p);
  EXPECT_EQ(parse_period("2024-12-31"), p);
  EXPECT_EQ(parse_period("31.02.2024"), std::nullopt);
}

TEST(Period, SchoolYears) {
  auto p = parse_period("2023/24");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PeriodKind::school_year);
  EXPECT_EQ(p->year, 2023);
  EXPECT_EQ(p->key(), "2023/24");
  EXPECT_EQ(p->label_de(), "2023/24");
  for (const char* variant :
       {"2023/2024", "Schuljahr 2023/24", "Schuljahr 2023/2024", "SJ 2023/24", "2023-24", "schuljahr: 2023/24"}) {
    EXPECT_EQ(parse_period(variant), p) << variant;
  }
  EXPECT_EQ(parse_period("1999/00")->key(), "1999/00");
  EXPECT_EQ(parse_period("2023/25"), std::nullopt);
  EXPECT_EQ(parse_period("Schuljahr 2023"), std::nullopt);
}

TEST(Period, Semesters) {
  auto ws = parse_period("WS 2023/24");
  ASSERT_TRUE(ws);
  EXPECT_EQ(ws->kind, PeriodKind::semester);
  EXPECT_EQ(ws->key(), "2023/24-WS");
  EXPECT_EQ(ws->label_de(), "WS 2023/24");
  EXPECT_EQ(parse_period("Wintersemester 2023/2024"), ws);
  auto ss = parse_period("Sommersemester 2024");
  ASSERT_TRUE(ss);
  EXPECT_EQ(ss->key(), "2024-SS");
  EXPECT_EQ(ss->label_de(), "SS 2024");
}

TEST(Period, RejectsNonPeriods) {
  for (const char* text : {"", "05", "05513", "Deutschland", "12345", "0999", "x", "2023/24/25", "Jahr", "DG"}) {
    EXPECT_EQ(parse_period(text), std::nullopt) << text;
  }
}

TEST(Period, KeysRoundTripAndSort) {
  for (const char* text : {"2023", "2023/24", "31.12.2024", "WS 2023/24", "SS 2024"}) {
    auto p = parse_period(text);
    ASSERT_TRUE(p) << text;
    EXPECT_EQ(parse_period_key(p->key()), p) << text;
  }
  EXPECT_LT(*parse_period("2022"), *parse_period("2023"));
  EXPECT_LT(*parse_period("31.12.2015"), *parse_period("31.12.2020"));
  EXPECT_EQ(parse_period_key("2023/25"), std::nullopt);
}

}  // namespace
