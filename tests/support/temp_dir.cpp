#include "temp_dir.hpp"

#include <stdlib.h>

#include <stdexcept>
#include <system_error>

namespace rf::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "rf-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace rf::test
