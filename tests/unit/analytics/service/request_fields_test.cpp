// Strict request reading: types, ranges, required and unknown fields, each error naming its field.
#include <gtest/gtest.h>

#include "analytics/service/endpoint_reply.h"
#include "analytics/service/request_fields.h"

namespace viddhana::analytics::service {
namespace {

using nlohmann::json;

TEST(RequestFields, ReadsValidFields) {
    json body{{"a", 1.5}, {"n", 7}, {"s", "x"}};
    RequestFields f(body);
    EXPECT_DOUBLE_EQ(f.number("a", 0, 10), 1.5);
    EXPECT_EQ(f.integer_or("n", 0, 0, 10), 7);
    EXPECT_EQ(f.text_or("s", ""), "x");
    EXPECT_EQ(f.number_or("missing", 3, 0, 10), 3);
    EXPECT_FALSE(f.finish());
}

TEST(RequestFields, NamesTheFieldOfEachProblem) {
    struct Case {
        json body;
        std::string field;
        std::string says;
    };
    const Case cases[] = {
        {json::object(), "a", "a is required"},
        {json{{"a", "12"}}, "a", "a must be a number between 0 and 10, not a string"},
        {json{{"a", 11}}, "a", "(got 11)"},
        {json{{"a", 1}, {"n", 1.5}}, "n", "n must be an integer between 0 and 10"},
        {json{{"a", 1}, {"s", ""}}, "s", "s must not be empty"},
        {json{{"a", 1}, {"s", 5}}, "s", "s must be a string, not a number"},
        {json{{"a", 1}, {"extra", true}}, "extra", "extra is not a field of this request"},
    };
    for (const auto& c : cases) {
        RequestFields f(c.body);
        f.number("a", 0, 10);
        f.integer_or("n", 0, 0, 10);
        f.optional_text("s");
        auto e = f.finish();
        ASSERT_TRUE(e) << c.body.dump();
        EXPECT_EQ(e->field, c.field) << c.body.dump();
        EXPECT_NE(e->message.find(c.says), std::string::npos) << e->message;
    }
}

TEST(RequestFields, RefusesABodyThatIsNotAnObject) {
    json body = json::array({1, 2});
    RequestFields f(body);
    auto e = f.finish();
    ASSERT_TRUE(e);
    EXPECT_EQ(e->field, "");
    EXPECT_EQ(e->message, "the request body must be a JSON object, not an array");
}

TEST(RequestFields, AcceptsWholeFloatsAsIntegers) {
    json body{{"n", 4.0}};
    RequestFields f(body);
    EXPECT_EQ(f.integer_or("n", 0, 0, 10), 4);
    EXPECT_FALSE(f.finish());
}

TEST(EndpointReply, FieldErrorsUseTheProductsErrorShape) {
    auto r = field_error_reply({"hashrate", "hashrate must be above 0"});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body["error"]["code"], "bad_parameter");
    EXPECT_EQ(r.body["error"]["parameter"], "hashrate");
    EXPECT_EQ(r.body["error"]["message"], "hashrate must be above 0");
}

TEST(EndpointReply, FormatsCoinsExactly) {
    EXPECT_EQ(format_coins(125000000, 100000000), "1.25000000");
    EXPECT_EQ(format_coins(1, 100000000), "0.00000001");
    EXPECT_EQ(format_coins(-250000000, 100000000), "-2.50000000");
    EXPECT_EQ(format_coins(INT64_MAX, 100000000), "92233720368.54775807");
    EXPECT_EQ(format_coins(0, 100000000), "0.00000000");
}

}  // namespace
}  // namespace viddhana::analytics::service
