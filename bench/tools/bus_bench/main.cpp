// Event bus throughput through a real redis-server, end to end: P publisher threads (one
// RedisEventBus each, as P Stratum nodes) publish share batches as fast as the bus takes them,
// one RedisStreamConsumer polls, decodes and acknowledges. Reports shares/s from the first
// publish to the last acknowledgement, and the cost of publish() on the caller's thread.
//
//   bus_bench [--shares N] [--batch B] [--publishers P] [--rate R] [--aof] [--redis URL]
//
// With --rate the publishers are paced to R shares/s in total and the consumer reports the
// publish-to-poll latency of the shares (millisecond resolution).
// Without --redis it starts its own redis-server (persistence off, or an append-only file
// fsync'd every second with --aof) on a free loopback port.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bus/event_codec.h"
#include "bus/redis_connection.h"
#include "bus/redis_event_bus.h"
#include "bus/redis_stream_consumer.h"

namespace {

using namespace std::chrono_literals;
using viddhana::bus::RedisBusConfig;
using Clock = std::chrono::steady_clock;

struct Options {
    uint64_t shares = 2'000'000;
    size_t batch = 256;
    int publishers = 2;
    bool aof = false;
    uint64_t rate = 0;  // shares/s over all publishers; 0: as fast as the bus goes
    std::string redis_url;
};

[[noreturn]] void usage(const char* error) {
    std::fprintf(stderr,
                 "%s\nusage: bus_bench [--shares N] [--batch B] [--publishers P] [--rate R] "
                 "[--aof] [--redis URL]\n",
                 error);
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value for " + a).c_str());
            return argv[++i];
        };
        if (a == "--shares") {
            o.shares = std::stoull(value());
        } else if (a == "--batch") {
            o.batch = std::stoul(value());
        } else if (a == "--publishers") {
            o.publishers = std::stoi(value());
        } else if (a == "--rate") {
            o.rate = std::stoull(value());
        } else if (a == "--aof") {
            o.aof = true;
        } else if (a == "--redis") {
            o.redis_url = value();
        } else {
            usage(("unknown option " + a).c_str());
        }
    }
    if (o.batch == 0 || o.publishers <= 0) usage("batch and publishers must be positive");
    return o;
}

uint16_t free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        std::perror("bind");
        std::exit(1);
    }
    uint16_t port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

// A redis-server child in a temporary directory; killed at exit.
struct OwnRedis {
    pid_t pid = -1;
    std::filesystem::path dir;
    uint16_t port = 0;

    explicit OwnRedis(bool aof) {
        char tmpl[] = "/tmp/viddhana-bus-bench-XXXXXX";
        if (!::mkdtemp(tmpl)) std::exit(1);
        dir = tmpl;
        port = free_port();
        std::vector<std::string> args{"redis-server",
                                      "--port",
                                      std::to_string(port),
                                      "--bind",
                                      "127.0.0.1",
                                      "--save",
                                      "",
                                      "--appendonly",
                                      aof ? "yes" : "no",
                                      "--appendfsync",
                                      "everysec",
                                      "--dir",
                                      dir.string(),
                                      "--logfile",
                                      (dir / "redis.log").string()};
        pid = ::fork();
        if (pid == 0) {
            std::vector<char*> argv;
            for (auto& a : args)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execvp("redis-server", argv.data());
            ::_exit(127);
        }
        RedisBusConfig c;
        c.port = port;
        auto until = Clock::now() + 20s;
        while (Clock::now() < until) {
            auto conn = viddhana::bus::RedisConnection::open(c);
            if (conn && (*conn)->command({"PING"}).ok()) return;
            std::this_thread::sleep_for(50ms);
        }
        std::fprintf(stderr, "redis-server did not start\n");
        std::exit(1);
    }
    ~OwnRedis() {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        std::filesystem::remove_all(dir);
    }
};

