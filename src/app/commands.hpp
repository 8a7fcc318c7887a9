// The subcommands of the `ruhrfutur` program (wired to the command line in main.cpp).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "monitor/monitor.hpp"

namespace rf::app {

// Applies pending migrations; prints what it applied.
int migrate_command(const Config& config);
// Serves HTTP until SIGTERM/SIGINT.
int serve_command(const Config& config);
// Adds a user; the password is read from `password_in` (first line).
int user_add_command(const Config& config, const std::string& email, const std::string& name,
                     const std::vector<std::string>& roles, std::istream& password_in);
// Loads reference data, demo content and the shipped datasets.
int demo_command(const Config& config);
// Mails the reminders of measure steps whose deadline has passed.
int network_reminders_command(const Config& config);
// `ruhrfutur import`; with --report it names the figures of the report built
// in the configured report folder (report_dir).
int import_command(const Config& config, monitor::ImportCommandLine command);

// The figures of the report built in `built_dir` (its codes.json, read anew
// on every call) that read one of the given indicators: how the monitor's
// update report learns about the report module.
monitor::ReportFigureLookup report_figures_in(std::filesystem::path built_dir);

}  // namespace rf::app
