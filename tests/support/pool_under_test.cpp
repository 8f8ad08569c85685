#include "pool_under_test.h"

#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "base/clock.h"

namespace viddhana::test {

std::string PoolUnderTest::default_yaml(RegtestPair& nodes, const std::string& pool_address,
                                        uint16_t stratum_port) {
    auto a = nodes.endpoint(RegtestNode::a);
    return fmt::format(R"(coin: litecoin
network: regtest
server:
  host: 127.0.0.1
  port: {}
  threads: 2
node:
  rpc_url: {}
  rpc_user: {}
  rpc_password: {}
  poll_interval: 500ms
pool:
  address: {}
mining:
  initial_difficulty: 0.001
  min_difficulty: 0.0001
metrics:
  enabled: false
log:
  level: warn
)",
                       stratum_port, a.url, a.user, a.password, pool_address);
}

std::string merge_yaml(const std::string& base, const std::string& extra) {
    YAML::Node b = YAML::Load(base);
    if (extra.empty()) return base;
    YAML::Node e = YAML::Load(extra);
    for (const auto& kv : e) {
        const std::string key = kv.first.as<std::string>();
        if (kv.second.IsMap() && b[key] && b[key].IsMap()) {
            for (const auto& inner : kv.second)
                b[key][inner.first.as<std::string>()] = inner.second;
        } else {
            b[key] = kv.second;
        }
    }
    std::stringstream out;
    out << b;
    return out.str();
}

PoolUnderTest::PoolUnderTest(RegtestPair& nodes, const std::string& pool_address,
                             const std::string& extra_yaml, bool with_ledger) {
    std::string yaml = merge_yaml(
        default_yaml(nodes, pool_address, 0) + "data_dir: " + data_.path() + "\n", extra_yaml);
    config_ = app::load_config_text(yaml, [](const std::string&) { return std::nullopt; });
    subscription_ = bus_.subscribe();
    collector_ = std::thread([this] {
        bus::EventBatch batch;
        while (subscription_->poll(batch, std::chrono::milliseconds(100))) {
            std::lock_guard lock(mutex_);
            shares_.insert(shares_.end(), batch.shares.begin(), batch.shares.end());
            blocks_.insert(blocks_.end(), batch.blocks.begin(), batch.blocks.end());
            batch = {};
        }
    });
    if (with_ledger) {
        ledger_ =
            std::make_unique<app::LedgerRole>(config_, registry_, &bus_, SystemClock::instance());
        ledger_->start();
    }
    role_ = std::make_unique<app::StratumRole>(config_, registry_, bus_, SystemClock::instance());
    role_->start();
}

PoolUnderTest::~PoolUnderTest() {
    stop();
}

void PoolUnderTest::stop() {
    if (stopped_) return;
    stopped_ = true;
    role_->stop(false);
    bus_.close();
    if (ledger_) ledger_->stop();
    if (collector_.joinable()) collector_.join();
}

double PoolUnderTest::metric(const std::string& series) const {
    std::istringstream text(registry_.render());
    std::string line;
    while (std::getline(text, line)) {
        if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
    }
    return -1;
}

std::vector<bus::ShareEvent> PoolUnderTest::shares() const {
    std::lock_guard lock(mutex_);
    return shares_;
}

std::vector<bus::FoundBlock> PoolUnderTest::blocks() const {
    std::lock_guard lock(mutex_);
    return blocks_;
}

}  // namespace viddhana::test
