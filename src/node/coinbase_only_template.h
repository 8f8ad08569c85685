// The template of a coinbase-only block on a tip the node has just announced, made by the pool
// from the tip's header (pure: no I/O). With a full mempool the node needs tens of milliseconds to
// rebuild its own template after a block; miners get this one at once instead, as fast pools do,
// and the node's template follows. A block found on it must be one the node accepts, so every
// case where the pool cannot know the next block's rules for certain makes no template (the error
// says which), and the pool waits for the node's.
#pragma once
#include <cstdint>

#include <nlohmann/json.hpp>

#include "base/expected.h"
#include "chain/coin.h"
#include "chain/uint256.h"
#include "node/block_template.h"

namespace viddhana::node {

// The fields of getblockheader (verbose) the coinbase-only template needs.
struct TipHeader {
    chain::Uint256 hash;
    int64_t height = 0;
    uint32_t bits = 0;
    int64_t median_time = 0;    // of the last 11 blocks ending at this one
    int64_t confirmations = 0;  // 1: the node's tip; -1: not on its main chain
};

// Errors name the field.
Expected<TipHeader> parse_tip_header(const nlohmann::json& result);

// `node_template` is the node's newest template (for the block before the new tip, usually): it
// gives the block version, the rules and whether segwit is active. The new template is for
// tip.height + 1 on tip.hash: the subsidy without fees, the tip's bits, no earlier time than the
// median time past allows, and for segwit the witness commitment of a block whose only
// transaction is the coinbase. Refused (with the reason) when the tip is no longer the tip, at a
// retarget, where a soft fork could activate, on testnet (whose next bits depend on the block's
// time), and once MWEB is active (every block must then carry the HogEx transaction and the MWEB
// block, which only the node can build).
Expected<BlockTemplate> coinbase_only_template(const BlockTemplate& node_template,
                                               const TipHeader& tip, const chain::CoinParams& coin,
                                               int64_t now_s);

}  // namespace viddhana::node
