#include "pool_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

namespace viddhana::test {

PoolProcess::PoolProcess(const TempDir& dir, std::string name, std::string command,
                         const std::string& yaml, std::map<std::string, std::string> env)
    : dir_(dir),
      name_(std::move(name)),
      command_(std::move(command)),
      config_path_(dir.file(name_ + ".yaml")),
      env_(std::move(env)) {
    std::ofstream out(config_path_);
    out << yaml;
    if (!out) throw std::runtime_error("cannot write " + config_path_);
}

PoolProcess::~PoolProcess() {
    if (process_) process_->stop(std::chrono::seconds(10));
}

void PoolProcess::start() {
    if (process_ && process_->is_running()) throw std::runtime_error(name_ + " already runs");
    ++runs_;
    ProcessOptions o;
    o.executable = VIDDHANA_EXE;
    o.args = {command_, "--config", config_path_};
    o.env = env_;
    o.stdout_path = dir_.file(name_ + "-" + std::to_string(runs_) + ".out");
    o.stderr_path = dir_.file(name_ + "-" + std::to_string(runs_) + ".err");
    process_ = std::make_unique<Process>(std::move(o));
}

void PoolProcess::kill() {
    if (!process_) return;
    process_->signal(SIGKILL);
    process_->wait_for(std::chrono::seconds(30));
}

int PoolProcess::stop() {
    return process_ ? process_->stop(std::chrono::seconds(30)) : 0;
}

std::optional<int> PoolProcess::wait_exit(std::chrono::milliseconds deadline) {
    if (!process_) return std::nullopt;
    return process_->wait_for(deadline);
}

bool PoolProcess::is_running() {
    return process_ && process_->is_running();
}

std::string PoolProcess::log() const {
    std::string all;
    for (int run = 1; run <= runs_; ++run) {
        for (const char* ext : {".out", ".err"}) {
            std::string path = dir_.file(name_ + "-" + std::to_string(run) + ext);
            std::ifstream in(path);
            if (!in) continue;
            all += "--- " + name_ + " run " + std::to_string(run) + ext + "\n";
            all.append(std::istreambuf_iterator<char>(in), {});
        }
    }
    return all;
}

bool port_open(uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

}  // namespace viddhana::test
