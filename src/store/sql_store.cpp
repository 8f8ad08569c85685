// Store over a SqlDatabase, and open_store choosing the backend.
#include <chrono>

#include "store/postgres/pg_store.h"
#include "store/sql_repositories.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace viddhana::store {
namespace {

int64_t wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

class SqlStore final : public Store {
  public:
    SqlStore(std::unique_ptr<SqlBackend> backend, const StoreConfig& config)
        : db_(std::move(backend), config),
          shares_(db_),
          hashrate_(db_),
          miners_(db_),
          blocks_(db_),
          balances_(db_),
          payments_(db_),
          state_(db_),
          events_(db_),
          accounts_(db_),
          quarantine_(db_) {
        auto s = db_.write();
        auto migrations = db_.backend().migrations();
        SqlBackend& backend_ref = db_.backend();
        apply_migrations(*s, migrations, wall_clock_ms(), [&backend_ref](SqlSession& session) {
            backend_ref.lock_for_migration(session);
        });
    }

    ShareRepository& shares() override { return shares_; }
    HashrateRepository& hashrate() override { return hashrate_; }
    MinerRepository& miners() override { return miners_; }
    BlockRepository& blocks() override { return blocks_; }
    BalanceRepository& balances() override { return balances_; }
    PaymentRepository& payments() override { return payments_; }
    PoolStateRepository& state() override { return state_; }
    EventRepository& events() override { return events_; }
    AccountRepository& accounts() override { return accounts_; }
    QuarantineRepository& quarantine() override { return quarantine_; }
    std::string_view backend_name() const override { return backend_name_; }
    int schema_version() override {
        auto s = db_.read();
        return store::schema_version(*s);
    }

    void set_backend_name(std::string_view name) { backend_name_ = name; }

  private:
    SqlDatabase db_;
    SqlShareRepository shares_;
    SqlHashrateRepository hashrate_;
    SqlMinerRepository miners_;
    SqlBlockRepository blocks_;
    SqlBalanceRepository balances_;
    SqlPaymentRepository payments_;
    SqlPoolStateRepository state_;
    SqlEventRepository events_;
    SqlAccountRepository accounts_;
    SqlQuarantineRepository quarantine_;
    std::string_view backend_name_;
};

}  // namespace

std::unique_ptr<Store> open_store(const StoreConfig& given) {
    auto config = validate(given);
    if (!config) throw StoreError("invalid store config: " + config.error().message);
    std::unique_ptr<SqlBackend> backend;
    if (config->backend == StoreBackend::sqlite) {
        // An in-memory database exists once per connection: readers could not see it.
        if (config->sqlite_path == ":memory:") config->read_connections = 0;
        backend = std::make_unique<SqliteBackend>(config->sqlite_path);
    } else {
        backend = std::make_unique<PgBackend>(config->postgres);
    }
    std::string_view name = backend->name();
    auto store = std::make_unique<SqlStore>(std::move(backend), *config);
    store->set_backend_name(name);
    store->shares().ensure_share_storage(wall_clock_ms());
    return store;
}

}  // namespace viddhana::store
