// German grammar for generated sentences about places.
#include <gtest/gtest.h>

#include "text/german.hpp"

namespace rf::text {
namespace {

TEST(PlaceGenitive, TakesTheArticleAndEndingOfTheHeadNoun) {
  EXPECT_EQ(place_genitive("Kreis Wesel"), "des Kreises Wesel");
  EXPECT_EQ(place_genitive("Kreis Recklinghausen"), "des Kreises Recklinghausen");
  EXPECT_EQ(place_genitive("Metropole Ruhr"), "der Metropole Ruhr");
  EXPECT_EQ(place_genitive("Städteregion Aachen"), "der Städteregion Aachen");
  // A city or a Land without a head noun: "von".
  EXPECT_EQ(place_genitive("Bochum"), "von Bochum");
  EXPECT_EQ(place_genitive("Nordrhein-Westfalen"), "von Nordrhein-Westfalen");
  // "Kreisfreie Stadt …" is not "Kreis …".
  EXPECT_EQ(place_genitive("Kreisstadt Unna"), "von Kreisstadt Unna");
}

TEST(PlaceName, AsASentenceUsesIt) {
  EXPECT_EQ(place_name("Wesel, Kreis"), "Kreis Wesel");
  EXPECT_EQ(place_name("Duisburg, krfr. Stadt"), "Duisburg");
  EXPECT_EQ(place_name("Castrop-Rauxel, Stadt"), "Castrop-Rauxel");
  EXPECT_EQ(place_name("Wesel", "Kreis"), "Kreis Wesel");
  EXPECT_EQ(place_name("Kreis Wesel", "Kreis"), "Kreis Wesel");
  EXPECT_EQ(place_name("Bochum", "Kreisfreie Stadt"), "Bochum");
  EXPECT_EQ(place_genitive(place_name("Wesel", "Kreis")), "des Kreises Wesel");
}

}  // namespace
}  // namespace rf::text
