// stratum_load: load generator and meter for a Stratum server on this machine.
//
//   throughput: N connections keep K submits in flight each (or send at a fixed --rate); reports
//     shares/s answered, p50/p99 submit-to-answer latency, and the server's CPU per share (utime +
//     stime of --server-pid from /proc before and after the measured window).
//   connections: opens N idle connections (subscribed, authorized, with a job) and reports the
//     server's RSS per connection (VmRSS with 0 and with N), then asks the server for a new block
//     (--control-port, "clean") and times the clean mining.notify's arrival on every connection:
//     the spread from the first to the last, by kernel receive stamps (SO_TIMESTAMPNS) and by
//     the time this process read them.
//
// Connections come from 127.0.0.1 .. 127.0.0.<sources> (bind before connect), to stay under the
// server's per-IP limit and away from port exhaustion. Nonces are random: almost every share is
// a low-difficulty reject, which costs the server what a valid share costs (the same hashing).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "chain/address.h"
#include "chain/coin.h"
#include "load_client.h"
#include "proc_stats.h"

namespace {

using namespace stratum_load;

double percentile(std::vector<uint32_t>& v, double p) {
    if (v.empty()) return 0;
    size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
}

// A valid mainnet address of the coin (P2WPKH of a fixed key hash) for the logins.
std::string login_address(const std::string& coin_name) {
    const auto* coin = viddhana::chain::find_coin(coin_name, viddhana::chain::Network::mainnet);
    viddhana::Bytes script = {0x00, 0x14};
    script.resize(22, 0x5a);
    return *viddhana::chain::encode_address(script, *coin);
}

int control_connect(uint16_t port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(0x7f000001u);
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

std::string control_command(int fd, const std::string& cmd) {
    std::string line = cmd + "\n";
    if (write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return {};
    std::string answer;
    char c;
    while (read(fd, &c, 1) == 1 && c != '\n')
        answer.push_back(c);
    return answer;
}

struct Common {
    uint16_t port = 3333;
    int server_pid = 0;
    int sources = 4;
    std::string coin = "bitcoin";
    std::string worker = "load";
};

int run_throughput(const Common& common, size_t connections, uint32_t in_flight, double rate,
                   double warmup, double duration) {
    LoadClient::Options o;
    o.port = common.port;
    o.sources = common.sources;
    o.login = login_address(common.coin) + "." + common.worker;
    o.in_flight = rate > 0 ? 0 : in_flight;
    LoadClient client(o);
    size_t ready = client.connect_all(connections, 60000);
    fmt::print("connections ready: {} of {} (failed {})\n", ready, connections,
               client.failed_count());
    if (ready == 0) return 1;
    auto& st = client.stats();
    auto drive = [&](double seconds) {
        if (rate <= 0) {
            client.run_for(static_cast<int>(seconds * 1000));
            return;
        }
        // Rate mode: every millisecond, send what the rate allows since the start.
        const uint64_t start = monotonic_ns();
        const uint64_t end = start + static_cast<uint64_t>(seconds * 1e9);
        uint64_t due_sent = 0;
        for (uint64_t now = start; now < end; now = monotonic_ns()) {
            uint64_t due = static_cast<uint64_t>(rate * static_cast<double>(now - start) / 1e9);
            if (due > due_sent) {
                client.submit_spread(due - due_sent);
                due_sent = due;
            }
            client.run_for(1);
        }
    };
    drive(warmup);
    const uint64_t answered0 = st.answered, sent0 = st.sent;
    const double cpu0 = process_cpu_seconds(common.server_pid);
    rusage self0;
    getrusage(RUSAGE_SELF, &self0);
    const MachineCpu m0 = machine_cpu();
    const uint64_t t0 = monotonic_ns();
    st.recording = true;
    st.latency_us.reserve(static_cast<size_t>(duration * 400000));
    drive(duration);
    st.recording = false;
    const uint64_t t1 = monotonic_ns();
    const double cpu1 = process_cpu_seconds(common.server_pid);
    rusage self1;
    getrusage(RUSAGE_SELF, &self1);
    const MachineCpu m1 = machine_cpu();
    const double secs = static_cast<double>(t1 - t0) / 1e9;
    const uint64_t answered = st.answered - answered0;
    const double server_cpu = cpu1 - cpu0;
    auto tv = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    const double self_cpu =
        tv(self1.ru_utime) + tv(self1.ru_stime) - tv(self0.ru_utime) - tv(self0.ru_stime);
    const double machine_busy = (m1.busy - m0.busy) / std::max(1.0, m1.total - m0.total);
    auto& lat = st.latency_us;
    double p50 = percentile(lat, 0.50), p99 = percentile(lat, 0.99);
    double cpu_per_share_us = answered ? server_cpu / static_cast<double>(answered) * 1e6 : 0;
    fmt::print("window {:.2f} s: sent {}, answered {} ({} accepted, {} rejected in total)\n", secs,
               st.sent - sent0, answered, st.accepted, st.rejected);
    std::string codes;
    for (int code = 0; code < 32; ++code) {
        if (st.by_code[code]) codes += fmt::format(" [{}]={}", code, st.by_code[code]);
    }
    fmt::print("rejections by error code:{}\n", codes);
    fmt::print("shares/s answered: {:.0f}\n", static_cast<double>(answered) / secs);
    fmt::print("latency submit->answer: p50 {:.0f} us, p99 {:.0f} us\n", p50, p99);
    fmt::print(
        "server CPU: {:.2f} s = {:.2f} us/share ({:.2f} cores busy); capacity at 2 cores: {:.0f} "
        "shares/s\n",
        server_cpu, cpu_per_share_us, server_cpu / secs,
        cpu_per_share_us > 0 ? 2e6 / cpu_per_share_us : 0);
    fmt::print("load generator CPU: {:.2f} s ({:.2f} cores); machine busy {:.0f}%\n", self_cpu,
               self_cpu / secs, machine_busy * 100);
    fmt::print(
        "RESULT {{\"mode\":\"throughput\",\"connections\":{},\"in_flight\":{},\"rate\":{},"
        "\"shares_per_s\":{:.0f},\"p50_us\":{:.0f},\"p99_us\":{:.0f},\"server_cpu_us_per_share\":{:"
        ".2f},"
        "\"server_cores\":{:.2f},\"loadgen_cores\":{:.2f},\"machine_busy\":{:.2f}}}\n",
        ready, in_flight, rate, static_cast<double>(answered) / secs, p50, p99, cpu_per_share_us,
        server_cpu / secs, self_cpu / secs, machine_busy);
    return 0;
}

int run_connections(const Common& common, size_t connections, uint16_t control_port, int rounds) {
    const int64_t rss0 = process_rss_bytes(common.server_pid);
    LoadClient::Options o;
    o.port = common.port;
    o.sources = common.sources;
    o.login = login_address(common.coin) + "." + common.worker;
    o.kernel_timestamps = true;
    LoadClient client(o);
    const uint64_t c0 = monotonic_ns();
    size_t ready = client.connect_all(connections, 180000);
    const double setup_s = static_cast<double>(monotonic_ns() - c0) / 1e9;
    fmt::print("connections ready: {} of {} in {:.1f} s (failed {})\n", ready, connections, setup_s,
               client.failed_count());
    if (ready == 0) return 1;
    client.run_for(2000);  // let the server settle
    const int64_t rss1 = process_rss_bytes(common.server_pid);
    const double per_conn = static_cast<double>(rss1 - rss0) / static_cast<double>(ready);
    fmt::print(
        "server RSS: {:.1f} MiB with 0 connections, {:.1f} MiB with {}: {:.0f} bytes per idle "
        "connection\n",
        rss0 / 1048576.0, rss1 / 1048576.0, ready, per_conn);

    int control = control_connect(control_port);
    if (control < 0) {
        fmt::print("cannot reach the control port {}\n", control_port);
        return 1;
    }
    std::vector<double> spreads_kernel, spreads_user, first_user, last_user;
    for (int r = 0; r < rounds; ++r) {
        client.run_for(300);
        const double cpu_before = process_cpu_seconds(common.server_pid);
        std::string answer = control_command(control, "clean");
        uint64_t trigger = 0;
        if (answer.rfind("ok ", 0) == 0) trigger = std::stoull(answer.substr(3));
        // The job id of the clean job is unknown here: wait for every connection to have a clean
        // job other than the one it had.
        std::vector<std::string> before;
        for (auto& c : client.connections())
            before.push_back(c.clean_job);
        auto all_arrived = [&] {
            auto& cs = client.connections();
            for (size_t i = 0; i < cs.size(); ++i) {
                if (cs[i].fd >= 0 && cs[i].ready && cs[i].clean_job == before[i]) return false;
            }
            return true;
        };
        client.run_for(15000, all_arrived);
        const double notify_cpu_us = (process_cpu_seconds(common.server_pid) - cpu_before) * 1e6;
        int64_t kmin = INT64_MAX, kmax = 0;
        uint64_t umin = UINT64_MAX, umax = 0;
        size_t got = 0;
        for (size_t i = 0; i < client.connections().size(); ++i) {
            const auto& c = client.connections()[i];
            if (c.fd < 0 || c.clean_job == before[i]) continue;
            ++got;
            if (c.clean_kernel_ns) {
                kmin = std::min(kmin, c.clean_kernel_ns);
                kmax = std::max(kmax, c.clean_kernel_ns);
            }
            umin = std::min(umin, c.clean_user_ns);
            umax = std::max(umax, c.clean_user_ns);
        }
        double ks = kmax >= kmin ? static_cast<double>(kmax - kmin) / 1e6 : -1;
        double us = static_cast<double>(umax - umin) / 1e6;
        double f = trigger ? (static_cast<double>(umin) - static_cast<double>(trigger)) / 1e6 : -1;
        double l = trigger ? (static_cast<double>(umax) - static_cast<double>(trigger)) / 1e6 : -1;
        fmt::print(
            "round {}: clean notify on {} of {} connections; spread first->last: {:.1f} ms "
            "(kernel receive stamps), {:.1f} ms (read by this process); trigger->first {:.1f} ms, "
            "trigger->last {:.1f} ms; server CPU {:.0f} ms ({:.1f} us per notify)\n",
            r + 1, got, ready, ks, us, f, l, notify_cpu_us / 1000,
            got ? notify_cpu_us / static_cast<double>(got) : 0);
        spreads_kernel.push_back(ks);
        spreads_user.push_back(us);
        first_user.push_back(f);
        last_user.push_back(l);
    }
    close(control);
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0 : v[v.size() / 2];
    };
    fmt::print(
        "RESULT {{\"mode\":\"connections\",\"connections\":{},\"rss_bytes_per_connection\":{:.0f},"
        "\"spread_kernel_ms_median\":{:.1f},\"spread_read_ms_median\":{:.1f},"
        "\"trigger_to_last_ms_median\":{:.1f},\"rounds\":{}}}\n",
        ready, per_conn, median(spreads_kernel), median(spreads_user), median(last_user), rounds);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Stratum load generator and meter"};
    app.require_subcommand(1);
    Common common;
    app.add_option("--port", common.port, "Stratum port")->required();
    app.add_option("--server-pid", common.server_pid, "PID of the server (for /proc readings)")
        ->required();
    app.add_option("--sources", common.sources, "Source addresses 127.0.0.1 .. 127.0.0.N")
        ->capture_default_str();
    app.add_option("--coin", common.coin, "bitcoin or litecoin (for a valid login address)")
        ->capture_default_str();

    size_t connections = 100;
    uint32_t in_flight = 16;
    double rate = 0, warmup = 2, duration = 10;
    auto* tp = app.add_subcommand("throughput", "Shares/s, latency and server CPU per share");
    tp->add_option("--connections", connections)->capture_default_str();
    tp->add_option("--in-flight", in_flight, "Submits in flight per connection")
        ->capture_default_str();
    tp->add_option("--rate", rate, "Submits per second in total (instead of --in-flight)");
    tp->add_option("--warmup", warmup)->capture_default_str();
    tp->add_option("--duration", duration)->capture_default_str();

    uint16_t control_port = 0;
    int rounds = 5;
    auto* cn = app.add_subcommand("connections", "RSS per idle connection and clean-job spread");
    cn->add_option("--connections", connections)->capture_default_str();
    cn->add_option("--control-port", control_port)->required();
    cn->add_option("--rounds", rounds)->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    rlimit nofile;
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
        nofile.rlim_cur = nofile.rlim_max;
        setrlimit(RLIMIT_NOFILE, &nofile);
    }
    if (tp->parsed()) return run_throughput(common, connections, in_flight, rate, warmup, duration);
    return run_connections(common, connections, control_port, rounds);
}
