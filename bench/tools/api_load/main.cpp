// Load generator for the API: starts an API server on a fresh SQLite store filled with a day of
// share roll-ups for many miners, then keeps N keep-alive connections busy with one route and
// reports requests per second and latency percentiles.
//
//   api_load [--route /api/stats/pool] [--connections 8] [--seconds 10] [--threads 2]
//            [--miners 500] [--cache-ttl-ms 5000]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/api_server.h"

namespace beast = boost::beast;
namespace bhttp = beast::http;
using namespace viddhana;

namespace {

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (argv[i] == name) return argv[i + 1];
    }
    return fallback;
}

void fill(store::Store& s, int miners, int64_t now) {
    std::vector<bus::ShareEvent> batch;
    uint64_t seq = 0;
    for (int64_t t = now - 86'400'000; t < now; t += 60'000) {
        for (int m = 0; m < miners; m += 7) {  // a changing subset each minute
            bus::ShareEvent e;
            e.time_ms = t + m;
            e.login = fmt::format("miner{:04}", (m + t / 60'000) % miners);
            e.worker = "rig" + std::to_string(m % 3);
            e.difficulty = 64;
            e.result = bus::ShareResult::accepted;
            e.node_id = 1;
            e.sequence = ++seq;
            batch.push_back(e);
        }
        if (batch.size() > 5000) {
            (void)s.shares().append_shares(batch);
            batch.clear();
        }
    }
    (void)s.shares().append_shares(batch);
}

}  // namespace

int main(int argc, char** argv) {
    std::string route = arg(argc, argv, "--route", "/api/stats/pool");
    int connections = std::atoi(arg(argc, argv, "--connections", "8").c_str());
    int seconds = std::atoi(arg(argc, argv, "--seconds", "10").c_str());
    int threads = std::atoi(arg(argc, argv, "--threads", "2").c_str());
    int miners = std::atoi(arg(argc, argv, "--miners", "500").c_str());
    int64_t ttl = std::atoll(arg(argc, argv, "--cache-ttl-ms", "5000").c_str());
    spdlog::set_level(spdlog::level::warn);

    char dir_template[] = "/tmp/viddhana-api-load-XXXXXX";
    std::string dir = mkdtemp(dir_template);
    store::StoreConfig sc;
    sc.backend = store::StoreBackend::sqlite;
    sc.sqlite_path = dir + "/viddhana.db";
    auto store = store::open_store(sc);
    const auto& clock = SystemClock::instance();
    fill(*store, miners, clock.now_ms());

    api::ApiConfig c;
    c.host = "127.0.0.1";
    c.port = 0;
    c.cache_ttl_ms = ttl;
    c.rate_limit_per_minute = 1'000'000'000;
    c.threads = threads;
    c.access_log = false;
    api::PoolInfo info;
    info.coin = chain::find_coin("litecoin", chain::Network::regtest);
    info.network = "regtest";
    api::ApiServerDeps deps;
    deps.store = store.get();
    api::ApiServer server(c, info, std::move(deps));
    server.start();
    uint16_t port = server.port();

    std::atomic<bool> stop{false};
    std::vector<std::vector<double>> latencies(connections);
    std::atomic<int64_t> errors{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < connections; ++i) {
        clients.emplace_back([&, i] {
            asio::io_context io;
            tcp::socket s(io);
            s.connect({asio::ip::make_address("127.0.0.1"), port});
            bhttp::request<bhttp::empty_body> req{bhttp::verb::get, route, 11};
            req.set(bhttp::field::host, "localhost");
            beast::flat_buffer buf;
            while (!stop) {
                auto t0 = std::chrono::steady_clock::now();
                bhttp::write(s, req);
                bhttp::response<bhttp::string_body> res;
                bhttp::read(s, buf, res);
                if (res.result_int() != 200) errors++;
                latencies[i].push_back(
                    std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0)
                        .count());
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : clients)
        t.join();
    server.stop();

    std::vector<double> all;
    for (auto& l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    auto pct = [&](double p) {
        return all.empty() ? 0.0 : all[static_cast<size_t>(p * (all.size() - 1))];
    };
    std::printf("route %s, %d connections, %d server threads, cache %lld ms, %d s\n", route.c_str(),
                connections, threads, static_cast<long long>(ttl), seconds);
    std::printf("requests: %zu (%lld not 200), %.0f requests/s\n", all.size(),
                static_cast<long long>(errors.load()), all.size() / static_cast<double>(seconds));
    std::printf("latency us: p50 %.0f  p90 %.0f  p99 %.0f  max %.0f\n", pct(0.5), pct(0.9),
                pct(0.99), all.empty() ? 0.0 : all.back());
    std::string cleanup = "rm -rf " + dir;
    return std::system(cleanup.c_str()) == 0 ? 0 : 1;
}
