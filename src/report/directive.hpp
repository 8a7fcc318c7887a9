// Directives: the live parts of a chapter's Markdown.
//
//   Inline, anywhere in a line:   {{wert indikator=kita_quote_u3 region=ruhr periode=neueste}}
//   Block, a line of its own:     ::: abbildung typ=zeitreihe indikator=… regionen=vergleich
//                                     titel="Betreuungsquote der unter Dreijährigen"
//                                 (the first line ending in a backslash to continue)
//
// A directive is a name followed by arguments separated by spaces: `key=value`,
// `key="value with spaces"` (\" and \\ escape inside quotes) or a bare value
// (positional, e.g. {{begriff sozialindex}}). Keys may repeat (fussnote=…).
// A block line ending in a backslash continues on the next line. `\{{` writes
// a literal "{{". Nothing is recognised inside fenced code blocks or inline
// code spans. Conditional blocks (`::: wenn …`, `::: sonst`, `::: ende`) are
// resolved while parsing by a caller-supplied predicate (used by profiles).
//
// The parser replaces every directive by a token that survives Markdown
// rendering unchanged; after rendering, replace_tokens() swaps each token for
// the directive's HTML (a block token together with its enclosing <p>).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/diagnostics.hpp"
#include "text/result.hpp"

namespace rf::report {

struct Directive {
  std::string name;
  std::vector<std::pair<std::string, std::string>> args;  // key "" for a bare value
  bool block = false;
  SourceLocation where;

  std::optional<std::string> get(std::string_view key) const;  // first value
  std::string get_or(std::string_view key, std::string_view fallback) const;
  std::vector<std::string> all(std::string_view key) const;
  bool has(std::string_view key) const;
  std::vector<std::string> positional() const;
  // The directive as written (normalised), for messages and placeholders.
  std::string text() const;
};

struct ParseOptions {
  // Decides a `::: wenn …` block; without it every `wenn` is an error.
  std::function<bool(const Directive&)> condition;
};

struct ParsedText {
  std::string markdown;               // the source with tokens instead of directives
  std::vector<Directive> directives;  // token i refers to directives[i]
};

// Parses `text` (the content of `file`); syntax errors go to `diagnostics`
// and the broken directive is left out.
ParsedText parse_directives(std::string_view text, std::string_view file, Diagnostics& diagnostics,
                            const ParseOptions& options = {});

// Parses the argument part of a directive ("key=value key2=\"x y\" bare").
// A Failure (German) on a syntax error.
text::Result<std::vector<std::pair<std::string, std::string>>> parse_arguments(std::string_view text);

// The token for directive `index`: letters and digits only, so Markdown keeps it.
std::string directive_token(std::size_t index);

// Replaces every token in rendered HTML by render(index). A token that is the
// whole content of a paragraph (a block directive) replaces the paragraph.
std::string replace_tokens(std::string_view html, const std::function<std::string(std::size_t index)>& render);

}  // namespace rf::report
