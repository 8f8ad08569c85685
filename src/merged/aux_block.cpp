// Parsing createauxblock answers.
#include "merged/aux_block.h"

#include <string>

#include "base/hex.h"

namespace viddhana::merged {

namespace {

using nlohmann::json;

Expected<chain::Uint256> display_hash(const json& result, const char* field) {
    auto it = result.find(field);
    if (it == result.end() || !it->is_string()) return make_error(std::string(field) + " missing");
    auto v = chain::Uint256::from_display_hex(it->get<std::string>());
    if (!v) return make_error(std::string(field) + " is not a 64-digit hex hash");
    return *v;
}

Expected<int64_t> integer(const json& result, const char* field) {
    auto it = result.find(field);
    if (it == result.end() || !it->is_number_integer())
        return make_error(std::string(field) + " missing or not an integer");
    return it->get<int64_t>();
}

}  // namespace

Expected<AuxBlockTemplate> parse_aux_block(const json& result, const AuxChainParams& params) {
    if (!result.is_object()) return make_error("createauxblock answer is not an object");
    AuxBlockTemplate t;

    auto hash = display_hash(result, "hash");
    if (!hash) return hash.error();
    t.hash = *hash;
    t.hash_hex = result["hash"].get<std::string>();

    auto chain_id = integer(result, "chainid");
    if (!chain_id) return chain_id.error();
    if (*chain_id != params.chain_id) {
        return make_error("chainid " + std::to_string(*chain_id) + " is not " + params.coin +
                          "'s " + std::to_string(params.chain_id));
    }
    t.chain_id = params.chain_id;

    auto prev = display_hash(result, "previousblockhash");
    if (!prev) return prev.error();
    t.previous_block = *prev;

    auto value = integer(result, "coinbasevalue");
    if (!value) return value.error();
    if (*value <= 0) return make_error("coinbasevalue must be positive");
    t.coinbase_value = *value;

    auto height = integer(result, "height");
    if (!height) return height.error();
    if (*height < params.auxpow_start_height) {
        return make_error("height " + std::to_string(*height) + " is before " + params.coin +
                          "'s AuxPoW start at " + std::to_string(params.auxpow_start_height));
    }
    t.height = *height;

    auto bits_it = result.find("bits");
    uint8_t bits_bytes[4];
    if (bits_it == result.end() || !bits_it->is_string() ||
        !from_hex_into(bits_it->get<std::string>(), bits_bytes))
        return make_error("bits missing or not 8 hex digits");
    t.bits = static_cast<uint32_t>(bits_bytes[0]) << 24 |
             static_cast<uint32_t>(bits_bytes[1]) << 16 |
             static_cast<uint32_t>(bits_bytes[2]) << 8 | bits_bytes[3];
    auto from_bits = chain::Uint256::from_compact(t.bits);
    if (!from_bits || from_bits->is_zero() || *from_bits > params.pow_limit)
        return make_error("bits " + bits_it->get<std::string>() + " is not a valid target");

    auto target_it = result.find("target");
    if (target_it == result.end()) target_it = result.find("_target");
    if (target_it == result.end() || !target_it->is_string()) return make_error("target missing");
    uint8_t target_bytes[32];
    if (!from_hex_into(target_it->get<std::string>(), target_bytes))
        return make_error("target is not 64 hex digits");
    t.target = chain::Uint256(std::span<const uint8_t, 32>(target_bytes));
    if (t.target != *from_bits)
        return make_error("target does not match bits " + bits_it->get<std::string>());
    return t;
}

}  // namespace viddhana::merged
