#include "app/backup_command.h"

#include <filesystem>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "app/config.h"
#include "app/ledger_role.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/store.h"

namespace viddhana::app {

namespace {

// The configured store's SQLite file, or why there is none to copy.
std::optional<std::string> sqlite_path(const std::string& config_path, std::string& refusal) {
    Config config = load_config_file(config_path);
    store::StoreConfig s = store_config(config);
    if (s.backend == store::StoreBackend::postgres) {
        refusal = fmt::format(
            "the store is PostgreSQL ({}): back it up with pg_dump -Fc and restore it with "
            "pg_restore (docs/operations.md, \"Backup and restore\")",
            store::to_url(s.postgres));
        return std::nullopt;
    }
    return s.sqlite_path;
}

std::string summary(const std::string& config_path) {
    Config config = load_config_file(config_path);
    auto store = store::open_store(store_config(config));
    auto totals = store->payments().pool_totals();
    return fmt::format("{} blocks found ({} confirmed, {} orphaned), {} miners, {} paid",
                       totals.blocks_found, totals.blocks_confirmed, totals.blocks_orphaned,
                       totals.miners, totals.total_paid);
}

}  // namespace

int backup_store(const std::string& config_path, const std::string& out) {
    try {
        std::string refusal;
        auto path = sqlite_path(config_path, refusal);
        if (!path) {
            std::cerr << refusal << "\n";
            return 2;
        }
        std::error_code ec;
        if (!std::filesystem::exists(*path, ec)) {
            std::cerr << fmt::format("no store at {} yet: nothing to back up\n", *path);
            return 2;
        }
        if (std::filesystem::exists(out, ec)) {
            std::cerr << fmt::format("{} exists already: choose a new file\n", out);
            return 2;
        }
        auto copy = store::copy_sqlite_database(*path, out);
        if (!copy) {
            std::cerr << copy.error().message << "\n";
            return 1;
        }
        std::cout << fmt::format("backed up {} to {} ({} bytes)\n", *path, out, copy->bytes);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}

int restore_store(const std::string& config_path, const std::string& from) {
    try {
        std::string refusal;
        auto path = sqlite_path(config_path, refusal);
        if (!path) {
            std::cerr << refusal << "\n";
            return 2;
        }
        std::error_code ec;
        if (!std::filesystem::is_regular_file(from, ec)) {
            std::cerr << fmt::format("{}: no such backup file\n", from);
            return 2;
        }
        if (std::filesystem::exists(*path, ec)) {
            std::cerr << fmt::format(
                "a store exists at {} already: restore into a fresh deployment (stop the pool and "
                "move that file away first); nothing was changed\n",
                *path);
            return 2;
        }
        if (auto version = store::sqlite_store_schema_version(from); !version) {
            std::cerr << version.error().message << "; nothing was changed\n";
            return 2;
        }
        std::filesystem::create_directories(std::filesystem::path(*path).parent_path(), ec);
        auto copy = store::copy_sqlite_database(from, *path);
        if (!copy) {
            std::cerr << copy.error().message << "\n";
            return 1;
        }
        std::cout << fmt::format("restored {} into {}: {}\n", from, *path, summary(config_path));
        return 0;
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}

}  // namespace viddhana::app
