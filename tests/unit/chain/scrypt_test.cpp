#include "chain/scrypt.h"

#include <gtest/gtest.h>
#include <libscrypt.h>

#include <random>

#include "chain_test_util.h"

namespace viddhana::chain {
namespace {

using testing::hex;

std::array<uint8_t, 32> reference_scrypt(const uint8_t* header) {
    std::array<uint8_t, 32> out{};
    EXPECT_EQ(libscrypt_scrypt(header, 80, header, 80, 1024, 1, 1, out.data(), out.size()), 0);
    return out;
}

// Display hex (reversed) of a hash, as the vectors are written.
std::string display(const uint8_t* h) {
    Uint256 v(std::span<const uint8_t, 32>(h, 32));
    return v.display_hex();
}

// Litecoin Core's scrypt test vectors (real mainnet headers), the Litecoin genesis block, and the
// example of the Litecoin wiki's block hashing page.
TEST(Scrypt, KnownLitecoinHeaders) {
    struct Case {
        const char* header;
        const char* hash;
    };
    const Case cases[] = {
        {"020000004c1271c211717198227392b029a64a7971931d351b387bb80db027f270411e398a07046f7d4a08dd8"
         "15412a8712f874a"
         "7ebf0507e3878bd24e20a3b73fd750a667d2f451eac7471b00de6659",
         "00000000002bef4107f882f6115e0b01f348d21195dacd3582aa2dabd7985806"},
        {"0200000011503ee6a855e900c00cfdd98f5f55fffeaee9b6bf55bea9b852d9de2ce35828e204eef76acfd3694"
         "9ae56d1fbe81c1a"
         "c9c0209e6331ad56414f9072506a77f8c6faf551eac7471b00389d01",
         "00000000003a0d11bdd5eb634e08b7feddcfbbf228ed35d250daf19f1c88fc94"},
        {"02000000a72c8a177f523946f42f22c3e86b8023221b4105e8007e59e81f6beb013e29aaf635295cb9ac96621"
         "3fb56e046dc71df"
         "5b3f7f67ceaeab24038e743f883aff1aaafaf551eac7471b0166249b",
         "00000000000b40f895f288e13244728a6c2d9d59d8aff29c65f8dd5114a8ca81"},
        {"010000007824bc3a8a1b4628485eee3024abd8626721f7f870f8ad4d2f33a27155167f6a4009d128504960388"
         "8fe85a84b6c803a"
         "53305a8d497965a5e896e1a00568359589faf551eac7471b0065434e",
         "00000000003007005891cd4923031e99d8e8d72f6e8e7edc6a86181897e105fe"},
        {"0200000050bfd4e4a307a8cb6ef4aef69abc5c0f2d579648bd80d7733e1ccc3fbc90ed664a7f74006cb11bde8"
         "7785f229ecd366c"
         "2d4e44432832580e0608c579e4cb76f383f7f551eac7471b00c36982",
         "000000000018f0b426a4afc7130ccb47fa02af730d345b4fe7c7724d3800ec8c"},
        {"010000000000000000000000000000000000000000000000000000000000000000000000d9ced4ed1130f7b7f"
         "aad9be25323ffaf"
         "a33232a17c3edf6cfd97bee6bafbdd97b9aa8e4ef0ff0f1ecd513f7c",
         "0000050c34a64b415b6b15b37f2216634b5b1669cb9a2e38d76f7213b0671e00"},
        {"01000000f615f7ce3b4fc6b8f61e8f89aedb1d0852507650533a9e3b10b9bbcc30639f279fcaa86746e1ef52d"
         "3edb3c4ad825992"
         "0d509bd073605c9bf1d59983752a6b06b817bb4ea78e011d012d59d4",
         "0000000110c8357966576df46f3b802ca897deb7ad18b12f1c24ecff6386ebd9"},
    };
    ScryptHasher hasher;
    std::vector<std::array<uint8_t, 80>> headers;
    for (const Case& c : cases) {
        Bytes raw = hex(c.header);
        ASSERT_EQ(raw.size(), 80u);
        uint8_t out[32];
        hasher.hash(raw.data(), out);
        EXPECT_EQ(display(out), c.hash);
        EXPECT_EQ(reference_scrypt(raw.data()), std::to_array(out));
        std::array<uint8_t, 80> h;
        std::copy(raw.begin(), raw.end(), h.begin());
        headers.push_back(h);
    }
    std::vector<std::array<uint8_t, 32>> many(headers.size());
    hasher.hash_many(headers, many);
    for (size_t i = 0; i < headers.size(); ++i)
        EXPECT_EQ(display(many[i].data()), cases[i].hash) << i;
}

TEST(Scrypt, MatchesLibscryptOnRandomHeaders) {
    std::mt19937_64 rng(20240607);
    ScryptHasher hasher;
    std::array<uint8_t, 80> header;
    for (int i = 0; i < 200; ++i) {
        for (auto& b : header)
            b = static_cast<uint8_t>(rng());
        std::array<uint8_t, 32> out;
        hasher.hash(header.data(), out.data());
        ASSERT_EQ(out, reference_scrypt(header.data())) << "header " << to_hex(header);
    }
}

// Every batch size exercises a different mix of the vector groups (and the leftover single hash).
class ScryptCores : public ::testing::TestWithParam<ScryptHasher::Core> {};

TEST_P(ScryptCores, HashManyMatchesLibscryptForEveryBatchSize) {
    std::mt19937_64 rng(99);
    ScryptHasher hasher(GetParam());
    for (size_t count = 0; count <= 2 * ScryptHasher::kLanes + 1; ++count) {
        std::vector<std::array<uint8_t, 80>> headers(count);
        for (auto& h : headers)
            for (auto& b : h)
                b = static_cast<uint8_t>(rng());
        std::vector<std::array<uint8_t, 32>> out(count);
        hasher.hash_many(headers, out);
        for (size_t i = 0; i < count; ++i) {
            EXPECT_EQ(out[i], reference_scrypt(headers[i].data()))
                << "batch " << count << " item " << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Scrypt, ScryptCores,
                         ::testing::Values(ScryptHasher::Core::best, ScryptHasher::Core::sse2),
                         [](const auto& info) {
                             return info.param == ScryptHasher::Core::best ? "best" : "sse2";
                         });

TEST(Scrypt, IdenticalHeadersInABatchAndRepeatedUseAgree) {
    ScryptHasher hasher;
    std::vector<std::array<uint8_t, 80>> headers(ScryptHasher::kLanes);
    for (auto& h : headers)
        h.fill(0x5a);
    std::vector<std::array<uint8_t, 32>> out(headers.size());
    hasher.hash_many(headers, out);
    std::array<uint8_t, 32> single;
    hasher.hash(headers[0].data(), single.data());
    for (const auto& o : out)
        EXPECT_EQ(o, single);
    hasher.hash(headers[0].data(), single.data());
    EXPECT_EQ(single, reference_scrypt(headers[0].data()));
}

TEST(Scrypt, ReportsItsCore) {
    ScryptHasher hasher;
    EXPECT_TRUE(hasher.core() == "avx2" || hasher.core() == "sse2");
    EXPECT_EQ(hasher.core() == "avx2", static_cast<bool>(__builtin_cpu_supports("avx2")));
    EXPECT_EQ(ScryptHasher(ScryptHasher::Core::sse2).core(), "sse2");
}

}  // namespace
}  // namespace viddhana::chain
