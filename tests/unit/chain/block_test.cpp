#include "chain/block.h"

#include <gtest/gtest.h>

#include "base/byte_reader.h"
#include "base/byte_writer.h"
#include "chain/merkle.h"
#include "chain/transaction.h"
#include "chain_test_util.h"

namespace viddhana::chain {
namespace {

using testing::hex;
using testing::u256;

TEST(BlockHeader, FieldsSerializeParseAndHash) {
    BlockHeader h;
    h.version = 0x2a5fe000;
    h.prev_block = u256("0000000000000000000172014ba58d66455762add0512355ad651207918494ab");
    h.merkle_root = u256("031b417c3a1828ddf3d6527fc210daafcc9218e81f98257f88d4d43bd7a5894f");
    h.time = 1713571767;
    h.bits = 0x17034219;
    h.nonce = 3932395645;
    auto raw = h.serialize();
    EXPECT_EQ(to_hex(raw),
              "00e05f2aab948491071265ad552351d0ad625745668da54b0172010000000000000000004f89a5d73bd4"
              "d4887f25981fe81892cc"
              "afda10c27f52d6f3dd28183a7c411b03b7072366194203177d9863ea");
    EXPECT_EQ(h.hash(), u256("0000000000000000000320283a032748cef8227873ff4872689bf23f1cda83a5"));
    BlockHeader back = BlockHeader::parse(raw);
    EXPECT_EQ(back.version, h.version);
    EXPECT_EQ(back.prev_block, h.prev_block);
    EXPECT_EQ(back.merkle_root, h.merkle_root);
    EXPECT_EQ(back.time, h.time);
    EXPECT_EQ(back.bits, h.bits);
    EXPECT_EQ(back.nonce, h.nonce);
    BlockHeader negative;
    negative.version = -1;
    EXPECT_EQ(BlockHeader::parse(negative.serialize()).version, -1);
}

// Rebuilding Bitcoin block 100000 from its header and raw transactions gives the real block.
TEST(SerializeBlock, RebuildsARealBlock) {
    Bytes block = hex(testing::data_lines("btc_block_100000.hex").at(0));
    ByteReader r(block);
    std::span<const uint8_t> header_bytes;
    ASSERT_TRUE(r.bytes(80, header_bytes));
    uint64_t count;
    ASSERT_TRUE(r.compact_size(count));
    std::vector<Bytes> raw_txs;
    for (uint64_t i = 0; i < count; ++i) {
        size_t start = r.position();
        ASSERT_TRUE(Transaction::read(r));
        raw_txs.emplace_back(block.begin() + static_cast<std::ptrdiff_t>(start),
                             block.begin() + static_cast<std::ptrdiff_t>(r.position()));
    }
    BlockHeader header = BlockHeader::parse(header_bytes.first<80>());
    std::vector<Bytes> others(raw_txs.begin() + 1, raw_txs.end());
    EXPECT_EQ(serialize_block(header, raw_txs[0], others, {}), block);
}

// Litecoin with MWEB: transactions (HogEx last), then 0x01 and the template's mw::Block bytes.
TEST(SerializeBlock, AppendsTheMwebBlockAfterAPresenceByte) {
    auto txs = testing::ltc_block_2383207();
    BlockHeader header = BlockHeader::parse(std::span<const uint8_t, 80>(
        hex("14000020b910892b7ff04a5042990f8cc19aaedc4248d1a50dbf9af2bf0c7020a779347bdfa89ae3be7186"
            "06fccd063cc6d1e7"
            "4386c8c6287003deb0f07e3162056aa1ffeb979263d8d3001ad6f60197")
            .data(),
        80));
    std::vector<Bytes> others;
    for (size_t i = 1; i < txs.size(); ++i)
        others.push_back(txs[i].raw);
    Bytes mweb = hex("00112233445566778899");
    Bytes block = serialize_block(header, txs[0].raw, others, mweb);
    auto header_bytes = header.serialize();
    Bytes expected(header_bytes.begin(), header_bytes.end());
    expected.push_back(9);  // transaction count
    for (const auto& tx : txs)
        expected.insert(expected.end(), tx.raw.begin(), tx.raw.end());
    expected.push_back(0x01);
    expected.insert(expected.end(), mweb.begin(), mweb.end());
    EXPECT_EQ(block, expected);
    // Without MWEB bytes nothing follows the transactions.
    Bytes plain = serialize_block(header, txs[0].raw, others, {});
    EXPECT_EQ(plain.size(), expected.size() - 1 - mweb.size());
}

TEST(SerializeBlock, CountUsesCompactSize) {
    BlockHeader header;
    std::vector<Bytes> others(300, Bytes{0xaa});
    Bytes coinbase = {0xcc};
    Bytes block = serialize_block(header, coinbase, others, {});
    ASSERT_EQ(block.size(), 80u + 3 + 1 + 300);
    EXPECT_EQ(to_hex(std::span<const uint8_t>(block.data() + 80, 4)), "fd2d01cc");
}

// The coinbase of Litecoin block 2383207 commits to the witness tree of its transactions (the
// coinbase counted as zero, the HogEx by its txid) with a zero reserved value.
TEST(WitnessCommitment, MatchesARealCoinbase) {
    auto txs = testing::ltc_block_2383207();
    std::vector<Uint256> wtxids;
    for (const auto& tx : txs)
        wtxids.push_back(tx.wtxid);
    wtxids[0] = Uint256();
    Bytes script = witness_commitment_script(merkle_root(wtxids));
    auto coinbase = Transaction::parse(txs[0].raw);
    ASSERT_TRUE(coinbase);
    ASSERT_EQ(coinbase->outputs.size(), 2u);
    EXPECT_EQ(script, coinbase->outputs[1].script_pubkey);
    EXPECT_EQ(to_hex(script),
              "6a24aa21a9ed7a7eb7b22241328a54a746bc08b4bf24fdc010bd43d726de9ef2df40b7389302");
    ASSERT_EQ(coinbase->inputs[0].witness.size(), 1u);
    EXPECT_EQ(coinbase->inputs[0].witness[0], Bytes(32, 0));
}

}  // namespace
}  // namespace viddhana::chain
