// A `viddhana` role running as its own process, for tests that kill it (SIGKILL) mid-work and
// start it again: its config is written to a file in the test's directory, its output kept in
// log files there for the failure message.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "process.h"
#include "temp_dir.h"

namespace viddhana::test {

class PoolProcess {
  public:
    // `command` is the subcommand (run, stratum, ledger); `name` names its files in `dir`.
    PoolProcess(const TempDir& dir, std::string name, std::string command, const std::string& yaml,
                std::map<std::string, std::string> env = {});
    ~PoolProcess();

    void start();
    void kill();  // SIGKILL and reap: a crash, nothing flushed or closed
    // SIGTERM and wait for a clean exit; the wait status.
    int stop();
    // The wait status once it exited by itself within `deadline`, else nullopt.
    std::optional<int> wait_exit(std::chrono::milliseconds deadline);
    bool is_running();
    void set_env(std::map<std::string, std::string> env) { env_ = std::move(env); }
    // The process's output so far (stdout and stderr of every run).
    std::string log() const;

  private:
    const TempDir& dir_;
    std::string name_;
    std::string command_;
    std::string config_path_;
    std::map<std::string, std::string> env_;
    std::unique_ptr<Process> process_;
    int runs_ = 0;
};

// Opens a TCP connection to 127.0.0.1:port and closes it: true when something listens there.
bool port_open(uint16_t port);

}  // namespace viddhana::test
