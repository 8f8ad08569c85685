// Runs a coroutine to completion on an io_context from a test's thread, rethrowing its exception.
// Objects bound to the io_context (clients, sockets) keep their state between calls.
#pragma once
#include <exception>
#include <optional>

#include "base/asio.h"

namespace viddhana::test {

template <typename T>
T run_awaitable(asio::io_context& ioc, awaitable<T> task) {
    std::exception_ptr error;
    std::optional<T> result;
    asio::co_spawn(ioc, std::move(task), [&](std::exception_ptr e, T value) {
        error = e;
        if (!e) result.emplace(std::move(value));
    });
    ioc.restart();
    ioc.run();
    if (error) std::rethrow_exception(error);
    return std::move(*result);
}

}  // namespace viddhana::test
