// A local EVM chain for tests: Hardhat's node (its EDR runtime) from contracts/, on a free
// loopback port, mining every transaction at once, with Hardhat's well-known development
// accounts funded, and a reverting transaction mined as failed (as a real node does, not
// refused when sent). Ready once it answers eth_chainId. Stopped when destroyed. The contracts
// must have been compiled (the contracts.compile CTest fixture does it).
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "base/hex.h"

namespace viddhana::test {

class Process;
class TempDir;

class HardhatNode {
  public:
    static constexpr uint64_t kChainId = 31337;

    // Throws std::runtime_error (with the node's output) when it does not come up.
    HardhatNode();
    ~HardhatNode();
    HardhatNode(const HardhatNode&) = delete;
    HardhatNode& operator=(const HardhatNode&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    uint16_t port() const { return port_; }

    // The private key (hex) of development account `index` (0..2), public knowledge.
    static std::string account_key(int index);
    // The creation bytecode of a contract compiled from contracts/src/<name>.sol.
    static Bytes creation_bytecode(const std::string& name);

  private:
    std::unique_ptr<TempDir> dir_;
    std::unique_ptr<Process> process_;
    uint16_t port_ = 0;
};

}  // namespace viddhana::test
