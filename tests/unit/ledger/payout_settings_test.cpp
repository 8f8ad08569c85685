// Payout settings: exact decimal amounts, the pool's threshold range, addresses of the right
// network, and a change with any bad value leaving the stored settings as they were.
#include "ledger/payout_settings.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "store/store.h"

namespace viddhana::ledger {
namespace {

TEST(PayoutSettings, ParsesDecimalCoinsExactly) {
    EXPECT_EQ(*parse_coin_amount("0.1"), 10'000'000);
    EXPECT_EQ(*parse_coin_amount("12"), 1'200'000'000);
    EXPECT_EQ(*parse_coin_amount("0.00000001"), 1);
    EXPECT_EQ(*parse_coin_amount("100.5"), 10'050'000'000);
    EXPECT_EQ(*parse_coin_amount(".5"), 50'000'000);
    // 0.29 is not exact in binary floating point; here it is.
    EXPECT_EQ(*parse_coin_amount("0.29"), 29'000'000);
}

TEST(PayoutSettings, RefusesWhatIsNotAPlainAmount) {
    for (const char* bad : {"", "-1", "1e3", "0.000000001", "1.2.3", "abc", ".", "1,5"}) {
        auto r = parse_coin_amount(bad);
        EXPECT_FALSE(r) << bad;
    }
    EXPECT_NE(parse_coin_amount("0.000000001").error().message.find("more than 8 decimal places"),
              std::string::npos);
    EXPECT_FALSE(parse_coin_amount("99999999999"));
}

TEST(PayoutSettings, ThresholdMustLieInThePoolsRange) {
    LedgerConfig config;  // 0.01 .. 100 coins
    EXPECT_TRUE(check_payout_threshold(1'000'000, config));
    EXPECT_TRUE(check_payout_threshold(10'000'000'000, config));
    auto low = check_payout_threshold(999'999, config);
    ASSERT_FALSE(low);
    EXPECT_EQ(low.error().message,
              "payout threshold 0.00999999 is outside the pool's range 0.01000000 to 100.00000000");
    EXPECT_FALSE(check_payout_threshold(10'000'000'001, config));
}

TEST(PayoutSettings, AddressMustBelongToTheCoinsNetwork) {
    const auto& regtest = *chain::find_coin("litecoin", chain::Network::regtest);
    const auto& mainnet = *chain::find_coin("litecoin", chain::Network::mainnet);
    // BIP173's P2WPKH program under each network's prefix.
    const std::string main_address = "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9";
    EXPECT_TRUE(check_payout_address(main_address, mainnet));
    auto wrong = check_payout_address(main_address, regtest);
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("not a valid litecoin regtest address"),
              std::string::npos);
}

class PayoutSettingsStore : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("viddhana-settings-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
        store::StoreConfig c;
        c.backend = store::StoreBackend::sqlite;
        c.sqlite_path = (dir_ / "viddhana.db").string();
        store_ = store::open_store(c);
        ASSERT_TRUE(store_->miners().register_miner(kLogin, 1000));
    }
    void TearDown() override {
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    static constexpr const char* kLogin = "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9";
    std::filesystem::path dir_;
    std::unique_ptr<store::Store> store_;
    LedgerConfig config_;
    const chain::CoinParams& coin_ = *chain::find_coin("litecoin", chain::Network::mainnet);
};

TEST_F(PayoutSettingsStore, StoresAValidChange) {
    PayoutSettingsChange change;
    change.threshold = std::optional<int64_t>(50'000'000);
    change.address = std::optional<std::string>("MQMcJhpWHYVeQArcZR3sBgyPZxxRtnH441");
    auto r = apply_payout_settings(store_->miners(), kLogin, change, config_, coin_, 1000);
    ASSERT_TRUE(r) << r.error().message;
    auto m = store_->miners().find_miner(kLogin);
    EXPECT_EQ(m->payout_threshold, 50'000'000);
    EXPECT_EQ(m->payout_address, "MQMcJhpWHYVeQArcZR3sBgyPZxxRtnH441");

    // Back to the defaults.
    PayoutSettingsChange reset;
    reset.threshold = std::optional<int64_t>();
    reset.address = std::optional<std::string>();
    EXPECT_EQ(m->payout_address_changed_ms, 1000);
    // The same address again is no change.
    PayoutSettingsChange same;
    same.address = std::optional<std::string>("MQMcJhpWHYVeQArcZR3sBgyPZxxRtnH441");
    ASSERT_TRUE(apply_payout_settings(store_->miners(), kLogin, same, config_, coin_, 2000));
    EXPECT_EQ(store_->miners().find_miner(kLogin)->payout_address_changed_ms, 1000);
    ASSERT_TRUE(apply_payout_settings(store_->miners(), kLogin, reset, config_, coin_, 3000));
    m = store_->miners().find_miner(kLogin);
    EXPECT_FALSE(m->payout_threshold);
    EXPECT_FALSE(m->payout_address);
    EXPECT_EQ(m->payout_address_changed_ms, 3000);  // back to the login is a change too
    EXPECT_EQ(store_->miners().payout_address_changes(0, 10), std::vector<int64_t>{3000});
}

TEST_F(PayoutSettingsStore, OneBadValueChangesNothing) {
    PayoutSettingsChange change;
    change.threshold = std::optional<int64_t>(50'000'000);          // fine
    change.address = std::optional<std::string>("not-an-address");  // bad
    auto r = apply_payout_settings(store_->miners(), kLogin, change, config_, coin_, 1000);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("payout address 'not-an-address'"), std::string::npos);
    auto m = store_->miners().find_miner(kLogin);
    EXPECT_FALSE(m->payout_threshold) << "the good threshold must not be stored either";
    EXPECT_FALSE(m->payout_address);
}

TEST_F(PayoutSettingsStore, UnknownMinerIsRefused) {
    PayoutSettingsChange change;
    change.threshold = std::optional<int64_t>(50'000'000);
    auto r = apply_payout_settings(store_->miners(), "ltc1qunknown", change, config_, coin_, 1000);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("no miner"), std::string::npos);
}

}  // namespace
}  // namespace viddhana::ledger
