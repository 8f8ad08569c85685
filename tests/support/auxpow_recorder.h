// Merged mining against real nodes: builds AuxPoW with the pool's library (src/merged) for blocks
// that a dogecoind regtest node hands out, on parent blocks built from a litecoind regtest pair's
// templates, submits them, and records every answer. Accepted cases also submit the parent block
// to litecoind, which shows that the commitment keeps the parent block valid.
//
// The recording (JSON, format in tests/data/merged/README.md) is what the capture tool writes to
// tests/data/merged and what the unit tests replay without the nodes; the dogecoind integration
// test runs the same cases live and checks the verdicts.
#pragma once
#include <nlohmann/json.hpp>

#include "dogecoin_regtest.h"
#include "regtest_pair.h"

namespace viddhana::test {

// Runs every case in order on the two chains (both advance) and returns the recording. Throws when
// a node fails in a way no case expects (an RPC transport error, a wrong chain id, ...).
nlohmann::json record_auxpow_cases(DogecoinRegtest& dogecoin, RegtestPair& litecoin);

}  // namespace viddhana::test
