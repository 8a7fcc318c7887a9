// Text folding for search and URLs: lower case, accents removed, German
// umlauts and ß spelled out or reduced, everything else a word separator.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rf::portal {

// Words of `text` folded for search: "Übergänge, Schule!" -> {"ubergange", "schule"}.
// Letters outside Latin keep their UTF-8 form; punctuation separates words.
std::vector<std::string> search_words(std::string_view text);

// The folded words joined by spaces; a word that held ä, ö, ü or ß is
// followed by its spelled-out form ("ubergange uebergaenge"), so both
// spellings a visitor may type find it.
std::string fold_for_index(std::string_view text);

// A URL segment for a title: "Übergänge gestalten!" -> "uebergaenge-gestalten"
// (lower-case a–z, digits and single hyphens, at most 80 characters).
std::string make_slug(std::string_view title);
bool is_valid_slug(std::string_view slug);

}  // namespace rf::portal
