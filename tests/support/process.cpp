// Process: fork and exec, with the output files, working directory and environment set up in
// the child, and the child tied to the test's life (PR_SET_PDEATHSIG).
#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
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

namespace {

// PATH lookup done before fork: the child may only make async-signal-safe calls.
std::string resolve_executable(const std::string& name) {
    if (name.find('/') != std::string::npos) return name;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    size_t start = 0;
    while (start <= dirs.size()) {
        size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        std::string candidate = dirs.substr(start, end - start) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return name;
}

[[noreturn]] void child_fail(int report_fd) {
    int err = errno;
    ssize_t ignored = ::write(report_fd, &err, sizeof err);
    (void)ignored;
    _exit(127);
}

}  // namespace

Process::Process(ProcessOptions options) : options_(std::move(options)) {
    const std::string out_path =
        options_.stdout_path.empty() ? std::string("/dev/null") : options_.stdout_path;
    const std::string err_path =
        options_.stderr_path.empty() ? std::string("/dev/null") : options_.stderr_path;
    const std::string executable = resolve_executable(options_.executable);

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

    // The child reports a failure before exec through this pipe; exec closes it (CLOEXEC).
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) {
        int err = errno;
        ::close(report[0]);
        ::close(report[1]);
        throw std::runtime_error("cannot start " + options_.executable +
                                 ": fork: " + std::strerror(err));
    }
    if (pid_ == 0) {
        ::close(report[0]);
        // Dies with the test (even when the test is killed), so no server outlives it. The
        // signal follows the forking thread: spawn from a thread that lives as long as the child.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) _exit(127);
        // Its own process group, so a terminal's Ctrl-C reaches only the test.
        ::setpgid(0, 0);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        int in = ::open("/dev/null", O_RDONLY);
        int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (in < 0 || out < 0 || err < 0) child_fail(report[1]);
        if (::dup2(in, STDIN_FILENO) < 0 || ::dup2(out, STDOUT_FILENO) < 0 ||
            ::dup2(err, STDERR_FILENO) < 0) {
            child_fail(report[1]);
        }
        if (!options_.working_dir.empty() && ::chdir(options_.working_dir.c_str()) != 0) {
            child_fail(report[1]);
        }
        ::execve(executable.c_str(), argv.data(), envp.data());
        child_fail(report[1]);
    }
    ::close(report[1]);
    int child_errno = 0;
    ssize_t n;
    do {
        n = ::read(report[0], &child_errno, sizeof child_errno);
    } while (n < 0 && errno == EINTR);
    ::close(report[0]);
    if (n == static_cast<ssize_t>(sizeof child_errno)) {
        reap(true);
        throw std::runtime_error("cannot start " + options_.executable + ": " +
                                 std::strerror(child_errno));
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
