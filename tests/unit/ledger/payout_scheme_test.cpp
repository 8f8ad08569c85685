// Choosing a scheme from config: names, credit times and the factory's errors.
#include <gtest/gtest.h>

#include <string>

#include "ledger/payout/payout_scheme.h"
#include "ledger/payout/pplns_scheme.h"
#include "ledger/payout/solo_scheme.h"

namespace viddhana::ledger::payout {
namespace {

TEST(PayoutSchemeKind, ParsesEveryNameAndRoundTrips) {
    for (auto kind : {SchemeKind::pplns, SchemeKind::pps, SchemeKind::fpps, SchemeKind::prop,
                      SchemeKind::solo}) {
        auto parsed = parse_scheme(to_string(kind));
        ASSERT_TRUE(parsed);
        EXPECT_EQ(*parsed, kind);
    }
    EXPECT_EQ(*parse_scheme("PPLNS"), SchemeKind::pplns);
    EXPECT_EQ(*parse_scheme("Fpps"), SchemeKind::fpps);
}

TEST(PayoutSchemeKind, UnknownNameListsTheValidOnes) {
    auto bad = parse_scheme("pplns2");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message,
              "unknown payout scheme 'pplns2': expected one of pplns, pps, fpps, prop, solo");
    EXPECT_FALSE(parse_scheme(""));
    EXPECT_FALSE(parse_scheme("pps "));
}

TEST(PayoutSchemeKind, CreditTimes) {
    EXPECT_EQ(credit_time(SchemeKind::pplns), CreditTime::block_found);
    EXPECT_EQ(credit_time(SchemeKind::prop), CreditTime::block_found);
    EXPECT_EQ(credit_time(SchemeKind::solo), CreditTime::block_found);
    EXPECT_EQ(credit_time(SchemeKind::pps), CreditTime::share_accepted);
    EXPECT_EQ(credit_time(SchemeKind::fpps), CreditTime::share_accepted);
    EXPECT_EQ(to_string(CreditTime::share_accepted), "share_accepted");
}

TEST(PayoutSchemeFactory, BuildsEachSchemeFromConfig) {
    for (auto kind : {SchemeKind::pplns, SchemeKind::pps, SchemeKind::fpps, SchemeKind::prop,
                      SchemeKind::solo}) {
        PayoutConfig config;
        config.scheme = kind;
        config.fee_account = "pool";
        auto scheme = make_payout_scheme(config);
        ASSERT_TRUE(scheme) << scheme.error().message;
        EXPECT_EQ((*scheme)->kind(), kind);
        EXPECT_EQ((*scheme)->fee().ppm, 10'000);
        EXPECT_EQ((*scheme)->fee().account, "pool");
    }
}

TEST(PayoutSchemeFactory, DefaultsArePplnsFactorTwoOnePercent) {
    PayoutConfig config;
    config.fee_account = "pool";
    auto scheme = make_payout_scheme(config);
    ASSERT_TRUE(scheme);
    const auto* pplns = dynamic_cast<const PplnsScheme*>(scheme->get());
    ASSERT_NE(pplns, nullptr);
    EXPECT_DOUBLE_EQ(pplns->window_factor(), 2.0);
    EXPECT_DOUBLE_EQ((*scheme)->work_to_pay(1000)->last_n_work, 2000);
}

TEST(PayoutSchemeFactory, ErrorsNameTheBadSetting) {
    PayoutConfig config;
    config.fee_account = "pool";
    config.fee_percent = 150;
    auto fee = make_payout_scheme(config);
    ASSERT_FALSE(fee);
    EXPECT_NE(fee.error().message.find("pool fee"), std::string::npos);

    config.fee_percent = 1;
    config.fee_account = "";
    auto account = make_payout_scheme(config);
    ASSERT_FALSE(account);
    EXPECT_NE(account.error().message.find("account"), std::string::npos);

    config.fee_account = "pool";
    config.pplns_window_factor = 0;
    auto factor = make_payout_scheme(config);
    ASSERT_FALSE(factor);
    EXPECT_NE(factor.error().message.find("window factor"), std::string::npos);

    config.scheme = SchemeKind::solo;
    config.fee_percent = 0.125;  // a whole ppm, but not a whole basis point
    auto solo = make_payout_scheme(config);
    ASSERT_FALSE(solo);
    EXPECT_NE(solo.error().message.find("basis points"), std::string::npos);
    config.fee_percent = 1.25;
    auto ok = make_payout_scheme(config);
    ASSERT_TRUE(ok);
    EXPECT_EQ(dynamic_cast<const SoloScheme&>(**ok).fee_basis_points(), 125);
}

}  // namespace
}  // namespace viddhana::ledger::payout
