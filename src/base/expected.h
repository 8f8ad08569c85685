// Expected<T>: a value or an Error with a human-readable reason. C++20 has no std::expected,
// and the pure core reports bad input as values, not exceptions.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace viddhana {

struct Error {
    std::string message;
};

template <typename T>
class [[nodiscard]] Expected {
  public:
    Expected(T value) : v_(std::move(value)) {}
    Expected(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, Error> v_;
};

inline Error make_error(std::string message) {
    return Error{std::move(message)};
}

}  // namespace viddhana
