// EIP-1559 (type 2) transactions: the fields, the payload a key signs and the signed payload a
// node accepts (0x02 || rlp([...])), and the address a contract deployed by a sender gets.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "auth/eth_address.h"
#include "auth/keccak.h"
#include "base/hex.h"
#include "evm/quantity.h"

namespace viddhana::evm {

struct AccessListEntry {
    auth::EthAddress address;
    std::vector<Word> storage_keys;
};

struct Eip1559Transaction {
    uint64_t chain_id = 0;
    uint64_t nonce = 0;
    Uint128 max_priority_fee_per_gas = 0;  // wei per gas to the block producer
    Uint128 max_fee_per_gas = 0;           // wei per gas in all (base fee + tip), at most
    uint64_t gas_limit = 0;
    std::optional<auth::EthAddress> to;  // none: a contract creation with `data` as init code
    Uint128 value = 0;
    Bytes data;
    std::vector<AccessListEntry> access_list;
};

struct TransactionSignature {
    uint8_t y_parity = 0;
    Word r{};
    Word s{};
};

struct SignedTransaction {
    Eip1559Transaction transaction;
    TransactionSignature signature;
    auth::EthAddress sender;
    Bytes raw;           // what eth_sendRawTransaction takes
    auth::Hash256 hash;  // keccak256(raw): the transaction's id
};

// 0x02 || rlp([chain_id, nonce, tip, max_fee, gas_limit, to, value, data, access_list]).
Bytes unsigned_payload(const Eip1559Transaction& tx);
// keccak256 of the unsigned payload: what the sender's key signs.
auth::Hash256 signing_hash(const Eip1559Transaction& tx);
// 0x02 || rlp([..., y_parity, r, s]).
Bytes signed_payload(const Eip1559Transaction& tx, const TransactionSignature& signature);

// The address of the contract `sender` creates with its transaction of nonce `nonce`:
// the last 20 bytes of keccak256(rlp([sender, nonce])).
auth::EthAddress created_contract_address(const auth::EthAddress& sender, uint64_t nonce);

}  // namespace viddhana::evm
