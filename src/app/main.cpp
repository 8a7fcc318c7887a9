// The `ruhrfutur` program: one binary, several subcommands.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/commands.hpp"
#include "app/config.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"RuhrFutur – Plattform der Bildungsinitiative im Ruhrgebiet"};
  cli.require_subcommand(1);
  std::string config_file, database, listen;
  cli.add_option("--config", config_file, "YAML configuration file (or RF_CONFIG)");
  cli.add_option("--database", database, "sqlite:PATH or postgresql://… (or RF_DATABASE)");

  auto* serve = cli.add_subcommand("serve", "Serve the website and API");
  serve->add_option("--listen", listen, "HOST:PORT (default 127.0.0.1:8080, or RF_LISTEN)");
  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations");
  auto* demo = cli.add_subcommand("demo", "Load reference data, demo content and shipped datasets");

  auto* user = cli.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add a user; the password is read from standard input");
  std::string email, name;
  std::vector<std::string> roles;
  user_add->add_option("--email", email, "E-mail address")->required();
  user_add->add_option("--name", name, "Display name");
  user_add->add_option("--role", roles,
                       "Role: admin, editor, data_steward, partner, school, training_institution, board_member")
      ->required();

  // Options may also follow the subcommand (`ruhrfutur serve --database …`).
  for (auto* sub : {serve, migrate, demo, user_add}) {
    sub->add_option("--database", database, "sqlite:PATH or postgresql://…");
    sub->add_option("--config", config_file, "YAML configuration file");
  }

  CLI11_PARSE(cli, argc, argv);
  try {
    auto config = rf::app::load_config(config_file);
    if (!database.empty()) config.database_url = database;
    if (!listen.empty()) config.listen = listen;
    if (*serve) return rf::app::serve_command(config);
    if (*migrate) return rf::app::migrate_command(config);
    if (*demo) return rf::app::demo_command(config);
    if (*user_add) return rf::app::user_add_command(config, email, name, roles, std::cin);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
