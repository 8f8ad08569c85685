// Prometheus metrics: counters, gauges and histograms with labels, updated lock-free from hot
// paths, rendered in the text exposition format (version 0.0.4) at scrape time.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace viddhana::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
  public:
    void inc(double v = 1) { value_.fetch_add(v, std::memory_order_relaxed); }
    double value() const { return value_.load(std::memory_order_relaxed); }

  private:
    std::atomic<double> value_{0};
};

class Gauge {
  public:
    void set(double v) { value_.store(v, std::memory_order_relaxed); }
    void add(double v) { value_.fetch_add(v, std::memory_order_relaxed); }
    double value() const { return value_.load(std::memory_order_relaxed); }

  private:
    std::atomic<double> value_{0};
};

class Histogram {
  public:
    explicit Histogram(std::vector<double> upper_bounds);
    void observe(double v);
    const std::vector<double>& bounds() const { return bounds_; }
    uint64_t bucket_count(size_t i) const { return counts_[i].load(std::memory_order_relaxed); }
    uint64_t count() const { return count_.load(std::memory_order_relaxed); }
    double sum() const { return sum_.load(std::memory_order_relaxed); }

  private:
    std::vector<double> bounds_;
    std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // per bucket (not cumulative)
    std::atomic<uint64_t> count_{0};
    std::atomic<double> sum_{0};
};

// Buckets for latencies from 10 microseconds to 10 seconds.
std::vector<double> latency_buckets();

class Registry {
  public:
    // The same name and labels always give the same metric; references stay valid for the
    // registry's lifetime. A name registered with another type throws std::logic_error.
    Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
    Gauge& gauge(const std::string& name, const std::string& help, const Labels& labels = {});
    Histogram& histogram(const std::string& name, const std::string& help,
                         std::vector<double> bounds, const Labels& labels = {});
    // A gauge computed when scraped.
    void gauge_fn(const std::string& name, const std::string& help, const Labels& labels,
                  std::function<double()> fn);

    std::string render() const;

  private:
    enum class Type { counter, gauge, histogram };
    struct Child {
        Labels labels;
        std::unique_ptr<Counter> counter;
        std::unique_ptr<Gauge> gauge;
        std::unique_ptr<Histogram> histogram;
        std::function<double()> fn;
    };
    struct Family {
        Type type;
        std::string help;
        std::map<std::string, Child> children;  // key: rendered label set
    };
    Child& child(const std::string& name, const std::string& help, Type type, const Labels& labels);

    mutable std::mutex mutex_;
    std::map<std::string, Family> families_;
};

}  // namespace viddhana::metrics
