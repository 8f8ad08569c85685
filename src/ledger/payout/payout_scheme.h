// The common face of the payout schemes, so the ledger can pick one from config
// (`payout.scheme`) and drive it without knowing which it is: block-time schemes split a found
// block's coinbase value, share-time schemes value batches of accepted shares.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "base/expected.h"
#include "ledger/payout/payout_split.h"
#include "ledger/payout/scheme_kind.h"

namespace viddhana::ledger::payout {

inline constexpr double kDefaultPplnsWindowFactor = 2.0;

// What a block-time scheme splits of a block the pool found: its reward, and who found it.
struct BlockReward {
    int64_t coinbase_value = 0;  // subsidy + transaction fees: all the coinbase pays
    std::string finder_login;    // the miner whose share solved it (SOLO pays this miner)
};

// Which work a block-time scheme pays for a block.
struct WorkToPay {
    enum class Span {
        finder_only,  // SOLO: no shares, the finder alone
        round,        // PROP: accepted shares since the previous block the pool found
        last_n,       // PPLNS: the newest `last_n_work` of accepted work, the block's share first
    };
    Span span = Span::round;
    double last_n_work = 0;  // network-difficulty units; only for last_n
};

// The terms at which share-time schemes value accepted work: every share of a batch was judged
// at one network difficulty and one block subsidy (split batches where either changes).
struct ShareTerms {
    double network_difficulty = 0;
    int64_t subsidy = 0;  // base units
    // FPPS: total transaction fees of recent block templates, base units. PPS ignores them.
    std::span<const int64_t> recent_template_fees;
};

class PayoutScheme {
  public:
    virtual ~PayoutScheme() = default;

    virtual SchemeKind kind() const = 0;
    CreditTime credit_time() const { return payout::credit_time(kind()); }
    virtual const PoolFee& fee() const = 0;

    // Block-time schemes: which shares to gather for a block found at this network difficulty.
    // Share-time schemes: an error (their blocks' coinbase value is all the pool's, since the
    // miners were paid as they worked).
    virtual Expected<WorkToPay> work_to_pay(double network_difficulty) const;
    // Block-time schemes: the split of the block's coinbase value by `work` (per share or per
    // miner, as work_to_pay said; SOLO ignores it). Share-time schemes: an error.
    virtual Expected<Split> split_block(const BlockReward& block,
                                        std::span<const MinerWork> work) const;
    // Share-time schemes: the credits for a batch of accepted work. Block-time schemes: an error.
    virtual Expected<Split> credit_shares(std::span<const MinerWork> work,
                                          const ShareTerms& terms) const;
};

struct PayoutConfig {
    SchemeKind scheme = SchemeKind::pplns;
    double fee_percent = kDefaultFeePercent;
    // The pool's account for fees and dust; under SOLO, the fee address the coinbase pays.
    std::string fee_account;
    double pplns_window_factor = kDefaultPplnsWindowFactor;
};

// Errors name the bad setting (fee percent, empty fee account, window factor, SOLO fee that is
// not a whole number of basis points).
Expected<std::unique_ptr<PayoutScheme>> make_payout_scheme(const PayoutConfig& config);

}  // namespace viddhana::ledger::payout
