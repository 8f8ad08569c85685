#include "chain/transaction.h"

#include <gtest/gtest.h>

#include "base/byte_reader.h"
#include "base/byte_writer.h"
#include "chain/serialize.h"
#include "chain_test_util.h"

namespace viddhana::chain {
namespace {

using testing::hex;
using testing::u256;

// Every transaction of Litecoin block 2383207: legacy, P2SH-wrapped and native segwit spends, the
// segwit coinbase and the MWEB HogEx. Ids come from the node.
TEST(Transaction, RealLitecoinTransactionsRoundTripWithNodeIds) {
    auto txs = testing::ltc_block_2383207();
    ASSERT_EQ(txs.size(), 9u);
    for (size_t i = 0; i < txs.size(); ++i) {
        auto tx = Transaction::parse(txs[i].raw);
        ASSERT_TRUE(tx) << i << ": " << tx.error().message;
        EXPECT_EQ(tx->serialize(true), txs[i].raw) << i;
        EXPECT_EQ(tx->txid(), txs[i].txid) << i;
        EXPECT_EQ(tx->wtxid(), txs[i].wtxid) << i;
        EXPECT_EQ(tx->is_coinbase(), i == 0) << i;
        EXPECT_EQ(tx->is_hogex(), i == 8) << i;
    }
}

TEST(Transaction, SegwitSpendFields) {
    auto txs = testing::ltc_block_2383207();
    auto tx = Transaction::parse(txs[1].raw);  // one P2SH-P2WPKH input
    ASSERT_TRUE(tx);
    EXPECT_EQ(tx->version, 2);
    ASSERT_EQ(tx->inputs.size(), 1u);
    EXPECT_EQ(tx->inputs[0].prevout.txid,
              u256("94380782a5b1962e76c478f40e4d14552af479fd4539944eeb4265f56c1b16ae"));
    EXPECT_EQ(tx->inputs[0].prevout.index, 2u);
    EXPECT_EQ(to_hex(tx->inputs[0].script_sig), "160014a3652e00e1f730a46f56fb0d8ce19b48ece506d5");
    ASSERT_EQ(tx->inputs[0].witness.size(), 2u);
    EXPECT_EQ(to_hex(tx->inputs[0].witness[1]),
              "033983dfedf22440537b348209c718f474642b13dec0ff8290a831e79e0e33a98d");
    ASSERT_EQ(tx->outputs.size(), 1u);
    EXPECT_EQ(tx->outputs[0].value, 281783644);
    EXPECT_EQ(to_hex(tx->outputs[0].script_pubkey),
              "a9143fd95fa4523273778f3b84661e8da8db9fbb53c287");
    EXPECT_TRUE(tx->has_witness());
    EXPECT_FALSE(tx->has_mweb_flag);
    // The node reports size 216 and weight 534 = 3 * stripped size + size.
    size_t stripped = tx->serialize(false).size(), total = tx->serialize(true).size();
    EXPECT_EQ(total, 216u);
    EXPECT_EQ(3 * stripped + total, 534u);
}

TEST(Transaction, HogExKeepsItsMwebFlagAndByte) {
    auto txs = testing::ltc_block_2383207();
    auto tx = Transaction::parse(txs[8].raw);
    ASSERT_TRUE(tx);
    EXPECT_TRUE(tx->has_mweb_flag);
    EXPECT_EQ(tx->mweb_tx, Bytes{0x00});
    EXPECT_FALSE(tx->has_witness());
    ASSERT_EQ(tx->outputs.size(), 1u);
    EXPECT_EQ(to_hex(tx->outputs[0].script_pubkey),
              "5820a8eaca52de7fd7b7db2c72d49f0c88edde72eb1635ef321710755560f68c6141");
    // The txid covers neither the marker, the flag nor the MWEB byte.
    Bytes legacy = tx->serialize(false, false);
    EXPECT_EQ(legacy.size(), txs[8].raw.size() - 3);
    EXPECT_EQ(tx->serialize(false, true), txs[8].raw);
}

// A transaction carrying an MWEB transaction (flag 0x08, presence byte 0x01): the MWEB part is kept
// opaque and written back unchanged; ids do not cover it.
TEST(Transaction, OpaqueMwebTransactionRoundTrips) {
    Bytes raw =
        hex("02000000"  // version
            "0008"      // marker, MWEB flag
            "01"
            "87cb442c2208dafef5d74c69cfb6700695a910253415d8751939838ceb51677c"
            "00000000"
            "00"
            "ffffffff"
            "01"
            "e803000000000000"
            "0451020304"
            "01"
            "deadbeefcafe0102"  // MWEB transaction: present, opaque bytes
            "00000000");
    auto tx = Transaction::parse(raw);
    ASSERT_TRUE(tx) << tx.error().message;
    EXPECT_TRUE(tx->has_mweb_flag);
    EXPECT_FALSE(tx->is_hogex());
    EXPECT_EQ(to_hex(tx->mweb_tx), "01deadbeefcafe0102");
    EXPECT_EQ(tx->serialize(true), raw);
    Transaction plain = *tx;
    plain.has_mweb_flag = false;
    plain.mweb_tx.clear();
    EXPECT_EQ(tx->txid(), plain.txid());
    EXPECT_EQ(tx->wtxid(), tx->txid());
    // In a stream its end cannot be found without parsing MWEB.
    ByteReader r(raw);
    EXPECT_FALSE(Transaction::read(r));
}

TEST(Transaction, BuildAndSerializeCoinbase) {
    Transaction tx;
    tx.version = 1;
    TxIn in;
    in.prevout.index = 0xffffffff;
    append_script_number(in.script_sig, 500);
    in.witness.push_back(Bytes(32, 0));
    tx.inputs.push_back(in);
    tx.outputs.push_back({5000000000, hex("0014d976b9dd2f9349994fc49b50ac6c61ed82bb1780")});
    EXPECT_TRUE(tx.is_coinbase());
    Bytes raw = tx.serialize(true);
    EXPECT_EQ(to_hex(raw), "01000000000101" + std::string(64, '0') + "ffffffff" + "0302f401" +
                               "ffffffff" + "01" + "00f2052a01000000" +
                               "160014d976b9dd2f9349994fc49b50ac6c61ed82bb1780" + "0120" +
                               std::string(64, '0') + "00000000");
    auto back = Transaction::parse(raw);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->serialize(true), raw);
    EXPECT_NE(tx.wtxid(), tx.txid());
}

TEST(Transaction, RejectsMalformedInputWithAReason) {
    auto txs = testing::ltc_block_2383207();
    const Bytes& good = txs[4].raw;  // two segwit inputs, three outputs
    // Every truncation fails cleanly.
    for (size_t n = 0; n < good.size(); ++n) {
        auto tx = Transaction::parse(std::span<const uint8_t>(good.data(), n));
        ASSERT_FALSE(tx) << "prefix of " << n << " bytes parsed";
        EXPECT_FALSE(tx.error().message.empty());
    }
    Bytes trailing = good;
    trailing.push_back(0);
    auto t = Transaction::parse(trailing);
    ASSERT_FALSE(t);
    EXPECT_NE(t.error().message.find("after the end"), std::string::npos) << t.error().message;

    Bytes unknown_flag = good;
    unknown_flag[5] = 0x03;
    auto u = Transaction::parse(unknown_flag);
    ASSERT_FALSE(u);
    EXPECT_NE(u.error().message.find("unknown transaction flags"), std::string::npos)
        << u.error().message;

    auto zero_flag = Transaction::parse(hex("0100000000000100000000"));
    ASSERT_FALSE(zero_flag);
    EXPECT_NE(zero_flag.error().message.find("no inputs"), std::string::npos);

    // Witness flag, but the only witness stack is empty.
    auto superfluous =
        Transaction::parse(hex("010000000001"
                               "01" +
                               std::string(64, '1') +
                               "00000000"
                               "00"
                               "ffffffff"
                               "00"
                               "00"
                               "00000000"));
    ASSERT_FALSE(superfluous);
    EXPECT_NE(superfluous.error().message.find("superfluous witness"), std::string::npos)
        << superfluous.error().message;

    // A count that the remaining bytes cannot hold is refused before allocating.
    auto huge = Transaction::parse(hex("01000000feffffff7f00"));
    ASSERT_FALSE(huge);
    EXPECT_NE(huge.error().message.find("input count"), std::string::npos) << huge.error().message;

    // HogEx without outputs.
    auto empty_hogex =
        Transaction::parse(hex("0200000000080187cb442c2208dafef5d74c69cfb6700695a910253415d87519398"
                               "38ceb51677c0000000000ffffffff000000000000"));
    ASSERT_FALSE(empty_hogex);
    EXPECT_NE(empty_hogex.error().message.find("HogEx"), std::string::npos)
        << empty_hogex.error().message;
}

}  // namespace
}  // namespace viddhana::chain
