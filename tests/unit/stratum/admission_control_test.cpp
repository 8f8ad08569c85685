#include <gtest/gtest.h>

#include "stratum/admission_control.h"
#include "stratum/extranonce_allocator.h"

namespace viddhana::stratum {
namespace {

TEST(AdmissionControl, CapsPerIpAndInAll) {
    AdmissionControl a(3, 2, 60);
    using V = AdmissionControl::Verdict;
    EXPECT_EQ(a.admit("10.0.0.1", 0), V::admitted);
    EXPECT_EQ(a.admit("10.0.0.1", 0), V::admitted);
    EXPECT_EQ(a.admit("10.0.0.1", 0), V::ip_full);
    EXPECT_EQ(a.admit("10.0.0.2", 0), V::admitted);
    EXPECT_EQ(a.admit("10.0.0.3", 0), V::pool_full);
    EXPECT_EQ(a.connections(), 3);
    a.release("10.0.0.1");
    EXPECT_EQ(a.admit("10.0.0.3", 0), V::admitted);
}

TEST(AdmissionControl, BansExpire) {
    AdmissionControl a(10, 10, 60);
    a.ban("10.0.0.9", 1'000);
    EXPECT_EQ(a.admit("10.0.0.9", 60'999), AdmissionControl::Verdict::banned);
    EXPECT_EQ(a.banned_count(2'000), 1u);
    EXPECT_EQ(a.admit("10.0.0.9", 61'000), AdmissionControl::Verdict::admitted);
    EXPECT_EQ(a.banned_count(61'000), 0u);
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

}  // namespace
}  // namespace viddhana::stratum
