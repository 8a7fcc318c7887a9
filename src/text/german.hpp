// German grammar for sentences the program writes about places.
#pragma once

#include <string>
#include <string_view>

namespace rf::text {

// The name of a place as a sentence uses it: "Wesel, Kreis" → "Kreis Wesel";
// "Duisburg, krfr. Stadt" and "Castrop-Rauxel, Stadt" → the bare name; a bare
// name of `kind` "Kreis" (GV100AD) → "Kreis Wesel".
std::string place_name(std::string_view official, std::string_view kind = "");

// A place name in the genitive with its article, for "im Profil …":
// "Kreis Wesel" → "des Kreises Wesel", "Metropole Ruhr" → "der Metropole Ruhr",
// "Städteregion Aachen" → "der Städteregion Aachen"; a name without such a
// head noun (a city, a Land) → "von Bochum".
std::string place_genitive(std::string_view name);

}  // namespace rf::text
