// Small helpers shared by the chain tests: hex literals and the data files under tests/data/chain.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/hex.h"
#include "chain/uint256.h"

namespace viddhana::chain::testing {

inline Bytes hex(std::string_view s) {
    auto b = from_hex(s);
    EXPECT_TRUE(b.has_value()) << "bad hex literal " << s;
    return b.value_or(Bytes{});
}

inline Uint256 u256(std::string_view display_hex) {
    auto v = Uint256::from_display_hex(display_hex);
    EXPECT_TRUE(v.has_value()) << "bad uint256 literal " << display_hex;
    return v.value_or(Uint256());
}

inline std::string data_path(std::string_view name) {
    return std::string(VIDDHANA_SOURCE_DIR) + "/tests/data/chain/" + std::string(name);
}

// Non-comment, non-empty lines of a data file.
inline std::vector<std::string> data_lines(std::string_view name) {
    std::ifstream in(data_path(name));
    EXPECT_TRUE(in.good()) << "cannot open " << data_path(name);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != '#') lines.push_back(line);
    }
    return lines;
}

// A line's whitespace-separated fields.
inline std::vector<std::string> fields(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string f; in >> f;)
        out.push_back(f);
    return out;
}

// Real Litecoin mainnet block 2383207 (MWEB era): txid, wtxid and raw bytes of its transactions.
struct LtcBlockTx {
    Uint256 txid, wtxid;
    Bytes raw;
};
inline std::vector<LtcBlockTx> ltc_block_2383207() {
    std::vector<LtcBlockTx> txs;
    for (const auto& line : data_lines("ltc_block_2383207_txs.txt")) {
        auto f = fields(line);
        EXPECT_EQ(f.size(), 3u);
        if (f.size() == 3) txs.push_back({u256(f[0]), u256(f[1]), hex(f[2])});
    }
    return txs;
}

}  // namespace viddhana::chain::testing
