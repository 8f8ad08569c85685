// The one place the sign-in code gets randomness from (nonces, refresh tokens, TOTP secrets),
// so everything else stays deterministic under test.
#pragma once
#include <cstdint>
#include <span>

namespace viddhana::auth {

class RandomSource {
  public:
    virtual ~RandomSource() = default;
    // Fills `out` with cryptographically secure random bytes; throws std::runtime_error if the
    // source fails (never hands out weak bytes).
    virtual void fill(std::span<uint8_t> out) = 0;
};

// OpenSSL's RAND_bytes (the operating system's CSPRNG behind a DRBG).
class OpenSslRandomSource final : public RandomSource {
  public:
    void fill(std::span<uint8_t> out) override;
};

}  // namespace viddhana::auth
