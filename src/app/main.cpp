// The `ruhrfutur` program: one binary, several subcommands.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/backup.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "monitor/monitor.hpp"
#include "report/report.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"RuhrFutur – Plattform der Bildungsinitiative im Ruhrgebiet"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", std::string("ruhrfutur ") + RF_VERSION);
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
  user_add
      ->add_option("--role", roles,
                   "Role: admin, editor, data_steward, partner, school, training_institution, board_member")
      ->required();

  auto* network = cli.add_subcommand("network", "The partner network");
  network->require_subcommand(1);
  auto* reminders =
      network->add_subcommand("reminders", "Mail the reminders of measure steps past their deadline (run hourly)");

  auto* report = cli.add_subcommand("report", "The education report");
  report->require_subcommand(1);
  auto* report_build = report->add_subcommand("build", "Build a report: web pages, data, profiles, PDFs (--pdf)");
  rf::report::ReportBuildOptions report_options;
  bool no_profiles = false;
  report_build->add_option("DIR", report_options.report_dir, "Report folder, e.g. reports/bildungsmonitoring-ruhr")
      ->required();
  report_build->add_option("--out", report_options.out_dir, "Output folder")->required();
  report_build->add_flag("--pdf", report_options.pdf, "Also print PDFs with Chromium");
  report_build->add_flag("--strict", report_options.strict, "A missing indicator, region or value fails the build");
  report_build->add_flag("--no-profiles", no_profiles, "Leave out the region profiles");
  report_build->add_option("--threads", report_options.threads, "Worker threads (default: one per core)");
  report_build->add_option("--chromium", report_options.chromium, "Chromium binary (default /usr/bin/chromium)");

  auto* import =
      cli.add_subcommand("import", "Import statistics files (GENESIS, INKAR, school lists) in one transaction");
  rf::monitor::ImportCommandLine import_options;
  import->add_option("FILE", import_options.files, "Statistics files")->required();
  import->add_flag("--dry-run", import_options.dry_run, "Check everything, store nothing");
  import->add_option("--encoding", import_options.encoding,
                     "utf-8, windows-1252, iso-8859-1 or cp850 (default: detected per file)");
  import->add_option("--max-size", import_options.max_file_size, "Largest file accepted, in bytes");
  import->add_flag("--strict-regions", import_options.strict_regions, "Region codes the register lacks are errors");
  import->add_option("--sheet", import_options.sheet, "Sheet of an XLSX workbook to read (default: the first)");
  import->add_flag("--report", import_options.report,
                   "Report what changed: new periods, revised values, affected indicators and report figures, goals");

  auto* backup = cli.add_subcommand("backup", "Write the database and the var folder into one archive");
  std::string backup_out, restore_in;
  backup->add_option("--out", backup_out, "Archive to write (a .tar.gz)")->required();
  auto* restore =
      cli.add_subcommand("restore", "Restore the database and the var folder from a backup (stop the instances first)");
  restore->add_option("FILE", restore_in, "Archive written by `ruhrfutur backup`")
      ->required()
      ->check(CLI::ExistingFile);

  // Options may also follow the subcommand (`ruhrfutur serve --database …`).
  for (auto* sub : {serve, migrate, demo, user_add, import, report_build, backup, restore}) {
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
    if (*reminders) return rf::app::network_reminders_command(config);
    if (*backup) return rf::app::backup_command(config, backup_out);
    if (*restore) return rf::app::restore_command(config, restore_in);
    if (*user_add) return rf::app::user_add_command(config, email, name, roles, std::cin);
    if (*import) return rf::app::import_command(config, import_options);
    if (*report_build) {
      report_options.database_url = config.database_url;
      report_options.root = config.web.root;
      report_options.profiles = !no_profiles;
      return rf::report::report_build_command(report_options);
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
