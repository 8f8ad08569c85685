#include "auth/coin_message.h"

#include <openssl/evp.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <array>
#include <cctype>

#include "auth/base64url.h"
#include "base/byte_writer.h"
#include "chain/address.h"
#include "chain/sha256.h"

namespace viddhana::auth {
namespace {

// Bitcoin's CompactSize length prefix, then the bytes.
void append_varstr(std::string& out, std::string_view s) {
    ByteWriter(out).var_bytes(s);
}

// RIPEMD160(SHA256(data)) through OpenSSL's EVP (RIPEMD160 is in the default provider of
// OpenSSL 3.0.7 and later, as Debian ships it).
Expected<std::array<uint8_t, 20>> hash160(std::span<const uint8_t> data) {
    std::array<uint8_t, 32> sha{};
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), sha.data(), &len, EVP_sha256(), nullptr) != 1) {
        return make_error("SHA-256 failed");
    }
    std::array<uint8_t, 20> out{};
    if (EVP_Digest(sha.data(), sha.size(), out.data(), &len, EVP_ripemd160(), nullptr) != 1) {
        return make_error("RIPEMD-160 is not available in this OpenSSL");
    }
    return out;
}

}  // namespace

std::string signed_message_magic(const chain::CoinParams& coin) {
    std::string name = coin.coin;
    if (!name.empty())
        name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name + " Signed Message:\n";
}

Hash256 coin_message_hash(std::string_view magic, std::string_view message) {
    std::string data;
    append_varstr(data, magic);
    append_varstr(data, message);
    Hash256 out{};
    chain::sha256d(reinterpret_cast<const uint8_t*>(data.data()), data.size(), out.data());
    return out;
}

Expected<bool> verify_coin_message(std::string_view address, std::string_view signature_base64,
                                   std::string_view message, const chain::CoinParams& coin) {
    auto decoded = chain::decode_address(address, coin);
    if (!decoded) return make_error("address: " + decoded.error().message);
    if (decoded->type != chain::AddressType::p2pkh) {
        return make_error("address '" + std::string(address) + "' is " +
                          std::string(chain::to_string(decoded->type)) +
                          "; only legacy P2PKH addresses can sign messages");
    }
    auto sig = base64_decode(signature_base64);
    if (!sig) return make_error("signature is not base64: " + sig.error().message);
    if (sig->size() != 65) {
        return make_error("signature has " + std::to_string(sig->size()) + " bytes, expected 65");
    }
    int header = (*sig)[0];
    if (header < 27 || header > 34) {
        return make_error("signature header byte " + std::to_string(header) +
                          " is not 27..34 (a P2PKH message signature)");
    }
    bool compressed = header >= 31;
    int recid = (header - 27) & 3;

    const secp256k1_context* ctx = secp256k1_context_static;
    secp256k1_ecdsa_recoverable_signature rsig;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &rsig, sig->data() + 1, recid)) {
        return make_error("signature r or s is out of range");
    }
    Hash256 digest = coin_message_hash(signed_message_magic(coin), message);
    secp256k1_pubkey pubkey;
    if (!secp256k1_ecdsa_recover(ctx, &pubkey, &rsig, digest.data())) {
        return make_error("no public key can be recovered from the signature");
    }
    std::array<uint8_t, 65> key{};
    size_t key_len = key.size();
    secp256k1_ec_pubkey_serialize(ctx, key.data(), &key_len, &pubkey,
                                  compressed ? SECP256K1_EC_COMPRESSED : SECP256K1_EC_UNCOMPRESSED);
    auto h = hash160(std::span<const uint8_t>(key.data(), key_len));
    if (!h) return h.error();
    // OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG
    std::array<uint8_t, 25> script{0x76, 0xa9, 0x14};
    std::copy(h->begin(), h->end(), script.begin() + 3);
    script[23] = 0x88;
    script[24] = 0xac;
    if (!std::equal(script.begin(), script.end(), decoded->script_pubkey.begin(),
                    decoded->script_pubkey.end())) {
        return make_error("signature was not made by the key of " + std::string(address));
    }
    return true;
}

std::string miner_link_message(std::string_view login, std::string_view wallet_address,
                               std::string_view nonce) {
    return "Link miner " + std::string(login) + " to Viddhana Pool account " +
           std::string(wallet_address) + "\nNonce: " + std::string(nonce);
}

}  // namespace viddhana::auth
