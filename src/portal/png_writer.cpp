#include "portal/png_writer.hpp"

#include "text/crc32.hpp"

namespace rf::portal {
namespace {

void put32(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v >> 24));
  out.push_back(static_cast<char>(v >> 16));
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}

void chunk(std::string& png, const char* type, const std::string& data) {
  put32(png, static_cast<std::uint32_t>(data.size()));
  std::size_t start = png.size();
  png += type;
  png += data;
  put32(png, text::crc32(std::string_view(png).substr(start)));
}

// zlib stream of stored blocks (RFC 1950/1951).
std::string zlib_stored(const std::string& raw) {
  std::string out = "\x78\x01";
  std::size_t pos = 0;
  do {
    std::size_t n = std::min<std::size_t>(65535, raw.size() - pos);
    bool last = pos + n == raw.size();
    out.push_back(last ? 1 : 0);
    out.push_back(static_cast<char>(n & 0xFF));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(~n & 0xFF));
    out.push_back(static_cast<char>((~n >> 8) & 0xFF));
    out.append(raw, pos, n);
    pos += n;
  } while (pos < raw.size());
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  put32(out, (b << 16) | a);
  return out;
}

}  // namespace

std::string write_png(int width, int height, const std::vector<Rgb>& palette, const std::vector<std::uint8_t>& pixels) {
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  put32(header, static_cast<std::uint32_t>(width));
  put32(header, static_cast<std::uint32_t>(height));
  header += std::string("\x08\x03\x00\x00\x00", 5);  // 8 bit, palette, deflate, no filter, no interlace
  chunk(png, "IHDR", header);
  std::string plte;
  for (const auto& c : palette) {
    plte.push_back(static_cast<char>(c.r));
    plte.push_back(static_cast<char>(c.g));
    plte.push_back(static_cast<char>(c.b));
  }
  chunk(png, "PLTE", plte);
  std::string raw;
  raw.reserve(static_cast<std::size_t>((width + 1) * height));
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);  // filter: none
    raw.append(reinterpret_cast<const char*>(pixels.data()) + static_cast<std::size_t>(y) * width, width);
  }
  chunk(png, "IDAT", zlib_stored(raw));
  chunk(png, "IEND", "");
  return png;
}

std::string cover_png(Rgb background, Rgb accent, unsigned seed) {
  constexpr int kW = 180, kH = 240;
  std::vector<Rgb> palette{background, accent, {255, 255, 255}};
  std::vector<std::uint8_t> px(kW * kH, 0);
  auto fill = [&](int x0, int y0, int x1, int y1, std::uint8_t c) {
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) px[y * kW + x] = c;
    }
  };
  fill(0, 24, kW, 30, 2);    // white band near the top
  fill(16, 44, 120, 52, 2);  // "title" lines
  fill(16, 60, 96, 66, 2);
  // A small bar chart, the motif of a data-driven initiative.
  unsigned s = seed * 2654435761u + 12345u;
  for (int i = 0; i < 6; ++i) {
    s = s * 1103515245u + 12345u;
    int h = 30 + static_cast<int>((s >> 16) % 90);
    int x0 = 18 + i * 25;
    fill(x0, kH - 24 - h, x0 + 17, kH - 24, 1);
  }
  fill(12, kH - 24, kW - 12, kH - 22, 2);  // axis
  return write_png(kW, kH, palette, px);
}

}  // namespace rf::portal
