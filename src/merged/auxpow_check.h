// The aux chain's verdict on an AuxPoW, computed by the pool before it submits one: the same checks
// in the same order as Dogecoin Core's CAuxPow::check and CheckAuxPowProofOfWork, with the same
// reasons (the node writes them to its debug.log and answers submitauxblock with a bare false).
#pragma once
#include <cstdint>
#include <optional>

#include "base/expected.h"
#include "chain/pow.h"
#include "chain/uint256.h"
#include "merged/aux_chain.h"
#include "merged/auxpow.h"

namespace viddhana::merged {

// The commitment and branch checks (CAuxPow::check) of `auxpow` for the aux block `aux_hash`
// (internal byte order) of chain `chain_id`. nullopt when they pass, else the node's reason.
std::optional<Error> check_auxpow_commitment(const AuxPow& auxpow, const chain::Uint256& aux_hash,
                                             int32_t chain_id, bool strict_chain_id);

// The commitment checks for `chain`, then the parent header's proof of work (the hasher must be
// of chain.algorithm) against the aux block's compact target `aux_bits`.
std::optional<Error> check_auxpow(const AuxPow& auxpow, const chain::Uint256& aux_hash,
                                  uint32_t aux_bits, const AuxChainParams& chain,
                                  chain::PowHasher& hasher);

}  // namespace viddhana::merged
