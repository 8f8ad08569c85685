#include "store/sql_database.h"

#include <functional>

namespace viddhana::store {

SqlDatabase::SqlDatabase(std::unique_ptr<SqlBackend> backend, const StoreConfig& config)
    : backend_(std::move(backend)), config_(config) {
    writer_.session = backend_->connect();
    for (int i = 0; i < config_.read_connections; ++i) {
        auto slot = std::make_unique<Slot>();
        slot->session = backend_->connect();
        readers_.push_back(std::move(slot));
    }
}

SqlDatabase::Lease SqlDatabase::write() {
    return Lease(writer_.mutex, *writer_.session);
}

SqlDatabase::Lease SqlDatabase::read() {
    if (readers_.empty()) return write();
    size_t start = next_reader_.fetch_add(1, std::memory_order_relaxed);
    for (size_t k = 0; k < readers_.size(); ++k) {
        Slot& slot = *readers_[(start + k) % readers_.size()];
        std::unique_lock<std::mutex> probe(slot.mutex, std::try_to_lock);
        if (probe.owns_lock()) {
            probe.unlock();  // Lease re-locks; a race here only costs a short wait.
            return Lease(slot.mutex, *slot.session);
        }
    }
    Slot& slot = *readers_[start % readers_.size()];
    return Lease(slot.mutex, *slot.session);
}

void execute_rows(SqlSession& session, std::string_view head, std::string_view tail, size_t columns,
                  size_t rows, const std::function<void(size_t, std::vector<SqlValue>&)>& fill,
                  size_t max_rows) {
    std::vector<SqlValue> values;
    for (size_t at = 0; at < rows; at += max_rows) {
        size_t n = std::min(max_rows, rows - at);
        std::string sql;
        sql.reserve(head.size() + tail.size() + n * columns * 6 + 16);
        sql.append(head).append(" VALUES ").append(placeholder_rows(n, columns)).append(" ");
        sql.append(tail);
        values.clear();
        values.reserve(n * columns);
        for (size_t r = 0; r < n; ++r)
            fill(at + r, values);
        session.execute(sql, SqlParams(values.data(), values.size()));
    }
}

}  // namespace viddhana::store
