#include "analytics/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace viddhana::analytics {

namespace {

constexpr int kMaxIterations = 10000;
constexpr double kEpsilon = 1e-15;
constexpr double kTiny = 1e-300;

// Series for P(a, x), good for x < a + 1.
double gamma_p_series(double a, double x) {
    double sum = 1.0 / a;
    double term = sum;
    for (int n = 1; n < kMaxIterations; ++n) {
        term *= x / (a + n);
        sum += term;
        if (std::fabs(term) < std::fabs(sum) * kEpsilon) break;
    }
    return sum * std::exp(-x + a * std::log(x) - std::lgamma(a));
}

// Continued fraction for Q(a, x) = 1 - P(a, x) (modified Lentz), good for x >= a + 1.
double gamma_q_fraction(double a, double x) {
    double b = x + 1.0 - a;
    double c = 1.0 / kTiny;
    double d = 1.0 / b;
    double h = d;
    for (int i = 1; i < kMaxIterations; ++i) {
        double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = b + an / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < kEpsilon) break;
    }
    return std::exp(-x + a * std::log(x) - std::lgamma(a)) * h;
}

// Continued fraction of the incomplete beta function (modified Lentz).
double beta_fraction(double x, double a, double b) {
    double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m < kMaxIterations; ++m) {
        int m2 = 2 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < kEpsilon) break;
    }
    return h;
}

}  // namespace

double regularized_gamma_p(double a, double x) {
    if (x <= 0) return 0.0;
    if (x < a + 1.0) return gamma_p_series(a, x);
    return 1.0 - gamma_q_fraction(a, x);
}

double regularized_beta(double x, double a, double b) {
    if (x <= 0) return 0.0;
    if (x >= 1) return 1.0;
    double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                            b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_fraction(x, a, b) / a;
    return 1.0 - front * beta_fraction(1.0 - x, b, a) / b;
}

double poisson_cdf(int64_t k, double mu) {
    if (k < 0) return 0.0;
    if (mu <= 0) return 1.0;
    // P(X <= k) = Q(k + 1, mu).
    return 1.0 - regularized_gamma_p(static_cast<double>(k) + 1.0, mu);
}

double poisson_sf(int64_t k, double mu) {
    if (k <= 0) return 1.0;
    if (mu <= 0) return 0.0;
    return regularized_gamma_p(static_cast<double>(k), mu);
}

int64_t poisson_quantile(double p, double mu) {
    if (mu <= 0 || p <= 0) return 0;
    // Start near the normal approximation and walk to the exact answer.
    int64_t k = std::max<int64_t>(
        0, static_cast<int64_t>(
               std::floor(mu + normal_quantile(std::min(p, 1 - 1e-12)) * std::sqrt(mu))));
    while (k > 0 && poisson_cdf(k - 1, mu) >= p)
        --k;
    while (poisson_cdf(k, mu) < p)
        ++k;
    return k;
}

double binomial_sf(int64_t k, int64_t n, double p) {
    if (k <= 0) return 1.0;
    if (k > n) return 0.0;
    if (p <= 0) return 0.0;
    if (p >= 1) return 1.0;
    // P(X >= k) = I_p(k, n - k + 1).
    return regularized_beta(p, static_cast<double>(k), static_cast<double>(n - k + 1));
}

double normal_cdf(double z) {
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

double normal_quantile(double p) {
    if (p <= 0) return -std::numeric_limits<double>::infinity();
    if (p >= 1) return std::numeric_limits<double>::infinity();
    // Bisection on the CDF: slow-ish but exact to double precision, and never on a hot path.
    double lo = -40, hi = 40;
    for (int i = 0; i < 200 && hi - lo > 1e-13; ++i) {
        double mid = 0.5 * (lo + hi);
        if (normal_cdf(mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

double empirical_quantile(std::vector<double> values, double q) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    size_t i = static_cast<size_t>(std::floor(pos));
    if (i + 1 >= values.size()) return values.back();
    double frac = pos - static_cast<double>(i);
    return values[i] + frac * (values[i + 1] - values[i]);
}

double median(std::vector<double> values) {
    return empirical_quantile(std::move(values), 0.5);
}

}  // namespace viddhana::analytics
