// The ledger's and the API's persistence: one Store per process, with a repository per concern.
// open_store picks SQLite or PostgreSQL from the config and applies schema migrations.
//
// Thread-safety: every repository method may be called from any thread. Each Store has one
// writer connection, guarded by a mutex (writes are serialised), and `read_connections`
// connections for reads, each used by one thread at a time. A method's writes commit in one
// transaction before it returns.
#pragma once
#include <memory>
#include <string_view>

#include "store/account_repository.h"
#include "store/balance_repository.h"
#include "store/block_repository.h"
#include "store/hashrate_repository.h"
#include "store/miner_repository.h"
#include "store/payment_repository.h"
#include "store/pool_state_repository.h"
#include "store/quarantine_repository.h"
#include "store/share_repository.h"
#include "store/store_config.h"
#include "store/store_error.h"

namespace viddhana::store {

// The schema version this build migrates to (the newest migration of both backends).
inline constexpr int kSchemaVersion = 8;

class Store {
  public:
    virtual ~Store() = default;

    virtual ShareRepository& shares() = 0;
    virtual HashrateRepository& hashrate() = 0;
    virtual MinerRepository& miners() = 0;
    virtual BlockRepository& blocks() = 0;
    virtual BalanceRepository& balances() = 0;
    virtual PaymentRepository& payments() = 0;
    virtual PoolStateRepository& state() = 0;
    virtual EventRepository& events() = 0;
    virtual AccountRepository& accounts() = 0;
    virtual QuarantineRepository& quarantine() = 0;

    virtual std::string_view backend_name() const = 0;  // "sqlite" or "postgres"
    virtual int schema_version() = 0;
};

// Opens (creating the SQLite file and its directory if needed) and migrates. Throws
// StoreUnavailable when PostgreSQL cannot be reached, SchemaTooNew when the database was
// migrated by a newer build, StoreError for other failures and for an invalid config.
std::unique_ptr<Store> open_store(const StoreConfig& config);

}  // namespace viddhana::store
