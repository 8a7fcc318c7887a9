#include "charts/svg.hpp"

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <utility>

#include "text/html.hpp"

namespace rf::charts::svg {

// std::to_chars writes what printf's "%.1f" and "%.12g" write, without
// printf's parsing of the format and its locale (a map has ~10,000 numbers).
std::string num(double v) {
  if (!std::isfinite(v)) v = 0;
  char buf[400];  // the longest double in fixed notation: 309 digits
  char* end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1).ptr;
  if (end - buf > 2 && end[-2] == '.' && end[-1] == '0') end -= 2;
  if (end - buf == 2 && buf[0] == '-' && buf[1] == '0') return "0";
  return std::string(buf, end);
}

std::string esc(std::string_view text) { return text::escape_html(text); }

std::string id_part(std::string_view text) {
  std::string out;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      out += c;
    } else {
      out += '-';
    }
  }
  return out.empty() ? "chart" : out;
}

std::string open(const ChartText& text, int width, int height, std::string_view css_class) {
  const std::string id = id_part(text.id);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" class=\"chart " + std::string(css_class) +
                    "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id + "-desc\" id=\"" + id +
                    "\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">";
  out += "<title id=\"" + id + "-title\">" + esc(text.title) + "</title>";
  out += "<desc id=\"" + id + "-desc\">" + esc(text.description) + "</desc>";
  return out;
}

std::string label(double x, double y, std::string_view text, std::string_view anchor, std::string_view css_class) {
  std::string out = "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"";
  if (anchor != "start") out += " text-anchor=\"" + std::string(anchor) + "\"";
  if (!css_class.empty()) out += " class=\"" + std::string(css_class) + "\"";
  out += " fill=\"#1b1b1f\">" + esc(text) + "</text>";
  return out;
}

Box text_box(double x, double y, std::string_view text, std::string_view anchor, double font_size, bool bold) {
  const double w = text_width(text, font_size, bold);
  const double x0 = anchor == "middle" ? x - w / 2 : anchor == "end" ? x - w : x;
  return {x0, y - kTextAscent * font_size, x0 + w, y + kTextDescent * font_size};
}

std::string fit_text(std::string_view text, double max_width, double font_size, bool bold) {
  if (text_width(text, font_size, bold) <= max_width) return std::string(text);
  std::size_t cut = text.size();
  while (cut > 0) {
    --cut;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    std::string shown = std::string(text.substr(0, cut)) + "…";
    if (text_width(shown, font_size, bold) <= max_width) return shown;
  }
  return "…";
}

std::string halo_label(double x, double y, std::string_view text, std::string_view anchor, std::string_view css_class) {
  std::string out = label(x, y, text, anchor, css_class);
  out.insert(5, " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"");
  return out;
}

std::string exact(double v) {
  char buf[40];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 12).ptr);
}

std::string marker(std::size_t index, double x, double y, double r, std::string_view colour, double value,
                   std::string_view tooltip) {
  // Appended piece by piece into one string (a line chart has a marker per value).
  std::string out;
  out.reserve(200 + tooltip.size());
  // "M x y" then "L x y" per further corner, closed.
  auto path = [&out](std::initializer_list<std::pair<double, double>> corners) {
    out += "<path d=\"";
    char command = 'M';
    for (const auto& [px, py] : corners) {
      out += command;
      out += num(px);
      out += ' ';
      out += num(py);
      command = 'L';
    }
    out += "Z\"";
  };
  switch (index % 4) {
    case 1:  // square
      out += "<rect x=\"";
      out += num(x - r);
      out += "\" y=\"";
      out += num(y - r);
      out += "\" width=\"";
      out += num(2 * r);
      out += "\" height=\"";
      out += num(2 * r);
      out += '"';
      break;
    case 2:  // triangle
      path({{x, y - r * 1.2}, {x + r * 1.1, y + r * 0.8}, {x - r * 1.1, y + r * 0.8}});
      break;
    case 3:  // diamond
      path({{x, y - r * 1.3}, {x + r * 1.3, y}, {x, y + r * 1.3}, {x - r * 1.3, y}});
      break;
    default:
      out += "<circle cx=\"";
      out += num(x);
      out += "\" cy=\"";
      out += num(y);
      out += "\" r=\"";
      out += num(r);
      out += '"';
  }
  out += " fill=\"";
  out += colour;
  out += "\" stroke=\"#fff\" stroke-width=\"1\" class=\"mark\" data-value=\"";
  out += exact(value);
  out += "\"><title>";
  out += esc(tooltip);
  out += "</title>";
  const int shape = static_cast<int>(index % 4);
  out += shape == 1 ? "</rect>" : shape == 0 ? "</circle>" : "</path>";
  return out;
}

}  // namespace rf::charts::svg
