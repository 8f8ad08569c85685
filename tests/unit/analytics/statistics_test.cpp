// The distribution functions against values computed independently (exact sums and known tables).
#include <gtest/gtest.h>

#include <cmath>

#include "analytics/statistics.h"

namespace viddhana::analytics {
namespace {

double poisson_cdf_by_sum(int64_t k, double mu) {
    double term = std::exp(-mu), sum = 0;
    for (int64_t i = 0; i <= k; ++i) {
        sum += term;
        term *= mu / static_cast<double>(i + 1);
    }
    return sum;
}

TEST(Statistics, PoissonMatchesDirectSums) {
    for (double mu : {0.1, 1.0, 4.5, 30.0, 200.0})
        for (int64_t k : {0, 1, 3, 10, 25, 180, 230}) {
            EXPECT_NEAR(poisson_cdf(k, mu), poisson_cdf_by_sum(k, mu), 1e-10) << k << " " << mu;
            EXPECT_NEAR(poisson_sf(k, mu), 1 - poisson_cdf_by_sum(k - 1, mu), 1e-10);
        }
    EXPECT_DOUBLE_EQ(poisson_sf(0, 3.0), 1.0);
    EXPECT_EQ(poisson_quantile(0.5, 0.1), 0);
    EXPECT_EQ(poisson_quantile(0.95, 10.0), 15);  // P(X <= 14) = 0.9165, P(X <= 15) = 0.9513
}

TEST(Statistics, BinomialTailMatchesDirectSums) {
    auto direct = [](int64_t k, int64_t n, double p) {
        double sum = 0;
        for (int64_t i = k; i <= n; ++i)
            sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) +
                            i * std::log(p) + (n - i) * std::log1p(-p));
        return sum;
    };
    for (int64_t n : {1, 10, 100, 1000})
        for (double p : {0.001, 0.05, 0.5})
            for (int64_t k : {1, 2, 5, 50})
                if (k <= n) {
                    EXPECT_NEAR(binomial_sf(k, n, p), direct(k, n, p), 1e-10);
                }
}

TEST(Statistics, NormalQuantileInvertsTheCdf) {
    EXPECT_NEAR(normal_quantile(0.95), 1.6448536269514722, 1e-9);
    EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-12);
    EXPECT_NEAR(normal_cdf(normal_quantile(1e-9)), 1e-9, 1e-15);
}

TEST(Statistics, EmpiricalQuantileInterpolates) {
    EXPECT_DOUBLE_EQ(empirical_quantile({4, 1, 3, 2}, 0.5), 2.5);
    EXPECT_DOUBLE_EQ(empirical_quantile({4, 1, 3, 2}, 0.0), 1.0);
    EXPECT_DOUBLE_EQ(empirical_quantile({4, 1, 3, 2}, 1.0), 4.0);
    EXPECT_TRUE(std::isnan(empirical_quantile({}, 0.5)));
}

}  // namespace
}  // namespace viddhana::analytics
