// The Redis event bus against a real redis-server: two Stratum nodes publishing at once to a
// consumer group, a consumer that dies without acknowledging and comes back, idle entries
// claimed from a dead consumer, Redis killed and restarted mid-publishing, a publisher killed
// during an outage (its spool replays on the next start), malformed entries moved to the
// dead-letter stream, and pub/sub live events across a Redis restart.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "bus/redis_connection.h"
#include "bus/redis_event_bus.h"
#include "bus/redis_live_publisher.h"
#include "bus/redis_live_subscriber.h"
#include "bus/redis_spool.h"
#include "bus/redis_stream_consumer.h"
#include "support/event_queue.h"
#include "support/ports.h"
#include "support/process.h"
#include "support/redis_server.h"
#include "support/temp_dir.h"
#include "support/wait.h"

namespace viddhana::bus {
namespace {

using namespace std::chrono_literals;
using test::wait_until;

// A redis-server with an append-only file fsync'd every second, as production runs it: a
// SIGKILL loses nothing Redis acknowledged (the AOF is written before the reply). The shared
// test server runs without persistence, which would turn a Redis restart into data loss that
// no publisher can see.
class DurableRedisServer {
  public:
    DurableRedisServer() : dir_("redis-aof"), port_(test::free_tcp_port()) { start(); }
    ~DurableRedisServer() { kill(); }
    uint16_t port() const { return port_; }

    void kill() {
        if (!process_) return;
        process_->signal(SIGKILL);
        process_->wait_for(10s);
        process_.reset();
    }
    void start() {
        std::string log = dir_.file("redis.log");
        process_ = std::make_unique<test::Process>(test::ProcessOptions{
            "redis-server",
            {"--port", std::to_string(port_), "--bind", "127.0.0.1", "--save", "", "--appendonly",
             "yes", "--appendfsync", "everysec", "--dir", dir_.path()},
            {},
            dir_.path(),
            log,
            log});
        wait_until([&] { return ping(); }, 20s, "durable redis-server to answer PING");
    }
    bool ping() const {
        RedisBusConfig c;
        c.port = port_;
        c.connect_timeout = 500ms;
        auto conn = RedisConnection::open(c);
        return conn.ok() && (*conn)->command({"PING"}).ok();
    }

  private:
    test::TempDir dir_;
    uint16_t port_;
    std::unique_ptr<test::Process> process_;
};

RedisBusConfig bus_config(uint16_t port, const std::string& stream) {
    RedisBusConfig c;
    c.port = port;
    c.stream_key = stream;
    c.retry_initial = 20ms;
    c.retry_max = 200ms;
    c.connect_timeout = 500ms;
    c.command_timeout = 2000ms;
    c.close_timeout = 5000ms;
    c.claim_min_idle = 0ms;  // claiming is tested on its own
    c.trim_interval = 0ms;
    return c;
}

// The size of a spool file that holds nothing (its header alone).
uint64_t empty_spool_size() {
    test::TempDir dir("spool-size");
    PublishSpool spool(dir.file("empty.spool"));
    return spool.file_size();
}

std::vector<ShareEvent> make_shares(uint32_t node, uint64_t first_seq, size_t n) {
    std::vector<ShareEvent> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        ShareEvent s;
        s.node_id = node;
        s.sequence = first_seq + i;
        s.time_ms = 1'700'000'000'000 + static_cast<int64_t>(s.sequence);
        s.login = "ltc1qminer" + std::to_string(s.sequence % 17);
        s.worker = "rig" + std::to_string(s.sequence % 3);
        s.difficulty = 1024;
        s.actual_difficulty = 2048;
        s.height = 100;
        s.ip = "127.0.0." + std::to_string(node);
        out.push_back(std::move(s));
    }
    return out;
}

using ShareKey = std::pair<uint32_t, uint64_t>;

// What a ledger does with what it receives: remember (node_id, sequence), count the repeats.
struct Ledger {
    std::set<ShareKey> seen;
    std::map<uint32_t, uint64_t> last_new_sequence;     // per node, to check publish order
    std::set<std::pair<uint32_t, std::string>> blocks;  // (node_id, hash)
    size_t duplicates = 0;
    bool in_order = true;

