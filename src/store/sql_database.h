// What the generic SQL repositories need from a backend: sessions (one writer, some readers,
// each leased to one thread at a time), the backend's migrations, and the few operations whose
// SQL differs (bulk share insert, share storage, retention, locks).
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

#include "bus/share_event.h"
#include "store/migration.h"
#include "store/sql_session.h"
#include "store/store_config.h"

namespace viddhana::store {

class SqlBackend {
  public:
    virtual ~SqlBackend() = default;
    virtual std::string_view name() const = 0;
    virtual std::unique_ptr<SqlSession> connect() = 0;
    virtual std::vector<Migration> migrations() const = 0;

    // Runs first inside each migration transaction.
    virtual void lock_for_migration(SqlSession&) {}
    // Runs first inside each append_shares transaction, so concurrent writers serialise.
    virtual void lock_share_writer(SqlSession&) {}
    // Makes room for shares with from_ms <= time_ms <= to_ms (inside the caller's transaction).
    virtual void ensure_share_storage(SqlSession&, int64_t from_ms, int64_t to_ms) = 0;
    // Called when an append transaction failed: forget anything cached about its effects.
    virtual void forget_cached_state() {}
    // Inserts shares[i] for every i in `indices` (inside the caller's transaction).
    virtual void insert_shares(SqlSession&, std::span<const bus::ShareEvent> shares,
                               std::span<const size_t> indices) = 0;
    // Removes shares with time_ms < cutoff_ms (PostgreSQL: whole daily partitions only).
    virtual int64_t drop_shares_before(SqlSession&, int64_t cutoff_ms) = 0;
};

class SqlDatabase {
  public:
    // Connects the writer and `config.read_connections` readers.
    SqlDatabase(std::unique_ptr<SqlBackend> backend, const StoreConfig& config);

    class Lease {
      public:
        Lease(std::mutex& m, SqlSession& s) : lock_(m), session_(&s) {}
        SqlSession& operator*() const { return *session_; }
        SqlSession* operator->() const { return session_; }

      private:
        std::unique_lock<std::mutex> lock_;
        SqlSession* session_;
    };

    Lease write();
    Lease read();
    SqlBackend& backend() { return *backend_; }
    const StoreConfig& config() const { return config_; }

  private:
    struct Slot {
        std::mutex mutex;
        std::unique_ptr<SqlSession> session;
    };
    std::unique_ptr<SqlBackend> backend_;
    StoreConfig config_;
    Slot writer_;
    std::vector<std::unique_ptr<Slot>> readers_;
    std::atomic<size_t> next_reader_{0};
};

// Runs an INSERT over many rows in statements of at most max_rows rows each:
// head + " VALUES (...),(...) " + tail. fill(row, out) appends the row's `columns` values.
void execute_rows(SqlSession& session, std::string_view head, std::string_view tail, size_t columns,
                  size_t rows, const std::function<void(size_t, std::vector<SqlValue>&)>& fill,
                  size_t max_rows = 1000);

}  // namespace viddhana::store
