#include "ledger/payout/payout_split.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

namespace viddhana::ledger::payout {

namespace {

// Weights stay below 2^62 in sum, so amount (< 2^63) * weight fits in an unsigned 128-bit product.
constexpr uint64_t kMaxTotalWeight = uint64_t{1} << 62;

}  // namespace

double share_work(double stratum_difficulty, double share_multiplier) {
    return stratum_difficulty / share_multiplier;
}

Expected<int64_t> percent_to_ppm(double percent) {
    if (!std::isfinite(percent) || percent < 0 || percent > 100) {
        return make_error(fmt::format("pool fee {}% is outside 0..100", percent));
    }
    const double scaled = percent * 10'000;
    const double rounded = std::round(scaled);
    // A decimal percent such as 1.1 is not exact in binary; 1e-6 ppm of slack absorbs that
    // without accepting a genuinely finer fee.
    if (std::fabs(scaled - rounded) > 1e-6) {
        return make_error(fmt::format(
            "pool fee {}% is not a whole number of parts per million (steps of 0.0001%)", percent));
    }
    return static_cast<int64_t>(rounded);
}

Expected<PoolFee> make_pool_fee(double percent, std::string account) {
    auto ppm = percent_to_ppm(percent);
    if (!ppm) return ppm.error();
    return validate_pool_fee(PoolFee{*ppm, std::move(account)});
}

Expected<PoolFee> validate_pool_fee(PoolFee fee) {
    if (fee.ppm < 0 || fee.ppm > kPartsPerMillion) {
        return make_error(fmt::format("pool fee of {} ppm is outside 0..1000000", fee.ppm));
    }
    if (fee.account.empty()) return make_error("the pool fee account is empty");
    return fee;
}

int64_t Split::credited() const {
    int64_t sum = 0;
    for (const auto& c : credits)
        sum += c.amount;
    return sum;
}

int64_t fee_of(int64_t amount, int64_t ppm) {
    return static_cast<int64_t>(static_cast<__int128>(amount) * ppm / kPartsPerMillion);
}

namespace {

using MinerTotals = std::vector<std::pair<std::string_view, double>>;

// Per-miner sums, sorted by login, zero work dropped. Summed in (login, work) order so that the
// same shares in any order give the same bits.
Expected<MinerTotals> merge_by_login(std::span<const MinerWork> work) {
    std::vector<const MinerWork*> sorted;
    sorted.reserve(work.size());
    for (const auto& w : work) {
        if (w.login.empty()) return make_error("a miner's login is empty");
        if (!std::isfinite(w.work) || w.work < 0) {
            return make_error(fmt::format("miner {} has invalid work {} (must be finite and >= 0)",
                                          w.login, w.work));
        }
        if (w.work > 0) sorted.push_back(&w);
    }
    std::sort(sorted.begin(), sorted.end(), [](const MinerWork* a, const MinerWork* b) {
        return a->login != b->login ? a->login < b->login : a->work < b->work;
    });
    MinerTotals totals;
    for (const MinerWork* w : sorted) {
        if (totals.empty() || totals.back().first != w->login) totals.emplace_back(w->login, 0.0);
        totals.back().second += w->work;
    }
    return totals;
}

Expected<std::vector<MinerCredit>> weigh_totals(const MinerTotals& totals, double reference) {
    if (!std::isfinite(reference) || !(reference > 0)) {
        return make_error(
            fmt::format("the reference work {} must be a positive number", reference));
    }
    std::vector<MinerCredit> out;
    out.reserve(totals.size());
    uint64_t total_weight = 0;
    for (const auto& [login, miner_work] : totals) {
        const double scaled = std::ldexp(miner_work / reference, kWeightBits);
        if (!(scaled < static_cast<double>(kMaxTotalWeight))) {
            return make_error(
                fmt::format("miner {} has work {} against a reference of {}: too large to weigh",
                            login, miner_work, reference));
        }
        const auto weight = static_cast<uint64_t>(std::llround(scaled));
        total_weight += weight;
        if (total_weight > kMaxTotalWeight) {
            return make_error(fmt::format(
                "total work is too large against a reference of {} to weigh", reference));
        }
        out.push_back({std::string(login), miner_work, weight, 0});
    }
    return out;
}

}  // namespace

Expected<std::vector<MinerCredit>> weigh_work(std::span<const MinerWork> work, double reference) {
    auto totals = merge_by_login(work);
    if (!totals) return totals.error();
    return weigh_totals(*totals, reference);
}

Expected<std::vector<MinerCredit>> weigh_work_by_share(std::span<const MinerWork> work) {
    auto totals = merge_by_login(work);
    if (!totals) return totals.error();
    double sum = 0;
    for (const auto& t : *totals)
        sum += t.second;
    if (!std::isfinite(sum)) return make_error("the total work is not finite");
    if (totals->empty()) return std::vector<MinerCredit>{};
    return weigh_totals(*totals, sum);
}

Expected<Split> split_by_weight(int64_t total, std::vector<MinerCredit> weighted,
                                const PoolFee& fee) {
    if (total < 0) return make_error(fmt::format("the amount to split is negative: {}", total));
    if (fee.ppm < 0 || fee.ppm > kPartsPerMillion) {
        return make_error(fmt::format("pool fee of {} ppm is outside 0..1000000", fee.ppm));
    }
    unsigned __int128 total_weight = 0;
    for (const auto& c : weighted)
        total_weight += c.weight;
    if (total_weight == 0) return make_error("no miner has work to credit");

    Split split;
    split.total = total;
    split.pool_account = fee.account;
    split.fee = fee_of(total, fee.ppm);
    const int64_t distributable = total - split.fee;
    int64_t credited = 0;
    for (auto& c : weighted) {
        const unsigned __int128 product = static_cast<unsigned __int128>(distributable) * c.weight;
        c.amount = static_cast<int64_t>(product / total_weight);
        credited += c.amount;
    }
    std::sort(weighted.begin(), weighted.end(),
              [](const MinerCredit& a, const MinerCredit& b) { return a.login < b.login; });
    split.credits = std::move(weighted);
    split.dust = distributable - credited;
    return split;
}

}  // namespace viddhana::ledger::payout
