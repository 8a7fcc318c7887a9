// A small PNG encoder for generated images (covers of demo publications):
// 8-bit palette images in stored (uncompressed) deflate blocks, so no zlib.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace rf::portal {

struct Rgb {
  std::uint8_t r, g, b;
};

// `pixels` holds width*height palette indices, row by row.
std::string write_png(int width, int height, const std::vector<Rgb>& palette, const std::vector<std::uint8_t>& pixels);

// A cover in the house style: a coloured page with a band and a bar motif
// whose heights derive from `seed`.
std::string cover_png(Rgb background, Rgb accent, unsigned seed);

}  // namespace rf::portal
