// Reads ABI-encoded data (eth_call results, event data, revert data after its selector) word by
// word, refusing what a well-behaved contract never returns: data too short, integers wider
// than their type, booleans other than 0 and 1, addresses with high bits set, offsets outside
// the data.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "auth/eth_address.h"
#include "base/expected.h"
#include "evm/abi_encoder.h"
#include "evm/quantity.h"

namespace viddhana::evm {

class AbiDecoder {
  public:
    explicit AbiDecoder(std::span<const uint8_t> data) : data_(data.begin(), data.end()) {}

    size_t size() const { return data_.size(); }
    // Head word `index` (0-based).
    Expected<Word> word(size_t index) const;
    // uintN (bits 1..128) at head word `index`.
    Expected<Uint128> uint_at(size_t index, int bits) const;
    Expected<uint64_t> uint64_at(size_t index) const;
    Expected<uint32_t> uint32_at(size_t index) const;
    Expected<bool> bool_at(size_t index) const;
    Expected<auth::EthAddress> address_at(size_t index) const;
    Expected<Bytes16> bytes16_at(size_t index) const;  // low 16 bytes must be zero
    // Dynamic values: the head word holds the offset of their length-prefixed tail.
    Expected<Bytes> bytes_at(size_t index) const;
    Expected<std::string> string_at(size_t index) const;

  private:
    Bytes data_;
};

}  // namespace viddhana::evm
