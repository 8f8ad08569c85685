// The payout schemes by name (config `payout.scheme`), and when each one credits miners.
#pragma once
#include <string_view>

#include "base/expected.h"

namespace viddhana::ledger::payout {

enum class SchemeKind { pplns, pps, fpps, prop, solo };

// When a scheme turns work into credits: when the pool finds a block (PPLNS, PROP, SOLO), or as
// each share is accepted, whether or not a block follows (PPS, FPPS).
enum class CreditTime { block_found, share_accepted };

std::string_view to_string(SchemeKind kind);
std::string_view to_string(CreditTime time);
// "pplns", "pps", "fpps", "prop" or "solo" (ASCII case ignored); an error names the valid values.
Expected<SchemeKind> parse_scheme(std::string_view name);
CreditTime credit_time(SchemeKind kind);

}  // namespace viddhana::ledger::payout
