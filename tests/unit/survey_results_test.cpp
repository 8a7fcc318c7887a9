// Results with small-cell suppression: primary and complementary suppression
// on a small table by hand, hidden zeros that look like hidden small counts,
// and the invariants over every table of a wave on the shipped partner form.
#include <gtest/gtest.h>

#include <random>

#include "survey/results.hpp"
#include "survey/suppression.hpp"
#include "survey/xlsform.hpp"

namespace rf::survey {
namespace {

TEST(Suppression, PrimaryAndComplementaryOnATableWithMargins) {
  //            A    B  | row
  //   yes     10    3  |  13
  //   no       8    9  |  17
  //   col     18   12  |  30
  Suppressor s(5);
  for (auto [id, n] : {std::pair{"yes|A", 10}, {"yes|B", 3}, {"no|A", 8}, {"no|B", 9}}) s.quantity(id, n);
  for (auto [id, n] : {std::pair{"yes", 13}, {"no", 17}, {"A", 18}, {"B", 12}, {"all", 30}}) s.quantity(id, n, true);
  s.relation("yes", {"yes|A", "yes|B"});
  s.relation("no", {"no|A", "no|B"});
  s.relation("A", {"yes|A", "no|A"});
  s.relation("B", {"yes|B", "no|B"});
  s.relation("all", {"yes", "no"});
  s.relation("all", {"A", "B"});
  auto hidden = s.run();
  // yes|B is small; its row and column need a second hidden cell each, which
  // in turn forces the fourth: all inner cells hidden, every margin shown.
  EXPECT_EQ(hidden, (std::set<std::string>{"yes|A", "yes|B", "no|A", "no|B"}));
}

TEST(Suppression, SmallMarginsAndSharedQuantities) {
  Suppressor s(5);
  s.quantity("t", 12, true);
  s.quantity("a", 4);
  s.quantity("b", 8);
  s.quantity("c", 0);
  s.relation("t", {"a", "b", "c"});
  // A second table sharing `b` with another split of it.
  s.quantity("b1", 6);
  s.quantity("b2", 2);
  s.relation("b", {"b1", "b2"});
  auto hidden = s.run();
  // a and c are small (c = 0 too); b2 is small, so b1 or b must go: b1 (a cell before a total).
  EXPECT_TRUE(hidden.count("a"));
  EXPECT_TRUE(hidden.count("c"));
  EXPECT_TRUE(hidden.count("b2"));
  EXPECT_TRUE(hidden.count("b1"));
  EXPECT_FALSE(hidden.count("t"));
  EXPECT_THROW(s.quantity("a", 5), std::logic_error);
}

StoredResponse response(std::string org, std::string rating, std::string nutzen, std::string group = "") {
  StoredResponse r;
  r.staff_group = group;
  if (!org.empty()) r.answers[{"organisation", 0}] = org;
  if (!rating.empty()) r.answers[{"zusammenarbeit", 0}] = rating;
  if (!nutzen.empty()) r.answers[{"nutzen", 0}] = nutzen;
  return r;
}

const Form& partner_form() {
  static const Form form = *load_form(RF_SOURCE_DIR + "/data/surveys/partner").form;
  return form;
}

TEST(SurveyResults, CountsSharesMeansAndHiddenSmallCells) {
  std::vector<StoredResponse> rs;
  for (int i = 0; i < 12; ++i) rs.push_back(response("kommune", i < 6 ? "4" : "5", "daten vernetzung"));
  for (int i = 0; i < 7; ++i) rs.push_back(response("hochschule", "3", "daten"));
  rs.push_back(response("stiftung", "2", ""));  // one respondent: hidden
  auto r = compute_results(partner_form(), rs, 5, "");
  ASSERT_EQ(r.columns, (std::vector<std::string>{"Insgesamt"}));
  EXPECT_EQ(r.respondents[0].count, 20);
  const QuestionResult* org = nullptr;
  const QuestionResult* rating = nullptr;
  for (const auto& q : r.questions) {
    if (q.name == "organisation") org = &q;
    if (q.name == "zusammenarbeit") rating = &q;
  }
  ASSERT_TRUE(org && rating);
  // organisation: kommune 12, hochschule 7, stiftung 1 (hidden), others 0 (hidden, same look).
  EXPECT_EQ(org->categories[0], "Kommune oder Kreis");
  EXPECT_EQ(org->cells[0][0].count, 12);
  EXPECT_NEAR(*org->cells[0][0].share, 0.6, 1e-9);
  const Cell& stiftung = org->cells[3][0];
  const Cell& schule = org->cells[2][0];
  EXPECT_TRUE(stiftung.hidden);
  EXPECT_TRUE(schule.hidden);
  EXPECT_EQ(stiftung.count, schule.count);
  EXPECT_EQ(stiftung.share.has_value(), schule.share.has_value());
  // The Likert scale: 6 × 4, 6 × 5, 7 × 3, 1 × 2 → mean 3.85 over 20, 95 % CI by t(19).
  ASSERT_EQ(rating->means.size(), 1u);
  EXPECT_NEAR(rating->means[0].mean, 3.85, 1e-9);
  EXPECT_EQ(rating->means[0].n, 20);
  double sd = std::sqrt((6 * 0.0225 + 6 * 1.3225 + 7 * 0.7225 + 1 * 3.4225) / 19.0);
  EXPECT_NEAR(rating->means[0].high - rating->means[0].mean, 2.093 * sd / std::sqrt(20.0), 1e-9);
  EXPECT_TRUE(rating->cells[0][0].hidden);  // value 1: nobody
}

// Every relation of every table has 0 or ≥ 2 hidden members, and the
// "Insgesamt" columns agree across breakdowns.
void check_invariants(const std::vector<Results>& all) {
  const Results& plain = all.front();
  for (const auto& r : all) {
    std::size_t total = r.columns.size() - 1;
    for (std::size_t qi = 0; qi < r.questions.size(); ++qi) {
      const auto& q = r.questions[qi];
      const auto& p = plain.questions[qi];
      for (std::size_t c = 0; c < q.cells.size(); ++c) {
        EXPECT_EQ(q.cells[c][total].hidden, p.cells[c][0].hidden) << q.name << " " << r.breakdown;
        if (!q.cells[c][total].hidden) EXPECT_EQ(q.cells[c][total].count, p.cells[c][0].count);
        if (total > 0) {  // the row across groups and its total
          int h = 0;
          for (std::size_t g = 0; g <= total; ++g) h += q.cells[c][g].hidden;
          EXPECT_NE(h, 1) << q.name << " row " << c << " " << r.breakdown;
        }
      }
      if (!q.multiple && !q.cells.empty()) {
        for (std::size_t g = 0; g <= total; ++g) {  // the column and its answering total
          int h = q.answered[g].hidden;
          for (std::size_t c = 0; c < q.cells.size(); ++c) h += q.cells[c][g].hidden;
          EXPECT_NE(h, 1) << q.name << " column " << g << " " << r.breakdown;
        }
      }
      for (std::size_t g = 0; g <= total; ++g)
        for (std::size_t c = 0; c < q.cells.size(); ++c)
          if (!q.cells[c][g].hidden) EXPECT_GE(q.cells[c][g].count, r.k);
    }
  }
}

TEST(SurveyResults, NoTableGivesAwayWhatAnotherHides) {
  std::mt19937 rng(42);
  const char* orgs[] = {"kommune", "hochschule", "schule", "stiftung", "zivilgesellschaft", "andere", ""};
  const char* groups[] = {"a", "b", "c"};
  for (int round = 0; round < 20; ++round) {
    std::vector<StoredResponse> rs;
    int n = 10 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i)
      rs.push_back(response(orgs[rng() % 7], std::to_string(1 + rng() % 5), rng() % 2 ? "daten" : "praxis vernetzung",
                            groups[rng() % 3]));
    auto all = compute_all_results(partner_form(), rs, 5);
    ASSERT_EQ(all.size(), 1 + breakdown_options(partner_form()).size());
    check_invariants(all);
  }
}

}  // namespace
}  // namespace rf::survey
