// The Sentinel's endpoints: alerts kept in time order, filtered by miner, worker, kind and age.
#include <gtest/gtest.h>

#include "analytics/service/sentinel_endpoint.h"

namespace viddhana::analytics::service {
namespace {

using nlohmann::json;

Alert alert(int64_t minute, AlertKind kind, std::string miner, std::string worker) {
    Alert a;
    a.time_ms = minute * 60'000;
    a.kind = kind;
    a.miner = std::move(miner);
    a.worker = std::move(worker);
    a.p_value = 1e-9;
    a.reason = "because";
    return a;
}

TEST(AlertBook, FiltersAndKeepsTheNewest) {
    AlertBook book(3);
    book.record_evaluation({alert(1, AlertKind::worker_offline, "m1", "a"),
                            alert(2, AlertKind::worker_sick, "m1", "b")},
                           2 * 60'000, 4, 100);
    book.record_evaluation({alert(3, AlertKind::worker_offline, "m2", "a"),
                            alert(4, AlertKind::node_lag, "", "node-a")},
                           4 * 60'000, 5, 200);
    // Capacity 3: the oldest went.
    auto all = book.find({});
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].time_ms, 4 * 60'000);
    EXPECT_EQ(all[2].time_ms, 2 * 60'000);
    EXPECT_EQ(book.find({"m1", std::nullopt, std::nullopt, 0, 100}).size(), 1u);
    EXPECT_EQ(book.find({std::nullopt, std::nullopt, AlertKind::worker_offline, 0, 100}).size(),
              1u);
    EXPECT_EQ(book.find({std::nullopt, std::nullopt, std::nullopt, 3 * 60'000, 100}).size(), 2u);
    auto st = book.status();
    EXPECT_EQ(st.evaluations, 2);
    EXPECT_EQ(st.workers, 5u);
    EXPECT_EQ(st.shares_seen, 200);
}

TEST(SentinelEndpoint, AnswersAlertsWithReasons) {
    AlertBook book;
    book.record_evaluation({alert(100, AlertKind::worker_offline, "m1", "rig")}, 100 * 60'000, 1,
                           50);
    auto req = parse_sentinel_request(json{{"miner", "m1"}, {"since_minutes", 30}});
    ASSERT_TRUE(req) << req.error().message;
    int64_t now = 110 * 60'000;
    auto reply = answer_sentinel(*req, book.find(alert_filter(*req, now)), book.status(), now);
    ASSERT_EQ(reply.status, 200);
    ASSERT_EQ(reply.body["count"], 1);
    EXPECT_EQ(reply.body["alerts"][0]["kind"], "worker_offline");
    EXPECT_EQ(reply.body["alerts"][0]["reason"], "because");
    EXPECT_EQ(reply.body["sentinel"]["evaluations"], 1);
    // Older than the window: not current.
    auto narrow = parse_sentinel_request(json{{"since_minutes", 5}});
    ASSERT_TRUE(narrow);
    EXPECT_TRUE(book.find(alert_filter(*narrow, now)).empty());
}

TEST(SentinelEndpoint, RefusesBadRequestsNamingTheField) {
    struct Case {
        json body;
        std::string field;
    };
    const Case cases[] = {
        {json{{"worker", "rig"}}, "worker"},
        {json{{"kind", "meteor"}}, "kind"},
        {json{{"since_minutes", 0}}, "since_minutes"},
        {json{{"limit", 5000}}, "limit"},
        {json{{"miner", 42}}, "miner"},
        {json{{"address", "m"}}, "address"},
    };
    for (const auto& c : cases) {
        auto r = parse_sentinel_request(c.body);
        ASSERT_FALSE(r) << c.body.dump();
        EXPECT_EQ(r.error().field, c.field) << r.error().message;
    }
    auto q = parse_alerts_query({{"since_minutes", "ten"}});
    ASSERT_FALSE(q);
    EXPECT_EQ(q.error().field, "since_minutes");
    auto ok = parse_alerts_query({{"since_minutes", "10"}, {"miner", "m1"}});
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(ok->since_minutes, 10);
}

}  // namespace
}  // namespace viddhana::analytics::service
