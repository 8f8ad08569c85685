// A real PostgreSQL 15 server for tests, in a temporary directory, on a free loopback port.
// PostgreSQL refuses to run as root, so the directory is handed to the `postgres` user and
// initdb / pg_ctl run through runuser. Stopped (immediate mode) when destroyed.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace viddhana::test {

class TempDir;

class PostgresServer {
  public:
    // initdb, start, and create the role `viddhana` (password `viddhana`) owning the database
    // `viddhana`. Throws std::runtime_error with the server's log on failure.
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    uint16_t port() const { return port_; }
    bool is_running() const { return running_; }
    // postgresql://viddhana:viddhana@127.0.0.1:<port>/<database>
    std::string url(const std::string& database = "viddhana") const;
    // A new, empty database owned by `viddhana`; returns its URL.
    std::string create_database(const std::string& name);
    // Runs SQL as the superuser in `database` (statements outside a transaction block).
    void execute_as_admin(const std::string& sql, const std::string& database = "postgres");

    // Crash-like stop (pg_ctl stop -m immediate): every connection drops at once.
    void kill();
    // Starts the stopped server again on the same port and data (crash recovery runs).
    void restart();

    const std::string& data_dir() const { return data_dir_; }
    std::string log() const;

  private:
    void run_as_postgres(const std::string& tool, const std::vector<std::string>& args);
    void start();
    std::string admin_conninfo(const std::string& database) const;

    std::unique_ptr<TempDir> dir_;
    std::string data_dir_;
    std::string socket_dir_;
    std::string log_path_;
    uint16_t port_ = 0;
    bool running_ = false;
};

}  // namespace viddhana::test
