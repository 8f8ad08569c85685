// The socket-free Connection's rules: difficulty changes under fresh job ids, duplicates in any
// spelling, unauthorized workers, abuse control that drops one rig and never its address, and
// the share still being hashed when a clean job arrives.
#include "connection_fixture.h"

namespace viddhana::stratum::test {
namespace {

const std::string kWorker = std::string(kAddress) + ".rig1";

class ConnectionRules : public ::testing::Test {
  protected:
    static StratumConfig config() {
        StratumConfig c;
        c.vardiff.initial_difficulty = 0.001;
        c.vardiff.min_difficulty = 0.0001;
        c.strikes_to_ban = 5;
        c.reconnect_backoff_seconds = 5;
        return c;
    }
    ConnectionRules() : host_(config()) {}

    // A connection that subscribed and authorized `login`, with its miner's view.
    struct Rig {
        std::unique_ptr<Connection> c;
        std::unique_ptr<MinerView> m;
    };
    Rig rig(const std::string& login = kWorker, const std::string& address = "198.51.100.7") {
        Rig r;
        r.c = std::make_unique<Connection>(host_, address, *host_.extranonces.acquire(), now_);
        r.m = std::make_unique<MinerView>(host_, *r.c);
        r.m->send(R"({"id": 1, "method": "mining.subscribe", "params": ["test/1.0"]})"
                  "\n",
                  now_);
        r.m->send(line({{"id", 2}, {"method", "mining.authorize"}, {"params", {login, "x"}}}),
                  now_);
        r.m->take();
        return r;
    }
    // Submits and, for a scrypt share waiting for its hash, hashes it; returns the answer.
    json submit(Rig& r, const json& params, int id) {
        r.m->send(line({{"id", id}, {"method", "mining.submit"}, {"params", params}}), now_);
        if (r.c->awaiting_pow()) host_.hash_pending(*r.c, now_);
        r.m->take();
        return r.m->answer(id);
    }
    static int error_code(const json& answer) {
        return answer["error"].is_null() ? 0 : answer["error"][0].get<int>();
    }

