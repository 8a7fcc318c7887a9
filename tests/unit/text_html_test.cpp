#include <gtest/gtest.h>

#include "text/html.hpp"

namespace {

TEST(Html, EscapesText) {
  EXPECT_EQ(rf::text::escape_html("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d");
  EXPECT_EQ(rf::text::escape_html("\"quoted\" 'x'"), "\"quoted\" 'x'");
  EXPECT_EQ(rf::text::escape_html("Mülheim an der Ruhr"), "Mülheim an der Ruhr");
}

TEST(Html, EscapesAttributes) {
  EXPECT_EQ(rf::text::escape_attribute("\"><script>'"), "&quot;&gt;&lt;script&gt;&#39;");
}

TEST(Html, AppendVariants) {
  std::string out = "<p>";
  rf::text::append_escaped_html(out, "1 < 2");
  out += "</p><a title=\"";
  rf::text::append_escaped_attribute(out, "say \"hi\"");
  out += "\">";
  EXPECT_EQ(out, "<p>1 &lt; 2</p><a title=\"say &quot;hi&quot;\">");
}

}  // namespace
