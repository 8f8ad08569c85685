// The repositories written once in SQL that runs on both SQLite and PostgreSQL, over a
// SqlDatabase. Backend differences go through SqlBackend.
#pragma once
#include "store/sql_database.h"
#include "store/store.h"

namespace viddhana::store {

class SqlShareRepository final : public ShareRepository {
  public:
    explicit SqlShareRepository(SqlDatabase& db) : db_(db) {}
    Expected<AppendResult> append_shares(std::span<const bus::ShareEvent> shares) override;
    Expected<AppendResult> restore_shares(std::span<const bus::ShareEvent> shares) override;
    std::optional<uint64_t> high_water_mark(uint32_t node_id) override;
    Expected<std::vector<StoredShare>> shares_between(int64_t from_ms, int64_t to_ms,
                                                      int64_t limit) override;
    int64_t share_count() override;
    std::optional<ShareCursor> newest_accepted_share() override;
    Expected<PplnsWindow> pplns_window(double target, std::optional<ShareCursor> from) override;
    std::optional<ShareCursor> block_share(const std::string& block_hash) override;
    Expected<std::vector<MinerDifficulty>> miner_difficulty_between(
        std::optional<ShareCursor> after, ShareCursor upto) override;
    Expected<std::vector<StoredShare>> accepted_shares_after(std::optional<int64_t> after_id,
                                                             int64_t limit) override;
    void ensure_share_storage(int64_t now_ms) override;
    RetentionResult apply_retention(int64_t now_ms) override;

  private:
    SqlDatabase& db_;
};

class SqlHashrateRepository final : public HashrateRepository {
  public:
    explicit SqlHashrateRepository(SqlDatabase& db) : db_(db) {}
    HashrateWindow pool_hashrate(int64_t now_ms, int64_t span_ms) override;
    HashrateWindow miner_hashrate(const std::string& login, int64_t now_ms,
                                  int64_t span_ms) override;
    std::vector<WorkerHashrate> worker_hashrates(const std::string& login, int64_t now_ms,
                                                 int64_t span_ms) override;
    std::vector<HashratePoint> series(const std::optional<std::string>& login, int64_t from_ms,
                                      int64_t to_ms) override;
    Expected<std::vector<MinerHashrate>> leaderboard(int64_t now_ms, int64_t span_ms,
                                                     int64_t limit) override;
    ActiveCounts active_counts(int64_t now_ms, int64_t span_ms) override;

  private:
    SqlDatabase& db_;
};

class SqlMinerRepository final : public MinerRepository {
  public:
    explicit SqlMinerRepository(SqlDatabase& db) : db_(db) {}
    Expected<Miner> register_miner(const std::string& login, int64_t now_ms) override;
    std::optional<Miner> find_miner(const std::string& login) override;
    Expected<std::vector<Miner>> miners(Page page) override;
    int64_t miner_count() override;
    Expected<Miner> set_payout_threshold(const std::string& login,
                                         std::optional<int64_t> threshold) override;
    Expected<Miner> set_payout_address(const std::string& login, std::optional<std::string> address,
                                       int64_t now_ms) override;
    std::vector<int64_t> payout_address_changes(int64_t since_ms, int64_t limit) override;
    std::vector<Worker> workers(const std::string& login) override;
    bool forget_worker(const std::string& login, const std::string& name) override;

  private:
    SqlDatabase& db_;
};

class SqlBlockRepository final : public BlockRepository {
  public:
    explicit SqlBlockRepository(SqlDatabase& db) : db_(db) {}
    Expected<Block> add_block(const bus::FoundBlock& block,
                              ledger::payout::SchemeKind scheme) override;
    std::optional<Block> find_block(int64_t id) override;
    std::optional<Block> find_block_by_hash(const std::string& hash) override;
    Expected<std::vector<Block>> blocks(Page page, std::optional<BlockStatus> status) override;
    Expected<Block> update_confirmations(int64_t block_id, int64_t confirmations,
                                         int64_t now_ms) override;
    Expected<Block> mark_confirmed(int64_t block_id, int64_t confirmations,
                                   int64_t now_ms) override;
    Expected<Block> mark_orphaned(int64_t block_id, int64_t now_ms) override;
    Expected<Round> record_round(const NewRound& round) override;
    std::optional<Round> round_for_block(int64_t block_id) override;
    std::optional<Block> previous_block(int64_t block_id) override;
    Expected<std::vector<Block>> uncredited_blocks(int64_t limit) override;
    std::vector<FinderCount> finder_counts(int64_t since_ms,
                                           const std::optional<std::string>& login) override;

  private:
    SqlDatabase& db_;
};

class SqlBalanceRepository final : public BalanceRepository {
  public:
    explicit SqlBalanceRepository(SqlDatabase& db) : db_(db) {}
    Expected<std::vector<int64_t>> append_changes(
        std::span<const NewBalanceChange> changes) override;
    Expected<std::vector<int64_t>> append_changes_with_state(
        std::span<const NewBalanceChange> changes, const std::string& key, const std::string& value,
        int64_t now_ms) override;
    Balance balance(const std::string& login) override;
    Expected<std::vector<BalanceChange>> changes(const std::string& login, Page page) override;
    Expected<std::vector<PayableMiner>> payable_miners(int64_t default_threshold) override;
    std::vector<DailyAmount> daily_earnings(const std::string& login, int64_t from_ms,
                                            int64_t to_ms) override;