    RecordingHost host_;
    int64_t now_ = job_time_ms(host_);
};

TEST_F(ConnectionRules, DifficultyChangeSendsTheJobAgainUnderAFreshId) {
    host_.make_job(true);
    Rig r = rig();
    json old_job = r.m->last("mining.notify");
    ASSERT_TRUE(old_job.is_object());
    // Two shares meeting 0.001 but not 0.01, found before the change.
    json easy = r.m->share(kWorker, old_job["params"], 0.001, true, 0, "", 0.01);
    json easy2 = r.m->share(kWorker, old_job["params"], 0.001, true, 100'000, "", 0.01);

    r.m->send(R"({"id": 3, "method": "mining.suggest_difficulty", "params": [0.01]})"
              "\n",
              now_);
    r.m->take();
    EXPECT_EQ(r.m->difficulty(), 0.01);
    json new_job = r.m->last("mining.notify");
    std::string new_id = new_job["params"][0];
    EXPECT_NE(new_id, old_job["params"][0]);
    EXPECT_EQ(new_job["params"][8], false);
    // Same work: only the id differs.
    for (size_t i = 1; i < 8; ++i)
        EXPECT_EQ(new_job["params"][i], old_job["params"][i]) << i;

    // On the job sent before the change: judged and credited at 0.001.
    EXPECT_EQ(submit(r, easy, 4)["result"], true);
    EXPECT_EQ(host_.events.back().difficulty, 0.001);
    // The same kind of share under the new id is judged at 0.01: too low.
    json easy_on_new = easy2;
    easy_on_new[1] = new_id;
    EXPECT_EQ(error_code(submit(r, easy_on_new, 5)), 23);
    // And one meeting 0.01 on the new id is credited 0.01.
    json hard = r.m->share(kWorker, new_job["params"], 0.01, true, 200'000);
    EXPECT_EQ(submit(r, hard, 6)["result"], true);
    EXPECT_EQ(host_.events.back().difficulty, 0.01);

    // A job broadcast after the change carries the new difficulty.
    host_.make_job(false);
    host_.broadcast({r.c.get()}, now_);
    r.m->take();
    json next = r.m->last("mining.notify");
    json easy_next = r.m->share(kWorker, next["params"], 0.001, true, 300'000, "", 0.01);
    EXPECT_EQ(error_code(submit(r, easy_next, 7)), 23);
}

TEST_F(ConnectionRules, VardiffChangesAlsoSendAFreshId) {
    host_.make_job(true);
    Rig r = rig();
    json before = r.m->last("mining.notify");
    // No shares for a long time: vardiff lowers the difficulty on a tick.
    r.m->send(R"({"id": 3, "method": "mining.ping", "params": []})"
              "\n",
              now_ + 600'000);
    r.c->tick(now_ + 600'000);
    r.m->take();
    ASSERT_LT(r.m->difficulty(), 0.001);
    json after = r.m->last("mining.notify");
    EXPECT_NE(after["params"][0], before["params"][0]);
    EXPECT_EQ(after["params"][8], false);
}

// A share is identified by the header it makes: resending it in another spelling (upper-case
// hex) or under the id the same work was re-sent with is a duplicate.
TEST_F(ConnectionRules, DuplicatesInEverySpelling) {
    host_.make_job(true);
    Rig r = rig();
    json job = r.m->last("mining.notify");
    json share = r.m->share(kWorker, job["params"], 0.001);
    EXPECT_EQ(submit(r, share, 3)["result"], true);
    EXPECT_EQ(error_code(submit(r, share, 4)), 22);
    json upper = share;
    for (size_t i = 2; i < 5; ++i) {
        std::string s = upper[i];
        for (auto& ch : s)
            ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        upper[i] = s;
    }
    EXPECT_EQ(error_code(submit(r, upper, 5)), 22);
    // ESP-Miner's resend after a difficulty change: the same share under the fresh id.
    r.m->send(R"({"id": 6, "method": "mining.suggest_difficulty", "params": [0.0005]})"
              "\n",
              now_);
    r.m->take();
    json resent = share;
    resent[1] = r.m->last("mining.notify")["params"][0];
    ASSERT_NE(resent[1], share[1]);
    EXPECT_EQ(error_code(submit(r, resent, 7)), 22);
    EXPECT_EQ(host_.metrics.shares_accepted.value(), 1);
}

TEST_F(ConnectionRules, SubmitForAWorkerNeverAuthorizedHereIsRefused) {
    host_.make_job(true);
    Rig r = rig();
    json job = r.m->last("mining.notify");
    json share = r.m->share(std::string(kAddress) + ".other", job["params"], 0.001);
    json answer = submit(r, share, 3);
    EXPECT_EQ(error_code(answer), 24);
    EXPECT_TRUE(host_.events.empty());
    EXPECT_FALSE(r.c->closed());
}

// ESP-Miner's duplicate storm: every duplicate is answered with 22, and nothing else happens.
TEST_F(ConnectionRules, ADuplicateStormNeverDropsNorBans) {
    host_.make_job(true);
    Rig r = rig();
    json share = r.m->share(kWorker, r.m->last("mining.notify")["params"], 0.001);
    EXPECT_EQ(submit(r, share, 3)["result"], true);
    for (int i = 0; i < 100; ++i)
        ASSERT_EQ(error_code(submit(r, share, 10 + i)), 22) << i;
    EXPECT_FALSE(r.c->closed());
    EXPECT_FALSE(host_.admission.is_banned("198.51.100.7", now_));
    EXPECT_EQ(host_.admission.backoff_remaining("198.51.100.7", kWorker, now_), 0);
}

// Ten malformed lines from one rig: that connection is dropped and its worker's reconnects back
// off; its neighbours behind the same address keep mining and connecting, the address is never
// banned.
TEST_F(ConnectionRules, MalformedLinesDropTheRigNotItsAddress) {
    host_.make_job(true);
    Rig broken = rig(kWorker);
    Rig neighbour = rig(std::string(kAddress) + ".rig2");
    for (int i = 0; i < 10 && !broken.c->closed(); ++i)
        broken.m->send("{\"id\": 3, \"method\": \"mining.submit\", \"params\": [\n", now_);
    EXPECT_TRUE(broken.c->closed());
    EXPECT_EQ(host_.metrics.dropped_malformed.value(), 1);
    EXPECT_FALSE(host_.admission.is_banned("198.51.100.7", now_));

    json share = neighbour.m->share(std::string(kAddress) + ".rig2",
                                    neighbour.m->last("mining.notify")["params"], 0.001);
    EXPECT_EQ(submit(neighbour, share, 3)["result"], true);
    EXPECT_FALSE(neighbour.c->closed());
    // A new rig from the same address connects and mines.
    Rig newcomer = rig(std::string(kAddress) + ".rig3");
    EXPECT_TRUE(newcomer.m->answer(2)["result"] == true);
    EXPECT_EQ(host_.admission.admit("198.51.100.7", now_), AdmissionControl::Verdict::admitted);

    // The broken rig reconnecting at once is refused for its backoff, then let in.
    Rig again = rig(kWorker);
    EXPECT_EQ(error_code(again.m->answer(2)), 24);
    EXPECT_TRUE(again.c->close_when_sent());
    now_ += 5'001;
    Rig later = rig(kWorker);
    EXPECT_EQ(later.m->answer(2)["result"], true);
}

// A scrypt share still being hashed when a clean job arrives is judged against the shares
// received before it: a resent share is not credited twice.
TEST_F(ConnectionRules, ShareBeingHashedWhenACleanJobArrives) {
    host_.make_job(true);
    Rig r = rig();
    json share = r.m->share(kWorker, r.m->last("mining.notify")["params"], 0.001);
    EXPECT_EQ(submit(r, share, 3)["result"], true);
    r.m->send(line({{"id", 4}, {"method", "mining.submit"}, {"params", share}}), now_);
    ASSERT_TRUE(r.c->awaiting_pow());
    host_.make_job(true);
    host_.broadcast({r.c.get()}, now_);
    host_.hash_pending(*r.c, now_);
    r.m->take();
    EXPECT_EQ(error_code(r.m->answer(4)), 22);
    EXPECT_EQ(host_.metrics.shares_accepted.value(), 1);
    // Input that came while the hash was pending is handled after it, in order.
    json fresh = r.m->share(kWorker, r.m->last("mining.notify")["params"], 0.001, true, 70'000);
    r.m->send(line({{"id", 5}, {"method", "mining.submit"}, {"params", fresh}}) +
                  line({{"id", 6}, {"method", "mining.ping"}, {"params", json::array()}}),
              now_);
    ASSERT_TRUE(r.c->awaiting_pow());
    EXPECT_TRUE(r.m->take().empty());  // the ping waits for the share's answer
    host_.hash_pending(*r.c, now_);
    auto answers = r.m->take();
    ASSERT_EQ(answers.size(), 2u);
    EXPECT_EQ(answers[0]["id"], 5);
    EXPECT_EQ(answers[1]["id"], 6);
}

TEST_F(ConnectionRules, StaleAfterACleanJob) {
    host_.make_job(true);
    Rig r = rig();
    json share = r.m->share(kWorker, r.m->last("mining.notify")["params"], 0.001);
    host_.make_job(true);
    host_.broadcast({r.c.get()}, now_);
    EXPECT_EQ(error_code(submit(r, share, 3)), 21);
    EXPECT_FALSE(r.c->closed());
}

TEST_F(ConnectionRules, HandshakeTimeoutClosesWithoutABan) {
    host_.make_job(true);
    Connection c(host_, "198.51.100.9", *host_.extranonces.acquire(), now_);
    c.tick(now_ + 61'000);
    EXPECT_TRUE(c.closed());
    EXPECT_FALSE(host_.admission.is_banned("198.51.100.9", now_ + 61'000));
}

}  // namespace
}  // namespace viddhana::stratum::test
