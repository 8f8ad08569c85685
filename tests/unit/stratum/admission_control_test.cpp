#include <gtest/gtest.h>

#include "stratum/admission_control.h"
#include "stratum/extranonce_allocator.h"

namespace viddhana::stratum {
namespace {

using V = AdmissionControl::Verdict;

AdmissionPolicy small_policy() {
    AdmissionPolicy p;
    p.max_connections = 3;
    p.max_per_address = 2;
    p.ban_ms = 60'000;
    p.backoff_ms = 5'000;
    p.connections_per_minute = 100;
    p.garbage_bytes_per_minute = 10'000;
    p.handshake_timeouts_per_minute = 10;
    return p;
}

TEST(AdmissionControl, CapsPerAddressAndInAll) {
    AdmissionControl a(small_policy());
    EXPECT_EQ(a.admit("10.0.0.1", 0), V::admitted);
    EXPECT_EQ(a.admit("10.0.0.1", 0), V::admitted);
    EXPECT_EQ(a.admit("10.0.0.1", 0), V::address_full);
    EXPECT_EQ(a.admit("10.0.0.2", 0), V::admitted);
    EXPECT_EQ(a.admit("10.0.0.3", 0), V::pool_full);
    EXPECT_EQ(a.connections(), 3);
    a.release("10.0.0.1");
    EXPECT_EQ(a.admit("10.0.0.3", 0), V::admitted);
}

TEST(AdmissionControl, BansExpireAndCanBeLifted) {
    AdmissionControl a(small_policy());
    a.ban("10.0.0.9", BanReason::garbage_flood, 1'000);
    EXPECT_EQ(a.admit("10.0.0.9", 60'999), V::banned);
    ASSERT_EQ(a.bans(2'000).size(), 1u);
    EXPECT_EQ(a.bans(2'000)[0].reason, BanReason::garbage_flood);
    EXPECT_EQ(a.admit("10.0.0.9", 61'000), V::admitted);
    EXPECT_EQ(a.banned_count(61'000), 0u);

    a.ban("10.0.0.8", BanReason::connection_flood, 70'000);
    EXPECT_TRUE(a.lift("10.0.0.8"));
    EXPECT_FALSE(a.lift("10.0.0.8"));
    EXPECT_EQ(a.admit("10.0.0.8", 70'001), V::admitted);
}

// A farm of 1,000 rigs reconnecting at once after a network blip, from one address, with the
// defaults: nobody is banned.
TEST(AdmissionControl, AFarmReconnectingAtOnceIsNotAFlood) {
    AdmissionControl a{AdmissionPolicy{}};
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 1000; ++i)
            ASSERT_EQ(a.admit("203.0.113.7", round * 1000), V::admitted) << round << " " << i;
        for (int i = 0; i < 1000; ++i)
            a.release("203.0.113.7");
    }
    EXPECT_EQ(a.banned_count(3000), 0u);
}

TEST(AdmissionControl, FloodsBanTheAddress) {
    std::vector<AdmissionControl::Ban> reported;
    AdmissionControl a(small_policy());
    a.on_ban([&](const AdmissionControl::Ban& b) { reported.push_back(b); });
    // Connections: the 101st within a minute bans.
    AdmissionPolicy p = small_policy();
    p.max_per_address = 1000;
    p.max_connections = 1000;
    AdmissionControl c(p);
    for (int i = 0; i < 100; ++i) {
        ASSERT_EQ(c.admit("10.1.1.1", i), V::admitted);
        c.release("10.1.1.1");
    }
    EXPECT_EQ(c.admit("10.1.1.1", 100), V::banned);
    EXPECT_EQ(c.admit("10.1.1.2", 100), V::admitted);  // its neighbour address is not
    // Garbage bytes.
    a.record_garbage("10.2.2.2", 9'000, 0);
    EXPECT_FALSE(a.is_banned("10.2.2.2", 1));
    a.record_garbage("10.2.2.2", 2'000, 1);
    EXPECT_TRUE(a.is_banned("10.2.2.2", 2));
    // Handshake timeouts.
    for (int i = 0; i < 10; ++i)
        a.record_handshake_timeout("10.3.3.3", i);
    EXPECT_FALSE(a.is_banned("10.3.3.3", 10));
    a.record_handshake_timeout("10.3.3.3", 11);
    EXPECT_TRUE(a.is_banned("10.3.3.3", 12));
    ASSERT_EQ(reported.size(), 2u);
    EXPECT_EQ(reported[0].reason, BanReason::garbage_flood);
    EXPECT_EQ(reported[1].reason, BanReason::handshake_flood);
}

TEST(AdmissionControl, GarbageSpreadOverTimeIsForgotten) {
    AdmissionControl a(small_policy());
    // 9,000 bytes a minute, for ten minutes: under the 10,000 a minute limit.
    for (int minute = 0; minute < 10; ++minute)
        a.record_garbage("10.2.2.2", 9'000, minute * 60'000 + 59'000);
    EXPECT_FALSE(a.is_banned("10.2.2.2", 600'000));
}

TEST(AdmissionControl, ExemptRangesAreNeverBannedNorCapped) {
    AdmissionPolicy p = small_policy();
    p.exempt.push_back(*IpRange::parse("192.168.0.0/16"));
    AdmissionControl a(p);
    a.record_garbage("192.168.4.4", 1'000'000, 0);
    EXPECT_FALSE(a.is_banned("192.168.4.4", 1));
    EXPECT_EQ(a.admit("192.168.4.4", 1), V::admitted);
    EXPECT_EQ(a.admit("192.168.4.4", 1), V::admitted);
    EXPECT_EQ(a.admit("192.168.4.4", 1), V::admitted);  // beyond max_per_address
    a.record_garbage("10.9.9.9", 1'000'000, 0);
    EXPECT_TRUE(a.is_banned("10.9.9.9", 1));
}

// A dropped worker's reconnects back off, doubling per drop; the other workers behind the same
// address are not touched.
TEST(AdmissionControl, PenaltiesBackOffOneWorkerNotItsAddress) {
    AdmissionControl a(small_policy());
    EXPECT_EQ(a.penalize("10.0.0.1", "addr.rig7", 0), 5'000);
    EXPECT_EQ(a.backoff_remaining("10.0.0.1", "addr.rig7", 1'000), 4'000);
    EXPECT_EQ(a.backoff_remaining("10.0.0.1", "addr.rig8", 1'000), 0);
    EXPECT_EQ(a.backoff_remaining("10.0.0.2", "addr.rig7", 1'000), 0);
    EXPECT_FALSE(a.is_banned("10.0.0.1", 1'000));
    EXPECT_EQ(a.admit("10.0.0.1", 1'000), V::admitted);
    EXPECT_EQ(a.penalize("10.0.0.1", "addr.rig7", 6'000), 10'000);
    EXPECT_EQ(a.penalize("10.0.0.1", "addr.rig7", 20'000), 20'000);
    for (int i = 0; i < 10; ++i)
        a.penalize("10.0.0.1", "addr.rig7", 30'000 + i);
    EXPECT_EQ(a.backoff_remaining("10.0.0.1", "addr.rig7", 40'000), 60'000 - (40'000 - 30'009));
    // A worker that behaved for a whole ban time starts over.
    EXPECT_EQ(a.penalize("10.0.0.1", "addr.rig7", 200'000), 5'000);
}

TEST(ExtranonceAllocator, UniqueAndPrefixedWithTheNodeId) {
    ExtranonceAllocator alloc(7);
    auto a = alloc.acquire();
    auto b = alloc.acquire();
    ASSERT_TRUE(a && b);
    EXPECT_EQ((*a)[0], 7);
    EXPECT_EQ((*b)[0], 7);
    EXPECT_NE(*a, *b);
    EXPECT_EQ(alloc.in_use(), 2u);
    alloc.release(*a);
    EXPECT_EQ(alloc.in_use(), 1u);
}

// A client reconnecting with its session id gets its extranonce1 back when it is free, with the
// record of what it was credited for in the same block.
TEST(ExtranonceAllocator, ResumesAFreeSession) {
    ExtranonceAllocator alloc(1);
    auto first = *alloc.acquire();
    DuplicateFilter credited;
    credited.insert(*chain::Uint256::from_display_hex(std::string(63, '0') + "1"));
    alloc.release(first, std::move(credited), 42, 0);
    auto fresh = *alloc.acquire();
    DuplicateFilter back;
    ASSERT_TRUE(alloc.resume(first, fresh, 42, back, 1'000));
    EXPECT_EQ(back.size(), 1u);
    EXPECT_EQ(alloc.in_use(), 1u);  // `fresh` went back
    // Held now: a second client presenting the same id starts a fresh session.
    auto other = *alloc.acquire();
    DuplicateFilter none;
    EXPECT_FALSE(alloc.resume(first, other, 42, none, 2'000));
    // Released in another block: resumed, without the old block's record.
    DuplicateFilter again;
    again.insert(*chain::Uint256::from_display_hex(std::string(63, '0') + "2"));
    alloc.release(first, std::move(again), 42, 3'000);
    DuplicateFilter next_block;
    ASSERT_TRUE(alloc.resume(first, other, 43, next_block, 4'000));
    EXPECT_EQ(next_block.size(), 0u);
    // Forgotten after the resumable time.
    alloc.release(first, DuplicateFilter{}, 43, 5'000);
    auto late = *alloc.acquire();
    DuplicateFilter gone;
    EXPECT_FALSE(
        alloc.resume(first, late, 43, gone, 5'000 + ExtranonceAllocator::kResumableMs + 1));
}

}  // namespace
}  // namespace viddhana::stratum
