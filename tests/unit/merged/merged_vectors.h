// The recording of a real dogecoind regtest node's merged-mining answers (tests/data/merged, made
// by tests/capture/capture_merged_vectors), and small helpers for the merged-mining unit tests.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/hex.h"
#include "chain/uint256.h"

namespace viddhana::merged::testing {

inline const nlohmann::json& dogecoin_recording() {
    static const nlohmann::json recording = [] {
        const std::string path =
            std::string(VIDDHANA_SOURCE_DIR) + "/tests/data/merged/dogecoin_regtest_auxpow.json";
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot open " + path);
        return nlohmann::json::parse(in);
    }();
    return recording;
}

inline const nlohmann::json& recorded_case(std::string_view name) {
    for (const auto& c : dogecoin_recording().at("cases"))
        if (c.at("name") == name) return c;
    throw std::runtime_error("no recorded case " + std::string(name));
}

inline Bytes hex(std::string_view s) {
    auto b = from_hex(s);
    EXPECT_TRUE(b.has_value()) << "bad hex " << s;
    return b.value_or(Bytes{});
}

// A hash recorded as the hex of its internal (little-endian) bytes.
inline chain::Uint256 internal_hash(std::string_view s) {
    Bytes b = hex(s);
    EXPECT_EQ(b.size(), 32u);
    b.resize(32);
    return chain::Uint256(std::span<const uint8_t, 32>(b.data(), 32));
}

inline chain::Uint256 display_hash(std::string_view s) {
    auto v = chain::Uint256::from_display_hex(s);
    EXPECT_TRUE(v.has_value()) << "bad hash " << s;
    return v.value_or(chain::Uint256());
}

}  // namespace viddhana::merged::testing
