// stratum_bench_server: the Stratum server in a process of its own, fed by a SYNTHETIC block
// template, for load measurements (there is no bitcoind on the benchmark machine, and a regtest
// node's target would make every other random hash a block). The template looks like mainnet
// work: a real mainnet nBits (so no random share is a block), ~3000 transaction ids (a 12-level
// merkle branch), a segwit commitment. Solved blocks only go to a counter; share events go
// through the in-process EventBus to a consumer thread that drains it. Bans are off (random
// nonces make low-difficulty shares) and vardiff is pinned (min = max = initial difficulty).
//
// Control: SIGUSR1, or the line "clean" on the control TCP port, issues a new block's clean job
// (the answer "ok <CLOCK_MONOTONIC ns before the job was handed to the server>"); "stats" answers
// counters; "quit" stops. It prints "pid <pid> port <port> control <port>" once listening.
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "base/asio.h"
#include "base/clock.h"
#include "bus/in_process_bus.h"
#include "chain/block.h"
#include "chain/coin.h"
#include "chain/sha256.h"
#include "metrics/registry.h"
#include "node/block_template.h"
#include "stratum/stratum_server.h"

namespace {

using namespace viddhana;

class CountingBlockSink final : public stratum::BlockSink {
  public:
    void submit(std::string, bus::FoundBlock) override { blocks.fetch_add(1); }
    std::atomic<uint64_t> blocks{0};
};

chain::Uint256 hash_of(uint64_t a, uint64_t b) {
    uint64_t in[2] = {a, b};
    return chain::sha256d(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(in), sizeof in));
}

// SYNTHETIC mainnet-like work; `round` changes the previous block, so each call is a new block.
std::shared_ptr<node::BlockTemplate> synthetic_template(const chain::CoinParams& coin,
                                                        int transactions, uint64_t round) {
    auto t = std::make_shared<node::BlockTemplate>();
    const bool bitcoin = coin.algorithm == chain::PowAlgorithm::sha256d;
    t->version = 0x20000000;
    t->previous_block = hash_of(0xb10c, round);
    // Real mainnet nBits: Bitcoin block 840000, Litecoin block 2383207.
    t->bits = bitcoin ? 0x17034219 : 0x1a00d3d8;
    t->target = *chain::Uint256::from_compact(t->bits);
    t->height = (bitcoin ? 840000 : 2383207) + static_cast<int64_t>(round);
    t->cur_time = std::time(nullptr);
    t->min_time = t->cur_time - 3600;
    t->coinbase_value = chain::block_subsidy(coin, t->height) + 25'000'000;
    t->rules = {"segwit"};
    t->transactions.reserve(static_cast<size_t>(transactions));
    for (int i = 0; i < transactions; ++i) {
        node::TemplateTransaction tx;
        tx.txid = hash_of(round, static_cast<uint64_t>(i) + 1);
        tx.wtxid = tx.txid;
        tx.fee = 8000;
        tx.data.assign(250, static_cast<uint8_t>(i));  // never submitted: no share is a block
        t->transactions.push_back(std::move(tx));
    }
    t->default_witness_commitment = chain::witness_commitment_script(hash_of(round, 0));
    return t;
}