int64_t thread_cpu_ns() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::vector<viddhana::bus::ShareEvent> make_batch(uint32_t node, uint64_t first, size_t n) {
    std::vector<viddhana::bus::ShareEvent> out(n);
    for (size_t i = 0; i < n; ++i) {
        auto& s = out[i];
        s.node_id = node;
        s.sequence = first + i;
        s.time_ms = 1'700'000'000'000 + static_cast<int64_t>(s.sequence / 100);
        s.login = "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4" + std::to_string(s.sequence % 500);
        s.worker = "rig" + std::to_string(s.sequence % 8);
        s.difficulty = 65536;
        s.actual_difficulty = 80000.5;
        s.height = 2'700'000;
        s.network_difficulty = 3.4e7;
        s.ip = "203.0.113." + std::to_string(s.sequence % 250);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt = parse(argc, argv);
    std::unique_ptr<OwnRedis> own;
    RedisBusConfig config;
    if (!opt.redis_url.empty()) {
        auto parsed = viddhana::bus::parse_redis_url(opt.redis_url);
        if (!parsed) usage(parsed.error().message.c_str());
        config = *parsed;
    } else {
        own = std::make_unique<OwnRedis>(opt.aof);
        config.port = own->port;
    }
    config.stream_key = "bench:events:" + std::to_string(::getpid());
    config.consumer = "bench";
    config.trim_interval = 1000ms;  // keeps Redis memory flat, as in production

    // The batches are built before the clock starts: the benchmark measures the bus.
    const uint64_t per_publisher = opt.shares / static_cast<uint64_t>(opt.publishers);
    const uint64_t total = per_publisher * static_cast<uint64_t>(opt.publishers);
    std::vector<std::vector<std::vector<viddhana::bus::ShareEvent>>> work(opt.publishers);
    double bytes_per_share = 0;
    for (int p = 0; p < opt.publishers; ++p) {
        for (uint64_t s = 0; s < per_publisher; s += opt.batch) {
            size_t n = static_cast<size_t>(std::min<uint64_t>(opt.batch, per_publisher - s));
            work[p].push_back(make_batch(static_cast<uint32_t>(p + 1), 1 + s, n));
        }
    }
    {
        // What one full stream entry costs per share (the publisher merges queued batches).
        auto sample = make_batch(1, 1, config.max_events_per_entry);
        bytes_per_share = static_cast<double>(viddhana::bus::encode_events(sample, {}).size()) /
                          static_cast<double>(sample.size());
    }

    std::vector<std::unique_ptr<viddhana::bus::RedisEventBus>> buses;
    for (int p = 0; p < opt.publishers; ++p) {
        auto c = config;
        c.node_id = static_cast<uint32_t>(p + 1);
        buses.push_back(std::make_unique<viddhana::bus::RedisEventBus>(c));
    }
    viddhana::bus::RedisStreamConsumer consumer(config);
    {
        // Create the group before the clock starts.
        viddhana::bus::EventBatch none;
        std::vector<viddhana::bus::EntryId> ids;
        consumer.poll(none, ids, 1ms);
    }

    std::atomic<int64_t> publish_ns{0};
    std::atomic<int64_t> publish_cpu_ns{0};
    std::atomic<uint64_t> publish_calls{0};
    std::atomic<uint64_t> throttled{0};
    auto start = Clock::now();
    std::vector<std::thread> publishers;
    for (int p = 0; p < opt.publishers; ++p) {
        publishers.emplace_back([&, p] {
            auto& bus = *buses[p];
            int64_t ns = 0;
            int64_t cpu = 0;
            uint64_t sent = 0;
            const double per_second = static_cast<double>(opt.rate) / opt.publishers;
            for (auto& batch : work[p]) {
                if (opt.rate > 0) {
                    // Paced like a Stratum node; each share carries its publish time.
                    std::this_thread::sleep_until(
                        start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(sent / per_second)));
                    sent += batch.size();
                    int64_t now = wall_ms();
                    for (auto& s : batch)
                        s.time_ms = now;
                }
                // A node that outruns Redis would grow its backlog without bound: hold back
                // (this never happens on the Stratum path at its real rate).
                while (bus.backlog() > 400'000) {
                    throttled.fetch_add(1);
                    std::this_thread::sleep_for(200us);
                }
                auto t0 = Clock::now();
                int64_t cpu0 = thread_cpu_ns();
                bus.publish(std::move(batch));
                cpu += thread_cpu_ns() - cpu0;
                ns +=
                    std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
            }
            publish_ns.fetch_add(ns);
            publish_cpu_ns.fetch_add(cpu);
            publish_calls.fetch_add(work[p].size());
        });
    }

    uint64_t received = 0;
    uint64_t entries = 0;
    std::vector<uint64_t> latency_ms(1001, 0);  // shares by publish-to-consume delay; last: more
    while (received < total) {
        viddhana::bus::EventBatch batch;
        std::vector<viddhana::bus::EntryId> ids;
        consumer.poll(batch, ids, 1000ms);
        received += batch.shares.size();
        if (opt.rate > 0) {
            int64_t now = wall_ms();
            for (const auto& s : batch.shares) {
                auto d = static_cast<size_t>(std::clamp<int64_t>(now - s.time_ms, 0, 1000));
                latency_ms[d] += 1;
            }
        }
        entries += ids.size();
        consumer.ack(ids);
        if (Clock::now() - start > 600s) {
            std::fprintf(stderr, "timed out with %llu of %llu shares\n",
                         static_cast<unsigned long long>(received),
                         static_cast<unsigned long long>(total));
            return 1;
        }
    }
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    for (auto& t : publishers)
        t.join();

    std::printf("redis:            %s%s\n", own ? "own redis-server" : opt.redis_url.c_str(),
                own ? (opt.aof ? " (appendonly, everysec)" : " (no persistence)") : "");
    std::printf("publishers:       %d x %llu shares in batches of %zu\n", opt.publishers,
                static_cast<unsigned long long>(per_publisher), opt.batch);
    std::printf(
        "end to end:       %llu shares in %.3f s = %.0f shares/s (publish -> consume -> "
        "ack)\n",
        static_cast<unsigned long long>(total), seconds, static_cast<double>(total) / seconds);
    std::printf("stream entries:   %llu (%.0f shares per entry)\n",
                static_cast<unsigned long long>(entries),
                static_cast<double>(total) / static_cast<double>(entries));
    std::printf("encoded size:     %.1f bytes per share in an entry of %zu shares\n",
                bytes_per_share, config.max_events_per_entry);
    double calls = static_cast<double>(publish_calls.load());
    std::printf(
        "publish() cost:   %.0f ns CPU, %.0f ns wall per call on the caller's thread "
        "(%llu throttle waits)\n",
        static_cast<double>(publish_cpu_ns.load()) / calls,
        static_cast<double>(publish_ns.load()) / calls,
        static_cast<unsigned long long>(throttled.load()));
    if (opt.rate > 0) {
        auto percentile = [&](double q) {
            uint64_t want = static_cast<uint64_t>(q * static_cast<double>(total));
            uint64_t seen = 0;
            for (size_t ms = 0; ms < latency_ms.size(); ++ms) {
                seen += latency_ms[ms];
                if (seen >= want) return ms;
            }
            return latency_ms.size() - 1;
        };
        std::printf("offered rate:     %llu shares/s\n", static_cast<unsigned long long>(opt.rate));
        std::printf("latency:          p50 %zu ms, p99 %zu ms, p99.9 %zu ms (publish -> poll)\n",
                    percentile(0.5), percentile(0.99), percentile(0.999));
    }
    return 0;
}
