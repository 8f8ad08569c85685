#include "ledger/payout/scheme_kind.h"

#include <array>
#include <string>
#include <utility>

namespace viddhana::ledger::payout {

namespace {

constexpr std::array<std::pair<SchemeKind, std::string_view>, 5> kNames{{
    {SchemeKind::pplns, "pplns"},
    {SchemeKind::pps, "pps"},
    {SchemeKind::fpps, "fpps"},
    {SchemeKind::prop, "prop"},
    {SchemeKind::solo, "solo"},
}};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (x != b[i]) return false;
    }
    return true;
}

}  // namespace

std::string_view to_string(SchemeKind kind) {
    for (const auto& [k, name] : kNames) {
        if (k == kind) return name;
    }
    return "pplns";
}

std::string_view to_string(CreditTime time) {
    return time == CreditTime::block_found ? "block_found" : "share_accepted";
}

Expected<SchemeKind> parse_scheme(std::string_view name) {
    for (const auto& [kind, known] : kNames) {
        if (equal_ignoring_case(name, known)) return kind;
    }
    return make_error("unknown payout scheme '" + std::string(name) +
                      "': expected one of pplns, pps, fpps, prop, solo");
}

CreditTime credit_time(SchemeKind kind) {
    switch (kind) {
        case SchemeKind::pps:
        case SchemeKind::fpps:
            return CreditTime::share_accepted;
        case SchemeKind::pplns:
        case SchemeKind::prop:
        case SchemeKind::solo:
            return CreditTime::block_found;
    }
    return CreditTime::block_found;
}

}  // namespace viddhana::ledger::payout
