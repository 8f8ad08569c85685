// Addresses to scriptPubKey: base58check P2PKH/P2SH, bech32 (BIP173) witness v0 P2WPKH/P2WSH,
// bech32m (BIP350) witness v1+ (P2TR). Every rejection says why.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "base/hex.h"
#include "chain/coin.h"

namespace viddhana::chain {

enum class AddressType { p2pkh, p2sh, p2wpkh, p2wsh, p2tr, witness_unknown };
std::string_view to_string(AddressType t);

struct DecodedAddress {
    AddressType type;
    Bytes script_pubkey;
};

Expected<DecodedAddress> decode_address(std::string_view address, const CoinParams& params);

// Lower-level codecs, exposed for tests and for the miner.
Expected<Bytes> base58check_decode(std::string_view s);
std::string base58check_encode(std::span<const uint8_t> payload);
enum class Bech32Encoding { bech32, bech32m };
struct Bech32Decoded {
    Bech32Encoding encoding;
    std::string hrp;
    std::vector<uint8_t> data;  // 5-bit groups, checksum removed
};
Expected<Bech32Decoded> bech32_decode(std::string_view s);
std::string bech32_encode(std::string_view hrp, std::span<const uint8_t> data5, Bech32Encoding enc);
// Encodes a scriptPubKey back to an address for this coin (P2PKH/P2SH/witness); error if not standard.
Expected<std::string> encode_address(std::span<const uint8_t> script_pubkey, const CoinParams& params);

}  // namespace viddhana::chain
