// GitHub-flavoured Markdown (tables, strikethrough, autolinks) rendered with
// cmark-gfm into HTML that is safe to embed in a page: raw HTML is dropped,
// links keep only http(s), mailto, tel and same-site targets, and images only
// same-site sources. Used for news, pages and report chapters.
#pragma once

#include <string>
#include <string_view>

namespace rf::text {

struct MarkdownOptions {
  // Added to every heading level (capped at 6): the page title is the one h1,
  // so "# Title" in a body becomes an h2 with the default offset of 1.
  int heading_offset = 1;
};

// Sanitised HTML for `markdown`. Invalid UTF-8 is replaced, never passed on.
std::string markdown_to_html(std::string_view markdown, const MarkdownOptions& options = {});

// The text of `markdown` without markup (for search, feeds and descriptions).
std::string markdown_to_text(std::string_view markdown);

// True when `url` may be the target of a link: a relative or same-site URL
// ("/x", "#a", "x/y", "?q") or one with the scheme http, https, mailto or tel.
// Control characters and whitespace, which browsers ignore inside a scheme,
// count against it ("java\tscript:" is rejected).
bool is_safe_link_url(std::string_view url);
// True when `url` may be an image source: same-site paths only ("/dateien/…"),
// because the content security policy allows no other hosts anyway.
bool is_safe_image_url(std::string_view url);

}  // namespace rf::text
