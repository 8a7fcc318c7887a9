#include <gtest/gtest.h>

#include <string>

#include "text/encoding.hpp"

namespace {

using rf::text::Encoding;

TEST(Encoding, NamesRoundTrip) {
  EXPECT_EQ(rf::text::parse_encoding_name("UTF-8"), Encoding::utf8);
  EXPECT_EQ(rf::text::parse_encoding_name("utf8"), Encoding::utf8);
  EXPECT_EQ(rf::text::parse_encoding_name("Windows-1252"), Encoding::cp1252);
  EXPECT_EQ(rf::text::parse_encoding_name("latin1"), Encoding::latin1);
  EXPECT_EQ(rf::text::parse_encoding_name("ISO-8859-1"), Encoding::latin1);
  EXPECT_EQ(rf::text::parse_encoding_name("cp850"), Encoding::cp850);
  EXPECT_EQ(rf::text::parse_encoding_name("ebcdic"), std::nullopt);
  for (auto e : {Encoding::utf8, Encoding::cp1252, Encoding::latin1, Encoding::cp850}) {
    EXPECT_EQ(rf::text::parse_encoding_name(rf::text::encoding_name(e)), e);
  }
}

TEST(Encoding, DetectsUtf8WithAndWithoutBom) {
  EXPECT_EQ(rf::text::detect_encoding("Bev\xC3\xB6lkerung"), Encoding::utf8);
  EXPECT_EQ(rf::text::detect_encoding("\xEF\xBB\xBFStatistik_Code;x"), Encoding::utf8);
  EXPECT_EQ(rf::text::detect_encoding("plain ascii"), Encoding::utf8);
  rf::text::EncodingDetector d;
  d.feed(
      "\xEF\xBB\xBF"
      "abc");
  EXPECT_TRUE(d.has_bom());
}

TEST(Encoding, DetectsWindows1252AndCp850ByGermanLetters) {
  // "Bevölkerung Düsseldorf Straße" in each code page.
  EXPECT_EQ(rf::text::detect_encoding("Bev\xF6lkerung D\xFCsseldorf Stra\xDF"
                                      "e"),
            Encoding::cp1252);
  EXPECT_EQ(rf::text::detect_encoding("Bev\x94lkerung D\x81sseldorf Stra\xE1"
                                      "e"),
            Encoding::cp850);
}

TEST(Encoding, DetectorWorksAcrossChunks) {
  rf::text::EncodingDetector d;
  d.feed("K\xC3");  // a UTF-8 sequence split between chunks
  d.feed("\xB6ln");
  EXPECT_TRUE(d.valid_utf8());
  EXPECT_EQ(d.result(), Encoding::utf8);
}

TEST(Encoding, ConvertsCp1252IncludingHighPunctuation) {
  auto out = rf::text::to_utf8("\x80 \x84Zitat\x93 \xE4\xF6\xFC\xDF \xA7", Encoding::cp1252);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "€ „Zitat“ äöüß §");
}

TEST(Encoding, ConvertsLatin1ByteForByte) {
  auto out = rf::text::to_utf8("\xE4\x80", Encoding::latin1);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "\xC3\xA4\xC2\x80");
}

TEST(Encoding, ConvertsCp850) {
  auto out = rf::text::to_utf8(
      "Haan, GE Walder Stra\xE1"
      "e; \x84\x94\x81\x8E\x99\x9A",
      Encoding::cp850);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "Haan, GE Walder Straße; äöüÄÖÜ");
}

TEST(Encoding, Cp850TableMatchesReferenceForEveryHighByte) {
  // Independent reference: the code points of cp850 0x80..0xFF as published
  // by IBM, written here as UTF-8 text.
  const std::string expected =
      "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤"
      "ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0";
  std::string all;
  for (int b = 0x80; b <= 0xFF; ++b) all.push_back(static_cast<char>(b));
  auto out = rf::text::to_utf8(all, Encoding::cp850);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, expected);
}

TEST(Encoding, Utf8ValidationReportsLineOfFirstBadByte) {
  std::size_t line = 0;
  auto out = rf::text::to_utf8("ok\nstill ok\nK\xF6ln\n", Encoding::utf8, &line);
  EXPECT_FALSE(out);
  EXPECT_EQ(line, 3u);
}

TEST(Encoding, Utf8BomIsDropped) {
  auto out = rf::text::to_utf8(
      "\xEF\xBB\xBF"
      "abc",
      Encoding::utf8);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "abc");
}

TEST(Encoding, Utf8ConverterHandlesSplitSequencesAndCountsLines) {
  rf::text::Utf8Converter conv(Encoding::utf8);
  std::string out;
  EXPECT_TRUE(conv.convert("a\nb\xC3", out));
  EXPECT_TRUE(conv.convert("\xA4\n\xE2\x82", out));
  EXPECT_TRUE(conv.convert("\xAC", out));
  EXPECT_TRUE(conv.finish());
  EXPECT_EQ(out, "a\nbä\n€");

  rf::text::Utf8Converter bad(Encoding::utf8);
  std::string ignored;
  EXPECT_TRUE(bad.convert("1\n2\n", ignored));
  EXPECT_FALSE(bad.convert("3\n\xFF", ignored));
  EXPECT_EQ(bad.error_line(), 4u);
  EXPECT_NE(bad.error().find("0xFF"), std::string::npos);
}

TEST(Encoding, TruncatedSequenceAtEndIsAnError) {
  rf::text::Utf8Converter conv(Encoding::utf8);
  std::string out;
  EXPECT_TRUE(conv.convert("x\xE2\x82", out));
  EXPECT_FALSE(conv.finish());
}

TEST(Encoding, RejectsOverlongAndSurrogates) {
  EXPECT_EQ(rf::text::find_invalid_utf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(rf::text::find_invalid_utf8("ab\xED\xA0\x80"), 2u);    // surrogate
  EXPECT_EQ(rf::text::find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // > U+10FFFF
  EXPECT_EQ(rf::text::find_invalid_utf8("12345678\x80"), 8u);
  EXPECT_EQ(rf::text::find_invalid_utf8("\xF0\x9F\x98\x80 ok"), std::nullopt);
}

TEST(Encoding, AppendUtf8) {
  std::string s;
  rf::text::append_utf8(s, 0x41);
  rf::text::append_utf8(s, 0xE4);
  rf::text::append_utf8(s, 0x20AC);
  rf::text::append_utf8(s, 0x1F600);
  EXPECT_EQ(s, "Aä€\xF0\x9F\x98\x80");
}

}  // namespace
