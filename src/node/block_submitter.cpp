// BlockSubmitter: submitblock to every node in parallel, then getblockheader on the same node to
// tell an accepted block from a refused or stale one. Everything runs on the submitter's thread.
#include "node/block_submitter.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace viddhana::node {

using nlohmann::json;

std::string_view to_string(SubmitVerdict v) {
    switch (v) {
        case SubmitVerdict::accepted:
            return "accepted";
        case SubmitVerdict::not_in_chain:
            return "not-in-chain";
        case SubmitVerdict::rejected:
            return "rejected";
        case SubmitVerdict::unreachable:
            return "unreachable";
    }
    return "?";
}

SubmitVerdict NodeSubmitAnswer::verdict() const {
    if (!answered) return SubmitVerdict::unreachable;
    if (known && confirmations >= 1) return SubmitVerdict::accepted;
    // Answers that mean "valid, or already known": the block may have lost a race.
    const bool took_it = !reject_reason || *reject_reason == "duplicate" ||
                         *reject_reason == "inconclusive" ||
                         *reject_reason == "duplicate-inconclusive";
    if (took_it && known) return SubmitVerdict::not_in_chain;
    return SubmitVerdict::rejected;
}

struct BlockSubmitter::Submission {
    std::string hex;
    std::string hash;
    Callback callback;
    std::vector<NodeSubmitAnswer> answers;
    std::vector<bool> done;
    size_t remaining = 0;
    bool reported = false;
};

BlockSubmitter::BlockSubmitter(std::vector<RpcEndpoint> nodes, std::chrono::milliseconds timeout)
    : timeout_(timeout), work_(asio::make_work_guard(ioc_)) {
    if (nodes.empty()) throw std::invalid_argument("block submitter: no node configured");
    for (auto& n : nodes) {
        clients_.push_back(std::make_unique<RpcClient>(ioc_.get_executor(), std::move(n)));
    }
    thread_ = std::thread([this] { ioc_.run(); });
}

BlockSubmitter::~BlockSubmitter() {
    work_.reset();
    if (thread_.joinable()) thread_.join();
}

BlockSubmitter::Counters BlockSubmitter::counters() const {
    Counters c;
    c.submitted = submitted_.load();
    c.accepted = accepted_.load();
    c.rejected = rejected_.load();
    c.unreachable = unreachable_.load();
    c.node_answers = node_answers_.load();
    c.node_failures = node_failures_.load();
    return c;
}

void BlockSubmitter::submit(std::string block_hex, std::string block_hash, Callback callback) {
    auto s = std::make_shared<Submission>();
    s->hex = std::move(block_hex);
    s->hash = std::move(block_hash);
    s->callback = std::move(callback);
    s->answers.resize(clients_.size());
    s->done.resize(clients_.size(), false);
    s->remaining = clients_.size();
    ++submitted_;
    spdlog::info("submitting block {} ({} bytes) to {} node(s)", s->hash, s->hex.size() / 2,
                 clients_.size());
    asio::post(ioc_, [this, s] {
        for (size_t i = 0; i < clients_.size(); ++i) {
            asio::co_spawn(ioc_, submit_to_node(s, i), asio::detached);
        }
    });
}

awaitable<void> BlockSubmitter::submit_to_node(std::shared_ptr<Submission> s, size_t index) {
    RpcClient& client = *clients_[index];
    NodeSubmitAnswer& a = s->answers[index];
    a.url = client.endpoint().url;
    try {
        // GCC 12 miscompiles initializer lists inside a co_await expression: build params first.
        json params = json::array({s->hex});
        json r = co_await client.call("submitblock", std::move(params), timeout_);
        a.answered = true;
        if (!r.is_null()) a.reject_reason = r.is_string() ? r.get<std::string>() : r.dump();
    } catch (const RpcError& e) {
        // e.g. -22 "Block decode failed": the node answered and refused.
        a.answered = true;
        a.reject_reason = e.what();
        a.error = fmt::format("error {}: {}", e.code(), e.what());
    } catch (const std::exception& e) {
        a.error = e.what();
    }
    if (a.answered) {
        try {
            json params = json::array({s->hash, true});
            json h = co_await client.call("getblockheader", std::move(params), timeout_);
            a.known = true;
            if (h.is_object() && h.contains("confirmations") &&
                h["confirmations"].is_number_integer()) {
                a.confirmations = h["confirmations"].get<int64_t>();
            }
        } catch (const RpcError&) {
            a.known = false;  // -5 "Block not found": the node did not keep even the header
        } catch (const std::exception& e) {
            a.error = fmt::format("getblockheader after submitblock: {}", e.what());
        }
    }
    node_done(s, index);
}

void BlockSubmitter::node_done(const std::shared_ptr<Submission>& s, size_t index) {
    const NodeSubmitAnswer& a = s->answers[index];
    s->done[index] = true;
    --s->remaining;
    if (a.answered) {
        ++node_answers_;
        spdlog::info("block {} on {}: submitblock {} -> {} (known {}, confirmations {})", s->hash,
                     a.url, a.reject_reason ? *a.reject_reason : "null", to_string(a.verdict()),
                     a.known, a.confirmations);
    } else {
        ++node_failures_;
        spdlog::error("block {} on {}: submitblock failed: {}", s->hash, a.url, a.error);
    }
    if (s->reported) return;
    if (a.verdict() == SubmitVerdict::accepted) {
        report(*s, a);
        return;
    }
    if (s->remaining > 0) return;
    // Every node has answered and none has the block in its chain: the best answer decides, the
    // first configured node breaking ties.
    const NodeSubmitAnswer* best = nullptr;
    auto rank = [](SubmitVerdict v) {
        switch (v) {
            case SubmitVerdict::accepted:
                return 0;
            case SubmitVerdict::not_in_chain:
                return 1;
            case SubmitVerdict::rejected:
                return 2;
            case SubmitVerdict::unreachable:
                return 3;
        }
        return 3;
    };
    for (const auto& candidate : s->answers) {
        if (!best || rank(candidate.verdict()) < rank(best->verdict())) best = &candidate;
    }
    report(*s, *best);
}

void BlockSubmitter::report(Submission& s, const NodeSubmitAnswer& answer) {
    s.reported = true;
    SubmitResult result;
    result.block_hash = s.hash;
    result.verdict = answer.verdict();
    result.answer = answer;
    switch (result.verdict) {
        case SubmitVerdict::accepted:
            ++accepted_;
            break;
        case SubmitVerdict::unreachable:
            ++unreachable_;
            break;
        default:
            ++rejected_;
            break;
    }
    if (result.verdict == SubmitVerdict::accepted) {
        spdlog::info("block {} accepted by {}", s.hash, answer.url);
    } else {
        spdlog::error("block {} {}: {}", s.hash, to_string(result.verdict),
                      answer.reject_reason ? *answer.reject_reason : answer.error);
    }
    if (s.callback) {
        try {
            s.callback(result);
        } catch (const std::exception& e) {
            spdlog::error("block submitter: callback threw: {}", e.what());
        }
    }
}

}  // namespace viddhana::node
