#include "pool_miner.h"

#include <fmt/format.h>

#include "share_finder.h"
#include "stratum/job_builder.h"
#include "wait.h"

namespace viddhana::test {

using namespace std::chrono_literals;

TestMiner connect_miner(uint16_t port, const std::string& user, const std::string& password) {
    TestMiner m;
    m.user = user;
    m.client = std::make_unique<StratumTestClient>(port);
    m.session = m.client->login(user, password);
    return m;
}

std::string mine_block(PoolUnderTest& pool, TestMiner& miner, RegtestPair& nodes,
                       RegtestNode node) {
    return mine_block(*pool.config().coin_params, miner, nodes, node);
}

std::string mine_block(const chain::CoinParams& coin, TestMiner& miner, RegtestPair& nodes,
                       RegtestNode node) {
    // Catch up with the job built on the node's tip.
    std::string tip = nodes.rpc(node, "getbestblockhash");
    std::string want = stratum::stratum_prevhash(*chain::Uint256::from_display_hex(tip));
    while (miner.session.notify[1] != want) {
        miner.session.notify = miner.client->next_notification("mining.notify")["params"];
    }
    int64_t height = nodes.height(node);
    static uint32_t counter = 0;
    std::string en2 = fmt::format("{:0{}x}", ++counter, 2 * miner.session.extranonce2_size);
    auto share =
        find_share(miner.session.notify, miner.session.extranonce1, en2, miner.session.difficulty,
                   coin.algorithm, coin.share_multiplier, ShareKind::meets_target);
    if (!share) throw std::runtime_error("no share found");
    auto r = miner.client->request(static_cast<int>(10000 + counter), "mining.submit",
                                   submit_params(miner.user, miner.session.notify, *share));
    if (r["result"] != true) throw std::runtime_error("share refused: " + r.dump());
    wait_until([&] { return nodes.height(node) > height; }, 60s, "the block on the node");
    return share->block_hash.display_hex();
}

}  // namespace viddhana::test