    void take(const EventBatch& batch) {
        for (const auto& s : batch.shares) {
            if (!seen.insert({s.node_id, s.sequence}).second) {
                ++duplicates;
                continue;
            }
            auto& last = last_new_sequence[s.node_id];
            if (s.sequence <= last) in_order = false;
            last = s.sequence;
        }
        for (const auto& b : batch.blocks)
            blocks.insert({b.node_id, b.hash});
    }
};

std::unique_ptr<RedisConnection> admin(uint16_t port) {
    RedisBusConfig c;
    c.port = port;
    auto conn = RedisConnection::open(c);
    if (!conn) throw std::runtime_error(conn.error().message);
    return std::move(*conn);
}

int64_t integer(RedisConnection& conn, const std::vector<std::string_view>& args) {
    auto r = conn.command(args);
    if (!r) throw std::runtime_error(r.error().message);
    return (*r)->integer;
}

int64_t pending_count(RedisConnection& conn, const std::string& stream, const std::string& group) {
    auto r = conn.command({"XPENDING", stream, group});
    if (!r) throw std::runtime_error(r.error().message);
    return (*r)->element[0]->integer;
}

// Polls and acknowledges until `done`, or throws at the deadline.
void consume_until(RedisStreamConsumer& consumer, Ledger& ledger, const std::function<bool()>& done,
                   std::chrono::milliseconds deadline, const std::string& what) {
    wait_until(
        [&] {
            EventBatch batch;
            std::vector<EntryId> ids;
            consumer.poll(batch, ids, 100ms);
            ledger.take(batch);
            consumer.ack(ids);
            return done();
        },
        deadline, what, 0ms);
}

TEST(RedisEventBus, TwoNodesAConsumerCrashAndEveryShareOnce) {
    test::RedisServer redis;
    test::TempDir dir("bus");
    const std::string stream = "it:two-nodes";
    constexpr size_t kBatches = 200;
    constexpr size_t kBatchSize = 250;
    constexpr size_t kPerNode = kBatches * kBatchSize;

    auto c1 = bus_config(redis.port(), stream);
    c1.node_id = 1;
    c1.spool_path = dir.file("node1.spool");
    c1.max_events_per_entry = 1000;  // a hundred entries or more: the crash is mid-stream
    auto c2 = c1;
    c2.node_id = 2;
    c2.spool_path = dir.file("node2.spool");
    RedisEventBus node1(c1);
    RedisEventBus node2(c2);

    auto publish = [](RedisEventBus& bus, uint32_t node) {
        for (size_t b = 0; b < kBatches; ++b) {
            bus.publish(make_shares(node, 1 + b * kBatchSize, kBatchSize));
            if (b % 50 == 49) {
                FoundBlock block;
                block.node_id = node;
                block.height = static_cast<int64_t>(b);
                block.hash = "block-" + std::to_string(b);
                bus.publish(std::move(block));
            }
        }
    };
    std::thread t1(publish, std::ref(node1), 1);
    std::thread t2(publish, std::ref(node2), 2);

    auto consumer_config = bus_config(redis.port(), stream);
    consumer_config.consumer = "ledger-1";
    consumer_config.read_count = 8;
    Ledger ledger;
    std::vector<EntryId> unacked;
    size_t unacked_shares = 0;
    {
        RedisStreamConsumer first(consumer_config);
        // Consume about a third, acknowledging every poll but the last one.
        wait_until(
            [&] {
                EventBatch batch;
                std::vector<EntryId> ids;
                first.poll(batch, ids, 100ms);
                ledger.take(batch);
                if (ledger.seen.size() >= kPerNode * 2 / 3 && !ids.empty()) {
                    unacked = ids;
                    unacked_shares = batch.shares.size();
                    return true;
                }
                first.ack(ids);
                return false;
            },
            60s, "a third of the shares", 0ms);
        EXPECT_EQ(first.outstanding(), unacked.size());
    }  // the consumer "crashes": its last poll is never acknowledged
    ASSERT_FALSE(unacked.empty());

    t1.join();
    t2.join();
    ASSERT_TRUE(node1.flush(30s));
    ASSERT_TRUE(node2.flush(30s));

    RedisStreamConsumer second(consumer_config);
    std::vector<EntryId> second_ids;
    wait_until(
        [&] {
            EventBatch batch;
            std::vector<EntryId> ids;
            second.poll(batch, ids, 100ms);
            ledger.take(batch);
            second_ids.insert(second_ids.end(), ids.begin(), ids.end());
            second.ack(ids);
            return ledger.seen.size() == 2 * kPerNode && ledger.blocks.size() == 8;
        },
        60s, "every share to arrive", 0ms);

    // The unacknowledged entries came back first, and only they were delivered twice.
    ASSERT_GE(second_ids.size(), unacked.size());
    EXPECT_EQ(std::set<EntryId>(second_ids.begin(), second_ids.begin() + unacked.size()),
              std::set<EntryId>(unacked.begin(), unacked.end()));
    EXPECT_EQ(second.stats().redelivered, unacked.size());
    EXPECT_EQ(ledger.duplicates, unacked_shares);
    EXPECT_EQ(ledger.seen.size(), 2 * kPerNode);
    EXPECT_TRUE(ledger.in_order);
    std::cout << "[ redeliver] " << unacked.size() << " entries (" << unacked_shares
              << " shares) delivered twice, of "
              << node1.stats().delivered_entries + node2.stats().delivered_entries << " entries\n";

    auto conn = admin(redis.port());
    EXPECT_EQ(pending_count(*conn, stream, "ledger"), 0);
    // Entry format: "node" and "d".
    auto first_entry = conn->command({"XRANGE", stream, "-", "+", "COUNT", "1"});
    ASSERT_TRUE(first_entry.ok());
    const redisReply* fields = (*first_entry)->element[0]->element[1];
    ASSERT_EQ(fields->elements, 4u);
    EXPECT_EQ(reply_text(fields->element[0]), "node");
    EXPECT_EQ(reply_text(fields->element[2]), "d");

    // Everything is acknowledged: trimming keeps only the group's last delivered entry.
    auto trimmed = second.trim_acknowledged();
    ASSERT_TRUE(trimmed.ok()) << trimmed.error().message;
    EXPECT_GT(*trimmed, 0);
    EXPECT_EQ(integer(*conn, {"XLEN", stream}), 1);
    EXPECT_EQ(std::filesystem::file_size(c1.spool_path), empty_spool_size());  // never needed
}

TEST(RedisStreamConsumer, ClaimsTheIdleEntriesOfADeadConsumer) {
    test::RedisServer redis;
    const std::string stream = "it:claim";
    auto config = bus_config(redis.port(), stream);
    {
        RedisEventBus bus(config);
        for (uint64_t i = 0; i < 10; ++i)
            bus.publish(make_shares(1, 1 + i * 10, 10));
        ASSERT_TRUE(bus.flush(10s));
    }
    auto dead_config = config;
    dead_config.consumer = "ledger-dead";
    std::vector<EntryId> abandoned;
    {
        RedisStreamConsumer dead(dead_config);
        wait_until(
            [&] {
                EventBatch batch;
                dead.poll(batch, abandoned, 100ms);
                return abandoned.size() > 0;
            },
            10s, "the first consumer to read");
    }

    auto live_config = config;
    live_config.consumer = "ledger-live";
    live_config.claim_min_idle = 200ms;
    live_config.claim_interval = 0ms;
    RedisStreamConsumer live(live_config);
    Ledger ledger;
    std::set<EntryId> received;
    wait_until(
        [&] {
            EventBatch batch;
            std::vector<EntryId> ids;
            live.poll(batch, ids, 100ms);
            ledger.take(batch);
            received.insert(ids.begin(), ids.end());
            live.ack(ids);
            std::set<EntryId> wanted(abandoned.begin(), abandoned.end());
            return ledger.seen.size() == 100 &&
                   std::includes(received.begin(), received.end(), wanted.begin(), wanted.end());
        },
        20s, "the abandoned entries to be claimed");
    EXPECT_EQ(live.stats().claimed, abandoned.size());
    EXPECT_EQ(ledger.duplicates, 0u);
    auto conn = admin(redis.port());
    EXPECT_EQ(pending_count(*conn, stream, "ledger"), 0);
}

TEST(RedisStreamConsumer, MalformedEntriesGoToTheDeadLetterStream) {
    test::RedisServer redis;
    const std::string stream = "it:dead-letter";
    auto config = bus_config(redis.port(), stream);
    auto conn = admin(redis.port());
    {
        RedisEventBus bus(config);
        bus.publish(make_shares(1, 1, 10));
        ASSERT_TRUE(bus.flush(10s));
        ASSERT_TRUE(conn->command({"XADD", stream, "*", "node", "1", "d", "\x07garbage"}).ok());
        ASSERT_TRUE(conn->command({"XADD", stream, "*", "node", "1", "other", "x"}).ok());
        bus.publish(make_shares(1, 11, 10));
        ASSERT_TRUE(bus.flush(10s));
    }
    RedisStreamConsumer consumer(config);
    Ledger ledger;
    consume_until(
        consumer, ledger, [&] { return ledger.seen.size() == 20; }, 10s, "the valid entries");
    EXPECT_EQ(consumer.stats().dead_lettered, 2u);
    EXPECT_EQ(integer(*conn, {"XLEN", stream + ":dead"}), 2);
    EXPECT_EQ(pending_count(*conn, stream, "ledger"), 0);

    auto dead = conn->command({"XRANGE", stream + ":dead", "-", "+"});
    ASSERT_TRUE(dead.ok());
    std::vector<std::string> errors;
    for (size_t i = 0; i < (*dead)->elements; ++i) {
        const redisReply* fields = (*dead)->element[i]->element[1];
        std::map<std::string, std::string> f;
        for (size_t k = 0; k + 1 < fields->elements; k += 2) {
            f[std::string(reply_text(fields->element[k]))] =
                std::string(reply_text(fields->element[k + 1]));
        }
        EXPECT_EQ(f["source_stream"], stream);
        EXPECT_FALSE(f["source_id"].empty());
        errors.push_back(f["error"]);
    }
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_NE(errors[0].find("unsupported format version 7"), std::string::npos) << errors[0];
    EXPECT_EQ(errors[1], "entry has no 'd' field");
}

TEST(RedisEventBus, RedisKilledAndRestartedWhilePublishingLosesNothing) {
    DurableRedisServer redis;
    test::TempDir dir("bus");
    const std::string stream = "it:outage";
    auto config = bus_config(redis.port(), stream);
    config.node_id = 7;
    config.spool_path = dir.file("node7.spool");
    RedisEventBus bus(config);

    std::atomic<bool> stop_publishing{false};
    std::atomic<uint64_t> published{0};
    std::thread publisher([&] {
        uint64_t seq = 1;
        while (!stop_publishing) {
            bus.publish(make_shares(7, seq, 100));
            seq += 100;
            published = seq - 1;
            std::this_thread::sleep_for(2ms);  // pacing: a node's steady share flow
        }
    });

    std::atomic<bool> stop_consuming{false};
    Ledger ledger;
    std::mutex ledger_mutex;
    std::thread consumer_thread([&] {
        auto c = config;
        c.consumer = "ledger-outage";
        RedisStreamConsumer consumer(c);
        while (!stop_consuming) {
            EventBatch batch;
            std::vector<EntryId> ids;
            consumer.poll(batch, ids, 100ms);
            {
                std::lock_guard lock(ledger_mutex);
                ledger.take(batch);
            }
            consumer.ack(ids);
        }
    });
    auto received = [&] {
        std::lock_guard lock(ledger_mutex);
        return ledger.seen.size();
    };

    wait_until([&] { return received() >= 5000; }, 20s, "shares flowing before the outage");
    redis.kill();
    wait_until([&] { return !bus.connected(); }, 20s, "the publisher to notice the outage");
    wait_until([&] { return bus.stats().spooled_entries >= 5; }, 20s, "entries in the spool");
    size_t spooled_during_outage = bus.stats().spooled_entries;
    redis.start();
    wait_until([&] { return bus.connected() && bus.stats().spooled_entries == 0; }, 30s,
               "the spool to be replayed");
    uint64_t at_replay = published.load();
    wait_until([&] { return published.load() >= at_replay + 5000; }, 20s,
               "publishing to go on after the restart");
    stop_publishing = true;
    publisher.join();
    ASSERT_TRUE(bus.flush(30s));
    uint64_t total = published.load();
    wait_until([&] { return received() == total; }, 60s, "every share to reach the consumer");
    stop_consuming = true;
    consumer_thread.join();

    std::lock_guard lock(ledger_mutex);
    EXPECT_EQ(ledger.seen.size(), total);
    EXPECT_EQ(*ledger.seen.begin(), ShareKey(7, 1));
    EXPECT_EQ(*ledger.seen.rbegin(), ShareKey(7, total));
    EXPECT_TRUE(ledger.in_order);
    EXPECT_GE(bus.stats().connections, 2u);
    std::cout << "[  outage  ] " << total << " shares, " << spooled_during_outage
              << " entries spooled during the outage, " << ledger.duplicates
              << " shares delivered twice\n";
}

TEST(RedisEventBus, SpoolSurvivesAPublisherKilledDuringAnOutage) {
    test::RedisServer redis;
    test::TempDir dir("bus");
    const std::string stream = "it:crash";
    auto config = bus_config(redis.port(), stream);
    config.node_id = 3;
    config.spool_path = dir.file("node3.spool");
    constexpr uint64_t kBatches = 40;
    constexpr uint64_t kBatchSize = 100;
    redis.kill();

    // The "Stratum process": publishes while Redis is down, waits until its spool holds every
    // batch, and dies by SIGKILL (no close, no destructor).
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        RedisEventBus bus(config);
        for (uint64_t b = 0; b < kBatches; ++b) {
            bus.publish(make_shares(3, 1 + b * kBatchSize, kBatchSize));
        }
        auto until = std::chrono::steady_clock::now() + 30s;
        while (bus.stats().durable_batches < kBatches) {
            if (std::chrono::steady_clock::now() > until) ::_exit(2);
            std::this_thread::sleep_for(10ms);
        }
        ::kill(::getpid(), SIGKILL);
        ::_exit(3);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the publisher process did not spool its batches (status " << status << ")";
    EXPECT_GT(std::filesystem::file_size(config.spool_path), empty_spool_size());

    redis.restart();
    RedisEventBus restarted(config);
    EXPECT_GT(restarted.stats().spooled_entries, 0u);
    wait_until([&] { return restarted.stats().spooled_entries == 0; }, 20s,
               "the spool to be replayed");
    RedisStreamConsumer consumer(config);
    Ledger ledger;
    consume_until(
        consumer, ledger, [&] { return ledger.seen.size() == kBatches * kBatchSize; }, 20s,
        "the spooled shares");
    EXPECT_EQ(ledger.duplicates, 0u);
    EXPECT_TRUE(ledger.in_order);
    EXPECT_EQ(std::filesystem::file_size(config.spool_path), empty_spool_size());
}

TEST(RedisEventBus, ClosingDuringAnOutageSpoolsAndTheNextStartDelivers) {
    test::RedisServer redis;
    test::TempDir dir("bus");
    auto config = bus_config(redis.port(), "it:close");
    config.spool_path = dir.file("node.spool");
    redis.kill();
    {
        RedisEventBus bus(config);
        bus.publish(make_shares(1, 1, 500));
        FoundBlock block;
        block.hash = "00ab";
        bus.publish(std::move(block));
        EXPECT_FALSE(bus.flush(100ms));
        bus.close();
        EXPECT_GT(bus.stats().spooled_entries, 0u);
        bus.publish(make_shares(1, 501, 1));  // after close: counted, not delivered
        EXPECT_EQ(bus.stats().dropped_after_close, 1u);
    }
    redis.restart();
    {
        RedisEventBus bus(config);
        wait_until([&] { return bus.stats().spooled_entries == 0; }, 20s, "the replay");
    }
    RedisStreamConsumer consumer(config);
    Ledger ledger;
    consume_until(
        consumer, ledger, [&] { return ledger.seen.size() == 500 && ledger.blocks.size() == 1; },
        20s, "the spooled events");
}

TEST(RedisEventBus, SubscribeReturnsAnAcknowledgingSubscription) {
    test::RedisServer redis;
    auto config = bus_config(redis.port(), "it:subscribe");
    RedisEventBus bus(config);
    auto sub = bus.subscribe();
    bus.publish(make_shares(1, 1, 50));
    Ledger ledger;
    wait_until(
        [&] {
            EventBatch batch;
            EXPECT_TRUE(sub->poll(batch, 100ms));
            ledger.take(batch);
            return ledger.seen.size() == 50;
        },
        10s, "the subscription to deliver");
    EventBatch none;
    sub->poll(none, 10ms);  // acknowledges the previous poll
    auto conn = admin(redis.port());
    EXPECT_EQ(pending_count(*conn, "it:subscribe", "ledger"), 0);
}

TEST(RedisEventBus, AuthenticatesAndSelectsTheDatabaseOfARedisUrl) {
    test::RedisServer redis;
    {
        auto conn = admin(redis.port());
        ASSERT_TRUE(conn->command({"CONFIG", "SET", "requirepass", "p@ss word"}).ok());
    }
    std::string url = "redis://:p%40ss%20word@127.0.0.1:" + std::to_string(redis.port()) + "/3";
    auto config = parse_redis_url(url, bus_config(redis.port(), "it:auth"));
    ASSERT_TRUE(config.ok()) << config.error().message;
    {
        RedisEventBus bus(*config);
        bus.publish(make_shares(1, 1, 10));
        ASSERT_TRUE(bus.flush(10s));
    }
    auto conn = RedisConnection::open(*config);
    ASSERT_TRUE(conn.ok()) << conn.error().message;
    EXPECT_EQ(integer(**conn, {"XLEN", "it:auth"}), 1);
    ASSERT_TRUE((*conn)->command({"SELECT", "0"}).ok());
    EXPECT_EQ(integer(**conn, {"XLEN", "it:auth"}), 0);

    auto wrong = *config;
    wrong.password = "nope";
    auto refused = RedisConnection::open(wrong);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("AUTH failed"), std::string::npos)
        << refused.error().message;
    RedisEventBus bus(wrong);
    bus.publish(make_shares(1, 11, 10));
    EXPECT_FALSE(bus.flush(300ms));
    EXPECT_FALSE(bus.connected());
    EXPECT_EQ(bus.backlog(), 10u);
}

