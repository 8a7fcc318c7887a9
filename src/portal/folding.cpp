#include "portal/folding.hpp"

#include "text/encoding.hpp"

#include <cstdint>

namespace rf::portal {
namespace {

// Base letters of U+0100..U+017F (Latin Extended-A), lower case.
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "iiiijjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oooorrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs";

// Base letters of U+00C0..U+00FF; '?' marks the ones handled separately.
constexpr std::string_view kLatin1 =
    "aaaaaa?ceeeeiiii"
    "dnooooo ouuuuyt?"
    "aaaaaa?ceeeeiiii"
    "dnooooo ouuuuyty";

// Decodes one UTF-8 sequence at text[i]; advances i. Invalid bytes give U+FFFD.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra < 0 || i + extra >= text.size() + (extra == 0 ? 1 : 0)) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  return cp;
}

// Separators beyond ASCII: Latin-1 punctuation and symbols, general
// punctuation, currency, letterlike and arrows, CJK punctuation, specials.
bool is_separator(char32_t cp) {
  return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) || cp == 0xFEFF || cp == 0xFFFD;
}

struct Folded {
  std::string plain;    // umlauts reduced: ä -> a
  std::string spelled;  // umlauts spelled out: ä -> ae
  bool had_umlaut = false;
  bool is_letter = false;  // false: a separator
};

Folded fold_code_point(char32_t cp) {
  Folded f;
  f.is_letter = true;
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      f.plain = f.spelled = std::string(1, c);
    } else {
      f.is_letter = false;
    }
    return f;
  }
  // Ä, Ö, Ü: the base letter, or the letter and "e" as one spells them without umlauts.
  auto umlaut = [&f](char base) {
    f.plain = std::string(1, base);
    f.spelled = f.plain + "e";
    f.had_umlaut = true;
    return f;
  };
  switch (cp) {
    case 0xC4:
    case 0xE4: return umlaut('a');
    case 0xD6:
    case 0xF6: return umlaut('o');
    case 0xDC:
    case 0xFC: return umlaut('u');
    case 0xDF:
    case 0x1E9E: f.plain = f.spelled = "ss"; return f;
    case 0xC6:
    case 0xE6: f.plain = f.spelled = "ae"; return f;
    case 0x152:
    case 0x153: f.plain = f.spelled = "oe"; return f;
    default: break;
  }
  if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0] != ' ') {
    f.plain = f.spelled = std::string(1, kLatin1[cp - 0xC0]);
    return f;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    f.plain = f.spelled = std::string(1, kLatinExtendedA[cp - 0x100]);
    return f;
  }
  if (is_separator(cp)) {
    f.is_letter = false;
    return f;
  }
  text::append_utf8(f.plain, cp);
  f.spelled = f.plain;
  return f;
}

struct Word {
  std::string plain, spelled;
  bool had_umlaut = false;
};

template <typename Fn>
void for_each_word(std::string_view text, Fn fn) {
  Word word;
  auto flush = [&] {
    if (!word.plain.empty()) fn(word);
    word = Word{};
  };
  for (std::size_t i = 0; i < text.size();) {
    Folded f = fold_code_point(next_code_point(text, i));
    if (!f.is_letter) {
      flush();
      continue;
    }
    word.plain += f.plain;
    word.spelled += f.spelled;
    word.had_umlaut |= f.had_umlaut;
  }
  flush();
}

}  // namespace

std::vector<std::string> search_words(std::string_view text) {
  std::vector<std::string> words;
  for_each_word(text, [&](const Word& w) { words.push_back(w.plain); });
  return words;
}

std::string fold_for_index(std::string_view text) {
  std::string out;
  for_each_word(text, [&](const Word& w) {
    if (!out.empty()) out += ' ';
    out += w.plain;
    if (w.had_umlaut) out += ' ' + w.spelled;
  });
  return out;
}

std::string make_slug(std::string_view title) {
  std::string slug;
  for_each_word(title, [&](const Word& w) {
    std::string part;
    for (char c : w.spelled) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) part.push_back(c);
    }
    if (part.empty() || slug.size() + part.size() + 1 > 80) return;
    if (!slug.empty()) slug += '-';
    slug += part;
  });
  return slug;
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 80 || slug.front() == '-' || slug.back() == '-') return false;
  char previous = 0;
  for (char c : slug) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

}  // namespace rf::portal