uint64_t monotonic_ns() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000ull + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Stratum server on a SYNTHETIC mainnet-like template, for load benchmarks"};
    std::string coin_name = "bitcoin";
    uint16_t port = 0, control_port = 0;
    int threads = 0, transactions = 3000, max_connections = 20000, per_ip = 1000;
    double difficulty = 1;
    std::string log_level = "warn";
    app.add_option("--coin", coin_name, "bitcoin (SHA256d) or litecoin (scrypt)")
        ->check(CLI::IsMember({"bitcoin", "litecoin"}))
        ->capture_default_str();
    app.add_option("--port", port, "Stratum port (0: any free)");
    app.add_option("--control-port", control_port, "Control port (0: any free)");
    app.add_option("--threads", threads, "Stratum threads (0: one per core)");
    app.add_option("--transactions", transactions, "Transactions in the template")
        ->capture_default_str();
    app.add_option("--difficulty", difficulty, "Share difficulty (fixed)")->capture_default_str();
    app.add_option("--max-connections", max_connections)->capture_default_str();
    app.add_option("--max-connections-per-ip", per_ip)->capture_default_str();
    app.add_option("--log-level", log_level)->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    spdlog::set_level(spdlog::level::from_str(log_level));
    std::signal(SIGPIPE, SIG_IGN);
    rlimit nofile;
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
        nofile.rlim_cur = nofile.rlim_max;
        setrlimit(RLIMIT_NOFILE, &nofile);
    }

    const chain::CoinParams& coin = *chain::find_coin(coin_name, chain::Network::mainnet);
    stratum::StratumConfig config;
    config.host = "127.0.0.1";
    config.port = port;
    config.threads = threads;
    config.max_connections = max_connections;
    config.max_connections_per_ip = per_ip;
    config.ban_min_shares = 1'000'000'000;  // random nonces are low-difficulty shares: no bans
    config.idle_timeout_seconds = 3600;
    config.login_timeout_seconds = 600;
    config.vardiff.initial_difficulty = difficulty;
    config.vardiff.min_difficulty = difficulty;
    config.vardiff.max_difficulty = difficulty;

    metrics::Registry registry;
    bus::InProcessBus bus;
    std::atomic<uint64_t> events{0};
    auto subscription = bus.subscribe();
    std::thread consumer([&] {
        bus::EventBatch batch;
        while (subscription->poll(batch, std::chrono::milliseconds(200))) {
            events.fetch_add(batch.shares.size(), std::memory_order_relaxed);
            batch.shares.clear();
            batch.blocks.clear();
        }
    });
    CountingBlockSink sink;
    Bytes payout_script = {0x00, 0x14};
    payout_script.resize(22, 0x42);
    stratum::StratumServer server(config, coin, SystemClock::instance(), registry, bus, sink,
                                  stratum::CoinbasePayout{payout_script, {}, 0});
    server.start();
    std::atomic<uint64_t> round{1};
    server.on_template(synthetic_template(coin, transactions, round));

    asio::io_context io;
    tcp::acceptor control(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), control_port));
    asio::signal_set signals(io, SIGUSR1, SIGINT, SIGTERM);
    auto new_block = [&] {
        auto tmpl = synthetic_template(coin, transactions, ++round);  // built before the clock
        uint64_t t = monotonic_ns();
        server.on_template(std::move(tmpl));
        return t;
    };
    std::function<void()> wait_signal = [&] {
        signals.async_wait([&](const boost::system::error_code& ec, int sig) {
            if (ec) return;
            if (sig == SIGUSR1) {
                new_block();
                wait_signal();
            } else {
                io.stop();
            }
        });
    };
    wait_signal();
    asio::co_spawn(
        io,
        [&]() -> awaitable<void> {
            for (;;) {
                tcp::socket s = co_await control.async_accept(asio::use_awaitable);
                asio::co_spawn(
                    io,
                    [&, s = std::move(s)]() mutable -> awaitable<void> {
                        std::string buf;
                        boost::system::error_code ec;
                        for (;;) {
                            size_t n = co_await asio::async_read_until(
                                s, asio::dynamic_buffer(buf), '\n',
                                asio::redirect_error(asio::use_awaitable, ec));
                            if (ec) co_return;
                            std::string cmd = buf.substr(0, n - 1);
                            buf.erase(0, n);
                            std::string answer;
                            if (cmd == "clean") {
                                answer = fmt::format("ok {}\n", new_block());
                            } else if (cmd == "stats") {
                                answer = fmt::format("connections {} share_events {} blocks {}\n",
                                                     server.connections(), events.load(),
                                                     sink.blocks.load());
                            } else if (cmd == "quit") {
                                io.stop();
                                co_return;
                            } else {
                                answer = "error unknown command\n";
                            }
                            co_await asio::async_write(
                                s, asio::buffer(answer),
                                asio::redirect_error(asio::use_awaitable, ec));
                            if (ec) co_return;
                        }
                    },
                    asio::detached);
            }
        },
        asio::detached);

    std::cout << fmt::format(
                     "pid {} port {} control {} coin {} template SYNTHETIC ({} transactions, "
                     "bits {:08x})\n",
                     getpid(), server.port(), control.local_endpoint().port(), coin_name,
                     transactions, synthetic_template(coin, 0, 0)->bits)
              << std::flush;
    io.run();
    server.stop(false);
    bus.close();
    consumer.join();
    std::cout << fmt::format("stopped: {} share events, {} blocks\n", events.load(),
                             sink.blocks.load());
    return 0;
}
