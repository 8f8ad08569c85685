// scrypt(N=1024, r=1, p=1) of an 80-byte block header, the proof of work of Litecoin and Dogecoin.
// One ScryptHasher per thread: it owns its scratchpad so hashing allocates nothing.
// The salsa20/8 core uses SIMD (SSE2, or AVX2 when the CPU has it); tests cross-check it against
// libscrypt. One hash is a single long chain of dependent operations, so hash_many(), which runs
// several hashes in lock step, has several times the throughput of hash().
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

namespace viddhana::chain {

class ScryptHasher {
  public:
    // Hashes that hash_many() computes together; the scratchpad is kLanes * 128 KiB.
    static constexpr size_t kLanes = 6;
    // best: AVX2 when the CPU has it, else SSE2 (baseline on x86-64). sse2 forces the baseline
    // core, so that both can be tested and measured on one machine.
    enum class Core { best, sse2 };

    explicit ScryptHasher(Core core = Core::best);
    ~ScryptHasher();
    ScryptHasher(const ScryptHasher&) = delete;
    ScryptHasher& operator=(const ScryptHasher&) = delete;

    // out = scrypt(password = header, salt = header, N=1024, r=1, p=1, dkLen=32)
    void hash(const uint8_t header[80], uint8_t out[32]);
    // out[i] = scrypt of headers[i]; out.size() must equal headers.size() (any count).
    void hash_many(std::span<const std::array<uint8_t, 80>> headers,
                   std::span<std::array<uint8_t, 32>> out);
    // The SIMD core in use: "avx2" or "sse2".
    std::string_view core() const;

  private:
    struct Scratch;
    std::unique_ptr<Scratch> scratch_;
};

}  // namespace viddhana::chain
