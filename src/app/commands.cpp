// `ruhrfutur migrate`, `user add` and `demo`.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>

#include "app/commands.hpp"
#include "db/migrations.hpp"
#include "web/accounts.hpp"
#include "web/audit.hpp"
#include "monitor/monitor.hpp"
#include "survey/survey.hpp"
#include "network/network.hpp"
#include "portal/portal.hpp"
#include "report/report.hpp"

namespace rf::app {
namespace {

std::unique_ptr<db::Database> open_migrated(const Config& config) {
  auto db = db::open(config.database_url);
  for (const auto& name : db::migrate(*db, (config.web.root / "migrations").string())) {
    std::cerr << "applied migration " << name << "\n";
  }
  return db;
}

}  // namespace

int migrate_command(const Config& config) {
  auto db = open_migrated(config);
  std::cout << "database is up to date (" << db::kind_name(db->kind()) << ")\n";
  return 0;
}

int user_add_command(const Config& config, const std::string& email, const std::string& name,
                     const std::vector<std::string>& roles, std::istream& password_in) {
  std::string password;
  std::getline(password_in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto db = open_migrated(config);
  try {
    auto id = web::create_user(*db, email, name, password, roles);
    web::audit(*db, std::nullopt, "user.create", "user", std::to_string(id), "{\"via\":\"cli\"}", "");
    std::cout << "user " << email << " created (id " << id << ")\n";
    return 0;
  } catch (const db::ConstraintError&) {
    std::cerr << "error: a user with the e-mail address " << email << " exists already\n";
  } catch (const std::invalid_argument& e) {
    std::cerr << "error: " << e.what() << "\n";
  }
  return 2;
}

int demo_command(const Config& config) {
  auto db = open_migrated(config);
  // Demo accounts so a new user can log in right away (documented in the README).
  struct DemoUser {
    const char* email;
    const char* name;
    const char* role;
  };
  const DemoUser users[] = {{"admin@ruhrfutur.example", "Demo-Administration", "admin"},
                            {"redaktion@ruhrfutur.example", "Demo-Redaktion", "editor"},
                            {"daten@ruhrfutur.example", "Demo-Datenpflege", "data_steward"}};
  for (const auto& user : users) {
    if (web::find_user_by_email(*db, user.email)) continue;
    web::create_user(*db, user.email, user.name, "ruhrfutur-demo", {user.role});
    std::cout << "demo user " << user.email << " (password: ruhrfutur-demo)\n";
  }
  std::cout << "demo content: " << portal::load_demo_content(*db, config.web) << " items added\n";
  if (int code = monitor::import_shipped_statistics(*db, config.web.root, std::cout, std::cerr); code != 0) return code;
  std::cout << "surveys: " << survey::load_shipped_surveys(*db, config.web.root) << " added\n";
  std::cout << "demo network: " << network::load_demo(*db, config.web.root, std::cout) << " organisations added\n";
  return 0;
}

int network_reminders_command(const Config& config) {
  auto db = open_migrated(config);
  std::cout << "network reminders: " << network::send_due_reminders(*db, config.web) << " queued\n";
  return 0;
}

monitor::ReportFigureLookup report_figures_in(std::filesystem::path built_dir) {
  return [dir = std::move(built_dir)](
             const std::vector<std::string>& indicator_ids) -> std::optional<std::vector<monitor::ReportFigure>> {
    auto published = report::read_published_report(dir);
    if (!published) return std::nullopt;
    std::vector<monitor::ReportFigure> out;
    for (const auto& f : published->figures) {
      auto reads = [&f](const std::string& id) {
        return std::find(f.indicators.begin(), f.indicators.end(), id) != f.indicators.end();
      };
      if (std::any_of(indicator_ids.begin(), indicator_ids.end(), reads)) {
        out.push_back({f.code, f.title, f.place, f.url});
      }
    }
    return out;
  };
}

int import_command(const Config& config, monitor::ImportCommandLine command) {
  command.report_figures = report_figures_in(config.web.report_dir);
  return monitor::run_import_command(command, config.database_url, config.web.root);
}

}  // namespace rf::app
