// Whole files as strings. For files the program itself reads (templates,
// catalogues, geodata, uploads it stored): input that may be large or
// hostile is read in bounded pieces by its own reader (text/csv.hpp,
// monitor/import/input.hpp) instead.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace rf::text {

// The bytes of `path` as they are; nullopt when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace rf::text
