#include "analytics/service/node_difficulty_reader.h"

#include <algorithm>
#include <cmath>

namespace viddhana::analytics::service {

NodeDifficultyReader::NodeDifficultyReader(const chain::CoinParams& coin,
                                           std::vector<node::RpcEndpoint> endpoints,
                                           std::chrono::milliseconds timeout)
    : coin_(coin), rpc_(std::move(endpoints), timeout) {}

NodeDifficultyReader::Header NodeDifficultyReader::header_by_hash(const std::string& hash) {
    auto h = rpc_.call("getblockheader", {hash, true});
    Header out;
    out.hash = hash;
    out.time = h.at("time").get<int64_t>();
    out.bits = static_cast<uint32_t>(std::stoul(h.at("bits").get<std::string>(), nullptr, 16));
    out.difficulty = h.at("difficulty").get<double>();
    return out;
}

NodeDifficultyReader::Header NodeDifficultyReader::header_at(int64_t height) {
    return header_by_hash(rpc_.call("getblockhash", {height}).get<std::string>());
}

ChainDifficulty NodeDifficultyReader::read() {
    const int64_t interval = coin_.retarget_interval;
    std::string tip_hash = rpc_.call("getbestblockhash").get<std::string>();
    auto tip_json = rpc_.call("getblockheader", {tip_hash, true});
    const int64_t tip_height = tip_json.at("height").get<int64_t>();
    const int64_t newest_boundary = tip_height / interval * interval;

    // Drop what a reorg (or a different node) replaced: walk back from the newest kept boundary
    // until one still matches.
    while (!boundaries_.empty()) {
        auto last = std::prev(boundaries_.end());
        if (last->first <= newest_boundary &&
            rpc_.call("getblockhash", {last->first}).get<std::string>() == last->second.hash)
            break;
        before_boundary_.erase(last->first);
        boundaries_.erase(last);
    }
    for (int64_t h = 0; h <= newest_boundary; h += interval) {
        if (!boundaries_.count(h)) boundaries_[h] = header_at(h);
    }
    if (newest_boundary > 0 && !before_boundary_.count(newest_boundary))
        before_boundary_[newest_boundary] = header_at(newest_boundary - 1);

    ChainDifficulty out;
    out.coin = &coin_;
    out.retargets = coin_.network != chain::Network::regtest;
    for (const auto& [height, header] : boundaries_)
        out.epochs.push_back({height, header.time, header.bits, header.difficulty});
    out.progress.tip_height = tip_height;
    out.progress.tip_time_unix = tip_json.at("time").get<int64_t>();
    if (auto it = before_boundary_.find(newest_boundary); it != before_boundary_.end())
        out.progress.previous_block_time_unix = it->second.time;
    out.tip_difficulty = tip_json.at("difficulty").get<double>();
    return out;
}

NodeChainStatus NodeDifficultyReader::chain_status() {
    auto info = rpc_.call("getblockchaininfo");
    return {info.at("blocks").get<int64_t>(), info.at("headers").get<int64_t>()};
}

std::optional<int64_t> NodeDifficultyReader::median_recent_fees(int64_t tip_height, int blocks) {
    if (fees_ && fees_->first == tip_height) return fees_->second;
    std::vector<int64_t> fees;
    try {
        for (int64_t h = tip_height; h > 0 && h > tip_height - blocks; --h) {
            auto stats = rpc_.call("getblockstats", {h, nlohmann::json::array({"totalfee"})});
            fees.push_back(stats.at("totalfee").get<int64_t>());
        }
    } catch (const node::RpcError&) {
        return std::nullopt;
    }
    if (fees.empty()) return std::nullopt;
    std::sort(fees.begin(), fees.end());
    int64_t median = fees[fees.size() / 2];
    fees_ = std::make_pair(tip_height, median);
    return median;
}

}  // namespace viddhana::analytics::service
