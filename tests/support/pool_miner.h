// Mining through a pool from a test, one share (on regtest: one block) at a time, with a plain
// Stratum client per miner. Several miners can take turns: each one catches up with the newest
// job before it mines.
#pragma once
#include <memory>
#include <string>

#include "pool_under_test.h"
#include "regtest_pair.h"
#include "stratum_test_client.h"

namespace viddhana::test {

struct TestMiner {
    std::string user;  // ADDRESS.WORKER
    std::unique_ptr<StratumTestClient> client;
    StratumTestClient::Session session;
};

TestMiner connect_miner(uint16_t port, const std::string& user, const std::string& password = "x");

// Submits one share on the job for the node's current tip and waits until the node has the
// block it solves. Returns the block's hash.
std::string mine_block(PoolUnderTest& pool, TestMiner& miner, RegtestPair& nodes,
                       RegtestNode node = RegtestNode::a);
// The same against a pool running in another process.
std::string mine_block(const chain::CoinParams& coin, TestMiner& miner, RegtestPair& nodes,
                       RegtestNode node = RegtestNode::a);

}  // namespace viddhana::test
