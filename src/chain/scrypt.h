// scrypt(N=1024, r=1, p=1) of an 80-byte block header, the proof of work of Litecoin and Dogecoin.
// One ScryptHasher per thread: it owns its 128 KiB scratchpad so hashing allocates nothing.
// The salsa20/8 core uses SIMD; tests cross-check it against libscrypt.
#pragma once
#include <cstdint>
#include <memory>

namespace viddhana::chain {

class ScryptHasher {
public:
    ScryptHasher();
    ~ScryptHasher();
    ScryptHasher(const ScryptHasher&) = delete;
    ScryptHasher& operator=(const ScryptHasher&) = delete;

    // out = scrypt(password = header, salt = header, N=1024, r=1, p=1, dkLen=32)
    void hash(const uint8_t header[80], uint8_t out[32]);

private:
    struct Scratch;
    std::unique_ptr<Scratch> scratch_;
};

}  // namespace viddhana::chain
