#include "app/config.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#ifndef RF_SOURCE_DIR
#define RF_SOURCE_DIR "."
#endif

namespace rf::app {
namespace {

struct Setting {
  const char* key;  // config file key; environment variable is RF_ + upper case
  void (*apply)(Config&, const std::string&);
};

bool parse_bool(const std::string& value) { return value == "1" || value == "true" || value == "yes" || value == "on"; }

const Setting kSettings[] = {
    {"database", [](Config& c, const std::string& v) { c.database_url = v; }},
    {"listen", [](Config& c, const std::string& v) { c.listen = v; }},
    {"root", [](Config& c, const std::string& v) { c.web.root = v; }},
    {"var_dir", [](Config& c, const std::string& v) { c.web.var_dir = v; }},
    {"base_url", [](Config& c, const std::string& v) { c.web.base_url = v; }},
    {"smtp_url", [](Config& c, const std::string& v) { c.web.smtp_url = v; }},
    {"mail_from", [](Config& c, const std::string& v) { c.web.mail_from = v; }},
    {"mail_sender", [](Config& c, const std::string& v) { c.mail_sender = parse_bool(v); }},
    {"mail_rate_per_minute", [](Config& c, const std::string& v) { c.mail_rate_per_minute = std::stod(v); }},
    {"mail_retry_seconds", [](Config& c, const std::string& v) { c.mail_retry_seconds = std::stoi(v); }},
    {"mail_lease_seconds", [](Config& c, const std::string& v) { c.mail_lease_seconds = std::stoi(v); }},
    {"secure_cookies", [](Config& c, const std::string& v) { c.web.secure_cookies = parse_bool(v); }},
    {"threads", [](Config& c, const std::string& v) { c.threads = static_cast<unsigned>(std::stoul(v)); }},
    {"access_log", [](Config& c, const std::string& v) { c.access_log = parse_bool(v); }},
    {"max_upload_bytes", [](Config& c, const std::string& v) { c.web.max_upload_bytes = std::stoull(v); }},
    {"report_dir", [](Config& c, const std::string& v) { c.web.report_dir = v; }},
    {"metrics_token", [](Config& c, const std::string& v) { c.web.metrics_token = v; }},
};

std::string env_name(const char* key) {
  std::string name = "RF_";
  for (const char* p = key; *p; ++p) name += static_cast<char>(std::toupper(static_cast<unsigned char>(*p)));
  return name;
}

// The folder with templates/, static/, migrations/ and data/ when neither the file nor
// RF_ROOT names one: an installed binary (/usr/bin) finds /usr/share/ruhrfutur beside
// it; a binary in a build tree uses the source tree it was built from.
std::filesystem::path default_root() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto installed = exe.parent_path().parent_path() / "share" / "ruhrfutur";
    if (std::filesystem::is_directory(installed / "migrations", ec)) return installed;
  }
  return RF_SOURCE_DIR;
}

}  // namespace

Config load_config(const std::string& config_file) {
  Config config;
  config.web.root = default_root();
  std::string file = config_file;
  if (file.empty()) {
    if (const char* env = std::getenv("RF_CONFIG")) file = env;
  }
  if (!file.empty()) {
    YAML::Node root;
    try {
      root = YAML::LoadFile(file);
    } catch (const YAML::Exception& e) {
      throw std::runtime_error(file + ": " + e.what());
    }
    for (const auto& setting : kSettings) {
      if (!root[setting.key]) continue;
      try {
        setting.apply(config, root[setting.key].as<std::string>());
      } catch (const std::exception& e) {
        throw std::runtime_error(file + ": key '" + setting.key + "': " + e.what());
      }
    }
    for (const auto& item : root) {
      auto key = item.first.as<std::string>();
      bool known = false;
      for (const auto& setting : kSettings) known = known || key == setting.key;
      if (!known) throw std::runtime_error(file + ": unknown key '" + key + "'");
    }
  }
  for (const auto& setting : kSettings) {
    if (const char* value = std::getenv(env_name(setting.key).c_str())) {
      try {
        setting.apply(config, value);
      } catch (const std::exception& e) {
        throw std::runtime_error("environment variable " + env_name(setting.key) + ": " + e.what());
      }
    }
  }
  return config;
}

void split_listen(const std::string& listen, std::string& host, unsigned short& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    throw std::invalid_argument("--listen expects HOST:PORT, got '" + listen + "'");
  }
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned long value = 0;
  try {
    std::size_t used = 0;
    value = std::stoul(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) throw std::invalid_argument("");
  } catch (const std::exception&) {
    throw std::invalid_argument("--listen: port must be a number, got '" + listen + "'");
  }
  if (value > 65535) throw std::invalid_argument("--listen: port out of range in '" + listen + "'");
  port = static_cast<unsigned short>(value);
}

}  // namespace rf::app
