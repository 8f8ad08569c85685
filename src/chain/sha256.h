// SHA-256 and double SHA-256 (OpenSSL underneath: it uses the CPU's SHA extensions when present).
// Sha256 keeps a resumable state so a fixed prefix (a coinbase's first part) is hashed once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

#include "chain/uint256.h"

namespace viddhana::chain {

class Sha256 {
public:
    Sha256();
    Sha256& write(const uint8_t* data, size_t len);
    Sha256& write(std::span<const uint8_t> data) { return write(data.data(), data.size()); }
    void finalize(uint8_t out[32]);
    Sha256& reset();

private:
    // Opaque storage for OpenSSL's SHA256_CTX (112 bytes), kept inline: no allocation per hash.
    alignas(8) unsigned char ctx_[128];
};

void sha256(const uint8_t* data, size_t len, uint8_t out[32]);
void sha256d(const uint8_t* data, size_t len, uint8_t out[32]);
Uint256 sha256d(std::span<const uint8_t> data);
// SHA256d of the 64-byte concatenation a||b: one merkle tree step.
Uint256 hash_pair(const Uint256& a, const Uint256& b);

}  // namespace viddhana::chain
