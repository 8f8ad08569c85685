// The EVM vectors the contract tests write (tests/data/evm/vectors.json): EIP-1559 transactions
// signed by ethers and the anchor registry's calls, results, events and errors as the chain
// produced them; and conversions of their JSON values.
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "auth/eth_address.h"
#include "evm/quantity.h"

namespace viddhana::evm::test {

inline const nlohmann::json& vectors() {
    static const nlohmann::json v = [] {
        std::ifstream in(std::string(VIDDHANA_SOURCE_DIR) + "/tests/data/evm/vectors.json");
        std::stringstream ss;
        ss << in.rdbuf();
        return nlohmann::json::parse(ss.str());
    }();
    return v;
}

inline Uint128 u128(const nlohmann::json& v) {
    if (v.is_number_unsigned()) return v.get<uint64_t>();
    auto parsed = parse_decimal(v.get<std::string>());
    EXPECT_TRUE(parsed.ok()) << v;
    return parsed.ok() ? *parsed : 0;
}

inline uint64_t u64(const nlohmann::json& v) {
    return static_cast<uint64_t>(u128(v));
}

inline Word word(const nlohmann::json& v) {
    auto w = parse_word_hex(v.get<std::string>());
    EXPECT_TRUE(w.ok()) << v;
    return w.ok() ? *w : Word{};
}

inline std::vector<Word> words(const nlohmann::json& v) {
    std::vector<Word> out;
    for (const auto& w : v)
        out.push_back(word(w));
    return out;
}

inline Bytes data(const nlohmann::json& v) {
    auto d = parse_data_hex(v.get<std::string>());
    EXPECT_TRUE(d.ok()) << v;
    return d.ok() ? *d : Bytes{};
}

inline auth::EthAddress address(const nlohmann::json& v) {
    auto a = auth::EthAddress::parse(v.get<std::string>());
    EXPECT_TRUE(a.ok()) << v;
    return a.ok() ? *a : auth::EthAddress{};
}

}  // namespace viddhana::evm::test
