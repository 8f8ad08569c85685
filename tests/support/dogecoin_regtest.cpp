// DogecoinRegtest: starting, calling and stopping a dogecoind regtest node.
#include "dogecoin_regtest.h"

#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "ports.h"

namespace viddhana::test {

using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string random_hex(size_t bytes) {
    std::random_device rd;
    std::string out;
    for (size_t i = 0; i < bytes; ++i)
        out += fmt::format("{:02x}", rd() & 0xff);
    return out;
}

std::string tail(const std::string& s, size_t n = 3000) {
    return s.size() <= n ? s : "..." + s.substr(s.size() - n);
}

}  // namespace

std::optional<std::string> DogecoinRegtest::binary() {
    const char* p = std::getenv("VIDDHANA_DOGECOIND");
    if (!p || !*p || !std::filesystem::exists(p)) return std::nullopt;
    return std::string(p);
}

DogecoinRegtest::DogecoinRegtest(std::string binary)
    : binary_(std::move(binary)), dir_("dogecoind"), password_(random_hex(16)) {
    datadir_ = dir_.subdir("node");
    constexpr int kAttempts = 5;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        rpc_port_ = free_tcp_port();
        if (launch()) return;
    }
    throw std::runtime_error(
        fmt::format("dogecoind: no free RPC port after {} attempts", kAttempts));
}

DogecoinRegtest::~DogecoinRegtest() {
    if (process_) process_->stop(60s);
}

bool DogecoinRegtest::launch() {
    ProcessOptions po;
    po.executable = binary_;
    po.args = {
        "-regtest",
        "-datadir=" + datadir_,
        "-listen=0",
        "-rpcbind=127.0.0.1",
        "-rpcallowip=127.0.0.1",
        fmt::format("-rpcport={}", rpc_port_),
        "-rpcuser=viddhana",
        "-rpcpassword=" + password_,
        "-server=1",
        "-discover=0",
        "-dnsseed=0",
        "-printtoconsole=0",
        "-logtimestamps=0",
        // Like litecoind, shutdown otherwise waits for idle keep-alive RPC connections to time out.
        "-rpcservertimeout=3",
        "-keypool=10",
    };
    po.stdout_path = datadir_ + "/stdout.log";
    po.stderr_path = datadir_ + "/stderr.log";
    process_ = std::make_unique<Process>(po);

    // Ready when RPC answers (-28: still loading); a node that exits failed.
    const auto deadline = std::chrono::steady_clock::now() + 120s;
    for (;;) {
        if (!process_->is_running()) {
            std::string log = read_file(debug_log_path());
            std::string err = process_->read_stderr();
            if (log.find("Unable to bind") != std::string::npos ||
                log.find("Unable to start HTTP server") != std::string::npos ||
                err.find("Unable to bind") != std::string::npos ||
                err.find("Unable to start HTTP server") != std::string::npos)
                return false;
            throw std::runtime_error(
                fmt::format("dogecoind exited (code {}) during start-up.\nstderr: {}\n"
                            "debug.log: {}",
                            process_->exit_code().value_or(-1), tail(err), tail(log)));
        }
        try {
            node::rpc_call_sync(endpoint(), "getblockchaininfo", json::array(), 5s);
            return true;
        } catch (const node::RpcError& e) {
            if (e.code() != -28) throw;
        } catch (const node::RpcTransportError&) {
        }
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("dogecoind did not answer RPC within 120 s");
        std::this_thread::sleep_for(50ms);
    }
}

json DogecoinRegtest::rpc(const std::string& method, json params,
                          std::chrono::milliseconds timeout) {
    return node::rpc_call_sync(endpoint(), method, std::move(params), timeout);
}

node::RpcEndpoint DogecoinRegtest::endpoint() const {
    node::RpcEndpoint e;
    e.url = fmt::format("http://127.0.0.1:{}", rpc_port_);
    e.user = "viddhana";
    e.password = password_;
    return e;
}

std::string DogecoinRegtest::new_address() {
    return rpc("getnewaddress").get<std::string>();
}

std::vector<std::string> DogecoinRegtest::generate(int n) {
    std::vector<std::string> hashes;
    for (const auto& h : rpc("generate", json::array({n}), 300s))
        hashes.push_back(h.get<std::string>());
    return hashes;
}

int64_t DogecoinRegtest::height() {
    return rpc("getblockcount").get<int64_t>();
}

void DogecoinRegtest::stop() {
    if (!process_) return;
    int status = process_->stop(60s);
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        throw std::runtime_error(fmt::format("dogecoind did not stop cleanly (status {})", status));
}

void DogecoinRegtest::restart() {
    if (running()) stop();
    if (!launch())
        throw std::runtime_error(
            fmt::format("dogecoind could not bind its RPC port {} again on restart", rpc_port_));
}

bool DogecoinRegtest::running() {
    return process_ && process_->is_running();
}

std::string DogecoinRegtest::debug_log_path() const {
    return datadir_ + "/regtest/debug.log";
}

size_t DogecoinRegtest::debug_log_size() const {
    std::error_code ec;
    auto size = std::filesystem::file_size(debug_log_path(), ec);
    return ec ? 0 : static_cast<size_t>(size);
}

std::vector<std::string> DogecoinRegtest::debug_log_lines_since(size_t& offset) const {
    std::ifstream in(debug_log_path(), std::ios::binary);
    std::vector<std::string> lines;
    if (!in) return lines;
    in.seekg(static_cast<std::streamoff>(offset));
    std::string line;
    // Only whole lines: a line still being written is read on the next call.
    while (std::getline(in, line) && !in.eof()) {
        offset += line.size() + 1;
        lines.push_back(line);
    }
    return lines;
}

}  // namespace viddhana::test
