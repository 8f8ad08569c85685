#include "app/cli.h"

#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "analytics/cli/analytics_cli.h"
#include "app/backup_command.h"
#include "app/deprecated_names.h"
#include "app/payout_settings_command.h"
#include "app/quarantine_command.h"
#include "app/roles.h"
#include "miner/miner_cli.h"

namespace viddhana::app {

int run_cli(int argc, char** argv) {
    CLI::App app{"Viddhana Pool: a mining pool for Bitcoin-family coins (Litecoin, Bitcoin)"};
    app.require_subcommand(1);

    std::string config_path;
    auto* run = app.add_subcommand("run", "Run every role in one process");
    run->add_option("-c,--config", config_path, "YAML config file")->required();
    auto* stratum = app.add_subcommand("stratum", "Run the Stratum role alone");
    stratum->add_option("-c,--config", config_path, "YAML config file")->required();
    auto* api = app.add_subcommand("api", "Run the API role alone (REST and WebSocket, port 4444)");
    api->add_option("-c,--config", config_path, "YAML config file")->required();
    auto* web = app.add_subcommand("web", "Run the web dashboard alone (port 3004)");
    web->add_option("-c,--config", config_path, "YAML config file")->required();
    auto* ledger = app.add_subcommand("ledger", "Run the ledger role alone (events from Redis)");
    ledger->add_option("-c,--config", config_path, "YAML config file")->required();
    std::string payment_id;
    auto* release = app.add_subcommand(
        "release-payment", "Release a payment held for review, so the next payment pass sends it");
    release->add_option("-c,--config", config_path, "YAML config file")->required();
    release->add_option("--id", payment_id, "the payment's id (see the API's payments)")
        ->required();
    std::string login;
    std::optional<std::string> threshold, payout_address;
    auto* settings = app.add_subcommand(
        "payout-settings", "Show or set a miner's payout threshold and payout address");
    settings->add_option("-c,--config", config_path, "YAML config file")->required();
    settings->add_option("--login", login, "the miner's login (its coin address)")->required();
    settings->add_option("--threshold", threshold, "coins, or 'default'");
    settings->add_option("--address", payout_address, "a payout address, or 'default'");
    std::string backup_file;
    auto* backup = app.add_subcommand(
        "backup", "Copy the SQLite store to a new file while the pool runs (PostgreSQL: pg_dump)");
    backup->add_option("-c,--config", config_path, "YAML config file")->required();
    backup->add_option("--out", backup_file, "the backup file to write (must not exist)")
        ->required();
    auto* restore = app.add_subcommand(
        "restore", "Put a backup in place as the store of a fresh deployment (pool stopped)");
    restore->add_option("-c,--config", config_path, "YAML config file")->required();
    restore->add_option("--from", backup_file, "the backup file (from viddhana backup)")
        ->required();
    auto* quarantine = app.add_subcommand(
        "quarantine", "List, retry or drop the records the store refused (kept with the reason)");
    quarantine->require_subcommand(1);
    int64_t quarantine_id = 0;
    auto* q_list = quarantine->add_subcommand("list", "List the quarantined records, oldest first");
    q_list->add_option("-c,--config", config_path, "YAML config file")->required();
    auto* q_retry = quarantine->add_subcommand(
        "retry", "Store a quarantined record again (after its cause is fixed)");
    q_retry->add_option("-c,--config", config_path, "YAML config file")->required();
    q_retry->add_option("--id", quarantine_id, "the record's id (see quarantine list)")->required();
    auto* q_drop = quarantine->add_subcommand("drop", "Remove a quarantined record for good");
    q_drop->add_option("-c,--config", config_path, "YAML config file")->required();
    q_drop->add_option("--id", quarantine_id, "the record's id (see quarantine list)")->required();
    auto* check = app.add_subcommand("check-config", "Validate a config file and exit");
    check->add_option("-c,--config", config_path, "YAML config file")->required();
    auto* version = app.add_subcommand("version", "Print the version");

    miner::add_miner_command(app);
    auto* analytics = analytics::cli::add_analytics_commands(app);
    auto* analytics_config = analytics->add_option(
        "-c,--config", config_path, "YAML config file: run the analytics service alone");
    for (auto* tool : analytics->get_subcommands({}))
        tool->excludes(analytics_config);

    std::vector<std::string> warnings;
    std::vector<std::string> args =
        replace_deprecated_commands(std::vector<std::string>(argv, argv + argc), warnings);
    for (const auto& w : warnings)
        std::cerr << "warning: " << w << "\n";
    std::vector<char*> args_c;
    for (auto& a : args)
        args_c.push_back(a.data());
    CLI11_PARSE(app, static_cast<int>(args_c.size()), args_c.data());

    if (run->parsed())
        return run_roles(config_path, {"stratum", "ledger", "analytics", "api", "web"});
    if (web->parsed()) return run_roles(config_path, {"web"});
    if (api->parsed()) return run_roles(config_path, {"api"});
    if (analytics->parsed()) {
        if (config_path.empty()) {
            std::cerr << "viddhana analytics: give --config FILE to run the analytics service, "
                         "or a tool (see viddhana analytics --help)\n";
            return 2;
        }
        return run_roles(config_path, {"analytics"});
    }
    if (ledger->parsed()) return run_roles(config_path, {"ledger"});
    if (release->parsed()) return release_payment(config_path, payment_id);
    if (settings->parsed()) return payout_settings(config_path, login, threshold, payout_address);
    if (quarantine->parsed()) {
        const char* action = q_list->parsed() ? "list" : q_retry->parsed() ? "retry" : "drop";
        return quarantine_command(config_path, action, quarantine_id);
    }
    if (stratum->parsed()) return run_roles(config_path, {"stratum"});
    if (check->parsed()) return check_config(config_path);
    if (backup->parsed()) return backup_store(config_path, backup_file);
    if (restore->parsed()) return restore_store(config_path, backup_file);
    if (version->parsed()) {
        std::cout << "viddhana 0.1.0\n";
        return 0;
    }
    return 1;
}

}  // namespace viddhana::app
