// A child process for tests: started with arguments, environment and working directory, its
// stdout/stderr captured to files, stopped with a signal, waited for with a deadline. A child
// never outlives the test: it is killed when the thread that started it ends (PR_SET_PDEATHSIG),
// even when the test itself is killed by a CTest timeout.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace viddhana::test {

struct ProcessOptions {
    std::string executable;                  // a path, or a name looked up in PATH
    std::vector<std::string> args;           // without argv[0]
    std::map<std::string, std::string> env;  // added to (or overriding) the parent's environment
    std::string working_dir;                 // empty: the parent's
    std::string stdout_path;                 // empty: /dev/null
    std::string stderr_path;                 // empty: /dev/null
};

class Process {
  public:
    // Throws std::runtime_error when the process cannot be spawned.
    explicit Process(ProcessOptions options);
    // Kills the process (SIGKILL) if it still runs, and reaps it.
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return pid_; }
    bool is_running();
    void signal(int sig);
    // Waits until the process exits; its wait status (as waitpid reports it), or nullopt when
    // the deadline passed first.
    std::optional<int> wait_for(std::chrono::milliseconds deadline);
    // SIGTERM, then SIGKILL if it has not exited within `grace`. Returns the wait status.
    int stop(std::chrono::milliseconds grace = std::chrono::seconds(30));
    // Exit code, or 128 + signal number, once the process has exited.
    std::optional<int> exit_code() const;
    std::string read_stdout() const;
    std::string read_stderr() const;
    const ProcessOptions& options() const { return options_; }

  private:
    bool reap(bool block);
    ProcessOptions options_;
    pid_t pid_ = -1;
    std::optional<int> status_;
};

std::string read_file(const std::string& path);

}  // namespace viddhana::test
