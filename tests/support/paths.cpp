#include "support/paths.hpp"

namespace rf::test {

// RF_PATH_* are compile definitions of this file only (tests/CMakeLists.txt).
const std::string& source_dir() {
  static const std::string path = RF_PATH_SOURCE_DIR;
  return path;
}

const std::string& test_data_dir() {
  static const std::string path = RF_PATH_TEST_DATA_DIR;
  return path;
}

const std::string& binary() {
  static const std::string path = RF_PATH_BINARY;
  return path;
}

}  // namespace rf::test
