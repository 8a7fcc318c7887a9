#include "text/encoding.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "text/strings.hpp"

namespace rf::text {

namespace {

// Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F. The five bytes the
// code page leaves undefined map to the C1 controls, as browsers do.
constexpr std::array<std::uint16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98
};

// DOS code page 850 (Western Europe), bytes 0x80–0xFF.
constexpr std::array<std::uint16_t, 128> kCp850High = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,  // 80
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,  // 88
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,  // 90
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192,  // 98
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,  // A0
    0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,  // A8
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0,  // B0
    0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,  // B8
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,  // C0
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,  // C8
    0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x0131, 0x00CD, 0x00CE,  // D0
    0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,  // D8
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,  // E0
    0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4,  // E8
    0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,  // F0
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,  // F8
};

// Length of the UTF-8 sequence a lead byte starts; 0 for bytes that cannot lead.
int sequence_length(unsigned char b) {
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return 2;
  if (b >= 0xE0 && b <= 0xEF) return 3;
  if (b >= 0xF0 && b <= 0xF4) return 4;
  return 0;
}

// Allowed range of the second byte (Unicode table 3-7): excludes overlong
// forms, surrogates and code points above U+10FFFF.
void second_byte_range(unsigned char lead, unsigned char& lo, unsigned char& hi) {
  lo = 0x80;
  hi = 0xBF;
  if (lead == 0xE0) lo = 0xA0;
  if (lead == 0xED) hi = 0x9F;
  if (lead == 0xF0) lo = 0x90;
  if (lead == 0xF4) hi = 0x8F;
}

bool is_cp850_german(unsigned char b) {
  // ü ä Ä ö Ö Ü ß in cp850
  return b == 0x81 || b == 0x84 || b == 0x8E || b == 0x94 || b == 0x99 || b == 0x9A || b == 0xE1;
}

bool is_cp1252_german(unsigned char b) {
  // Ä Ö Ü ß ä ö ü in Windows-1252 / Latin-1
  return b == 0xC4 || b == 0xD6 || b == 0xDC || b == 0xDF || b == 0xE4 || b == 0xF6 || b == 0xFC;
}

}  // namespace

std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::utf8: return "utf-8";
    case Encoding::cp1252: return "windows-1252";
    case Encoding::latin1: return "iso-8859-1";
    case Encoding::cp850: return "cp850";
  }
  return "?";
}

std::optional<Encoding> parse_encoding_name(std::string_view name) {
  std::string n = to_lower_ascii(name);
  if (n == "utf-8" || n == "utf8" || n == "utf-8-sig") return Encoding::utf8;
  if (n == "cp1252" || n == "windows-1252" || n == "win-1252" || n == "windows1252" || n == "ansi")
    return Encoding::cp1252;
  if (n == "latin1" || n == "latin-1" || n == "iso-8859-1" || n == "iso8859-1" || n == "iso_8859-1")
    return Encoding::latin1;
  if (n == "cp850" || n == "ibm850" || n == "dos-850" || n == "850") return Encoding::cp850;
  return std::nullopt;
}

void EncodingDetector::feed(std::string_view bytes) {
  std::size_t i = 0;
  if (!started_) {
    started_ = true;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
      bom_ = true;
      i = 3;
    }
  }
  for (; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) {
      if (pending_ > 0) valid_utf8_ = false, pending_ = 0;
      continue;
    }
    if (is_cp850_german(b)) ++cp850_letters_;
    if (is_cp1252_german(b)) ++cp1252_letters_;
    if (!valid_utf8_) continue;
    if (pending_ > 0) {
      unsigned char lo = 0x80, hi = 0xBF;
      if (sequence_length_ - pending_ == 1) {
        second_byte_range(static_cast<unsigned char>(code_point_), lo, hi);
      }
      if (b < lo || b > hi) {
        valid_utf8_ = false;
        continue;
      }
      --pending_;
      continue;
    }
    int len = sequence_length(b);
    if (len < 2) {
      valid_utf8_ = false;
      continue;
    }
    sequence_length_ = len;
    pending_ = len - 1;
    code_point_ = b;  // only the lead byte is needed to check the second byte
  }
}

