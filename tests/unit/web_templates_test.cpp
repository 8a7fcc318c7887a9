// Templates hand mstch only the partials a template can reach; these cases
// check that nothing reachable is left out (a missing partial renders as
// nothing, so a page would silently lose a part).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "web/templates.hpp"

namespace {

class TemplatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("rf-templates-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_ / "a");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / (name + ".mustache"), std::ios::binary) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(TemplatesTest, PartialsOfPartialsAreRendered) {
  write("page", "<{{> a/outer}}|{{>a/outer}}>");
  write("a/outer", "O[{{>   inner  }}]");
  write("inner", "I{{x}}{{#list}}{{> leaf}}{{/list}}");
  write("leaf", "-{{.}}");
  write("unrelated", "never");
  rf::web::Templates templates(dir_);
  mstch::map context{{"x", std::string("1")}, {"list", mstch::array{std::string("p"), std::string("q")}}};
  EXPECT_EQ(templates.render("page", context), "<O[I1-p-q]|O[I1-p-q]>");
  EXPECT_EQ(templates.render("a/outer", context), "O[I1-p-q]");
}

TEST_F(TemplatesTest, RecursivePartialsAndUnknownNames) {
  write("tree", "({{name}}{{#children}}{{> tree}}{{/children}})");
  write("page", "x{{> missing}}y{{> tree}}");
  rf::web::Templates templates(dir_);
  mstch::map leaf{{"name", std::string("b")}, {"children", mstch::array{}}};
  mstch::map root{{"name", std::string("a")}, {"children", mstch::array{leaf}}};
  EXPECT_EQ(templates.render("page", root), "xy(a(b))");
}

}  // namespace
