// The hashing loops against plain hashing: the SHA256d midstate path and the scrypt lanes must
// find exactly the nonces whose proof of work meets the target, and a hash equal to the target
// counts (targets are inclusive). Share targets follow the coin's multiplier.
#include <gtest/gtest.h>

#include <cstring>

#include "chain/pow.h"
#include "chain/scrypt.h"
#include "chain/sha256.h"
#include "miner/header_assembler.h"
#include "miner/nonce_scanner.h"

namespace viddhana::miner {
namespace {

using chain::Uint256;

Header sample_header() {
    Header h;
    for (size_t i = 0; i < h.size(); ++i)
        h[i] = static_cast<uint8_t>(i * 37 + 11);
    return h;
}

Uint256 plain_hash(chain::PowAlgorithm algorithm, Header h, uint32_t nonce) {
    store_le<uint32_t>(h.data() + kNonceOffset, nonce);
    chain::PowHasher hasher(algorithm);
    return hasher.hash(h.data());
}

// A target that about one hash in 16 meets.
Uint256 loose_target() {
    Uint256 t;
    std::memset(t.data(), 0xff, 32);
    t.data()[31] = 0x0f;
    return t;
}

void expect_scan_matches_plain_hashing(chain::PowAlgorithm algorithm, uint32_t first,
                                       uint32_t count) {
    NonceScanner scanner(algorithm);
    scanner.set_header(sample_header());
    std::vector<NonceHit> hits;
    scanner.scan(first, count, loose_target(), hits);
    std::vector<NonceHit> expected;
    for (uint32_t n = first; n != first + count; ++n) {
        Uint256 h = plain_hash(algorithm, sample_header(), n);
        if (h <= loose_target()) expected.push_back({n, h});
    }
    ASSERT_EQ(hits.size(), expected.size());
    EXPECT_FALSE(expected.empty());
    for (size_t i = 0; i < hits.size(); ++i) {
        EXPECT_EQ(hits[i].nonce, expected[i].nonce);
        EXPECT_EQ(hits[i].pow_hash, expected[i].pow_hash);
    }
}

TEST(NonceScanner, Sha256dMidstateFindsWhatPlainHashingFinds) {
    expect_scan_matches_plain_hashing(chain::PowAlgorithm::sha256d, 1000, 2000);
}

TEST(NonceScanner, Sha256dScanWrapsAroundTheNonceSpace) {
    expect_scan_matches_plain_hashing(chain::PowAlgorithm::sha256d, 0xffffff00u, 0x100);
}

TEST(NonceScanner, ScryptLanesFindWhatPlainHashingFinds) {
    // 41 is not a multiple of the lane count: the last call runs a partial batch.
    expect_scan_matches_plain_hashing(chain::PowAlgorithm::scrypt, 7, 41);
}

TEST(NonceScanner, AHashEqualToTheTargetIsAShare) {
    for (auto algorithm : {chain::PowAlgorithm::sha256d, chain::PowAlgorithm::scrypt}) {
        Uint256 exact = plain_hash(algorithm, sample_header(), 5);
        NonceScanner scanner(algorithm);
        scanner.set_header(sample_header());
        std::vector<NonceHit> hits;
        scanner.scan(5, 1, exact, hits);
        ASSERT_EQ(hits.size(), 1u);
        EXPECT_EQ(hits[0].nonce, 5u);
        // One less than the hash: not a share.
        Uint256 below = exact;
        int i = 0;
        while (below.data()[i] == 0)
            below.data()[i++] = 0xff;
        below.data()[i] -= 1;
        hits.clear();
        scanner.scan(5, 1, below, hits);
        EXPECT_TRUE(hits.empty());
    }
}

TEST(ShareTarget, DifficultyOneFollowsTheCoinsMultiplier) {
    // Scrypt pools: difficulty 1 is 0x0000ffff00...; SHA256d: 0x00000000ffff00...
    EXPECT_EQ(chain::target_from_difficulty(1, 65536).display_hex(),
              "0000ffff00000000000000000000000000000000000000000000000000000000");
    EXPECT_EQ(chain::target_from_difficulty(1, 1).display_hex(),
              "00000000ffff0000000000000000000000000000000000000000000000000000");
    EXPECT_EQ(chain::target_from_difficulty(0.5, 65536).display_hex(),
              "0001fffe00000000000000000000000000000000000000000000000000000000");
    EXPECT_LT(chain::target_from_difficulty(1024, 65536), chain::target_from_difficulty(1, 65536));
}

}  // namespace
}  // namespace viddhana::miner
