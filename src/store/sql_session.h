// The small SQL surface the repositories are written against, implemented once for SQLite and
// once for PostgreSQL. Statements use $1, $2 ... placeholders on both (SQLite binds them by
// name). Values come back as SqlValue; the accessors convert PostgreSQL's text form.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace viddhana::store {

class SqlValue {
  public:
    SqlValue() = default;
    SqlValue(std::nullopt_t) {}
    SqlValue(int v) : v_(static_cast<int64_t>(v)) {}
    SqlValue(unsigned v) : v_(static_cast<int64_t>(v)) {}
    SqlValue(long v) : v_(static_cast<int64_t>(v)) {}
    SqlValue(long long v) : v_(static_cast<int64_t>(v)) {}
    SqlValue(double v) : v_(v) {}
    SqlValue(std::string v) : v_(std::move(v)) {}
    SqlValue(std::string_view v) : v_(std::string(v)) {}
    SqlValue(const char* v) : v_(std::string(v)) {}
    template <typename T>
    SqlValue(const std::optional<T>& v) {
        if (v) *this = SqlValue(*v);
    }

    bool is_null() const { return v_.index() == 0; }
    bool is_int() const { return v_.index() == 1; }
    bool is_double() const { return v_.index() == 2; }
    bool is_text() const { return v_.index() == 3; }
    int64_t int_value() const { return std::get<1>(v_); }
    double double_value() const { return std::get<2>(v_); }
    const std::string& text_value() const { return std::get<3>(v_); }

    // Conversions used when reading results; they throw StoreError on a value that does not
    // convert (a NULL reads as 0 / "" unless the optional forms are used).
    int64_t as_int() const;
    double as_double() const;
    std::string as_text() const;
    std::optional<int64_t> as_optional_int() const;
    std::optional<std::string> as_optional_text() const;

  private:
    std::variant<std::monostate, int64_t, double, std::string> v_;
};

using SqlParams = std::span<const SqlValue>;

class SqlRow {
  public:
    explicit SqlRow(std::vector<SqlValue> values) : values_(std::move(values)) {}
    size_t size() const { return values_.size(); }
    const SqlValue& operator[](size_t i) const { return values_.at(i); }
    int64_t i64(size_t i) const { return values_.at(i).as_int(); }
    double f64(size_t i) const { return values_.at(i).as_double(); }
    std::string text(size_t i) const { return values_.at(i).as_text(); }
    std::optional<int64_t> opt_i64(size_t i) const { return values_.at(i).as_optional_int(); }
    std::optional<std::string> opt_text(size_t i) const { return values_.at(i).as_optional_text(); }
    bool is_null(size_t i) const { return values_.at(i).is_null(); }

  private:
    std::vector<SqlValue> values_;
};

using SqlRows = std::vector<SqlRow>;

// One database connection; used by one thread at a time. Errors are thrown: StoreUnavailable
// when the database cannot be reached, StoreError otherwise.
class SqlSession {
  public:
    virtual ~SqlSession() = default;

    // Several statements without parameters (schema scripts).
    virtual void execute_script(std::string_view sql) = 0;
    // One statement; returns the number of rows it changed.
    virtual int64_t execute(std::string_view sql, SqlParams params) = 0;
    virtual SqlRows query(std::string_view sql, SqlParams params) = 0;

    int64_t execute(std::string_view sql, std::initializer_list<SqlValue> params = {}) {
        return execute(sql, SqlParams(params.begin(), params.size()));
    }
    SqlRows query(std::string_view sql, std::initializer_list<SqlValue> params = {}) {
        return query(sql, SqlParams(params.begin(), params.size()));
    }
    std::optional<SqlRow> query_one(std::string_view sql,
                                    std::initializer_list<SqlValue> params = {}) {
        auto rows = query(sql, params);
        if (rows.empty()) return std::nullopt;
        return std::move(rows.front());
    }

    // A write transaction (SQLite takes the write lock at once: BEGIN IMMEDIATE).
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    virtual bool in_transaction() const = 0;
};

// Rolls back unless committed.
class SqlTransaction {
  public:
    explicit SqlTransaction(SqlSession& session) : session_(session) { session_.begin(); }
    ~SqlTransaction() {
        if (!done_) session_.rollback();
    }
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;
    void commit() {
        session_.commit();
        done_ = true;
    }

  private:
    SqlSession& session_;
    bool done_ = false;
};

// "($1,$2,$3),($4,$5,$6)" for rows x columns placeholders, numbered from first.
std::string placeholder_rows(size_t rows, size_t columns, size_t first = 1);

}  // namespace viddhana::store
