// Writing and finding the merged-mining commitment.
#include "merged/merged_mining_commitment.h"

#include <algorithm>
#include <cstring>

#include "chain/serialize.h"

namespace viddhana::merged {

namespace {

uint32_t read_u32le(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
           static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

}  // namespace

std::array<uint8_t, kCommitmentSize> MergedMiningCommitment::serialize() const {
    std::array<uint8_t, kCommitmentSize> out{};
    std::copy(kMergedMiningMarker.begin(), kMergedMiningMarker.end(), out.begin());
    std::reverse_copy(root.bytes().begin(), root.bytes().end(), out.begin() + 4);
    for (int i = 0; i < 4; ++i) {
        out[36 + i] = static_cast<uint8_t>(tree_size >> (8 * i));
        out[40 + i] = static_cast<uint8_t>(nonce >> (8 * i));
    }
    return out;
}

Bytes MergedMiningCommitment::script_push() const {
    Bytes out;
    chain::append_script_push(out, serialize());
    return out;
}

Expected<MergedMiningCommitment> MergedMiningCommitment::find_in(
    std::span<const uint8_t> script_sig) {
    auto marker = std::search(script_sig.begin(), script_sig.end(), kMergedMiningMarker.begin(),
                              kMergedMiningMarker.end());
    if (marker == script_sig.end()) return make_error("no merged-mining marker fabe6d6d");
    if (std::search(marker + 1, script_sig.end(), kMergedMiningMarker.begin(),
                    kMergedMiningMarker.end()) != script_sig.end()) {
        return make_error("two merged-mining markers");
    }
    auto after = static_cast<size_t>(script_sig.end() - marker) - kMergedMiningMarker.size();
    if (after < kCommitmentSize - kMergedMiningMarker.size()) {
        return make_error("the merged-mining commitment is cut short: " + std::to_string(after) +
                          " bytes after the marker, 40 needed");
    }
    const uint8_t* p = &*marker + kMergedMiningMarker.size();
    MergedMiningCommitment c;
    std::reverse_copy(p, p + 32, c.root.bytes().begin());
    c.tree_size = read_u32le(p + 32);
    c.nonce = read_u32le(p + 36);
    return c;
}

}  // namespace viddhana::merged
