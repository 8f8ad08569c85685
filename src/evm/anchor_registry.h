// The PoolAnchorRegistry contract (contracts/src/PoolAnchorRegistry.sol) as calldata and
// decoded answers: its publishing calls, its views, its events and its revert errors. Pure:
// the RPC client carries the bytes.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "auth/eth_address.h"
#include "base/expected.h"
#include "base/hex.h"
#include "evm/abi_encoder.h"
#include "evm/quantity.h"

namespace viddhana::evm::registry {

struct RoundAnchor {
    uint64_t round_id = 0;  // > the registry's lastRoundId
    Word block_hash{};
    uint64_t height = 0;
    Word root{};
    uint32_t leaf_count = 0;
    uint64_t reward = 0;  // base units of the mined coin
};

struct PaymentBatchAnchor {
    Bytes16 batch_id{};
    Word root{};
    uint32_t leaf_count = 0;
    Uint128 total = 0;
};

// round(id) as stored; root all zero: never published.
struct RoundRecord {
    Word root{};
    Word block_hash{};
    uint64_t height = 0;
    uint64_t reward = 0;
    uint32_t leaf_count = 0;
    uint64_t published_at = 0;  // block timestamp, seconds
    bool orphaned = false;
    bool published() const { return root != Word{}; }
};

struct PaymentBatchRecord {
    Word root{};
    Uint128 total = 0;
    uint32_t leaf_count = 0;
    uint64_t published_at = 0;
    bool published() const { return root != Word{}; }
};

// ---- calls ---------------------------------------------------------------------------------

// Deployment: the contract's creation bytecode followed by its constructor arguments.
Bytes deployment(std::span<const uint8_t> creation_bytecode, const auth::EthAddress& owner,
                 const auth::EthAddress& operator_address);
Bytes publish_round(const RoundAnchor& round);
Bytes orphan_round(uint64_t round_id);
Bytes publish_payment_batch(const PaymentBatchAnchor& batch);
Bytes set_operator(const auth::EthAddress& operator_address);
Bytes verify_credit(uint64_t round_id, const Word& leaf, std::span<const Word> proof);
Bytes verify_payment(const Bytes16& batch_id, const Word& leaf, std::span<const Word> proof);
Bytes round(uint64_t round_id);
Bytes payment_batch(const Bytes16& batch_id);
Bytes last_round_id();
Bytes operator_address();
Bytes round_of_block(const Word& block_hash);

// ---- answers -------------------------------------------------------------------------------

Expected<RoundRecord> decode_round(std::span<const uint8_t> returndata);
Expected<PaymentBatchRecord> decode_payment_batch(std::span<const uint8_t> returndata);
Expected<bool> decode_bool(std::span<const uint8_t> returndata);
Expected<uint64_t> decode_uint64(std::span<const uint8_t> returndata);
Expected<auth::EthAddress> decode_address(std::span<const uint8_t> returndata);

// ---- events --------------------------------------------------------------------------------

struct RoundPublished {
    uint64_t round_id = 0;
    Word block_hash{};
    Word root{};
    uint64_t height = 0;
    uint64_t reward = 0;
    uint32_t leaf_count = 0;
};
struct RoundOrphaned {
    uint64_t round_id = 0;
    Word block_hash{};
};
struct PaymentBatchPublished {
    Bytes16 batch_id{};
    uint64_t sequence = 0;
    Word root{};
    Uint128 total = 0;
    uint32_t leaf_count = 0;
};
struct OperatorChanged {
    auth::EthAddress previous;
    auth::EthAddress current;
};
using Event = std::variant<RoundPublished, RoundOrphaned, PaymentBatchPublished, OperatorChanged>;

// The first topic of each event's logs (for eth_getLogs filters).
const Word& round_published_topic();
const Word& round_orphaned_topic();
const Word& payment_batch_published_topic();
const Word& operator_changed_topic();

// One of the registry's logs; an error for another contract's event or a malformed log.
Expected<Event> decode_event(std::span<const Word> topics, std::span<const uint8_t> data);

// ---- errors --------------------------------------------------------------------------------

// A revert as a sentence: the registry's custom errors with their arguments
// ("RoundAlreadyPublished(roundId 7)"), Error(string) reasons, panics; unknown data as hex.
std::string describe_revert(std::span<const uint8_t> data);

}  // namespace viddhana::evm::registry
