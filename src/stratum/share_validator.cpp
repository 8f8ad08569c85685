#include "stratum/share_validator.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "base/little_endian.h"
#include "chain/merkle.h"
#include "chain/sha256.h"
#include "stratum/job_builder.h"

namespace viddhana::stratum {

namespace {

bool parse_u32_hex(std::string_view s, uint32_t& out) {
    if (s.size() != 8) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + 8, out, 16);
    return ec == std::errc() && p == s.data() + 8;
}

ShareCheck rejected(bus::ShareResult result, ErrorCode code, std::string_view reason) {
    ShareCheck c;
    c.result = result;
    c.error = code;
    c.reason = reason;
    return c;
}

}  // namespace

ShareValidator::ShareValidator(const chain::CoinParams& coin)
    : coin_(coin), hasher_(coin.algorithm) {
    coinbase_.reserve(1024);
}

ShareCheck ShareValidator::prepare(const Job& job, const SubmitParams& s, const ShareContext& ctx) {
    using bus::ShareResult;
    const auto n2 = static_cast<size_t>(ctx.extranonce2_size);
    if (n2 > sizeof extranonce2_ || s.extranonce2.size() != 2 * n2 ||
        !from_hex_into(s.extranonce2, std::span(extranonce2_, n2))) {
        return rejected(ShareResult::invalid, ErrorCode::other, "Incorrect size of extranonce2");
    }
    uint32_t ntime, nonce;
    if (!parse_u32_hex(s.ntime, ntime)) {
        return rejected(ShareResult::invalid, ErrorCode::other, "ntime must be 8 hex digits");
    }
    if (!parse_u32_hex(s.nonce, nonce)) {
        return rejected(ShareResult::invalid, ErrorCode::other, "nonce must be 8 hex digits");
    }
    if (static_cast<int64_t>(ntime) < job.min_time ||
        static_cast<int64_t>(ntime) > ctx.now_s + kMaxFutureSeconds) {
        return rejected(ShareResult::invalid, ErrorCode::other, "ntime out of range");
    }
    uint32_t version = static_cast<uint32_t>(job.version);
    if (s.version_bits) {
        uint32_t bits;
        if (!parse_u32_hex(*s.version_bits, bits)) {
            return rejected(ShareResult::invalid, ErrorCode::other,
                            "version bits must be 8 hex digits");
        }
        if ((bits & ~ctx.version_mask) != 0) {
            return rejected(ShareResult::invalid, ErrorCode::other,
                            "version bits outside the negotiated mask");
        }
        version = (version & ~ctx.version_mask) | (bits & ctx.version_mask);
    }

    assemble_coinbase(job, ctx.extranonce1, std::span(extranonce2_, n2), coinbase_);
    uint8_t leaf[32];
    chain::sha256d(coinbase_.data(), coinbase_.size(), leaf);
    chain::Uint256 root = chain::merkle_root_from_branch(
        chain::Uint256(std::span<const uint8_t, 32>(leaf, 32)), job.merkle_branch);

    ShareCheck c;
    uint8_t* h = c.header.data();
    store_le<uint32_t>(h, version);
    std::memcpy(h + 4, job.prev_block.data(), 32);
    std::memcpy(h + 36, root.data(), 32);
    store_le<uint32_t>(h + 68, ntime);
    store_le<uint32_t>(h + 72, job.bits);
    store_le<uint32_t>(h + 76, nonce);

    uint8_t digest[32];
    chain::sha256d(h, 80, digest);
    c.block_hash = chain::Uint256(std::span<const uint8_t, 32>(digest, 32));
    c.result = ShareResult::accepted;  // ready for the proof-of-work hash
    return c;
}

ShareCheck ShareValidator::judge(const Job& job, ShareCheck c, const chain::Uint256& pow_hash,
                                 const ShareContext& ctx, DuplicateFilter& duplicates) const {
    using bus::ShareResult;
    c.pow_hash = pow_hash;
    c.actual_difficulty = chain::difficulty_from_target(c.pow_hash, coin_.share_multiplier);
    c.is_block = c.pow_hash <= job.network_target;
    if (c.pow_hash <= ctx.share_target) {
        c.credited_difficulty = ctx.difficulty;
    } else if (c.is_block) {
        // A block is always taken, whatever the session's difficulty: credit what it achieved
        // up to the session's difficulty.
        c.credited_difficulty = std::min(ctx.difficulty, c.actual_difficulty);
    } else {
        ShareCheck low = rejected(ShareResult::low_difficulty, ErrorCode::low_difficulty,
                                  "Low difficulty share");
        low.actual_difficulty = c.actual_difficulty;
        return low;
    }
    // Only shares that would be credited are remembered: a rejected share is rejected the same
    // way when it comes again, and a session sending random nonces must not grow the filter
    // (nor pay for its inserts) without doing the work.
    if (!duplicates.insert(c.block_hash)) {
        return rejected(ShareResult::duplicate, ErrorCode::duplicate, "Duplicate share");
    }
    c.result = ShareResult::accepted;
    return c;
}

ShareCheck ShareValidator::check(const Job& job, const SubmitParams& s, const ShareContext& ctx,
                                 DuplicateFilter& duplicates) {
    ShareCheck c = prepare(job, s, ctx);
    if (c.result != bus::ShareResult::accepted) return c;
    chain::Uint256 pow = c.block_hash;
    if (coin_.algorithm != chain::PowAlgorithm::sha256d) hasher_.hash(c.header.data(), pow.data());
    return judge(job, c, pow, ctx, duplicates);
}

void ShareValidator::rebuild_coinbase(const Job& job, const SubmitParams& s,
                                      const ShareContext& ctx) {
    const auto n2 = static_cast<size_t>(ctx.extranonce2_size);
    if (n2 <= sizeof extranonce2_ && from_hex_into(s.extranonce2, std::span(extranonce2_, n2))) {
        assemble_coinbase(job, ctx.extranonce1, std::span(extranonce2_, n2), coinbase_);
    }
}

}  // namespace viddhana::stratum
