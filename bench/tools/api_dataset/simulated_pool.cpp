// Miners and shares of the simulated pool (see simulated_pool.h).
#include "simulated_pool.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "chain/address.h"

namespace viddhana::bench {
namespace {

constexpr int64_t kMinuteMs = 60'000;
// Scrypt with the usual share multiplier: one unit of share difficulty is 2^32 / 65536 hashes.
constexpr double kHashesPerDifficulty = 65536;

// A valid address of the coin: P2WPKH for most miners, P2PKH for one in five (older wallets).
std::string miner_address(std::mt19937_64& random, const chain::CoinParams& coin) {
    Bytes hash(20);
    for (auto& b : hash)
        b = static_cast<uint8_t>(random());
    Bytes script;
    if (random() % 5 == 0) {
        script = {0x76, 0xa9, 0x14};
        script.insert(script.end(), hash.begin(), hash.end());
        script.push_back(0x88);
        script.push_back(0xac);
    } else {
        script = {0x00, 0x14};
        script.insert(script.end(), hash.begin(), hash.end());
    }
    auto address = chain::encode_address(script, coin);
    if (!address) throw std::runtime_error("encoding a miner address: " + address.error().message);
    return *address;
}

}  // namespace

SimulatedPool::SimulatedPool(const SimulationSettings& settings, const chain::CoinParams& coin)
    : settings_(settings), random_(settings.seed) {
    std::uniform_real_distribution<double> unit(0, 1);
    const int64_t span = settings.end_ms - settings.start_ms;
    const double log_min = std::log(settings.min_hashrate);
    const double log_max = std::log(settings.max_hashrate);
    for (int i = 0; i < settings.miners; ++i) {
        SimulatedMiner m;
        m.login = miner_address(random_, coin);
        int workers = 1 + static_cast<int>(random_() % 4);
        for (int w = 1; w <= workers; ++w)
            m.workers.push_back(fmt::format("rig{:02}", w));
        m.ip = fmt::format("10.{}.{}.{}", 1 + i / 65536, (i / 256) % 256, i % 256);
        m.hashrate = std::exp(log_min + (log_max - log_min) * unit(random_));
        // Vardiff settles where the miner sends one share per interval.
        m.share_difficulty =
            std::round(m.hashrate * settings.share_interval_s / kHashesPerDifficulty);
        // Everyone else starts within the first minutes of the period.
        double r = unit(random_);
        m.join_ms = settings.start_ms + static_cast<int64_t>(unit(random_) * 10 * kMinuteMs);
        if (r < settings.late_join_fraction) {
            m.join_ms = settings.start_ms + static_cast<int64_t>(unit(random_) * span);
        }
        m.leave_ms = INT64_MAX;
        if (unit(random_) < settings.leave_fraction) {
            m.leave_ms =
                m.join_ms + static_cast<int64_t>(unit(random_) * (settings.end_ms - m.join_ms));
        }
        m.next_share_ms = m.join_ms;
        miners_.push_back(std::move(m));
    }
}

double SimulatedPool::nominal_hashrate() const {
    double sum = 0;
    for (const auto& m : miners_)
        sum += m.hashrate;
    return sum;
}

int64_t SimulatedPool::next_gap_ms() {
    std::exponential_distribution<double> gap(1.0 / (settings_.share_interval_s * 1000));
    return std::max<int64_t>(1, static_cast<int64_t>(gap(random_)));
}

void SimulatedPool::shares_in_minute(int64_t minute_ms, std::vector<bus::ShareEvent>& out) {
    const size_t first = out.size();
    const int64_t end = minute_ms + kMinuteMs;
    std::uniform_real_distribution<double> unit(0, 1);
    for (auto& m : miners_) {
        while (m.next_share_ms < end && m.next_share_ms < m.leave_ms) {
            bus::ShareEvent& e = out.emplace_back();
            e.time_ms = m.next_share_ms;
            e.login = m.login;
            e.worker = m.workers[m.next_worker];
            m.next_worker = (m.next_worker + 1) % m.workers.size();
            e.difficulty = m.share_difficulty;
            double r = unit(random_);
            e.result = r < settings_.stale_fraction ? bus::ShareResult::stale
                       : r < settings_.stale_fraction + settings_.low_difficulty_fraction
                           ? bus::ShareResult::low_difficulty
                           : bus::ShareResult::accepted;
            // What the hash achieved: at least the target for accepted shares.
            e.actual_difficulty = e.result == bus::ShareResult::low_difficulty
                                      ? m.share_difficulty * unit(random_)
                                      : m.share_difficulty / std::max(unit(random_), 1e-9);
            e.ip = m.ip;
            e.node_id = 1;
            m.next_share_ms += next_gap_ms();
        }
    }
    std::sort(
        out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
        [](const bus::ShareEvent& a, const bus::ShareEvent& b) { return a.time_ms < b.time_ms; });
    for (size_t i = first; i < out.size(); ++i)
        out[i].sequence = ++sequence_;
}

void SimulatedPool::resume_at(int64_t minute_ms, uint64_t last_sequence) {
    for (auto& m : miners_) {
        if (m.next_share_ms < minute_ms) m.next_share_ms = minute_ms + next_gap_ms() % kMinuteMs;
    }
    sequence_ = last_sequence;
}

std::string SimulatedPool::random_hex(size_t bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s;
    s.reserve(bytes * 2);
    for (size_t i = 0; i < bytes; ++i) {
        auto b = static_cast<uint8_t>(random_());
        s.push_back(kDigits[b >> 4]);
        s.push_back(kDigits[b & 15]);
    }
    return s;
}

std::string SimulatedPool::random_uuid() {
    std::string h = random_hex(16);
    h[12] = '4';
    h[16] = "89ab"[random_() % 4];
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20, 12);
}

}  // namespace viddhana::bench
