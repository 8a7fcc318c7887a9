#include "report/directive.hpp"

#include <cctype>
#include <cstdio>

#include "text/strings.hpp"

namespace rf::report {
namespace {

constexpr std::string_view kTokenPrefix = "qqrfd";
constexpr std::string_view kTokenSuffix = "qq";
constexpr std::size_t kTokenDigits = 5;

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Letters (ASCII and the bytes of UTF-8 umlauts), digits, '_' and '-'.
bool is_key_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '-' || u >= 0x80;
}

using text::trim;

// Splits "name rest" into the name and the argument text.
bool split_name(std::string_view text, std::string& name, std::string_view& rest) {
  text = trim(text);
  std::size_t i = 0;
  while (i < text.size() && is_key_char(text[i])) ++i;
  if (i == 0) return false;
  name = std::string(text.substr(0, i));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  rest = text.substr(i);
  return rest.empty() || is_space(rest.front());
}

// Lines of the text with their line numbers (without the line end).
struct Line {
  std::string_view text;
  int number;
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      if (start < text.size()) lines.push_back({text.substr(start), number});
      break;
    }
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({line, number++});
    start = end + 1;
  }
  return lines;
}

// "```" or "~~~" after at most three spaces: returns the fence, else "".
std::string_view fence_of(std::string_view line) {
  std::size_t i = 0;
  while (i < 3 && i < line.size() && line[i] == ' ') ++i;
  line.remove_prefix(i);
  for (char f : {'`', '~'}) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == f) ++n;
    if (n >= 3) return line.substr(0, n);
  }
  return {};
}

// The text after ":::" when `line` is a block directive line, else nullopt.
std::optional<std::string_view> block_body(std::string_view line) {
  std::size_t i = 0;
  while (i < 3 && i < line.size() && line[i] == ' ') ++i;
  if (line.substr(i, 3) != ":::") return std::nullopt;
  return line.substr(i + 3);
}

class Parser {
 public:
  Parser(std::string_view file, Diagnostics& diagnostics, const ParseOptions& options)
      : file_(file), diagnostics_(diagnostics), options_(options) {}

