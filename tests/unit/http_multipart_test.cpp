// multipart/form-data: boundary detection, fields, files, malformed bodies.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "http/multipart.hpp"
#include "support/temp_dir.hpp"

namespace rf::http {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t files_in(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

constexpr std::string_view kBoundary = "----rfBoundary7MA4YWxk";

std::string sample_body(std::string_view file_content) {
  std::string b;
  b += "preamble is ignored\r\n";
  b += "------rfBoundary7MA4YWxk\r\n";
  b += "Content-Disposition: form-data; name=\"titel\"\r\n\r\n";
  b += "Bildungsbericht Ruhr 2024\r\n";
  b += "------rfBoundary7MA4YWxk\r\n";
  b += "Content-Disposition: form-data; name=\"region\"\r\n\r\n05913\r\n";
  b += "------rfBoundary7MA4YWxk\r\n";
  b += "Content-Disposition: form-data; name=\"region\"\r\n\r\n05911\r\n";
  b += "------rfBoundary7MA4YWxk\r\n";
  b += "content-disposition: form-data; name=\"datei\"; filename=\"C:\\\\Users\\\\x\\\\Tabelle \\\"1\\\".csv\"\r\n";
  b += "Content-Type: text/csv\r\n\r\n";
  b += file_content;
  b += "\r\n------rfBoundary7MA4YWxk\r\n";
  b += "Content-Disposition: form-data; name=\"leer\"; filename=\"\"\r\n";
  b += "Content-Type: application/octet-stream\r\n\r\n";
  b += "\r\n------rfBoundary7MA4YWxk--\r\nepilogue\r\n";
  return b;
}

TEST(MultipartBoundary, FromContentType) {
  EXPECT_TRUE(is_multipart_form_data("multipart/form-data; boundary=abc"));
  EXPECT_TRUE(is_multipart_form_data("Multipart/Form-Data ;boundary=abc"));
  EXPECT_FALSE(is_multipart_form_data("application/x-www-form-urlencoded"));
  EXPECT_FALSE(is_multipart_form_data("multipart/mixed; boundary=abc"));
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundaryAbC").value(),
            "----WebKitFormBoundaryAbC");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; BOUNDARY=\"a b:c\"").value(), "a b:c");
  EXPECT_FALSE(multipart_boundary("multipart/form-data").has_value());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=").has_value());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')).has_value());
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=a;b").value(), "a");
}

TEST(Multipart, SplitsFieldsAndFiles) {
  test::TempDir dir;
  std::string csv = "AGS;Name;Wert\r\n05913;Dortmund;1.234,5\r\n--not-a-boundary\r\n";
  MultipartResult r = parse_multipart(sample_body(csv), kBoundary, dir.path());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.fields.get("titel").value(), "Bildungsbericht Ruhr 2024");
  EXPECT_EQ(r.fields.all("region"), (std::vector<std::string>{"05913", "05911"}));
  ASSERT_EQ(r.files.size(), 1u);  // the empty file input yields nothing
  const UploadedFile& f = r.files[0];
  EXPECT_EQ(f.field, "datei");
  EXPECT_EQ(f.filename, "Tabelle \"1\".csv");
  EXPECT_EQ(f.content_type, "text/csv");
  EXPECT_EQ(f.size, csv.size());
  EXPECT_EQ(read_file(f.path), csv);
  EXPECT_EQ(f.path.parent_path(), dir.path());
  remove_uploaded_files(r.files);
  EXPECT_FALSE(fs::exists(f.path));
}

TEST(Multipart, BinaryContentSurvives) {
  test::TempDir dir;
  std::string binary;
  for (int i = 0; i < 256 * 40; ++i) binary.push_back(static_cast<char>(i % 256));
  binary += "\r\n--";  // looks like a delimiter start, but is not followed by the boundary
  MultipartResult r = parse_multipart(sample_body(binary), kBoundary, dir.path());
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_EQ(read_file(r.files[0].path), binary);
  remove_uploaded_files(r.files);
}

TEST(Multipart, ParsesFromFile) {
  test::TempDir dir;
  fs::path body_file = dir / "body";
  std::ofstream(body_file, std::ios::binary) << sample_body("x");
  MultipartResult r = parse_multipart_file(body_file, kBoundary, dir.path());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.fields.get("titel").value(), "Bildungsbericht Ruhr 2024");
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_EQ(read_file(r.files[0].path), "x");
  remove_uploaded_files(r.files);
}

TEST(Multipart, EmptyFieldValueAndNoPreamble) {
  test::TempDir dir;
  std::string body = "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n--b--";
  MultipartResult r = parse_multipart(body, "b", dir.path());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.fields.get("a").value(), "");
}

TEST(Multipart, MalformedBodiesAreErrorsWithoutLeftovers) {
  test::TempDir dir;
  std::string full = sample_body("Inhalt der Datei");
  // Truncated in the middle of the file part: the file written so far must go.
  std::string truncated = full.substr(0, full.find("Inhalt der") + 6);
  MultipartResult r = parse_multipart(truncated, kBoundary, dir.path());
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("unvollständig"), std::string::npos) << r.error;
  EXPECT_TRUE(r.files.empty());
  EXPECT_EQ(files_in(dir.path()), 0u);

  // Truncated after a complete file part, before the close delimiter.
  std::string no_close = full.substr(0, full.find("name=\"leer\""));
  MultipartResult r2 = parse_multipart(no_close, kBoundary, dir.path());
  EXPECT_FALSE(r2.ok());
  EXPECT_EQ(files_in(dir.path()), 0u);

  EXPECT_FALSE(parse_multipart("no boundary here", kBoundary, dir.path()).ok());
  EXPECT_FALSE(parse_multipart("", kBoundary, dir.path()).ok());
  EXPECT_FALSE(parse_multipart(full, "", dir.path()).ok());
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b", dir.path()).ok());
  EXPECT_FALSE(parse_multipart("--bXX\r\n", "b", dir.path()).ok());
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=a", "b", dir.path()).ok());
}

TEST(Multipart, PartLimit) {
  test::TempDir dir;
  std::string body;
  for (int i = 0; i < 5; ++i) body += "--b\r\nContent-Disposition: form-data; name=f\r\n\r\nv\r\n";
  body += "--b--\r\n";
  MultipartLimits limits;
  limits.max_parts = 4;
  EXPECT_FALSE(parse_multipart(body, "b", dir.path(), limits).ok());
  limits.max_parts = 5;
  MultipartResult r = parse_multipart(body, "b", dir.path(), limits);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.fields.all("f").size(), 5u);
}

TEST(TempFile, DeletedUnlessReleased) {
  test::TempDir dir;
  fs::path kept;
  fs::path gone;
  {
    TempFile a(dir.path());
    a.write("abc");
    EXPECT_EQ(a.size(), 3u);
    gone = a.path();
    TempFile b(dir.path());
    kept = b.release();
  }
  EXPECT_FALSE(fs::exists(gone));
  EXPECT_TRUE(fs::exists(kept));
}

}  // namespace
}  // namespace rf::http
