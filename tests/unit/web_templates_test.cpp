// Templates: our mustache renderer (web/mustache.hpp) against mstch, the
// renderer the site used before, whose output is the specification: every
// template under templates/ with contexts generated from the names it uses,
// and the tricky cases one by one (each asserted as a literal and as what
// mstch renders). Also: partials reach partials, and a template that does not
// parse fails at start, naming its file and line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <stdexcept>

#include "text/files.hpp"
#include "web/templates.hpp"

namespace {

namespace fs = std::filesystem;

class TemplatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rf-templates-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "a");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / (name + ".mustache"), std::ios::binary) << text;
    sources_[name] = text;
  }
  // What mstch renders for `name`, every written template a partial.
  std::string mstch_render(const std::string& name, const mstch::map& context) {
    return mstch::render(sources_.at(name), context, sources_);
  }
  // Renders "page" with ours and with mstch: both must give `expected`.
  void expect_page(const std::string& source, const mstch::map& context, const std::string& expected) {
    write("page", source);
    rf::web::Templates templates(dir_);
    EXPECT_EQ(templates.render("page", context), expected) << "template: " << source;
    EXPECT_EQ(mstch_render("page", context), expected) << "mstch, template: " << source;
  }
  // The message of the error that the template `source` (as a/broken) raises.
  std::string parse_error(const std::string& source) {
    write("a/broken", source);
    try {
      rf::web::Templates templates(dir_);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "(no error)";
  }
  fs::path dir_;
  std::map<std::string, std::string> sources_;
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
  EXPECT_EQ(mstch_render("page", root), "xy(a(b))");
  EXPECT_THROW(templates.render("nothing/here", root), std::out_of_range);
}

