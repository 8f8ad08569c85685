// EIP-1559 transactions against ethers 6: the same unsigned payload, signing hash, signature
// (both use RFC 6979 nonces, so signatures are equal byte for byte), signed payload, hash and
// sender; and contract addresses as Hardhat assigns them.
#include "evm/transaction.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "evm/signing_key.h"
#include "vectors.h"

namespace viddhana::evm {
namespace {

using test::address;
using test::data;
using test::u128;
using test::u64;
using test::vectors;
using test::word;

Eip1559Transaction transaction_of(const nlohmann::json& v) {
    Eip1559Transaction tx;
    tx.chain_id = u64(v["chain_id"]);
    tx.nonce = u64(v["nonce"]);
    tx.max_priority_fee_per_gas = u128(v["max_priority_fee_per_gas"]);
    tx.max_fee_per_gas = u128(v["max_fee_per_gas"]);
    tx.gas_limit = u64(v["gas_limit"]);
    if (!v["to"].is_null()) tx.to = address(v["to"]);
    tx.value = u128(v["value"]);
    tx.data = data(v["data"]);
    for (const auto& e : v["access_list"]) {
        tx.access_list.push_back({address(e["address"]), test::words(e["storage_keys"])});
    }
    return tx;
}

TEST(Eip1559Transaction, SignsLikeEthers) {
    ASSERT_GE(vectors()["transactions"].size(), 4u);
    for (const auto& v : vectors()["transactions"]) {
        SCOPED_TRACE(v["signing_hash"].get<std::string>());
        Eip1559Transaction tx = transaction_of(v);
        EXPECT_EQ(data_hex(unsigned_payload(tx)), v["unsigned"].get<std::string>());
        EXPECT_EQ(signing_hash(tx), word(v["signing_hash"]));

        auto key = SigningKey::from_hex(v["private_key"].get<std::string>());
        ASSERT_TRUE(key.ok()) << key.error().message;
        EXPECT_EQ(key->address().checksummed(), v["sender"].get<std::string>());
        auto signed_tx = key->sign(tx);
        ASSERT_TRUE(signed_tx.ok()) << signed_tx.error().message;
        EXPECT_EQ(signed_tx->signature.y_parity, v["y_parity"].get<int>());
        EXPECT_EQ(signed_tx->signature.r, word(v["r"]));
        EXPECT_EQ(signed_tx->signature.s, word(v["s"]));
        EXPECT_EQ(data_hex(signed_tx->raw), v["signed"].get<std::string>());
        EXPECT_EQ(signed_tx->hash, word(v["hash"]));
        EXPECT_EQ(signed_tx->sender, key->address());
    }
}

TEST(Eip1559Transaction, AnyChangedFieldChangesTheSigningHash) {
    Eip1559Transaction tx = transaction_of(vectors()["transactions"][1]);
    auth::Hash256 original = signing_hash(tx);
    Eip1559Transaction other = tx;
    other.chain_id += 1;  // replay protection: the chain id is signed
    EXPECT_NE(signing_hash(other), original);
    other = tx;
    other.nonce += 1;
    EXPECT_NE(signing_hash(other), original);
    other = tx;
    other.data.back() ^= 1;
    EXPECT_NE(signing_hash(other), original);
    other = tx;
    other.to.reset();
    EXPECT_NE(signing_hash(other), original);
}

TEST(ContractAddress, AsHardhatAssignsThem) {
    // Hardhat's first account deploys its first contracts at these well-known addresses.
    auto deployer = auth::EthAddress::parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266").value();
    EXPECT_EQ(created_contract_address(deployer, 0).checksummed(),
              "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    EXPECT_EQ(created_contract_address(deployer, 1).checksummed(),
              "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
}

TEST(SigningKey, ReadsHexWithPrefixAndWhitespace) {
    const std::string hex = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    const std::string expected = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    for (const std::string& text : {hex, "0x" + hex, "  0x" + hex + "\n", "0X" + hex + "\r\n"}) {
        auto key = SigningKey::from_hex(text);
        ASSERT_TRUE(key.ok()) << key.error().message;
        EXPECT_EQ(key->address().checksummed(), expected);
    }
}

TEST(SigningKey, RefusesBadKeysWithoutRepeatingThem) {
    const std::string order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    for (const std::string& bad :
         {std::string(""), std::string(63, '1'), std::string(65, '1'), std::string(64, '0'),
          order /* n itself */, std::string(63, '1') + "g"}) {
        auto key = SigningKey::from_hex(bad);
        ASSERT_FALSE(key.ok()) << bad;
        if (bad.size() > 8) {
            EXPECT_EQ(key.error().message.find(bad.substr(0, 8)), std::string::npos)
                << key.error().message;
        }
    }
}

TEST(SigningKey, ReadsTheFirstLineOfAKeyFile) {
    char path[] = "/tmp/viddhana-key-XXXXXX";
    int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    close(fd);
    {
        std::ofstream out(path);
        out << "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\n";
    }
    auto key = SigningKey::from_file(path);
    std::remove(path);
    ASSERT_TRUE(key.ok()) << key.error().message;
    EXPECT_EQ(key->address().checksummed(), "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    auto missing = SigningKey::from_file(path);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find(path), std::string::npos);
}

TEST(SigningKey, MovingLeavesOneUsableKey) {
    auto key = SigningKey::from_hex(vectors()["transactions"][0]["private_key"].get<std::string>());
    ASSERT_TRUE(key.ok());
    SigningKey moved = std::move(*key);
    auto signed_tx = moved.sign(transaction_of(vectors()["transactions"][0]));
    ASSERT_TRUE(signed_tx.ok());
    EXPECT_EQ(signed_tx->hash, word(vectors()["transactions"][0]["hash"]));
}

}  // namespace
}  // namespace viddhana::evm