TEST(RedisLiveEvents, PublishedMessagesArriveAndSurviveARedisRestart) {
    test::RedisServer redis;
    auto config = bus_config(redis.port(), "unused");
    test::EventQueue<std::pair<std::string, std::string>> received;
    RedisLiveSubscriber subscriber(config, {"viddhana:live:blocks"},
                                   [&](const std::string& channel, const std::string& message) {
                                       received.push({channel, message});
                                   },
                                   {"viddhana:live:miner:*"});
    wait_until([&] { return subscriber.connected(); }, 10s, "the subscription");

    RedisLivePublisher publisher(config);
    auto n = publisher.publish("viddhana:live:blocks", R"({"height":100})");
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(*n, 1);
    auto got = received.wait_any(10s);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->first, "viddhana:live:blocks");
    EXPECT_EQ(got->second, R"({"height":100})");

    ASSERT_TRUE(publisher.publish("viddhana:live:miner:ltc1qabc", R"({"hashrate":5})").ok());
    got = received.wait_any(10s);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->first, "viddhana:live:miner:ltc1qabc");

    redis.kill();
    EXPECT_FALSE(publisher.publish("viddhana:live:blocks", "{}").ok());
    redis.restart();
    wait_until([&] { return subscriber.connected() && subscriber.subscriptions() >= 2; }, 20s,
               "the subscriber to subscribe again");
    wait_until([&] { return publisher.publish("viddhana:live:blocks", R"({"height":101})").ok(); },
               10s, "the publisher to reconnect");
    got = received.wait_for([](const auto& m) { return m.second == R"({"height":101})"; }, 10s);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(subscriber.messages(), 3u);
}

}  // namespace
}  // namespace viddhana::bus
