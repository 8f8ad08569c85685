#include "auth/personal_sign.h"

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <memory>

#include "base/hex.h"

namespace viddhana::auth {
namespace {

// n / 2 for secp256k1, big-endian: the largest s Ethereum accepts.
constexpr std::array<uint8_t, 32> kHalfOrder = {
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0};

struct ContextDeleter {
    void operator()(secp256k1_context* c) const { secp256k1_context_destroy(c); }
};

}  // namespace

Hash256 personal_message_hash(std::string_view message) {
    // Two literals: "\x19E..." would read as one hex escape.
    std::string prefixed =
        "\x19"
        "Ethereum Signed Message:\n";
    prefixed += std::to_string(message.size());
    prefixed += message;
    return keccak256(std::string_view(prefixed));
}

Expected<Signature65> parse_signature_hex(std::string_view text) {
    std::string_view digits = text;
    if (digits.size() >= 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
        digits.remove_prefix(2);
    }
    if (digits.size() != 130) {
        return make_error("signature has " + std::to_string(digits.size()) +
                          " hex digits, expected 130 (65 bytes r || s || v)");
    }
    Signature65 sig{};
    if (!from_hex_into(digits, sig)) return make_error("signature contains a non-hex character");
    return sig;
}

Expected<EthAddress> recover_signer(const Hash256& digest, const Signature65& signature) {
    int v = signature[64];
    int recid = -1;
    if (v == 27 || v == 28) {
        recid = v - 27;
    } else if (v == 0 || v == 1) {
        recid = v;
    } else {
        return make_error("signature recovery id v is " + std::to_string(v) +
                          ", expected 27, 28, 0 or 1");
    }
    std::span<const uint8_t> s(signature.data() + 32, 32);
    if (std::lexicographical_compare(kHalfOrder.begin(), kHalfOrder.end(), s.begin(), s.end())) {
        return make_error("signature has a high s value (malleable form); wallets produce low s");
    }
    const secp256k1_context* ctx = secp256k1_context_static;
    secp256k1_ecdsa_recoverable_signature rsig;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &rsig, signature.data(), recid)) {
        return make_error("signature r or s is out of range");
    }
    secp256k1_pubkey pubkey;
    if (!secp256k1_ecdsa_recover(ctx, &pubkey, &rsig, digest.data())) {
        return make_error("no public key can be recovered from the signature");
    }
    std::array<uint8_t, 65> serialized{};
    size_t len = serialized.size();
    secp256k1_ec_pubkey_serialize(ctx, serialized.data(), &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    return EthAddress::from_public_key(serialized);
}

Expected<EthAddress> recover_personal_signer(std::string_view message,
                                             std::string_view signature_hex) {
    auto sig = parse_signature_hex(signature_hex);
    if (!sig) return sig.error();
    return recover_signer(personal_message_hash(message), *sig);
}

Expected<Signature65> sign_personal_message(std::span<const uint8_t, 32> private_key,
                                            std::string_view message) {
    std::unique_ptr<secp256k1_context, ContextDeleter> ctx(
        secp256k1_context_create(SECP256K1_CONTEXT_NONE));
    if (!secp256k1_ec_seckey_verify(ctx.get(), private_key.data())) {
        return make_error("private key is zero or not below the curve order");
    }
    Hash256 digest = personal_message_hash(message);
    secp256k1_ecdsa_recoverable_signature rsig;
    if (!secp256k1_ecdsa_sign_recoverable(ctx.get(), &rsig, digest.data(), private_key.data(),
                                          nullptr, nullptr)) {
        return make_error("signing failed");
    }
    Signature65 out{};
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx.get(), out.data(), &recid, &rsig);
    out[64] = static_cast<uint8_t>(27 + recid);
    return out;
}

}  // namespace viddhana::auth
