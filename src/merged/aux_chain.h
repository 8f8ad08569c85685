// Auxiliary (merge-mined) chains as data: what the pool needs to know about a chain that accepts
// AuxPoW, the proof that work done on a parent chain's block also covers its block. Adding another
// scrypt AuxPoW chain means adding an entry to the table in aux_chain.cpp.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "chain/address.h"
#include "chain/coin.h"
#include "chain/pow.h"
#include "chain/uint256.h"

namespace viddhana::merged {

struct AuxChainParams {
    std::string coin;    // "dogecoin"
    std::string symbol;  // "DOGE" (mainnet), "tDOGE", "rDOGE"
    chain::Network network;
    // The parent chain's proof of work must be this algorithm (the aux chain checks the parent
    // header's hash with it against its own target).
    chain::PowAlgorithm algorithm;
    // The chain id in the upper 16 bits of the aux block's version. It selects the chain's slot in
    // the aux merkle tree; with strict_chain_id the chain also refuses a parent header carrying it.
    int32_t chain_id;
    bool strict_chain_id;
    int64_t auxpow_start_height;  // first height at which the chain accepts AuxPoW blocks
    int coinbase_maturity;        // confirmations before a coinbase can be spent
    int target_block_seconds;
    // The easiest target the chain accepts (a parent header's hash above the block's own target, or
    // a block target above this, is refused).
    chain::Uint256 pow_limit;
    int64_t coin_units;                   // base units per coin
    std::vector<uint8_t> p2pkh_versions;  // base58 version bytes of P2PKH addresses
    std::vector<uint8_t> p2sh_versions;   // base58 version bytes of P2SH addresses
    std::string bech32_hrp;               // empty: the chain has no segwit addresses
    int default_rpc_port;
    int default_p2p_port;
};

// nullptr when the coin/network pair is not an aux chain the pool knows.
const AuxChainParams* find_aux_chain(std::string_view coin, chain::Network network);
std::span<const AuxChainParams> all_aux_chains();

// The chain's addresses through the parent chain's codecs (src/chain/address.h): an address of the
// aux chain decodes to the scriptPubKey its node pays (createauxblock takes the address itself).
Expected<chain::DecodedAddress> decode_aux_address(std::string_view address,
                                                   const AuxChainParams& params);
Expected<std::string> encode_aux_address(std::span<const uint8_t> script_pubkey,
                                         const AuxChainParams& params);

// Block version bits of AuxPoW chains (Namecoin's layout, shared by Dogecoin): bit 8 flags a block
// that carries an AuxPoW, bits 16 and up hold the chain id, the low 8 bits the base version.
constexpr int32_t kAuxPowVersionFlag = 1 << 8;
constexpr int32_t kChainIdShift = 16;
constexpr int32_t chain_id_of_version(int32_t version) {
    return version >> kChainIdShift;
}
constexpr bool version_has_auxpow(int32_t version) {
    return (version & kAuxPowVersionFlag) != 0;
}
// The version of an aux block mined with AuxPoW: base version, flag and chain id.
constexpr int32_t auxpow_block_version(int32_t base_version, int32_t chain_id) {
    return (base_version % kAuxPowVersionFlag) | kAuxPowVersionFlag | (chain_id << kChainIdShift);
}

}  // namespace viddhana::merged
