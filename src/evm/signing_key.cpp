#include "evm/signing_key.h"

#include <openssl/crypto.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <algorithm>
#include <fstream>
#include <memory>

#include "base/hex.h"

namespace viddhana::evm {
namespace {

struct ContextDeleter {
    void operator()(secp256k1_context* c) const { secp256k1_context_destroy(c); }
};
using Context = std::unique_ptr<secp256k1_context, ContextDeleter>;

Context signing_context() {
    return Context(secp256k1_context_create(SECP256K1_CONTEXT_NONE));
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

Expected<SigningKey> SigningKey::from_hex(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        text.remove_prefix(2);
    }
    if (text.size() != 64) {
        return make_error("a private key is 64 hex digits, this one has " +
                          std::to_string(text.size()) + " characters");
    }
    SigningKey key;
    if (!from_hex_into(text, key.secret_)) {
        return make_error("the private key contains a character that is not a hex digit");
    }
    Context ctx = signing_context();
    if (!secp256k1_ec_seckey_verify(ctx.get(), key.secret_.data())) {
        return make_error("the private key is zero or not below the secp256k1 curve order");
    }
    secp256k1_pubkey pubkey;
    if (!secp256k1_ec_pubkey_create(ctx.get(), &pubkey, key.secret_.data())) {
        return make_error("no public key can be derived from the private key");
    }
    std::array<uint8_t, 65> serialized{};
    size_t len = serialized.size();
    secp256k1_ec_pubkey_serialize(ctx.get(), serialized.data(), &len, &pubkey,
                                  SECP256K1_EC_UNCOMPRESSED);
    auto address = auth::EthAddress::from_public_key(serialized);
    if (!address) return address.error();
    key.address_ = *address;
    return key;
}

Expected<SigningKey> SigningKey::from_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) return make_error("cannot read the key file " + path);
    std::string line;
    std::getline(in, line);
    auto key = from_hex(line);
    OPENSSL_cleanse(line.data(), line.size());
    if (!key) return make_error(path + ": " + key.error().message);
    return key;
}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : secret_(other.secret_), address_(other.address_) {
    other.wipe();
}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept {
    if (this != &other) {
        secret_ = other.secret_;
        address_ = other.address_;
        other.wipe();
    }
    return *this;
}

SigningKey::~SigningKey() {
    wipe();
}

void SigningKey::wipe() {
    OPENSSL_cleanse(secret_.data(), secret_.size());
}

Expected<SignedTransaction> SigningKey::sign(const Eip1559Transaction& tx) const {
    Context ctx = signing_context();
    auth::Hash256 digest = signing_hash(tx);
    secp256k1_ecdsa_recoverable_signature rsig;
    // A null nonce function is libsecp256k1's RFC 6979, which also yields low s.
    if (!secp256k1_ecdsa_sign_recoverable(ctx.get(), &rsig, digest.data(), secret_.data(), nullptr,
                                          nullptr)) {
        return make_error("signing the transaction failed");
    }
    std::array<uint8_t, 64> compact{};
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx.get(), compact.data(), &recid,
                                                            &rsig);
    SignedTransaction out;
    out.transaction = tx;
    out.signature.y_parity = static_cast<uint8_t>(recid);
    std::copy_n(compact.begin(), 32, out.signature.r.begin());
    std::copy_n(compact.begin() + 32, 32, out.signature.s.begin());
    out.sender = address_;
    out.raw = signed_payload(tx, out.signature);
    out.hash = auth::keccak256(out.raw);
    return out;
}

}  // namespace viddhana::evm
