// Where the tests find the repository, their fixtures and the built program.
//
// Every test source sees this header through `-include support/paths.hpp`
// (tests/CMakeLists.txt). The absolute paths are compiled into paths.cpp
// alone: as compile definitions of every test file they made each file's
// compiler command differ between two checkouts, so ccache could reuse none
// of the test objects in a clean clone (CCACHE_BASEDIR rewrites paths given
// as arguments, not paths inside -D values).
#pragma once

#include <string>

namespace rf::test {

const std::string& source_dir();     // the repository's root
const std::string& test_data_dir();  // tests/data: fixtures with their licence note
const std::string& binary();         // the built `ruhrfutur`

}  // namespace rf::test

#define RF_SOURCE_DIR (::rf::test::source_dir())
#define RF_TEST_DATA_DIR (::rf::test::test_data_dir())
#define RF_BINARY (::rf::test::binary())
