#include "node/coinbase_only_template.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "base/hex.h"
#include "chain/block.h"

namespace viddhana::node {

using nlohmann::json;

namespace {

Expected<int64_t> integer_field(const json& j, const char* name) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_number_integer()) {
        return make_error(fmt::format("getblockheader: {}: expected an integer", name));
    }
    return it->get<int64_t>();
}

}  // namespace

Expected<TipHeader> parse_tip_header(const json& result) {
    if (!result.is_object()) return make_error("getblockheader: expected an object");
    TipHeader tip;
    auto hash = result.find("hash");
    std::array<uint8_t, 32> raw;
    if (hash == result.end() || !hash->is_string() ||
        !from_hex_into(hash->get<std::string>(), raw)) {
        return make_error("getblockheader: hash: expected 64 hex digits");
    }
    std::reverse(raw.begin(), raw.end());  // RPC prints hashes most significant byte first
    tip.hash = chain::Uint256(std::span<const uint8_t, 32>(raw));
    auto height = integer_field(result, "height");
    if (!height) return height.error();
    tip.height = *height;
    auto median = integer_field(result, "mediantime");
    if (!median) return median.error();
    tip.median_time = *median;
    auto confirmations = integer_field(result, "confirmations");
    if (!confirmations) return confirmations.error();
    tip.confirmations = *confirmations;
    auto bits = result.find("bits");
    std::array<uint8_t, 4> b;
    if (bits == result.end() || !bits->is_string() || !from_hex_into(bits->get<std::string>(), b)) {
        return make_error("getblockheader: bits: expected 8 hex digits");
    }
    tip.bits = uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3];
    return tip;
}

Expected<BlockTemplate> coinbase_only_template(const BlockTemplate& node_template,
                                               const TipHeader& tip, const chain::CoinParams& coin,
                                               int64_t now_s) {
    const int64_t height = tip.height + 1;
    if (tip.confirmations != 1) {
        return make_error(fmt::format("block {} is no longer the node's tip", tip.height));
    }
    if (node_template.mweb) {
        return make_error(
            "MWEB is active: a block must carry the HogEx transaction and the MWEB "
            "block, which only the node's template has");
    }
    if (coin.network == chain::Network::testnet) {
        return make_error("on testnet the next block's bits depend on its time");
    }
    if (height % coin.retarget_interval == 0) {
        return make_error(fmt::format("block {} is a retarget", height));
    }
    // A soft fork activates at the start of a signalling period, and the node's template (its
    // version, its rules) is only known to hold within the period it was made for.
    if (height % coin.versionbits_window == 0 ||
        height / coin.versionbits_window != node_template.height / coin.versionbits_window) {
        return make_error(
            fmt::format("block {} starts or lies in another signalling period than "
                        "the node's template (a soft fork may activate)",
                        height));
    }
    auto target = chain::Uint256::from_compact(tip.bits);
    if (!target) return make_error(fmt::format("bits {:08x} do not decode", tip.bits));

    BlockTemplate t;
    t.version = node_template.version;
    t.previous_block = tip.hash;
    t.coinbase_value = chain::block_subsidy(coin, height);
    t.target = *target;
    t.bits = tip.bits;
    t.height = height;
    t.min_time = tip.median_time + 1;
    t.cur_time = std::max(now_s, t.min_time);
    // A coinbase-only block's witness root is the coinbase's wtxid, zero by definition.
    if (node_template.default_witness_commitment) {
        t.default_witness_commitment = chain::witness_commitment_script(chain::Uint256());
    }
    t.rules = node_template.rules;
    t.coinbase_only = true;
    return t;
}

}  // namespace viddhana::node
