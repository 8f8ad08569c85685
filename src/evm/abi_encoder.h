// Solidity's ABI encoding, for the types the pool's contracts take: abi.encode of a parameter
// list (static values in the head, dynamic ones as an offset in the head and their bytes in the
// tail) and function calls (4-byte selector, then the parameters).
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "auth/eth_address.h"
#include "auth/keccak.h"
#include "base/hex.h"
#include "evm/quantity.h"

namespace viddhana::evm {

using Bytes16 = std::array<uint8_t, 16>;
using Selector = std::array<uint8_t, 4>;

class AbiEncoder {
  public:
    // Any uintN: the value as a 256-bit big-endian word (its C++ type bounds it).
    AbiEncoder& add_uint(Uint128 value);
    // bytes32, or a hash.
    AbiEncoder& add_word(const Word& word);
    // bytes1 ... bytes32: left-aligned, zero-padded. More than 32 bytes throws
    // std::invalid_argument (a programming error, not input).
    AbiEncoder& add_fixed_bytes(std::span<const uint8_t> bytes);
    AbiEncoder& add_address(const auth::EthAddress& address);
    AbiEncoder& add_bool(bool value);
    AbiEncoder& add_string(std::string_view text);
    AbiEncoder& add_bytes(std::span<const uint8_t> bytes);
    // bytes32[] (a Merkle proof) or uint256[].
    AbiEncoder& add_word_array(std::span<const Word> words);

    // abi.encode(parameters...)
    Bytes encode() const;

  private:
    struct Parameter {
        bool dynamic = false;
        Bytes bytes;  // the head word (static) or the tail (dynamic)
    };
    std::vector<Parameter> parameters_;
};

// The first 4 bytes of keccak256 of a canonical signature ("publishRound(uint64,bytes32,...)").
Selector function_selector(std::string_view signature);
// Selector, then the encoded parameters.
Bytes encode_call(std::string_view signature, const AbiEncoder& parameters);
// keccak256 of an event's canonical signature: its logs' first topic.
auth::Hash256 event_topic(std::string_view signature);

}  // namespace viddhana::evm
