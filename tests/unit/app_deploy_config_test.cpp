// The shipped deployment files agree with the program: the example configuration
// loads (the loader rejects unknown keys) with the values an installation needs,
// and nginx's upload limit is the program's.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "app/config.hpp"
#include "support/temp_dir.hpp"

namespace rf::app {
namespace {

const std::string kExample = RF_SOURCE_DIR + "/deploy/ruhrfutur.yaml";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The loader reads RF_* variables too; none may leak in from the test's environment.
class DeployConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name :
         {"RF_CONFIG", "RF_DATABASE", "RF_LISTEN", "RF_ROOT", "RF_VAR_DIR", "RF_BASE_URL", "RF_SMTP_URL",
          "RF_MAIL_FROM", "RF_SECURE_COOKIES", "RF_THREADS", "RF_ACCESS_LOG", "RF_MAX_UPLOAD_BYTES", "RF_REPORT_DIR"}) {
      unsetenv(name);
    }
  }
};

TEST_F(DeployConfigTest, ExampleConfigurationLoadsWithInstalledPaths) {
  auto config = load_config(kExample);
  EXPECT_EQ(config.database_url, "sqlite:/var/lib/ruhrfutur/ruhrfutur.db");
  EXPECT_EQ(config.listen, "127.0.0.1:8080");
  EXPECT_EQ(config.web.root, "/usr/share/ruhrfutur");
  EXPECT_EQ(config.web.var_dir, "/var/lib/ruhrfutur/var");
  EXPECT_EQ(config.web.report_dir, "/var/lib/ruhrfutur/bericht");
  EXPECT_EQ(config.web.smtp_url, "smtp://127.0.0.1:25");
  EXPECT_TRUE(config.web.secure_cookies);
  EXPECT_TRUE(config.access_log);
  EXPECT_EQ(config.threads, 0u);
  EXPECT_EQ(config.web.max_upload_bytes, 50u * 1024 * 1024);
}

TEST_F(DeployConfigTest, EnvironmentOverridesTheExampleFile) {
  setenv("RF_DATABASE", "postgresql://ruhrfutur@db.internal:5432/ruhrfutur", 1);
  setenv("RF_LISTEN", "127.0.0.1:8082", 1);  // what ruhrfutur@8082.service sets
  auto config = load_config(kExample);
  EXPECT_EQ(config.database_url, "postgresql://ruhrfutur@db.internal:5432/ruhrfutur");
  EXPECT_EQ(config.listen, "127.0.0.1:8082");
  unsetenv("RF_DATABASE");
  unsetenv("RF_LISTEN");
}

TEST_F(DeployConfigTest, AnUnknownKeyInACopyOfTheExampleIsAnError) {
  test::TempDir dir;
  auto path = (dir / "ruhrfutur.yaml").string();
  std::ofstream(path) << read_text(kExample) << "max_upload_byte: 10\n";
  try {
    load_config(path);
    FAIL() << "the misspelt key was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown key 'max_upload_byte'"), std::string::npos) << e.what();
  }
}

TEST_F(DeployConfigTest, NginxUploadLimitIsTheProgramsLimit) {
  auto site = read_text(RF_SOURCE_DIR + "/deploy/nginx/ruhrfutur.conf");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(site, match, std::regex(R"(client_max_body_size\s+(\d+)m;)")));
  auto config = load_config(kExample);
  EXPECT_EQ(std::stoull(match[1].str()) * 1024 * 1024, config.web.max_upload_bytes);
}

TEST_F(DeployConfigTest, ServiceUnitsAreHardened) {
  for (const char* unit : {"ruhrfutur.service", "ruhrfutur@.service", "ruhrfutur-reminders.service"}) {
    auto text = read_text(std::string(RF_SOURCE_DIR + "/deploy/systemd/") + unit);
    for (const char* line :
         {"User=ruhrfutur\n", "NoNewPrivileges=yes\n", "ProtectSystem=strict\n", "ReadWritePaths=/var/lib/ruhrfutur\n",
          "CapabilityBoundingSet=\n", "Environment=RF_CONFIG=/etc/ruhrfutur/ruhrfutur.yaml\n"}) {
      EXPECT_NE(text.find(line), std::string::npos) << unit << " lacks " << line;
    }
    // The servers restart after a failure; the hourly reminders run once and end.
    const bool server = std::string_view(unit) != "ruhrfutur-reminders.service";
    EXPECT_EQ(text.find("Restart=on-failure\n") != std::string::npos, server) << unit;
  }
}

TEST_F(DeployConfigTest, RemindersRunHourlyFromATimer) {
  auto service = read_text(RF_SOURCE_DIR + "/deploy/systemd/ruhrfutur-reminders.service");
  EXPECT_NE(service.find("Type=oneshot\n"), std::string::npos);
  EXPECT_NE(service.find("ExecStart=/usr/bin/ruhrfutur network reminders\n"), std::string::npos);
  auto timer = read_text(RF_SOURCE_DIR + "/deploy/systemd/ruhrfutur-reminders.timer");
  EXPECT_NE(timer.find("OnCalendar=hourly\n"), std::string::npos);
  EXPECT_NE(timer.find("WantedBy=timers.target\n"), std::string::npos);
  // The package installs and enables it.
  EXPECT_NE(read_text(RF_SOURCE_DIR + "/deploy/package.cmake").find("ruhrfutur-reminders.timer"), std::string::npos);
  EXPECT_NE(read_text(RF_SOURCE_DIR + "/deploy/debian/postinst").find("enable --now ruhrfutur-reminders.timer"),
            std::string::npos);
}

}  // namespace
}  // namespace rf::app
