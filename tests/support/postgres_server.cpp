#include "postgres_server.h"

#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <pqxx/pqxx>
#include <stdexcept>
#include <vector>

#include "ports.h"
#include "process.h"
#include "temp_dir.h"

namespace viddhana::test {
namespace {

// Debian's binaries, not a wrapper that may sit earlier in PATH.
const std::string kBinDir = "/usr/lib/postgresql/15/bin/";

void chown_to_postgres(const std::string& path) {
    passwd* pw = ::getpwnam("postgres");
    if (!pw) throw std::runtime_error("PostgresServer: there is no `postgres` user");
    if (::chown(path.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
        throw std::runtime_error("PostgresServer: cannot chown " + path + " to postgres");
    }
    ::chmod(path.c_str(), 0700);
}

}  // namespace

PostgresServer::PostgresServer() : dir_(std::make_unique<TempDir>("pg")) {
    chown_to_postgres(dir_->path());
    data_dir_ = dir_->path() + "/data";
    socket_dir_ = dir_->path();
    log_path_ = dir_->path() + "/postgres.log";
    run_as_postgres("initdb", {"-D", data_dir_, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                               "--locale=C.UTF-8", "--no-sync"});
    start();
    execute_as_admin("CREATE ROLE viddhana LOGIN PASSWORD 'viddhana'");
    execute_as_admin("CREATE DATABASE viddhana OWNER viddhana");
}

PostgresServer::~PostgresServer() {
    if (running_) {
        try {
            run_as_postgres("pg_ctl", {"-D", data_dir_, "-m", "immediate", "-w", "stop"});
        } catch (...) {
        }
    }
}

void PostgresServer::run_as_postgres(const std::string& tool,
                                     const std::vector<std::string>& args) {
    std::vector<std::string> argv{"-u", "postgres", "--", kBinDir + tool};
    argv.insert(argv.end(), args.begin(), args.end());
    std::string out = dir_->path() + "/" + tool + ".out";
    Process p(ProcessOptions{"runuser", argv, {}, dir_->path(), out, out});
    auto status = p.wait_for(std::chrono::seconds(120));
    if (!status) {
        p.stop(std::chrono::seconds(5));
        throw std::runtime_error("PostgresServer: " + tool + " did not finish in 120 s");
    }
    if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
        throw std::runtime_error("PostgresServer: " + tool + " failed:\n" + read_file(out) + "\n" +
                                 log());
    }
}

void PostgresServer::start() {
    // Another process may take the free port before the server binds it: try a few.
    std::string last_error;
    for (int attempt = 0; attempt < 5; ++attempt) {
        uint16_t port = port_ != 0 && attempt == 0 ? port_ : free_tcp_port();
        std::string options = "-p " + std::to_string(port) + " -k " + socket_dir_ +
                              " -c listen_addresses=127.0.0.1 -c fsync=off"
                              " -c max_connections=200";
        try {
            run_as_postgres("pg_ctl", {"-D", data_dir_, "-l", log_path_, "-o", options, "-w", "-t",
                                       "60", "start"});
            port_ = port;
            running_ = true;
            return;
        } catch (const std::exception& e) {
            last_error = e.what();
        }
    }
    throw std::runtime_error(last_error);
}

void PostgresServer::kill() {
    if (!running_) return;
    run_as_postgres("pg_ctl", {"-D", data_dir_, "-m", "immediate", "-w", "stop"});
    running_ = false;
}

void PostgresServer::restart() {
    if (running_) return;
    start();
}

std::string PostgresServer::url(const std::string& database) const {
    return "postgresql://viddhana:viddhana@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresServer::admin_conninfo(const std::string& database) const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=" + database;
}

void PostgresServer::execute_as_admin(const std::string& sql, const std::string& database) {
    pqxx::connection c(admin_conninfo(database));
    pqxx::nontransaction n(c);
    n.exec(sql);
}

std::string PostgresServer::create_database(const std::string& name) {
    execute_as_admin("CREATE DATABASE \"" + name + "\" OWNER viddhana");
    return url(name);
}

std::string PostgresServer::log() const {
    return read_file(log_path_);
}

}  // namespace viddhana::test