  ParsedText run(std::string_view text) {
    auto lines = split_lines(text);
    std::string_view fence;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      if (!fence.empty()) {
        if (fence_of(line.text).substr(0, fence.size()) == fence) fence = {};
        emit_raw(line.text);
        continue;
      }
      if (auto f = fence_of(line.text); !f.empty()) {
        fence = f;
        emit_raw(line.text);
        continue;
      }
      if (auto body = block_body(line.text)) {
        std::string joined(*body);
        int first = line.number;
        while (!trim(joined).empty() && trim(joined).back() == '\\' && i + 1 < lines.size()) {
          joined = std::string(trim(joined));
          joined.pop_back();
          joined += ' ';
          joined += lines[++i].text;
        }
        block(joined, first);
        continue;
      }
      if (skipping()) continue;
      inline_line(line.text, line.number);
    }
    if (!conditions_.empty()) {
      diagnostics_.error({std::string(file_), conditions_.back().line}, "„::: wenn“ ohne abschließendes „::: ende“");
    }
    return std::move(out_);
  }

 private:
  struct Condition {
    int line;
    bool parent_active;
    bool value;
    bool in_else = false;
  };

  bool skipping() const {
    return !conditions_.empty() &&
           !(conditions_.back().parent_active &&
             (conditions_.back().in_else ? !conditions_.back().value : conditions_.back().value));
  }

  void emit_raw(std::string_view text) {
    if (skipping()) return;
    out_.markdown.append(text);
    out_.markdown.push_back('\n');
  }

  std::optional<Directive> make(std::string_view text, int line, bool is_block) {
    SourceLocation where{std::string(file_), line};
    Directive d;
    d.block = is_block;
    d.where = where;
    std::string_view rest;
    if (!split_name(text, d.name, rest)) {
      diagnostics_.error(where, std::string(is_block ? "Block-Direktive" : "Direktive") + " ohne gültigen Namen: „" +
                                    std::string(trim(text)) + "“");
      return std::nullopt;
    }
    auto args = parse_arguments(rest);
    if (!args) {
      diagnostics_.error(where, "Direktive „" + d.name + "“: " + args.error().message);
      return std::nullopt;
    }
    d.args = std::move(*args);
    return d;
  }

  void block(std::string_view body, int line) {
    auto d = make(body, line, true);
    if (!d) return;
    if (d->name == "wenn") {
      bool active = !skipping();
      bool value = false;
      if (active) {
        if (options_.condition) {
          value = options_.condition(*d);
        } else {
          diagnostics_.error(d->where, "„::: wenn“ ist hier nicht erlaubt (nur in Profilvorlagen)");
        }
      }
      conditions_.push_back({line, active, value});
      return;
    }
    if (d->name == "sonst" || d->name == "ende") {
      if (conditions_.empty()) {
        diagnostics_.error(d->where, "„::: " + d->name + "“ ohne „::: wenn“");
        return;
      }
      if (d->name == "sonst") {
        conditions_.back().in_else = true;
      } else {
        conditions_.pop_back();
      }
      return;
    }
    if (skipping()) return;
    std::size_t index = out_.directives.size();
    out_.directives.push_back(std::move(*d));
    out_.markdown += "\n" + directive_token(index) + "\n\n";
  }

  void inline_line(std::string_view text, int line) {
    std::string& out = out_.markdown;
    std::size_t i = 0;
    while (i < text.size()) {
      char c = text[i];
      if (c == '`') {  // an inline code span: copy up to the matching backtick run
        std::size_t n = 0;
        while (i + n < text.size() && text[i + n] == '`') ++n;
        std::string_view run = text.substr(i, n);
        std::size_t close = text.find(run, i + n);
        std::size_t end = close == std::string_view::npos ? i + n : close + n;
        out.append(text.substr(i, end - i));
        i = end;
        continue;
      }
      if (c == '\\' && text.substr(i + 1, 2) == "{{") {
        out += "\\{\\{";  // Markdown escapes: the braces stay literal text
        i += 3;
        continue;
      }
      if (text.substr(i, 2) == "{{") {
        std::size_t close = find_close(text, i + 2);
        if (close == std::string_view::npos) {
          diagnostics_.error({std::string(file_), line},
                             "Direktive nicht geschlossen (es fehlt „}}“): „" + std::string(text.substr(i, 40)) + "“");
          out.append(text.substr(i));
          break;
        }
        if (auto d = make(text.substr(i + 2, close - i - 2), line, false)) {
          std::size_t index = out_.directives.size();
          out_.directives.push_back(std::move(*d));
          out += directive_token(index);
        }
        i = close + 2;
        continue;
      }
      out.push_back(c);
      ++i;
    }
    out.push_back('\n');
  }

  // The position of the "}}" closing a directive that starts at `from`,
  // skipping quoted values.
  static std::size_t find_close(std::string_view text, std::size_t from) {
    bool quoted = false;
    for (std::size_t i = from; i < text.size(); ++i) {
      if (quoted) {
        if (text[i] == '\\') {
          ++i;
        } else if (text[i] == '"') {
          quoted = false;
        }
      } else if (text[i] == '"') {
        quoted = true;
      } else if (text.substr(i, 2) == "}}") {
        return i;
      }
    }
    return std::string_view::npos;
  }

  std::string_view file_;
  Diagnostics& diagnostics_;
  const ParseOptions& options_;
  ParsedText out_;
  std::vector<Condition> conditions_;
};

}  // namespace

std::optional<std::string> Directive::get(std::string_view key) const {
  for (const auto& [k, v] : args) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::string Directive::get_or(std::string_view key, std::string_view fallback) const {
  auto v = get(key);
  return v ? *v : std::string(fallback);
}

std::vector<std::string> Directive::all(std::string_view key) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : args) {
    if (k == key) out.push_back(v);
  }
  return out;
}

bool Directive::has(std::string_view key) const { return get(key).has_value(); }

std::vector<std::string> Directive::positional() const { return all(""); }

