#include "store/sql_session.h"

#include <charconv>
#include <cmath>

#include "store/store_error.h"

namespace viddhana::store {

int64_t SqlValue::as_int() const {
    switch (v_.index()) {
        case 0:
            return 0;
        case 1:
            return std::get<1>(v_);
        case 2: {
            double d = std::get<2>(v_);
            if (!std::isfinite(d) || d != std::floor(d)) {
                throw StoreError("expected an integer column, got " + std::to_string(d));
            }
            return static_cast<int64_t>(d);
        }
        default: {
            const std::string& s = std::get<3>(v_);
            int64_t out = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
            if (ec != std::errc() || p != s.data() + s.size()) {
                throw StoreError("expected an integer column, got '" + s + "'");
            }
            return out;
        }
    }
}

double SqlValue::as_double() const {
    switch (v_.index()) {
        case 0:
            return 0;
        case 1:
            return static_cast<double>(std::get<1>(v_));
        case 2:
            return std::get<2>(v_);
        default: {
            const std::string& s = std::get<3>(v_);
            double out = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
            if (ec != std::errc() || p != s.data() + s.size()) {
                throw StoreError("expected a numeric column, got '" + s + "'");
            }
            return out;
        }
    }
}

std::string SqlValue::as_text() const {
    switch (v_.index()) {
        case 0:
            return {};
        case 1:
            return std::to_string(std::get<1>(v_));
        case 2: {
            char buf[64];
            auto [p, ec] = std::to_chars(buf, buf + sizeof buf, std::get<2>(v_));
            return std::string(buf, p);
        }
        default:
            return std::get<3>(v_);
    }
}

std::optional<int64_t> SqlValue::as_optional_int() const {
    if (is_null()) return std::nullopt;
    return as_int();
}

std::optional<std::string> SqlValue::as_optional_text() const {
    if (is_null()) return std::nullopt;
    return as_text();
}

std::string placeholder_rows(size_t rows, size_t columns, size_t first) {
    std::string out;
    out.reserve(rows * columns * 6);
    size_t n = first;
    for (size_t r = 0; r < rows; ++r) {
        if (r) out += ',';
        out += '(';
        for (size_t c = 0; c < columns; ++c) {
            if (c) out += ',';
            out += '$';
            out += std::to_string(n++);
        }
        out += ')';
    }
    return out;
}

}  // namespace viddhana::store
