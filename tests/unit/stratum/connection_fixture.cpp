#include "connection_fixture.h"

#include <fstream>
#include <sstream>

#include "stratum/stratum_server.h"

namespace viddhana::stratum::test {

namespace {

std::shared_ptr<const node::BlockTemplate> load_template() {
    std::ifstream in(std::string(VIDDHANA_SOURCE_DIR) + "/tests/data/node/gbt_regtest_txs.json");
    std::stringstream ss;
    ss << in.rdbuf();
    auto parsed = node::parse_block_template(json::parse(ss.str()));
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return std::make_shared<node::BlockTemplate>(std::move(parsed.value()));
}

const chain::CoinParams& regtest() {
    return *chain::find_coin("litecoin", chain::Network::regtest);
}

}  // namespace

std::string line(const json& j) {
    return j.dump() + "\n";
}

int64_t job_time_ms(const RecordingHost&) {
    return int64_t{1795730394} * 1000;
}

RecordingHost::RecordingHost(StratumConfig cfg)
    : config(std::move(cfg)),
      coin(regtest()),
      metrics(registry),
      admission(StratumServer::admission_policy(config)),
      extranonces(config.node_id),
      validator(coin),
      hasher(coin.algorithm),
      tools_{config, coin, metrics, admission, extranonces, validator, parser, request},
      builder_(coin, config.coinbase),
      template_(load_template()) {}

JobPtr RecordingHost::find_job(uint64_t id) const {
    auto it = jobs_.find(id);
    return it == jobs_.end() ? nullptr : it->second;
}

void RecordingHost::block_found(std::string block_hex, bus::FoundBlock) {
    blocks.push_back(std::move(block_hex));
}

JobPtr RecordingHost::make_job(bool clean, bool easy_blocks) {
    auto d = chain::decode_address(kAddress, coin);
    auto built = builder_.build(template_, {d->script_pubkey, {}, 0}, next_id_++, clean, 0);
    if (!built) throw std::runtime_error(built.error().message);
    std::shared_ptr<Job> job = *built;
    if (!easy_blocks) job->network_target = *chain::Uint256::from_compact(0x1b00ffff);
    if (clean) jobs_.clear();
    jobs_[job->id] = job;
    current_ = job;
    return job;
}

void RecordingHost::broadcast(std::initializer_list<Connection*> connections, int64_t now_ms) {
    for (Connection* c : connections)
        c->on_job(current_, now_ms);
}

void RecordingHost::hash_pending(Connection& c, int64_t now_ms) {
    ASSERT_TRUE(c.awaiting_pow());
    c.on_pow(hasher.hash(c.pending_header().data()), now_ms);
}

std::vector<json> MinerView::take() {
    std::string text = c_.outbox().text();
    c_.outbox().consume(c_.outbox().size());
    std::vector<json> out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        EXPECT_NE(nl, std::string::npos) << "unterminated line: " << text.substr(pos);
        if (nl == std::string::npos) break;
        json j = json::parse(text.substr(pos, nl - pos));
        pos = nl + 1;
        if (j.contains("result") && j["result"].is_array() && j["result"].size() == 3 &&
            j["result"][1].is_string()) {
            extranonce1_ = j["result"][1].get<std::string>();
            extranonce2_size_ = j["result"][2].get<int>();
        }
        if (j.value("method", "") == "mining.set_difficulty") {
            difficulty_ = j["params"][0].get<double>();
        }
        if (j.value("method", "") == "mining.set_extranonce") {
            extranonce1_ = j["params"][0].get<std::string>();
            extranonce2_size_ = j["params"][1].get<int>();
        }
        out.push_back(j);
        received_.push_back(std::move(j));
    }
    return out;
}

json MinerView::last(std::string_view method) const {
    for (auto it = received_.rbegin(); it != received_.rend(); ++it) {
        if (it->value("method", "") == method) return *it;
    }
    return nullptr;
}

json MinerView::answer(const json& id) const {
    for (const auto& j : received_) {
        if (!j.contains("method") && j.contains("id") && j["id"] == id) return j;
    }
    return nullptr;
}

json MinerView::share(const std::string& worker, const json& p, double difficulty, bool meets,
                      uint32_t first_nonce, const std::string& extranonce2, double too_hard) {
    // The job the notify names is the host's: its id's low 32 bits (DifficultyHistory).
    const std::string wire_id = p[0].get<std::string>();
    std::string en2 = extranonce2.empty() ? std::string(2 * extranonce2_size_, '0') : extranonce2;
    Bytes en1 = *from_hex(extranonce1_);
    uint64_t id = std::stoull(wire_id, nullptr, 16) & 0xffffffffULL;
    JobPtr found = host_.find_job(id);
    if (!found) throw std::runtime_error("share for a job the host no longer has");
    const Job* job = found.get();
    SubmitParams submit;
    submit.worker = worker;
    submit.job_id = wire_id;
    submit.extranonce2 = en2;
    submit.ntime = p[7].get<std::string>();
    ShareContext ctx;
    ctx.extranonce1 = en1;
    ctx.extranonce2_size = extranonce2_size_;
    ctx.difficulty = difficulty;
    ctx.share_target = chain::target_from_difficulty(difficulty, host_.coin.share_multiplier);
    ctx.now_s = job_time_ms(host_) / 1000;
    for (uint32_t nonce = first_nonce; nonce < first_nonce + 1'000'000; ++nonce) {
        submit.nonce = fmt::format("{:08x}", nonce);
        ShareCheck c = host_.validator.prepare(*job, submit, ctx);
        if (c.result != bus::ShareResult::accepted) {
            throw std::runtime_error("the test's own share is malformed: " + std::string(c.reason));
        }
        chain::Uint256 pow = host_.hasher.hash(c.header.data());
        bool hit = pow <= ctx.share_target;
        bool block = pow <= job->network_target;
        bool beyond = too_hard > 0 &&
                      pow <= chain::target_from_difficulty(too_hard, host_.coin.share_multiplier);
        if (hit == meets && !block && !beyond) {
            return json::array({worker, wire_id, en2, submit.ntime, submit.nonce});
        }
    }
    throw std::runtime_error("no nonce found");
}

}  // namespace viddhana::stratum::test