std::string Directive::text() const {
  std::string out = name;
  for (const auto& [k, v] : args) {
    out += ' ';
    if (!k.empty()) out += k + "=";
    bool quote = v.empty() || v.find_first_of(" \t\"}") != std::string::npos;
    if (!quote) {
      out += v;
      continue;
    }
    out += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out;
}

text::Result<std::vector<std::pair<std::string, std::string>>> parse_arguments(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> args;
  auto fail = [](std::string message) { return text::Failure{std::move(message)}; };
  std::size_t i = 0;
  auto read_value = [&](std::string& value) -> bool {
    if (i < text.size() && text[i] == '"') {
      ++i;
      while (i < text.size() && text[i] != '"') {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value.push_back(text[i++]);
      }
      if (i >= text.size()) return false;
      ++i;  // closing quote
      return true;
    }
    while (i < text.size() && !is_space(text[i])) {
      if (text[i] == '"') return false;
      value.push_back(text[i++]);
    }
    return true;
  };
  while (true) {
    while (i < text.size() && (is_space(text[i]) || text[i] == '\r')) ++i;
    if (i >= text.size()) break;
    std::size_t start = i;
    while (i < text.size() && is_key_char(text[i])) ++i;
    std::string key(text.substr(start, i - start));
    std::string value;
    if (i < text.size() && text[i] == '=' && !key.empty()) {
      ++i;
      if (!read_value(value)) {
        return fail("Wert von „" + key + "“ nicht abgeschlossen (Anführungszeichen?)");
      }
      if (i < text.size() && !is_space(text[i])) {
        return fail("nach dem Wert von „" + key + "“ fehlt ein Leerzeichen");
      }
      args.emplace_back(std::move(key), std::move(value));
      continue;
    }
    // A bare value.
    i = start;
    if (!read_value(value)) return fail("Anführungszeichen nicht geschlossen");
    if (value.empty()) return fail("unerwartetes Zeichen „" + std::string(1, text[i]) + "“");
    if (value.find('=') != std::string::npos) {
      return fail("„" + value + "“ ist kein gültiges Argument (Schlüssel=Wert erwartet)");
    }
    args.emplace_back(std::string(), std::move(value));
  }
  return args;
}

ParsedText parse_directives(std::string_view text, std::string_view file, Diagnostics& diagnostics,
                            const ParseOptions& options) {
  return Parser(file, diagnostics, options).run(text);
}

std::string directive_token(std::size_t index) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%05zu", index);
  return std::string(kTokenPrefix) + digits + std::string(kTokenSuffix);
}

std::string replace_tokens(std::string_view html, const std::function<std::string(std::size_t index)>& render) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  const std::size_t token_size = kTokenPrefix.size() + kTokenDigits + kTokenSuffix.size();
  while (i < html.size()) {
    std::size_t at = html.find(kTokenPrefix, i);
    if (at == std::string_view::npos || at + token_size > html.size()) {
      out.append(html.substr(i));
      break;
    }
    std::string_view digits = html.substr(at + kTokenPrefix.size(), kTokenDigits);
    bool valid = html.substr(at + kTokenPrefix.size() + kTokenDigits, kTokenSuffix.size()) == kTokenSuffix;
    for (char c : digits) valid = valid && c >= '0' && c <= '9';
    if (!valid) {
      out.append(html.substr(i, at + 1 - i));
      i = at + 1;
      continue;
    }
    std::size_t index = std::stoul(std::string(digits));
    std::size_t end = at + token_size;
    // "<p>TOKEN</p>": a block directive replaces the whole paragraph.
    if (at >= i + 3 && html.substr(at - 3, 3) == "<p>" && html.substr(end, 4) == "</p>") {
      out.append(html.substr(i, at - 3 - i));
      out += render(index);
      end += 4;
      if (end < html.size() && html[end] == '\n') ++end;
      out.push_back('\n');
    } else {
      out.append(html.substr(i, at - i));
      out += render(index);
    }
    i = end;
  }
  return out;
}

}  // namespace rf::report
