// The shared vectors the contract tests write (tests/data/commitment/vectors.json), and
// conversions of their JSON values.
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "auth/keccak.h"
#include "base/hex.h"
#include "evm/quantity.h"

namespace viddhana::commitment::test {

inline const nlohmann::json& vectors() {
    static const nlohmann::json v = [] {
        std::ifstream in(std::string(VIDDHANA_SOURCE_DIR) + "/tests/data/commitment/vectors.json");
        std::stringstream ss;
        ss << in.rdbuf();
        return nlohmann::json::parse(ss.str());
    }();
    return v;
}

// Integers come as JSON numbers or, when large, decimal strings.
inline evm::Uint128 u128(const nlohmann::json& v) {
    if (v.is_number_unsigned()) return v.get<uint64_t>();
    auto parsed = evm::parse_decimal(v.get<std::string>());
    EXPECT_TRUE(parsed.ok()) << v;
    return parsed.ok() ? *parsed : 0;
}

inline uint64_t u64(const nlohmann::json& v) {
    return static_cast<uint64_t>(u128(v));
}

inline auth::Hash256 hash(const nlohmann::json& v) {
    auto w = evm::parse_word_hex(v.get<std::string>());
    EXPECT_TRUE(w.ok()) << v;
    return w.ok() ? *w : auth::Hash256{};
}

inline std::vector<auth::Hash256> hashes(const nlohmann::json& v) {
    std::vector<auth::Hash256> out;
    for (const auto& h : v)
        out.push_back(hash(h));
    return out;
}

inline std::string hex(std::span<const uint8_t> bytes) {
    return "0x" + to_hex(bytes);
}

}  // namespace viddhana::commitment::test