Encoding EncodingDetector::result() const {
  if (bom_ || valid_utf8()) return Encoding::utf8;
  return cp850_letters_ > cp1252_letters_ ? Encoding::cp850 : Encoding::cp1252;
}

Encoding detect_encoding(std::string_view bytes) {
  EncodingDetector detector;
  detector.feed(bytes);
  return detector.result();
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs are by far the most common: skip them eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::copy_n(p + i, 8, reinterpret_cast<unsigned char*>(&word));
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    int len = sequence_length(b);
    if (len == 0 || i + len > n) return i;
    unsigned char lo, hi;
    second_byte_range(b, lo, hi);
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (int k = 2; k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::nullopt;
}

void Utf8Converter::fail(std::string_view in, std::size_t at, std::string message) {
  error_line_ = lines_before_ + std::count(in.begin(), in.begin() + at, '\n') + 1;
  error_ = std::move(message);
}

bool Utf8Converter::convert_utf8(std::string_view in, std::string& out) {
  if (!started_) {
    started_ = true;
    if (in.substr(0, 3) == "\xEF\xBB\xBF") in.remove_prefix(3);
  }
  // Complete a sequence split by the previous chunk boundary.
  if (!carry_.empty()) {
    std::size_t need = sequence_length(static_cast<unsigned char>(carry_[0])) - carry_.size();
    std::size_t take = std::min(need, in.size());
    carry_.append(in.substr(0, take));
    in.remove_prefix(take);
    if (take < need) return true;
    if (find_invalid_utf8(carry_)) {
      fail(carry_, 0, "Ungültiges UTF-8");
      return false;
    }
    out += carry_;
    carry_.clear();
  }
  // Hold back a sequence the chunk cuts off.
  std::size_t complete = in.size();
  for (std::size_t back = 1; back <= 3 && back <= in.size(); ++back) {
    auto b = static_cast<unsigned char>(in[in.size() - back]);
    if ((b & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    int len = sequence_length(b);
    if (len > static_cast<int>(back)) complete = in.size() - back;
    break;
  }
  std::string_view body = in.substr(0, complete);
  if (auto bad = find_invalid_utf8(body)) {
    char message[48];
    std::snprintf(message, sizeof message, "Ungültiges UTF-8 (Byte 0x%02X)", static_cast<unsigned char>(body[*bad]));
    fail(body, *bad, message);
    return false;
  }
  lines_before_ += std::count(body.begin(), body.end(), '\n');
  out.append(body);
  carry_.assign(in.substr(complete));
  return true;
}

bool Utf8Converter::convert(std::string_view in, std::string& out) {
  if (!error_.empty()) return false;
  if (from_ == Encoding::utf8) return convert_utf8(in, out);
  out.reserve(out.size() + in.size() + in.size() / 8);
  for (char c : in) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else if (from_ == Encoding::cp850) {
      append_utf8(out, kCp850High[b - 0x80]);
    } else if (from_ == Encoding::cp1252 && b < 0xA0) {
      append_utf8(out, kCp1252High[b - 0x80]);
    } else {
      append_utf8(out, b);  // Latin-1 bytes are their own code points
    }
  }
  return true;
}

bool Utf8Converter::finish() {
  if (!error_.empty()) return false;
  if (!carry_.empty()) {
    fail(carry_, 0, "Ungültiges UTF-8 (die Datei endet mitten in einem Zeichen)");
    return false;
  }
  return true;
}

std::optional<std::string> to_utf8(std::string_view in, Encoding from, std::size_t* error_line) {
  Utf8Converter converter(from);
  std::string out;
  if (!converter.convert(in, out) || !converter.finish()) {
    if (error_line) *error_line = converter.error_line();
    return std::nullopt;
  }
  return out;
}

}  // namespace rf::text
