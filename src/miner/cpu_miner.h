// A multi-threaded CPU miner (scrypt or SHA256d) that speaks Stratum V1: one connection thread
// (StratumClient) and N hashing threads. Usable as a library: tests run it in-process against a
// pool, and `viddhana miner` wraps it for the command line.
//
// Each hashing thread takes the current work, draws its own extranonce2, builds the coinbase,
// merkle root and header, and scans the nonce space; when that is exhausted it rolls the version
// inside the negotiated mask (BIP310), then draws a new extranonce2. A clean job makes every
// thread drop its work at once; other changes (a new non-clean job, a new difficulty) are picked
// up at the next batch of nonces.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/asio.h"
#include "base/hex.h"
#include "chain/pow.h"
#include "chain/uint256.h"
#include "miner/client_protocol.h"
#include "miner/miner_job.h"
#include "miner/stratum_client.h"

namespace viddhana::miner {

struct MinerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 3333;
    std::string login;  // ADDRESS.WORKER
    std::string password = "x";
    int threads = 1;
    chain::PowAlgorithm algorithm = chain::PowAlgorithm::scrypt;
    // Stratum difficulty 1 as a target multiple: 0 takes the algorithm's custom (65536 for
    // scrypt pools, 1 for SHA256d).
    double share_multiplier = 0;
    double hashrate_limit = 0;  // hashes per second over all threads; 0: as fast as possible
    uint64_t max_shares = 0;    // finish after this many accepted shares; 0: never
    bool version_rolling = true;
    // Nonces tried per header before the version is rolled (the whole 32-bit space by default;
    // smaller values make version rolling happen sooner, for tests).
    uint64_t nonces_per_header = uint64_t{1} << 32;
    std::string user_agent = "viddhana-miner/0.1";
    ReconnectPolicy reconnect;
};

struct MinerStats {
    double elapsed_seconds = 0;
    uint64_t hashes = 0;
    double hashrate = 0;  // average since start, H/s
    uint64_t submitted = 0;
    uint64_t accepted = 0;
    uint64_t rejected = 0;
    std::map<int, uint64_t> rejected_by_code;  // Stratum error code -> count (0: no code given)
    std::string last_reject_reason;
    uint64_t stale_dropped = 0;  // found for a job a clean job had replaced: not sent
    uint64_t unsent = 0;         // found while no connection was up
    double difficulty = 0;
    bool connected = false;      // a session is up and authorized
    uint64_t sessions = 0;       // connections that got subscribed
    uint64_t jobs = 0;           // mining.notify received
    uint32_t version_mask = 0;   // negotiated BIP310 mask (0: none)
    uint64_t version_rolls = 0;  // headers hashed with a rolled version
};

class CpuMiner {
  public:
    explicit CpuMiner(MinerOptions options);
    ~CpuMiner();
    CpuMiner(const CpuMiner&) = delete;
    CpuMiner& operator=(const CpuMiner&) = delete;

    void start();
    // Stops the threads and closes the connection; idempotent.
    void stop();
    // Waits until the miner finished on its own (max_shares accepted, or a fatal error such as
    // a refused login) or `timeout` passed. True when it finished.
    bool wait_for(std::chrono::milliseconds timeout);
    bool finished() const;
    // Why the miner gave up, when it did (a refused login, a pool that cannot be subscribed to).
    std::optional<std::string> fatal_error() const;
    MinerStats stats() const;
    const MinerOptions& options() const { return options_; }

  private:
    struct Work;
    void on_event(const ClientEvent& e);
    void on_connection(bool connected, const std::string& reason);
    void publish(std::shared_ptr<const Work> work, bool clean);
    void republish_with_difficulty();
    void finish(std::optional<std::string> error);
    void mine(int index);
    bool throttle(int index, uint64_t hashes_done, std::chrono::steady_clock::time_point start);

    MinerOptions options_;
    double multiplier_;
    asio::io_context io_;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> io_work_;
    std::unique_ptr<StratumClient> client_;
    std::thread io_thread_;
    std::vector<std::thread> threads_;
    bool started_ = false;
    std::chrono::steady_clock::time_point start_time_;

    // Connection state, touched on the io thread only.
    Bytes extranonce1_;
    int extranonce2_size_ = 4;
    uint32_t version_mask_ = 0;
    double difficulty_ = 1.0;  // until the pool says otherwise
    bool authorized_ = false;
    std::optional<MinerJob> last_job_;

    // The work the hashing threads take; generation_ moves on every change, clean_generation_
    // on clean jobs (and lost connections) only.
    mutable std::mutex work_mutex_;
    std::condition_variable work_cv_;
    std::shared_ptr<const Work> work_;
    std::atomic<uint64_t> generation_{0};
    std::atomic<uint64_t> clean_generation_{0};
    std::atomic<bool> stopping_{false};
    std::atomic<uint64_t> next_extranonce2_{0};

    // Statistics.
    std::atomic<uint64_t> hashes_{0};
    std::atomic<uint64_t> submitted_{0};
    std::atomic<uint64_t> stale_dropped_{0};
    std::atomic<uint64_t> version_rolls_{0};
    mutable std::mutex stats_mutex_;
    std::condition_variable finished_cv_;
    MinerStats counters_;  // accepted, rejected, difficulty, connected, sessions, jobs, mask
    bool finished_ = false;
    std::optional<std::string> fatal_error_;
};

}  // namespace viddhana::miner
