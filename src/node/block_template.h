// A getblocktemplate answer, parsed and checked (pure: no I/O). The pool builds jobs from it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/expected.h"
#include "base/hex.h"
#include "chain/uint256.h"

namespace viddhana::node {

struct TemplateTransaction {
    Bytes data;           // raw transaction as the node serialized it (with witness)
    chain::Uint256 txid;  // without witness: the merkle leaf
    chain::Uint256 wtxid; // "hash" field
    int64_t fee = 0;
};

struct BlockTemplate {
    int32_t version = 0;
    chain::Uint256 previous_block;
    std::vector<TemplateTransaction> transactions;
    int64_t coinbase_value = 0;  // subsidy + fees, base units
    chain::Uint256 target;
    uint32_t bits = 0;
    int64_t height = 0;
    int64_t min_time = 0;
    int64_t cur_time = 0;
    std::optional<Bytes> default_witness_commitment;  // full output script, when segwit is active
    std::optional<Bytes> mweb;                        // Litecoin: serialized MWEB block
    std::string longpoll_id;                          // empty when the node offers no long polling
    std::vector<std::string> rules;

    int64_t total_fees() const;
};

// Checks every field it uses; an error names the field.
Expected<BlockTemplate> parse_block_template(const nlohmann::json& result);

}  // namespace viddhana::node