  private:
    SqlDatabase& db_;
};

class SqlPaymentRepository final : public PaymentRepository {
  public:
    explicit SqlPaymentRepository(SqlDatabase& db) : db_(db) {}
    Expected<Payment> create_intent(const NewPayment& payment) override;
    Expected<Payment> mark_sent(const std::string& id, const std::string& txid,
                                int64_t now_ms) override;
    Expected<int64_t> mark_batch_sent(const std::string& batch_id, const std::string& txid,
                                      int64_t now_ms) override;
    Expected<Payment> mark_confirmed(const std::string& id, int64_t now_ms) override;
    Expected<Payment> mark_failed(const std::string& id, const std::string& error,
                                  int64_t now_ms) override;
    Expected<Payment> hold(const std::string& id, const std::string& reason,
                           int64_t now_ms) override;
    Expected<Payment> release(const std::string& id, int64_t now_ms) override;
    std::optional<Payment> find_payment(const std::string& id) override;
    Expected<std::vector<Payment>> payments(const PaymentFilter& filter, Page page) override;
    PoolTotals pool_totals() override;

  private:
    SqlDatabase& db_;
};

class SqlPoolStateRepository final : public PoolStateRepository {
  public:
    explicit SqlPoolStateRepository(SqlDatabase& db) : db_(db) {}
    std::optional<std::string> get(const std::string& key) override;
    Expected<bool> put(const std::string& key, const std::string& value, int64_t now_ms) override;
    Expected<bool> compare_and_put(const std::string& key,
                                   const std::optional<std::string>& expected,
                                   const std::string& value, int64_t now_ms) override;

  private:
    SqlDatabase& db_;
};

class SqlEventRepository final : public EventRepository {
  public:
    explicit SqlEventRepository(SqlDatabase& db) : db_(db) {}
    Expected<Event> add_event(const NewEvent& event) override;
    Expected<std::vector<Event>> events(Page page, std::optional<std::string> kind) override;

  private:
    SqlDatabase& db_;
};

class SqlQuarantineRepository final : public QuarantineRepository {
  public:
    explicit SqlQuarantineRepository(SqlDatabase& db) : db_(db) {}
    Expected<bool> add(const NewQuarantined& record) override;
    Expected<std::vector<Quarantined>> list(Page page) override;
    std::optional<Quarantined> find(int64_t id) override;
    Expected<bool> set_reason(int64_t id, const std::string& reason) override;
    Expected<bool> remove(int64_t id) override;
    int64_t count() override;

  private:
    SqlDatabase& db_;
};

class SqlAccountRepository final : public AccountRepository {
  public:
    explicit SqlAccountRepository(SqlDatabase& db) : db_(db) {}
    Expected<Account> find_or_create_account(const std::string& wallet_address,
                                             int64_t now_ms) override;
    std::optional<Account> find_account(int64_t id) override;
    std::optional<Account> find_account_by_wallet(const std::string& wallet_address) override;
    Expected<Account> set_payout_address(int64_t account_id,
                                         std::optional<std::string> address) override;
    Expected<Account> begin_totp_enrolment(int64_t account_id,
                                           const std::string& secret_base32) override;
    Expected<Account> enable_totp(int64_t account_id, int64_t step) override;
    Expected<Account> disable_totp(int64_t account_id) override;
    Expected<bool> advance_totp_step(int64_t account_id, int64_t step) override;
    Expected<bool> compare_and_set_lockout(int64_t account_id, const AccountLockout& expected,
                                           const AccountLockout& next) override;
    Expected<AuthNonce> add_nonce(const AuthNonce& nonce) override;
    std::optional<AuthNonce> find_nonce(const std::string& nonce) override;
    Expected<bool> consume_nonce(const std::string& nonce, const std::string& address,
                                 int64_t now_ms) override;
    int64_t delete_expired_nonces(int64_t now_ms) override;
    Expected<RefreshTokenRecord> add_refresh_token(const NewRefreshTokenRecord& token) override;
    std::optional<RefreshTokenRecord> find_refresh_token(const std::string& hash) override;
    Expected<bool> rotate_refresh_token(const std::string& old_hash,
                                        const NewRefreshTokenRecord& next, int64_t now_ms) override;
    int64_t revoke_refresh_family(const std::string& family) override;
    int64_t revoke_account_refresh_tokens(int64_t account_id) override;
    std::vector<RefreshTokenRecord> active_sessions(int64_t account_id, int64_t now_ms) override;
    int64_t delete_expired_refresh_tokens(int64_t now_ms) override;
    Expected<MinerLink> link_miner(int64_t account_id, const std::string& login,
                                   MinerLinkMethod method, int64_t now_ms) override;
    Expected<bool> unlink_miner(int64_t account_id, const std::string& login) override;
    std::vector<MinerLink> linked_miners(int64_t account_id) override;
    std::optional<MinerLink> miner_link(const std::string& login) override;

  private:
    SqlDatabase& db_;
};

// Checks shared by several repositories.
std::optional<Error> check_login(const std::string& login);
bool miner_exists(SqlSession& session, const std::string& login);
// Appends a Page's time range (as conditions; `has_where`: the query has a WHERE already), its
// order by (time_column, id_column) and its LIMIT/OFFSET, with their parameters.
void append_page(std::string& sql, std::vector<SqlValue>& params, const Page& page,
                 std::string_view time_column, std::string_view id_column, bool has_where);
// Mature, unpaid balance (rows not tied to a pending block).
int64_t pending_balance(SqlSession& session, const std::string& login);

}  // namespace viddhana::store
