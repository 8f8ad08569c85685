// BlockSubmitter sends a solved block to every configured node at once, from a thread and
// io_context of its own with one persistent connection per node, so that a submission never
// waits behind template polling, a database or anything slow. Each node's answer is then checked
// with getblockheader: "accepted" means the node has the block in its active chain.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/asio.h"
#include "node/rpc_client.h"

namespace viddhana::node {

enum class SubmitVerdict {
    accepted,      // a node has the block in its active chain
    not_in_chain,  // nodes took it (or knew it) but it is not in their active chain: stale
    rejected,      // nodes refused it (reason in the answer)
    unreachable,   // no node answered
};
std::string_view to_string(SubmitVerdict v);

struct NodeSubmitAnswer {
    std::string url;
    bool answered = false;                     // false: transport failure (see error)
    std::optional<std::string> reject_reason;  // submitblock's string; nullopt when it said null
    std::string error;                         // transport failure or RPC error text
    bool known = false;                        // getblockheader found the block afterwards
    int64_t confirmations = 0;                 // from getblockheader: >= 1 in the active chain
    SubmitVerdict verdict() const;
};

struct SubmitResult {
    std::string block_hash;
    SubmitVerdict verdict = SubmitVerdict::unreachable;
    NodeSubmitAnswer answer;  // the node whose answer decided the verdict
};

class BlockSubmitter {
  public:
    using Callback = std::function<void(const SubmitResult&)>;

    // Throws std::invalid_argument when the list is empty or a URL does not parse.
    explicit BlockSubmitter(std::vector<RpcEndpoint> nodes,
                            std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // Lets submissions in flight finish (each bounded by the timeout), then joins the thread.
    ~BlockSubmitter();
    BlockSubmitter(const BlockSubmitter&) = delete;
    BlockSubmitter& operator=(const BlockSubmitter&) = delete;

    // block_hash: display hex, for the getblockheader check. The callback runs once, on the
    // submitter's thread: as soon as one node reports the block in its active chain, otherwise
    // when every node has answered (the first configured node that answered gives the reason).
    void submit(std::string block_hex, std::string block_hash, Callback callback);

    struct Counters {
        uint64_t submitted = 0;      // blocks
        uint64_t accepted = 0;       // blocks whose verdict was accepted
        uint64_t rejected = 0;       // blocks whose verdict was rejected or not_in_chain
        uint64_t unreachable = 0;    // blocks no node answered for
        uint64_t node_answers = 0;   // per-node answers received
        uint64_t node_failures = 0;  // per-node transport failures
    };
    Counters counters() const;

  private:
    struct Submission;
    awaitable<void> submit_to_node(std::shared_ptr<Submission> s, size_t index);
    void node_done(const std::shared_ptr<Submission>& s, size_t index);
    void report(Submission& s, const NodeSubmitAnswer& answer);

    std::chrono::milliseconds timeout_;
    asio::io_context ioc_;
    std::vector<std::unique_ptr<RpcClient>> clients_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    std::thread thread_;
    std::atomic<uint64_t> submitted_{0}, accepted_{0}, rejected_{0}, unreachable_{0},
        node_answers_{0}, node_failures_{0};
};

}  // namespace viddhana::node
