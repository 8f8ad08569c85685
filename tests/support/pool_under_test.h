// A pool running inside the test process against a RegtestPair: the real StratumRole with its
// real config loader, on free ports, with every event on its bus recorded for the test to check.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/config.h"
#include "app/ledger_role.h"
#include "app/stratum_role.h"
#include "bus/in_process_bus.h"
#include "metrics/registry.h"
#include "regtest_pair.h"
#include "temp_dir.h"

namespace viddhana::test {

// Merges two YAML documents: top-level sections of `extra` replace keys of `base` one by one.
std::string merge_yaml(const std::string& base, const std::string& extra);

class PoolUnderTest {
  public:
    // `extra_yaml` is appended to the generated config (sections it names replace the defaults:
    // pass whole sections such as "mining:\n  min_difficulty: 0.0001\n").
    // With `with_ledger`, the ledger role runs on the same bus with its SQLite store in a
    // temporary directory (or PostgreSQL when the YAML names one).
    PoolUnderTest(RegtestPair& nodes, const std::string& pool_address,
                  const std::string& extra_yaml = "", bool with_ledger = false);
    ~PoolUnderTest();

    uint16_t stratum_port() const { return role_->server().port(); }
    app::StratumRole& role() { return *role_; }
    app::LedgerRole& ledger() { return *ledger_; }
    store::Store& store() { return ledger_->store(); }
    const app::Config& config() const { return config_; }
    metrics::Registry& registry() { return registry_; }
    bus::InProcessBus& bus() { return bus_; }
    // A metric's current value as rendered (e.g. "stratum_shares_total{status=\"accepted\"}").
    double metric(const std::string& series) const;

    std::vector<bus::ShareEvent> shares() const;
    std::vector<bus::FoundBlock> blocks() const;
    void stop();

    static std::string default_yaml(RegtestPair& nodes, const std::string& pool_address,
                                    uint16_t stratum_port);
    // default_yaml with `extra` laid over it, for a pool started as a process.
    static std::string process_yaml(RegtestPair& nodes, const std::string& pool_address,
                                    uint16_t stratum_port, const std::string& extra) {
        return merge_yaml(default_yaml(nodes, pool_address, stratum_port), extra);
    }

  private:
    app::Config config_;
    metrics::Registry registry_;
    bus::InProcessBus bus_;
    std::unique_ptr<bus::EventSubscription> subscription_;
    TempDir data_{"pool"};
    std::unique_ptr<app::LedgerRole> ledger_;
    std::unique_ptr<app::StratumRole> role_;
    std::thread collector_;
    mutable std::mutex mutex_;
    std::vector<bus::ShareEvent> shares_;
    std::vector<bus::FoundBlock> blocks_;
    bool stopped_ = false;
};

}  // namespace viddhana::test
