#include "store/records.h"

#include <array>
#include <cctype>
#include <utility>

namespace viddhana::store {
namespace {

template <typename E, size_t N>
Expected<E> parse_enum(std::string_view s,
                       const std::array<std::pair<E, std::string_view>, N>& names,
                       std::string_view what) {
    for (const auto& [value, name] : names) {
        if (name == s) return value;
    }
    std::string allowed;
    for (const auto& [value, name] : names) {
        if (!allowed.empty()) allowed += ", ";
        allowed += name;
    }
    return make_error("unknown " + std::string(what) + " '" + std::string(s) +
                      "' (expected one of " + allowed + ")");
}

template <typename E, size_t N>
std::string_view name_of(E value, const std::array<std::pair<E, std::string_view>, N>& names) {
    for (const auto& [v, name] : names) {
        if (v == value) return name;
    }
    return "?";
}

constexpr std::array<std::pair<BlockStatus, std::string_view>, 3> kBlockStatus{{
    {BlockStatus::pending, "pending"},
    {BlockStatus::confirmed, "confirmed"},
    {BlockStatus::orphaned, "orphaned"},
}};
constexpr std::array<std::pair<BalanceReason, std::string_view>, 6> kReason{{
    {BalanceReason::block_credit, "block_credit"},
    {BalanceReason::fee, "fee"},
    {BalanceReason::pps_credit, "pps_credit"},
    {BalanceReason::payment, "payment"},
    {BalanceReason::orphan_reversal, "orphan_reversal"},
    {BalanceReason::adjustment, "adjustment"},
}};
constexpr std::array<std::pair<PaymentStatus, std::string_view>, 5> kPaymentStatus{{
    {PaymentStatus::intent, "intent"},
    {PaymentStatus::sent, "sent"},
    {PaymentStatus::confirmed, "confirmed"},
    {PaymentStatus::failed, "failed"},
    {PaymentStatus::held, "held"},
}};
constexpr std::array<std::pair<EventSeverity, std::string_view>, 3> kSeverity{{
    {EventSeverity::info, "info"},
    {EventSeverity::warning, "warning"},
    {EventSeverity::critical, "critical"},
}};

}  // namespace

Expected<Page> validate(Page page) {
    if (page.limit < 1 || page.limit > 1000) {
        return make_error("page limit must be 1..1000, got " + std::to_string(page.limit));
    }
    if (page.offset < 0) {
        return make_error("page offset must be >= 0, got " + std::to_string(page.offset));
    }
    if (page.from_ms < 0 || page.to_ms < 0) return make_error("page times must be >= 0");
    if (page.to_ms != 0 && page.to_ms <= page.from_ms) {
        return make_error("page range is empty: to (" + std::to_string(page.to_ms) +
                          ") must be after from (" + std::to_string(page.from_ms) + ")");
    }
    return page;
}

double hashes_per_second(const HashrateWindow& w, double hashes_per_difficulty) {
    int64_t span_ms = w.to_ms - w.from_ms;
    if (span_ms <= 0) return 0;
    return w.accepted_difficulty * hashes_per_difficulty * 1000.0 / static_cast<double>(span_ms);
}

std::string_view to_string(BlockStatus s) {
    return name_of(s, kBlockStatus);
}
std::string_view to_string(BalanceReason r) {
    return name_of(r, kReason);
}
std::string_view to_string(PaymentStatus s) {
    return name_of(s, kPaymentStatus);
}
std::string_view to_string(EventSeverity s) {
    return name_of(s, kSeverity);
}

Expected<BlockStatus> parse_block_status(std::string_view s) {
    return parse_enum(s, kBlockStatus, "block status");
}
Expected<BalanceReason> parse_balance_reason(std::string_view s) {
    return parse_enum(s, kReason, "balance change reason");
}
Expected<PaymentStatus> parse_payment_status(std::string_view s) {
    return parse_enum(s, kPaymentStatus, "payment status");
}
Expected<EventSeverity> parse_event_severity(std::string_view s) {
    return parse_enum(s, kSeverity, "event severity");
}

bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash) {
            if (s[i] != '-') return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace viddhana::store
