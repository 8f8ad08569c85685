// One dogecoind regtest node on loopback for merged-mining tests: no P2P (-listen=0; Dogecoin
// mines on demand on regtest, so createauxblock needs no peer), RPC on a free port, data in a
// TempDir, timestamps off in debug.log so refusal reasons can be read back as they are written.
//
// dogecoind is not a Debian package: the binary is VIDDHANA_DOGECOIND (see docs/testing.md for
// building one). Tests that need it skip when the variable is unset.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "node/rpc_client.h"
#include "process.h"
#include "temp_dir.h"

namespace viddhana::test {

class DogecoinRegtest {
  public:
    // VIDDHANA_DOGECOIND when it names an existing file; nullopt otherwise.
    static std::optional<std::string> binary();

    // Starts the node and waits until it answers RPC; throws with the node's log if it fails.
    explicit DogecoinRegtest(std::string binary);
    ~DogecoinRegtest();  // stops the node
    DogecoinRegtest(const DogecoinRegtest&) = delete;
    DogecoinRegtest& operator=(const DogecoinRegtest&) = delete;

    // Blocking RPC; throws node::RpcError with the node's code and message.
    nlohmann::json rpc(const std::string& method, nlohmann::json params = nlohmann::json::array(),
                       std::chrono::milliseconds timeout = std::chrono::seconds(120));
    node::RpcEndpoint endpoint() const;

    std::string new_address();  // a new address of the node's wallet
    std::vector<std::string> generate(int n);
    int64_t height();

    // The node's life cycle; the data directory and port are kept across restarts.
    void stop();  // SIGTERM, clean shutdown
    void restart();
    bool running();

    std::string datadir() const { return datadir_; }
    std::string debug_log_path() const;
    // debug.log's lines from byte `offset` on; advances `offset` past them.
    std::vector<std::string> debug_log_lines_since(size_t& offset) const;
    size_t debug_log_size() const;

  private:
    bool launch();  // false: the RPC port was taken

    std::string binary_;
    TempDir dir_;
    std::string datadir_;
    std::string password_;
    uint16_t rpc_port_ = 0;
    std::unique_ptr<Process> process_;
};

}  // namespace viddhana::test
