// SqlValue conversions (PostgreSQL hands every value over as text) and placeholder lists.
#include <gtest/gtest.h>

#include "store/sql_session.h"
#include "store/store_error.h"

namespace viddhana::store {
namespace {

TEST(SqlValue, ConvertsTextAsPostgresSendsIt) {
    EXPECT_EQ(SqlValue("-9223372036854775808").as_int(), INT64_MIN);
    EXPECT_EQ(SqlValue("42").as_double(), 42.0);
    EXPECT_EQ(SqlValue("1e+20").as_double(), 1e20);
    EXPECT_EQ(SqlValue("0.1").as_double(), 0.1);
    EXPECT_THROW(SqlValue("12abc").as_int(), StoreError);
    EXPECT_THROW(SqlValue("1.5").as_int(), StoreError);
    EXPECT_THROW(SqlValue("x").as_double(), StoreError);
}

TEST(SqlValue, ConvertsBetweenNativeTypes) {
    EXPECT_EQ(SqlValue(7).as_text(), "7");
    EXPECT_EQ(SqlValue(0.1).as_text(), "0.1");
    EXPECT_EQ(SqlValue(2.0).as_int(), 2);
    EXPECT_THROW(SqlValue(2.5).as_int(), StoreError);
    EXPECT_EQ(SqlValue(3).as_double(), 3.0);
    // Doubles go to PostgreSQL as text: the shortest form must read back exactly.
    double awkward = 0.1 + 0.2;
    EXPECT_EQ(SqlValue(SqlValue(awkward).as_text()).as_double(), awkward);
}

TEST(SqlValue, NullAndOptionals) {
    SqlValue null;
    EXPECT_TRUE(null.is_null());
    EXPECT_EQ(null.as_int(), 0);
    EXPECT_FALSE(null.as_optional_int());
    EXPECT_FALSE(null.as_optional_text());
    EXPECT_TRUE(SqlValue(std::optional<int64_t>()).is_null());
    SqlValue some(std::optional<int64_t>(5));
    ASSERT_TRUE(some.is_int());
    EXPECT_EQ(some.as_optional_int(), 5);
    EXPECT_EQ(SqlValue(std::optional<std::string>("a")).as_optional_text(), "a");
}

TEST(PlaceholderRows, NumbersEveryValue) {
    EXPECT_EQ(placeholder_rows(2, 3), "($1,$2,$3),($4,$5,$6)");
    EXPECT_EQ(placeholder_rows(1, 2, 5), "($5,$6)");
    EXPECT_EQ(placeholder_rows(0, 2), "");
}

}  // namespace
}  // namespace viddhana::store
