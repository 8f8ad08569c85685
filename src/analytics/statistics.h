// Distribution functions the models and the Sentinel's tests share: Poisson and binomial tails,
// normal quantiles, empirical quantiles. Pure numerics on doubles.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace viddhana::analytics {

// Regularized lower incomplete gamma P(a, x), a > 0, x >= 0.
double regularized_gamma_p(double a, double x);
// Regularized incomplete beta I_x(a, b), a, b > 0, 0 <= x <= 1.
double regularized_beta(double x, double a, double b);

// P(X <= k) for X ~ Poisson(mu); k < 0 gives 0.
double poisson_cdf(int64_t k, double mu);
// P(X >= k) for X ~ Poisson(mu); k <= 0 gives 1.
double poisson_sf(int64_t k, double mu);
// Smallest k with P(X <= k) >= p.
int64_t poisson_quantile(double p, double mu);

// P(X >= k) for X ~ Binomial(n, p).
double binomial_sf(int64_t k, int64_t n, double p);

// Standard normal CDF and its inverse (0 < p < 1).
double normal_cdf(double z);
double normal_quantile(double p);

// Linear-interpolated empirical quantile (type 7) of values; q in [0, 1]; values not empty.
double empirical_quantile(std::vector<double> values, double q);
double median(std::vector<double> values);

}  // namespace viddhana::analytics
