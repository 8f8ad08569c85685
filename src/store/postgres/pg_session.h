// SqlSession over one libpqxx connection. Statements are prepared once per connection and
// cached. A lost connection raises StoreUnavailable and is re-opened on the next call.
#pragma once
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <unordered_map>

#include "store/sql_session.h"

namespace viddhana::store {

class PgSession final : public SqlSession {
  public:
    // Connects at once; throws StoreUnavailable when the server cannot be reached.
    // `description` names the server in errors (never the password).
    PgSession(std::string conninfo, std::string description);
    ~PgSession() override;

    using SqlSession::execute;
    using SqlSession::query;
    void execute_script(std::string_view sql) override;
    int64_t execute(std::string_view sql, SqlParams params) override;
    SqlRows query(std::string_view sql, SqlParams params) override;
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    bool in_transaction() const override { return tx_ != nullptr; }

    // The open transaction, for COPY. Only valid between begin() and commit().
    pqxx::work& transaction();

    // Runs f(), translating libpqxx exceptions into StoreUnavailable / StoreError.
    template <typename F>
    auto guarded(std::string_view what, F&& f) -> decltype(f());

  private:
    template <typename F>
    auto with_retry(std::string_view sql, F&& f) -> decltype(f());
    pqxx::connection& connection();
    pqxx::result run(std::string_view sql, SqlParams params);
    [[noreturn]] void translate(std::string_view what);
    void drop_connection() noexcept;

    std::string conninfo_;
    std::string description_;
    std::unique_ptr<pqxx::connection> conn_;
    std::unique_ptr<pqxx::work> tx_;
    std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
    uint64_t next_statement_ = 0;
};

template <typename F>
auto PgSession::guarded(std::string_view what, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::exception&) {
        translate(what);
    }
}

}  // namespace viddhana::store
