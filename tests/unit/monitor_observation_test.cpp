#include <gtest/gtest.h>

#include "monitor/model/observation.hpp"

namespace {

using rf::monitor::parse_cell_value;
using rf::monitor::Status;
using rf::text::NumberStyle;

TEST(Status, MarkersRoundTrip) {
  for (std::size_t i = 0; i < rf::monitor::kStatusCount; ++i) {
    auto s = static_cast<Status>(i);
    EXPECT_EQ(rf::monitor::status_from_marker(rf::monitor::status_marker(s)), s);
  }
  EXPECT_EQ(rf::monitor::status_from_marker("…"), Status::not_yet);
  EXPECT_EQ(rf::monitor::status_from_marker("( )"), Status::limited);
  EXPECT_EQ(rf::monitor::status_from_marker("?"), std::nullopt);
  EXPECT_FALSE(rf::monitor::status_label_de(Status::secret).empty());
}

TEST(CellValue, Numbers) {
  auto v = parse_cell_value("2845", NumberStyle::german);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->value, 2845.0);
  EXPECT_EQ(v->status, Status::ok);
  EXPECT_EQ(parse_cell_value("104,94", NumberStyle::german)->value, 104.94);
  EXPECT_EQ(parse_cell_value("24.34", NumberStyle::plain)->value, 24.34);
}

TEST(CellValue, MarkersAreNeverZero) {
  struct Case {
    const char* text;
    Status status;
  };
  for (auto c : {Case{"-", Status::zero}, Case{".", Status::secret}, Case{"x", Status::not_applicable},
                 Case{"...", Status::not_yet}, Case{"/", Status::unreliable}, Case{"()", Status::limited}}) {
    auto v = parse_cell_value(c.text, NumberStyle::german);
    ASSERT_TRUE(v) << c.text;
    EXPECT_EQ(v->status, c.status) << c.text;
    EXPECT_FALSE(v->value.has_value()) << c.text;
  }
}

TEST(CellValue, QualifiedNumbers) {
  auto limited = parse_cell_value("(123)", NumberStyle::german);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, Status::limited);
  EXPECT_EQ(limited->value, 123.0);
  EXPECT_EQ(parse_cell_value("12,5p", NumberStyle::german)->status, Status::provisional);
  EXPECT_EQ(parse_cell_value("12,5 r", NumberStyle::german)->status, Status::revised);
  EXPECT_EQ(parse_cell_value("7e", NumberStyle::german)->status, Status::estimated);
}

TEST(CellValue, RejectsText) {
  for (const char* text : {"", "abc", "12a", "p", "e", "--", "1.2.3", "(abc)"}) {
    EXPECT_FALSE(parse_cell_value(text, NumberStyle::german)) << text;
  }
}

}  // namespace
