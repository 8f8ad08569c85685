#include "share_finder.h"

#include <cstring>

#include <fmt/format.h>

#include "base/hex.h"
#include "chain/sha256.h"

namespace viddhana::test {

namespace {

uint32_t be_hex32(const std::string& s) {
    return static_cast<uint32_t>(std::stoul(s, nullptr, 16));
}

void put_le32(uint8_t* p, uint32_t v) {
    for (int i = 0; i < 4; ++i)
        p[i] = static_cast<uint8_t>(v >> (8 * i));
}

}  // namespace

std::optional<FoundShare> find_share(const nlohmann::json& n, const std::string& extranonce1_hex,
                                     const std::string& extranonce2_hex, double difficulty,
                                     chain::PowAlgorithm algorithm, double multiplier,
                                     ShareKind kind, uint32_t first_nonce, uint32_t max_tries) {
    Bytes coinbase = *from_hex(n[2].get<std::string>() + extranonce1_hex + extranonce2_hex +
                               n[3].get<std::string>());
    uint8_t root[32];
    chain::sha256d(coinbase.data(), coinbase.size(), root);
    for (const auto& b : n[4]) {
        Bytes step(root, root + 32);
        Bytes branch = *from_hex(b.get<std::string>());
        step.insert(step.end(), branch.begin(), branch.end());
        chain::sha256d(step.data(), step.size(), root);
    }
    Bytes prev_swapped = *from_hex(n[1].get<std::string>());
    uint8_t header[80];
    put_le32(header, be_hex32(n[5]));
    for (int w = 0; w < 8; ++w) {
        for (int i = 0; i < 4; ++i)
            header[4 + 4 * w + i] = prev_swapped[4 * w + 3 - i];
    }
    std::memcpy(header + 36, root, 32);
    put_le32(header + 68, be_hex32(n[7]));
    put_le32(header + 72, be_hex32(n[6]));
    const chain::Uint256 share_target = chain::target_from_difficulty(difficulty, multiplier);
    const chain::Uint256 block_target = *chain::Uint256::from_compact(be_hex32(n[6]));

    chain::PowHasher hasher(algorithm);
    for (uint32_t i = 0; i < max_tries; ++i) {
        uint32_t nonce = first_nonce + i;
        put_le32(header + 76, nonce);
        chain::Uint256 pow = hasher.hash(header);
        bool ok = kind == ShareKind::meets_target ? pow <= share_target
                                                  : pow > share_target && pow > block_target;
        if (!ok) continue;
        FoundShare f;
        f.extranonce2 = extranonce2_hex;
        f.ntime = n[7];
        f.nonce = fmt::format("{:08x}", nonce);
        f.pow_hash = pow;
        f.block_hash = chain::sha256d(std::span<const uint8_t>(header, 80));
        return f;
    }
    return std::nullopt;
}

nlohmann::json submit_params(const std::string& worker, const nlohmann::json& n,
                             const FoundShare& s) {
    return {worker, n[0], s.extranonce2, s.ntime, s.nonce};
}

}  // namespace viddhana::test
