// Messages signed by a coin node's wallet (`signmessage` / `signmessagewithprivkey`), the way a
// miner proves it owns the legacy P2PKH address it mines to before the address is linked to a
// pool account. The format is Bitcoin Core's: sha256d of the length-prefixed magic
// "<Coin> Signed Message:\n" and message, a 65-byte compact recoverable signature in base64
// whose header byte says the recovery id and whether the key was compressed.
#pragma once
#include <string>
#include <string_view>

#include "auth/keccak.h"
#include "base/expected.h"
#include "chain/coin.h"

namespace viddhana::auth {

// "Litecoin Signed Message:\n" for litecoin, "Bitcoin Signed Message:\n" for bitcoin.
std::string signed_message_magic(const chain::CoinParams& coin);

Hash256 coin_message_hash(std::string_view magic, std::string_view message);

// Ok when `signature_base64` is `address`'s key signing `message`. Only P2PKH addresses can
// sign (segwit and script addresses have no message-signing standard the node implements);
// each refusal says why.
Expected<bool> verify_coin_message(std::string_view address, std::string_view signature_base64,
                                   std::string_view message, const chain::CoinParams& coin);

// The text a miner signs to link `login` to the account with `wallet_address` (lower case).
std::string miner_link_message(std::string_view login, std::string_view wallet_address,
                               std::string_view nonce);

}  // namespace viddhana::auth
