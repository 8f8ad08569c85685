// SHA-256 over OpenSSL's low-level context, which picks the SHA-NI code path when the CPU has it.
// The low-level API is deprecated in OpenSSL 3 but is the only one that keeps the state inline
// (EVP allocates a context per digest), so the deprecation warnings are silenced here only.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "chain/sha256.h"

#include <openssl/sha.h>

#include <new>

namespace viddhana::chain {

namespace {
SHA256_CTX* ctx_of(unsigned char* storage) {
    return std::launder(reinterpret_cast<SHA256_CTX*>(storage));
}
}  // namespace

Sha256::Sha256() {
    static_assert(sizeof(SHA256_CTX) <= sizeof(ctx_), "SHA256_CTX does not fit the inline storage");
    static_assert(alignof(SHA256_CTX) <= 8, "SHA256_CTX needs stronger alignment");
    new (ctx_) SHA256_CTX;
    SHA256_Init(ctx_of(ctx_));
}

Sha256& Sha256::write(const uint8_t* data, size_t len) {
    SHA256_Update(ctx_of(ctx_), data, len);
    return *this;
}

void Sha256::finalize(uint8_t out[32]) {
    SHA256_Final(out, ctx_of(ctx_));
}

Sha256& Sha256::reset() {
    SHA256_Init(ctx_of(ctx_));
    return *this;
}

void sha256(const uint8_t* data, size_t len, uint8_t out[32]) {
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, data, len);
    SHA256_Final(out, &ctx);
}

void sha256d(const uint8_t* data, size_t len, uint8_t out[32]) {
    uint8_t first[32];
    sha256(data, len, first);
    sha256(first, sizeof first, out);
}

Uint256 sha256d(std::span<const uint8_t> data) {
    Uint256 out;
    sha256d(data.data(), data.size(), out.data());
    return out;
}

Uint256 hash_pair(const Uint256& a, const Uint256& b) {
    uint8_t buf[64];
    std::memcpy(buf, a.data(), 32);
    std::memcpy(buf + 32, b.data(), 32);
    Uint256 out;
    sha256d(buf, sizeof buf, out.data());
    return out;
}

}  // namespace viddhana::chain
