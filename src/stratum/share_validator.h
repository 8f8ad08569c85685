// Judges one mining.submit against the job it names (pure: time comes in as an argument).
// One ShareValidator per thread: it owns the hasher's scratch space and a coinbase buffer, so
// judging a share allocates nothing.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "bus/share_event.h"
#include "chain/coin.h"
#include "chain/pow.h"
#include "stratum/duplicate_filter.h"
#include "stratum/job.h"
#include "stratum/protocol.h"

namespace viddhana::stratum {

// What the connection knows when it judges a share.
struct ShareContext {
    std::span<const uint8_t> extranonce1;
    int extranonce2_size = 4;
    uint32_t version_mask = 0;  // negotiated BIP310 mask; 0 = no version rolling
    // The difficulty the job was sent with (stratum/difficulty_history.h): the share is judged
    // and credited by it.
    double difficulty = 1;
    chain::Uint256 share_target;  // target_from_difficulty(difficulty, multiplier)
    int64_t now_s = 0;            // the pool's clock
};

struct ShareCheck {
    bus::ShareResult result = bus::ShareResult::invalid;
    ErrorCode error = ErrorCode::other;  // meaningful when result != accepted
    std::string_view reason;             // human-readable, for the error message and logs
    double actual_difficulty = 0;
    double credited_difficulty = 0;  // the difficulty the share is credited with
    bool is_block = false;
    chain::Uint256 pow_hash;
    chain::Uint256 block_hash;  // SHA256d of the header: the block id
    std::array<uint8_t, 80> header{};
};

class ShareValidator {
  public:
    explicit ShareValidator(const chain::CoinParams& coin);

    ShareCheck check(const Job& job, const SubmitParams& submit, const ShareContext& ctx,
                     DuplicateFilter& duplicates);

    // check() in two stages, so that scrypt shares of several sessions can be hashed together
    // (PowHasher::hash_many): prepare() does everything but the proof-of-work hash and returns
    // result == accepted when the share is ready for it (any other result is final); judge()
    // finishes with the hash.
    ShareCheck prepare(const Job& job, const SubmitParams& submit, const ShareContext& ctx);
    ShareCheck judge(const Job& job, ShareCheck prepared, const chain::Uint256& pow_hash,
                     const ShareContext& ctx, DuplicateFilter& duplicates) const;
    chain::PowHasher& hasher() { return hasher_; }
    // The coinbase of a share (for assembling its block); coinbase_of(...) rebuilds it.
    void rebuild_coinbase(const Job& job, const SubmitParams& submit, const ShareContext& ctx);

    // The coinbase of the last checked share (valid until the next check); used to assemble a
    // block after check() said is_block.
    std::span<const uint8_t> last_coinbase() const { return coinbase_; }

    // How far ahead of the pool's clock a share's ntime may be. Nodes refuse blocks more than two
    // hours ahead of their own clock; the margin keeps a share we accept from being one they
    // refuse.
    static constexpr int64_t kMaxFutureSeconds = 7000;

  private:
    const chain::CoinParams& coin_;
    chain::PowHasher hasher_;
    Bytes coinbase_;
    uint8_t extranonce2_[32];
};

}  // namespace viddhana::stratum