TEST_F(TemplatesTest, StandaloneLinesLoseTheirBlanks) {
  const mstch::map two{{"items", mstch::array{std::string("a"), std::string("b")}}};
  // Section tags alone on their line (with blanks, \r\n too) leave no line behind.
  expect_page("<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\r\n</ul>\n", two,
              "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
  // Not standalone: other text or a variable on the line.
  expect_page("x {{#items}}\n{{.}}{{/items}} y\n", two, "x \na\nb y\n");
  expect_page("{{#items}} {{.}}\n{{/items}}", two, " a\n b\n");
  // A last line without "\n": standalone only when the tag ends the template.
  expect_page("{{#items}}\n{{.}}\n  {{/items}}", two, "a\nb\n");
  expect_page("{{#items}}\n{{.}}\n{{/items}}  ", two, "a\nb\n  ");
  // Two section tags on one line, and an inverted one.
  expect_page("  {{#items}}{{^none}}\n<li>\n  {{/none}}{{/items}}\n.\n", two, "<li>\n<li>\n.\n");
}

TEST_F(TemplatesTest, StandalonePartialsAreIndentedAsMstchDoes) {
  write("item", "<p>{{x}}</p>\n<p>2</p>\n");
  expect_page("<div>\n  {{> item}}\n</div>\n", {{"x", std::string("X")}}, "<div>\n  <p>X</p>\n  <p>2</p>\n</div>\n");
  // mstch puts the indentation before every token that starts a line,
  // the closing tag of a section included (at the end of each pass), but
  // not before "- " which follows the opening tag (the spec differs).
  write("list", "{{#list}}\n- {{.}}\n{{/list}}\n");
  expect_page("<div>\n  {{> list}}\n</div>\n", {{"list", mstch::array{std::string("a"), std::string("b")}}},
              "<div>\n  - a\n  - b\n  </div>\n");
  // A partial within an indented partial gets only its own indentation.
  write("outer", "o\n {{> item}}\n");
  expect_page("\t{{> outer}}\n", {{"x", std::string("X")}}, "\to\n\t <p>X</p>\n <p>2</p>\n");
  // Not standalone (text before it on the line): no indentation.
  expect_page("x {{> item}}\n", {{"x", std::string("X")}}, "x <p>X</p>\n<p>2</p>\n\n");
}

TEST_F(TemplatesTest, InvertedSectionsRenderForEmptyValues) {
  const std::string page = "{{^x}}none{{/x}}|{{#x}}some{{/x}}";
  for (const mstch::node& empty : {mstch::node(mstch::array{}), mstch::node(std::string()), mstch::node(false),
                                   mstch::node(nullptr), mstch::node(0), mstch::node(0.0)}) {
    expect_page(page, {{"x", empty}}, "none|");
  }
  expect_page(page, {}, "none|");  // a missing name
  for (const mstch::node& value : {mstch::node(mstch::map{}), mstch::node(std::string(" ")), mstch::node(true),
                                   mstch::node(-1), mstch::node(0.25), mstch::node(mstch::array{false})}) {
    expect_page(page, {{"x", value}}, "|some");
  }
  // The context of an inverted section is null: {{.}} renders nothing there.
  expect_page("{{#s}}[{{.}}{{^f}}<{{.}}>{{/f}}]{{/s}}", {{"s", std::string("v")}, {"f", false}}, "[v<>]");
}

TEST_F(TemplatesTest, NamesAreLookedUpOutwards) {
  mstch::array items{mstch::map{{"name", std::string("a")}},
                     mstch::map{{"name", std::string("b")}, {"site", std::string("inner")}}};
  expect_page("{{#items}}{{name}}@{{site}};{{/items}}{{name}}",
              {{"items", items}, {"site", std::string("S")}, {"name", std::string("root")}}, "a@S;b@inner;root");
  // A section over a map pushes the map; over a string the string, which
  // answers only {{.}}.
  expect_page("{{#m}}{{k}}{{#s}}{{.}}{{k}}{{/s}}{{/m}}",
              {{"m", mstch::map{{"k", std::string("1")}}}, {"s", std::string("S")}}, "1S1");
  // An item that is an array is one context (the outer pass does not
  // flatten it); {{#.}} then iterates it.
  expect_page("{{#a}}({{#.}}x{{/.}}){{/a}}", {{"a", mstch::array{mstch::array{1, 2}, std::string("s")}}}, "(xx)(x)");
}

TEST_F(TemplatesTest, NumbersAndBooleansAsMstchPrintsThem) {
  expect_page("{{i}} {{n}} {{z}} {{t}} {{f}}", {{"i", 42}, {"n", -7}, {"z", 0}, {"t", true}, {"f", false}},
              "42 -7 0 true false");
  expect_page("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}} {{i}}",
              {{"a", 3.14159265},
               {"b", 0.5},
               {"c", 1e21},
               {"d", 2.0},
               {"e", 100000.0},
               {"f", 1234567.0},
               {"g", -0.0001234},
               {"h", 0.0},
               {"i", 1e-5}},
              "3.14159 0.5 1e+21 2 100000 1.23457e+06 -0.0001234 0 1e-05");
  expect_page("{{#n}}[{{.}}]{{/n}}{{#z}}zero{{/z}}{{#d}}<{{.}}>{{/d}}", {{"n", 3}, {"z", 0}, {"d", 2.5}}, "[3]<2.5>");
}

TEST_F(TemplatesTest, DotAndEscaping) {
  const std::string nasty = "<a href=\"x\">&'/\\`";
  expect_page("{{#tags}}<{{.}}|{{{.}}}>{{/tags}}", {{"tags", mstch::array{nasty, std::string("c")}}},
              "<&lt;a href=&quot;x&quot;&gt;&amp;&#39;&#x2F;\\`|" + nasty + "><c|c>");
  expect_page("{{s}}|{{{s}}}|{{& s}}|{{ s }}|{{{ s }}}", {{"s", nasty}},
              "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&#x2F;\\`|" + nasty + "|" + nasty +
                  "|&lt;a href=&quot;x&quot;&gt;&amp;&#39;&#x2F;\\`|" + nasty);
  // Maps, arrays and null render as nothing; "." at the top (a map) too.
  expect_page("[{{m}}{{a}}{{n}}{{.}}{{missing}}]",
              {{"m", mstch::map{{"k", 1}}}, {"a", mstch::array{1}}, {"n", nullptr}}, "[]");
}

TEST_F(TemplatesTest, ParseErrorsNameFileAndLine) {
  const std::string file = (dir_ / "a" / "broken.mustache").string();
  auto error = parse_error("<p>\n{{#open}}\nx\n");
  EXPECT_NE(error.find(file + ":2: the section {{#open}} is not closed"), std::string::npos) << error;
  error = parse_error("{{#a}}\n{{^b}}\n\n{{/a}}{{/b}}\n");
  EXPECT_NE(error.find(file + ":4: {{/a}} closes the section {{^b}} of line 2"), std::string::npos) << error;
  error = parse_error("x\ny\n{{/z}}");
  EXPECT_NE(error.find(file + ":3: {{/z}} closes no section"), std::string::npos) << error;
  error = parse_error("{{! a comment }}");
  EXPECT_NE(error.find(file + ":1: comments"), std::string::npos) << error;
  error = parse_error("\n{{a.b}}");
  EXPECT_NE(error.find(file + ":2: dotted names"), std::string::npos) << error;
  error = parse_error("{{=<% %>=}}");
  EXPECT_NE(error.find(file + ":1: changing the delimiters"), std::string::npos) << error;
  error = parse_error("a\n\nb {{x");
  EXPECT_NE(error.find(file + ":3: '{{' without '}}'"), std::string::npos) << error;
  error = parse_error("{{ }}");
  EXPECT_NE(error.find(file + ":1: tag without a name"), std::string::npos) << error;
  error = parse_error("{{{x}}");
  EXPECT_NE(error.find(file + ":1: malformed tag {{{x}}"), std::string::npos) << error;
}

TEST_F(TemplatesTest, LambdasAreRefused) {
  write("page", "{{#f}}x{{/f}}");
  write("var", "{{f}}");
  rf::web::Templates templates(dir_);
  mstch::map context{{"f", mstch::lambda{[]() -> mstch::node { return std::string("y"); }}}};
  EXPECT_THROW(templates.render("page", context), std::logic_error);
  EXPECT_THROW(templates.render("var", context), std::logic_error);
}

// --- Every template of the site against mstch ---------------------------------

// The names a template uses, with the names used inside each section: the
// shape of the contexts generated for it.
struct Shape {
  bool section = false;
  std::map<std::string, Shape> names;
};

struct Site {
  std::map<std::string, std::string> sources;  // name -> text

  // Adds the names of `name` (its partials' included) to `into`; the
  // partials reached go into `partials`.
  void scan(const std::string& name, Shape& into, std::map<std::string, std::string>& partials,
            std::set<std::string>& active) const {
    auto it = sources.find(name);
    if (it == sources.end() || !active.insert(name).second) return;
    const std::string& text = it->second;
    std::vector<Shape*> stack{&into};
    for (auto open = text.find("{{"); open != std::string::npos; open = text.find("{{", open + 2)) {
      auto close = text.find("}}", open + 2);
      std::string tag = text.substr(open + 2, close - open - 2);
      if (!tag.empty() && tag[0] == '{') tag = tag.substr(1);
      char sigil = tag.empty() ? ' ' : tag[0];
      if (std::string("#^/>&").find(sigil) != std::string::npos) tag = tag.substr(1);
      tag.erase(0, tag.find_first_not_of(' '));
      tag.erase(tag.find_last_not_of(' ') + 1);
      if (tag == ".") continue;
      if (sigil == '#') {
        Shape& body = stack.back()->names[tag];
        body.section = true;
        stack.push_back(&body);
      } else if (sigil == '^') {
        stack.back()->names[tag];
        stack.push_back(stack.back());  // its body sees the enclosing context
      } else if (sigil == '/') {
        stack.pop_back();
      } else if (sigil == '>') {
        if (sources.count(tag)) partials[tag] = sources.at(tag);
        scan(tag, *stack.back(), partials, active);
      } else {
        stack.back()->names[tag];
      }
    }
    active.erase(name);
  }
};

enum class Fill { strings, yes, no, empty, maps, map, lists, numbers, mixed };

mstch::node scalar(const std::string& name, std::mt19937& rng) {
  switch (rng() % 9) {
    case 0: return nullptr;
    case 1: return std::string();
    case 2: return true;
    case 3: return false;
    case 4: return static_cast<int>(rng() % 3) - 1;
    case 5: return static_cast<int>(rng() % 100000);
    case 6: return static_cast<double>(rng() % 1000000) / 7.0;
    case 7: return 0.0;
    default: return "<a href=\"x\">&'/\\`" + name;
  }
}

mstch::map fill(const Shape& shape, Fill how, std::mt19937& rng) {
  mstch::map out;
  int counter = 0;
  for (const auto& [name, body] : shape.names) {
    const std::string nasty = "<a href=\"x\">&'/\\` " + name;
    switch (how) {
      case Fill::strings: out[name] = nasty; break;
      case Fill::yes: out[name] = true; break;
      case Fill::no: out[name] = false; break;
      case Fill::empty: out[name] = mstch::array{}; break;
      case Fill::maps:
        out[name] = body.section ? mstch::node(mstch::array{fill(body, how, rng), fill(body, how, rng)}) : nasty;
        break;
      case Fill::map: out[name] = body.section ? mstch::node(fill(body, how, rng)) : nasty; break;
      case Fill::lists: out[name] = body.section ? mstch::node(mstch::array{nasty, std::string("zwei")}) : nasty; break;
      case Fill::numbers: {
        const mstch::node numbers[] = {42, 0, 3.14159265, 0.0, -7, 1e21, 0.5};
        out[name] = numbers[counter++ % 7];
        break;
      }
      case Fill::mixed:
        switch (rng() % 8) {
          case 0: break;  // missing: looked up outwards
          case 1: out[name] = mstch::array{nasty, std::string("b"), 3}; break;
          case 2: out[name] = fill(body, how, rng); break;
          case 3: {
            mstch::array items;
            for (auto n = rng() % 3; n > 0; --n) items.push_back(fill(body, how, rng));
            out[name] = items;
            break;
          }
          default: out[name] = scalar(name, rng); break;
        }
        break;
    }
  }
  return out;
}

TEST(TemplatesSite, EveryTemplateRendersAsMstchRendersIt) {
  const fs::path dir = fs::path(RF_SOURCE_DIR) / "templates";
  Site site;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    site.sources[fs::relative(entry.path(), dir).replace_extension().generic_string()] =
        rf::text::read_file(entry.path()).value();
  }
  rf::web::Templates templates(dir);
  std::size_t contexts = 0, bytes = 0;
  for (const auto& [name, source] : site.sources) {
    Shape shape;
    std::map<std::string, std::string> partials;
    std::set<std::string> active;
    site.scan(name, shape, partials, active);
    std::vector<mstch::map> cases;
    std::mt19937 rng(7);
    for (Fill how :
         {Fill::strings, Fill::yes, Fill::no, Fill::empty, Fill::maps, Fill::map, Fill::lists, Fill::numbers}) {
      cases.push_back(fill(shape, how, rng));
    }
    for (unsigned seed = 1; seed <= 12; ++seed) {
      rng.seed(seed);
      cases.push_back(fill(shape, Fill::mixed, rng));
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const std::string expected = mstch::render(source, cases[i], partials);
      const std::string actual = templates.render(name, cases[i]);
      ASSERT_EQ(actual, expected) << name << ", context " << i;
      ++contexts;
      bytes += actual.size();
    }
  }
  EXPECT_GE(site.sources.size(), 90u);
  std::cout << "compared " << site.sources.size() << " templates in " << contexts << " contexts (" << bytes
            << " bytes) with mstch\n";
}

}  // namespace
