#include "miner/miner_cli.h"

#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "miner/cpu_miner.h"
#include "miner/pool_url.h"

namespace viddhana::miner {

namespace {

struct CliOptions {
    std::string url;
    std::string user;
    std::string password = "x";
    int threads = 0;
    std::string algorithm;
    std::string coin;
    double duration = 0;
    uint64_t max_shares = 0;
    double hashrate_limit = 0;
    double print_interval = 10;
    bool no_version_rolling = false;
    bool quiet = false;
};

std::atomic<bool> g_signalled{false};
extern "C" void on_stop_signal(int) {
    g_signalled.store(true);
}

std::string format_rate(double hps) {
    if (hps >= 1e9) return fmt::format("{:.2f} GH/s", hps / 1e9);
    if (hps >= 1e6) return fmt::format("{:.2f} MH/s", hps / 1e6);
    if (hps >= 1e3) return fmt::format("{:.2f} kH/s", hps / 1e3);
    return fmt::format("{:.1f} H/s", hps);
}

std::string reject_breakdown(const MinerStats& s) {
    static const std::map<int, const char*> kNames = {{20, "other"},        {21, "stale"},
                                                      {22, "duplicate"},    {23, "low difficulty"},
                                                      {24, "unauthorized"}, {25, "not subscribed"}};
    std::string out;
    for (const auto& [code, n] : s.rejected_by_code) {
        auto it = kNames.find(code);
        out += fmt::format("{}{} {}: {}", out.empty() ? "" : ", ", code,
                           it != kNames.end() ? it->second : "unknown", n);
    }
    return out;
}

int run_miner(const CliOptions& cli) {
    if (cli.quiet) spdlog::set_level(spdlog::level::warn);
    auto url = parse_pool_url(cli.url);
    if (!url) {
        std::cerr << url.error().message << "\n";
        return 2;
    }
    MinerOptions options;
    options.host = url->host;
    options.port = url->port;
    options.login = cli.user;
    options.password = cli.password;
    options.threads = cli.threads > 0
                          ? cli.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    std::string algorithm = cli.algorithm;
    if (!cli.coin.empty()) {
        std::string from_coin = cli.coin == "bitcoin" ? "sha256d" : "scrypt";
        if (!algorithm.empty() && algorithm != from_coin) {
            std::cerr << fmt::format("--coin {} mines {}, not {}\n", cli.coin, from_coin,
                                     algorithm);
            return 2;
        }
        algorithm = from_coin;
    }
    options.algorithm =
        algorithm == "sha256d" ? chain::PowAlgorithm::sha256d : chain::PowAlgorithm::scrypt;
    options.hashrate_limit = cli.hashrate_limit;
    options.max_shares = cli.max_shares;
    options.version_rolling = !cli.no_version_rolling;

    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    std::signal(SIGPIPE, SIG_IGN);

    if (!cli.quiet) {
        fmt::print("mining {} on {}:{} as {} with {} thread(s){}\n",
                   chain::to_string(options.algorithm), options.host, options.port, options.login,
                   options.threads,
                   options.hashrate_limit > 0
                       ? fmt::format(", limited to {}", format_rate(options.hashrate_limit))
                       : std::string());
        std::fflush(stdout);
    }
    CpuMiner miner(options);
    miner.start();
    using clock = std::chrono::steady_clock;
    const auto started = clock::now();
    const auto deadline = cli.duration > 0
                              ? started + std::chrono::duration_cast<clock::duration>(
                                              std::chrono::duration<double>(cli.duration))
                              : clock::time_point::max();
    const auto interval = std::chrono::duration_cast<clock::duration>(
        std::chrono::duration<double>(std::max(0.5, cli.print_interval)));
    auto next_print = started + interval;
    uint64_t last_hashes = 0;
    auto last_time = started;
    while (!g_signalled.load() && clock::now() < deadline) {
        // Short waits so a signal is noticed promptly.
        if (miner.wait_for(std::chrono::milliseconds(100))) break;
        auto now = clock::now();
        if (now >= next_print) {
            next_print += interval;
            MinerStats s = miner.stats();
            double rate = static_cast<double>(s.hashes - last_hashes) /
                          std::chrono::duration<double>(now - last_time).count();
            last_hashes = s.hashes;
            last_time = now;
            if (!cli.quiet) {
                fmt::print("{:>7.1f}s {} | accepted {} rejected {} | diff {} | {}\n",
                           s.elapsed_seconds, format_rate(rate), s.accepted, s.rejected,
                           s.difficulty, s.connected ? "connected" : "not connected");
                std::fflush(stdout);
            }
        }
    }
    miner.stop();
    MinerStats s = miner.stats();
    std::string why = g_signalled.load()    ? "signal"
                      : miner.fatal_error() ? "error"
                      : miner.finished()    ? "max shares reached"
                                            : "duration reached";
    fmt::print(
        "summary: {:.1f} s ({}), {} hashes, {} average | submitted {} accepted {} rejected {}{} | "
        "stale dropped {}, unsent {} | difficulty {} | sessions {}, jobs {}, version mask {:08x}, "
        "version rolls {}\n",
        s.elapsed_seconds, why, s.hashes, format_rate(s.hashrate), s.submitted, s.accepted,
        s.rejected, s.rejected ? " (" + reject_breakdown(s) + ")" : std::string(), s.stale_dropped,
        s.unsent, s.difficulty, s.sessions, s.jobs, s.version_mask, s.version_rolls);
    std::fflush(stdout);
    if (auto error = miner.fatal_error()) {
        std::cerr << *error << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void add_miner_command(CLI::App& app) {
    auto cli = std::make_shared<CliOptions>();
    auto* cmd = app.add_subcommand("miner", "CPU miner (scrypt or SHA256d) for Stratum V1 pools");
    cmd->add_option("-o,--url", cli->url, "Pool: stratum+tcp://host:port")->required();
    cmd->add_option("-u,--user", cli->user, "Login: ADDRESS.WORKER")->required();
    cmd->add_option("-p,--password", cli->password, "Password (may carry d=N)")
        ->capture_default_str();
    cmd->add_option("-t,--threads", cli->threads, "Hashing threads (default: one per core)")
        ->check(CLI::Range(0, 1024));
    cmd->add_option("-a,--algorithm", cli->algorithm, "scrypt or sha256d")
        ->check(CLI::IsMember({"scrypt", "sha256d"}));
    cmd->add_option("--coin", cli->coin, "litecoin (scrypt) or bitcoin (sha256d)")
        ->check(CLI::IsMember({"litecoin", "bitcoin"}));
    cmd->add_option("--duration", cli->duration, "Stop after this many seconds (0: never)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-shares", cli->max_shares, "Stop after this many accepted shares");
    cmd->add_option("--hashrate-limit", cli->hashrate_limit, "Hash at most this many H/s in total")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--print-interval", cli->print_interval, "Seconds between status lines")
        ->capture_default_str();
    cmd->add_flag("--no-version-rolling", cli->no_version_rolling,
                  "Do not ask for version rolling");
    cmd->add_flag("-q,--quiet", cli->quiet, "Only the summary and errors");
    cmd->callback([cli] {
        if (cli->algorithm.empty() && cli->coin.empty()) cli->algorithm = "scrypt";
        throw CLI::RuntimeError(run_miner(*cli));
    });
}

}  // namespace viddhana::miner
