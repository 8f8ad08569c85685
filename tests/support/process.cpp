// Process: posix_spawn with file actions for the working directory and output files.
#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace viddhana::test {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

Process::Process(ProcessOptions options) : options_(std::move(options)) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    auto out_path = options_.stdout_path.empty() ? std::string("/dev/null") : options_.stdout_path;
    auto err_path = options_.stderr_path.empty() ? std::string("/dev/null") : options_.stderr_path;
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (!options_.working_dir.empty()) {
        posix_spawn_file_actions_addchdir_np(&actions, options_.working_dir.c_str());
    }
    // The child gets its own process group so a signal to the test does not reach it twice.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t empty;
    sigemptyset(&empty);
    posix_spawnattr_setsigmask(&attr, &empty);

    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
        std::string entry(*e);
        auto eq = entry.find('=');
        if (eq != std::string::npos && options_.env.count(entry.substr(0, eq))) continue;
        env_strings.push_back(std::move(entry));
    }
    for (const auto& [k, v] : options_.env)
        env_strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env_strings)
        envp.push_back(s.data());
    envp.push_back(nullptr);

    std::vector<std::string> arg_strings{options_.executable};
    arg_strings.insert(arg_strings.end(), options_.args.begin(), options_.args.end());
    std::vector<char*> argv;
    for (auto& s : arg_strings)
        argv.push_back(s.data());
    argv.push_back(nullptr);

    int rc =
        posix_spawnp(&pid_, options_.executable.c_str(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        throw std::runtime_error("cannot start " + options_.executable + ": " + std::strerror(rc));
    }
}

Process::~Process() {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        reap(true);
    }
}

bool Process::reap(bool block) {
    if (status_) return true;
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == pid_) {
        status_ = status;
        return true;
    }
    return false;
}

bool Process::is_running() {
    return !reap(false);
}

void Process::signal(int sig) {
    if (!status_) ::kill(pid_, sig);
}

std::optional<int> Process::wait_for(std::chrono::milliseconds deadline) {
    auto until = std::chrono::steady_clock::now() + deadline;
    // waitpid has no timeout: poll the child's state until the deadline.
    while (!reap(false)) {
        if (std::chrono::steady_clock::now() >= until) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return status_;
}

int Process::stop(std::chrono::milliseconds grace) {
    if (status_) return *status_;
    signal(SIGTERM);
    if (auto s = wait_for(grace)) return *s;
    signal(SIGKILL);
    reap(true);
    return *status_;
}

std::optional<int> Process::exit_code() const {
    if (!status_) return std::nullopt;
    if (WIFEXITED(*status_)) return WEXITSTATUS(*status_);
    if (WIFSIGNALED(*status_)) return 128 + WTERMSIG(*status_);
    return std::nullopt;
}

std::string Process::read_stdout() const {
    return options_.stdout_path.empty() ? std::string() : read_file(options_.stdout_path);
}

std::string Process::read_stderr() const {
    return options_.stderr_path.empty() ? std::string() : read_file(options_.stderr_path);
}

}  // namespace viddhana::test
