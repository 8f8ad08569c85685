// What every payout scheme shares: work in network-difficulty units, the pool fee in parts per
// million, integer weights, and the exact split of an amount by weight with its dust. The rule is
// the same everywhere: fee = floor(total * ppm / 10^6) off the top, each miner floor(rest * weight
// / total weight), and what flooring leaves (the dust) to the pool on its own line.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/expected.h"

namespace viddhana::ledger::payout {

inline constexpr double kDefaultFeePercent = 1.0;
inline constexpr int64_t kPartsPerMillion = 1'000'000;
// Weights are work scaled to 2^48 per reference unit (the split's total work, or for PPS one
// network difficulty): fine enough that rounding is worth far less than a base unit, coarse
// enough that amount * weight fits in 128 bits.
inline constexpr int kWeightBits = 48;

// The work a share stands for, in units of network difficulty: a share of Stratum difficulty d
// is d / multiplier units (65536 for scrypt, 1 for SHA256d), i.e. d * 2^32 / multiplier hashes.
double share_work(double stratum_difficulty, double share_multiplier);

// A miner's work: per share (one entry per share) or per miner (totals); the split merges
// entries with the same login.
struct MinerWork {
    std::string login;
    double work = 0;  // network-difficulty units, >= 0 and finite
    friend bool operator==(const MinerWork&, const MinerWork&) = default;
};

// The pool's cut: an integer rate and the account that receives it (and the dust).
struct PoolFee {
    int64_t ppm = 10'000;
    std::string account;
};

// Percent to parts per million (1% = 10000 ppm). Percents outside [0, 100], or finer than
// 0.0001% (not a whole ppm), are errors rather than silently rounded.
Expected<int64_t> percent_to_ppm(double percent);
// A fee from configuration; the account must be named (it also receives the dust).
Expected<PoolFee> make_pool_fee(double percent, std::string account);
// The fee as given, or an error when its rate is outside 0..10^6 ppm or its account is empty.
Expected<PoolFee> validate_pool_fee(PoolFee fee);

struct MinerCredit {
    std::string login;
    double work = 0;      // the miner's work that was paid (network-difficulty units)
    uint64_t weight = 0;  // round(work / reference * 2^48)
    int64_t amount = 0;   // base units, >= 0
    friend bool operator==(const MinerCredit&, const MinerCredit&) = default;
};

// One payout: sum(credits.amount) + fee + dust == total, every amount >= 0,
// dust < the number of credits with a positive weight.
struct Split {
    int64_t total = 0;                 // base units split (coinbase value, or a PPS batch's value)
    std::vector<MinerCredit> credits;  // one per miner with positive work, sorted by login
    std::string pool_account;          // receives fee and dust
    int64_t fee = 0;
    int64_t dust = 0;  // what flooring the credits left over; the pool's
    // SOLO: the block's coinbase already paid these amounts on chain (the finder's output and the
    // fee output); the ledger records them but holds no balance for them.
    bool paid_in_coinbase = false;
    friend bool operator==(const Split&, const Split&) = default;

    int64_t credited() const;  // sum of the credits' amounts
};

// Merges entries by login (sorted by login, so the result does not depend on input order), drops
// zero work and gives each miner weight = round(work / reference * 2^48), halves away from
// zero. Errors: empty login, negative or non-finite work, reference not > 0, weights too large.
Expected<std::vector<MinerCredit>> weigh_work(std::span<const MinerWork> work, double reference);
// The same with the reference being the total work (summed over miners in login order): each
// weight is the miner's share of 2^48. What block-time schemes split by.
Expected<std::vector<MinerCredit>> weigh_work_by_share(std::span<const MinerWork> work);

// Splits `total` (>= 0) among weighted miners after the pool fee. Errors when no miner has a
// positive weight: there is nobody to credit.
Expected<Split> split_by_weight(int64_t total, std::vector<MinerCredit> weighted,
                                const PoolFee& fee);

// floor(amount * ppm / 10^6) in 128-bit arithmetic.
int64_t fee_of(int64_t amount, int64_t ppm);

}  // namespace viddhana::ledger::payout
