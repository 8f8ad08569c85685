#include "ledger/payout/payout_scheme.h"

#include <string>

#include "ledger/payout/fpps_scheme.h"
#include "ledger/payout/pplns_scheme.h"
#include "ledger/payout/pps_scheme.h"
#include "ledger/payout/prop_scheme.h"
#include "ledger/payout/solo_scheme.h"

namespace viddhana::ledger::payout {

namespace {

Error wrong_time(SchemeKind kind, std::string_view what) {
    const std::string name(to_string(kind));
    const bool at_shares = credit_time(kind) == CreditTime::share_accepted;
    return make_error(name +
                      (at_shares ? " credits shares as they are accepted"
                                 : " credits miners when a block is found") +
                      ": it has no " + std::string(what));
}

template <typename Scheme>
Expected<std::unique_ptr<PayoutScheme>> boxed(Expected<Scheme> scheme) {
    if (!scheme) return scheme.error();
    return std::unique_ptr<PayoutScheme>(std::make_unique<Scheme>(std::move(*scheme)));
}

}  // namespace

Expected<WorkToPay> PayoutScheme::work_to_pay(double) const {
    return wrong_time(kind(), "work to pay for a block");
}

Expected<Split> PayoutScheme::split_block(const BlockReward&, std::span<const MinerWork>) const {
    return wrong_time(kind(), "split of a block");
}

Expected<Split> PayoutScheme::credit_shares(std::span<const MinerWork>, const ShareTerms&) const {
    return wrong_time(kind(), "credits for shares");
}

Expected<std::unique_ptr<PayoutScheme>> make_payout_scheme(const PayoutConfig& config) {
    if (config.scheme == SchemeKind::solo) {
        return boxed(SoloScheme::create(config.fee_percent, config.fee_account));
    }
    auto fee = make_pool_fee(config.fee_percent, config.fee_account);
    if (!fee) return fee.error();
    switch (config.scheme) {
        case SchemeKind::pplns:
            return boxed(PplnsScheme::create(config.pplns_window_factor, std::move(*fee)));
        case SchemeKind::prop:
            return boxed(PropScheme::create(std::move(*fee)));
        case SchemeKind::pps:
            return boxed(PpsScheme::create(std::move(*fee)));
        case SchemeKind::fpps:
            return boxed(FppsScheme::create(std::move(*fee)));
        case SchemeKind::solo:
            break;
    }
    return make_error("unknown payout scheme");
}

}  // namespace viddhana::ledger::payout
