// Drives a stratum::Connection without a socket: a recording ConnectionHost with real jobs (built
// from a litecoind regtest template), real share validation and admission control, and a miner's
// side that finds real scrypt nonces for the jobs the connection sent.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chain/address.h"
#include "chain/pow.h"
#include "metrics/registry.h"
#include "stratum/connection.h"
#include "stratum/job_builder.h"

namespace viddhana::stratum::test {

using nlohmann::json;

class RecordingHost : public ConnectionHost {
  public:
    explicit RecordingHost(StratumConfig config);

    ConnectionTools& tools() override { return tools_; }
    const JobPtr& current_job() const override { return current_; }
    JobPtr find_job(uint64_t id) const override;
    JobPtr job_for(const JobPtr& job, const Bytes&) override { return job; }
    void block_found(std::string block_hex, bus::FoundBlock block) override;
    void share_judged(bus::ShareEvent&& event) override { events.push_back(std::move(event)); }
    void hash_later() override { ++hashes_requested; }

    // A new job from the regtest template (clean: a new block). Its network target is made hard
    // (mainnet-like) unless `easy_blocks`, so shares are not blocks and low-difficulty shares
    // exist; regtest's own target makes almost every share a block.
    JobPtr make_job(bool clean, bool easy_blocks = false);
    // Broadcasts the current job to `connections`.
    void broadcast(std::initializer_list<Connection*> connections, int64_t now_ms);

    // Computes the pending share's hash as the shard would and hands it back.
    void hash_pending(Connection& c, int64_t now_ms);

    StratumConfig config;
    const chain::CoinParams& coin;
    metrics::Registry registry;
    StratumMetrics metrics;
    AdmissionControl admission;
    ExtranonceAllocator extranonces;
    ShareValidator validator;
    RequestParser parser;
    Request request;
    chain::PowHasher hasher;

    std::vector<bus::ShareEvent> events;
    std::vector<std::string> blocks;
    int hashes_requested = 0;

  private:
    ConnectionTools tools_;
    JobBuilder builder_;
    std::shared_ptr<const node::BlockTemplate> template_;
    std::map<uint64_t, JobPtr> jobs_;
    JobPtr current_;
    uint64_t next_id_ = 1;
};

// The miner's side of one connection: what it received, parsed, and shares for its jobs.
class MinerView {
  public:
    MinerView(RecordingHost& host, Connection& c) : host_(host), c_(c) {}

    // Takes everything the connection has written so far; returns it as JSON lines.
    std::vector<json> take();
    // Sends bytes as they are.
    void send(std::string_view bytes, int64_t now_ms) { c_.receive(bytes, now_ms); }

    // Of everything taken so far.
    const std::vector<json>& received() const { return received_; }
    // The newest of a method's notifications (null when none), and the answer to an id.
    json last(std::string_view method) const;
    json answer(const json& id) const;
    std::string extranonce1() const { return extranonce1_; }
    int extranonce2_size() const { return extranonce2_size_; }
    double difficulty() const { return difficulty_; }

    // Finds a nonce for notify `params` whose hash meets (or, with meets=false, misses) the
    // share target of `difficulty`, and misses that of `too_hard` when given; returns the
    // mining.submit params for it.
    json share(const std::string& worker, const json& notify_params, double difficulty,
               bool meets = true, uint32_t first_nonce = 0, const std::string& extranonce2 = "",
               double too_hard = 0);

  private:
    RecordingHost& host_;
    Connection& c_;
    std::vector<json> received_;
    std::string extranonce1_;
    int extranonce2_size_ = 0;
    double difficulty_ = 0;
};

// A regtest address the tests authorize with.
inline constexpr const char* kAddress = "rltc1qgpyxauw44freyw07rhyzpzm3nxcq2a0k5wm7h9";
// The regtest template's curtime (ms), so ntime checks pass.
int64_t job_time_ms(const RecordingHost& host);

std::string line(const json& j);

}  // namespace viddhana::stratum::test
