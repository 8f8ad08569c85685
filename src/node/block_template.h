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
    Bytes data;            // raw transaction as the node serialized it (with witness)
    chain::Uint256 txid;   // without witness: the merkle leaf
    chain::Uint256 wtxid;  // "hash" field
    int64_t fee = 0;
    // Litecoin MWEB: the integrating transaction (HogEx), flagged 0x08 in its serialization. When a
    // template carries an MWEB block, the HogEx is its last transaction.
    bool is_hogex = false;
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
    std::optional<Bytes> mweb;  // Litecoin: serialized MWEB block (a block carries it after 0x01)
    std::string longpoll_id;    // empty when the node offers no long polling
    std::vector<std::string> rules;
    // Made by the pool from a new tip's header before the node had its template ready: no
    // transactions, the subsidy alone (node/coinbase_only_template.h). The node's template for the
    // same block replaces it as soon as it arrives.
    bool coinbase_only = false;

    int64_t total_fees() const;
};

// Checks every field it uses; an error names the field. Fields the pool does not use
// (capabilities, mutable, sigoplimit, ...) are ignored.
Expected<BlockTemplate> parse_block_template(const nlohmann::json& result);

// True when two templates give miners the same work apart from the time: same parent, version,
// bits, coinbase value, transactions (by wtxid) and MWEB block. The time fields and the long-poll
// id are ignored.
bool same_work(const BlockTemplate& a, const BlockTemplate& b);

}  // namespace viddhana::node
