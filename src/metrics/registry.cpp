#include "metrics/registry.h"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace viddhana::metrics {

namespace {

std::string escape_label(const std::string& v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\' || c == '"') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out.append("\\n");
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string render_labels(const Labels& labels, const std::string& extra = {}) {
    if (labels.empty() && extra.empty()) return {};
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : labels) {
        if (!first) out.push_back(',');
        first = false;
        out += k + "=\"" + escape_label(v) + "\"";
    }
    if (!extra.empty()) {
        if (!first) out.push_back(',');
        out += extra;
    }
    out.push_back('}');
    return out;
}

std::string number(double v) {
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    if (std::isnan(v)) return "NaN";
    return fmt::format("{}", v);
}

const char* type_name(int t) {
    static const char* names[] = {"counter", "gauge", "histogram"};
    return names[t];
}

}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)),
      counts_(std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1)) {}

void Histogram::observe(double v) {
    size_t i = 0;
    while (i < bounds_.size() && v > bounds_[i])
        ++i;
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(v, std::memory_order_relaxed);
}

std::vector<double> latency_buckets() {
    return {0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
            0.025,   0.05,     0.1,     0.25,   0.5,     1,      2.5,   5,      10};
}

Registry::Child& Registry::child(const std::string& name, const std::string& help, Type type,
                                 const Labels& labels) {
    auto [it, inserted] = families_.try_emplace(name, Family{type, help, {}});
    if (!inserted && it->second.type != type) {
        throw std::logic_error("metric " + name + " registered with two types");
    }
    auto [cit, created] = it->second.children.try_emplace(render_labels(labels));
    if (created) cit->second.labels = labels;
    return cit->second;
}

Counter& Registry::counter(const std::string& name, const std::string& help, const Labels& labels) {
    std::lock_guard lock(mutex_);
    Child& c = child(name, help, Type::counter, labels);
    if (!c.counter) c.counter = std::make_unique<Counter>();
    return *c.counter;
}

Gauge& Registry::gauge(const std::string& name, const std::string& help, const Labels& labels) {
    std::lock_guard lock(mutex_);
    Child& c = child(name, help, Type::gauge, labels);
    if (!c.gauge) c.gauge = std::make_unique<Gauge>();
    return *c.gauge;
}

Histogram& Registry::histogram(const std::string& name, const std::string& help,
                               std::vector<double> bounds, const Labels& labels) {
    std::lock_guard lock(mutex_);
    Child& c = child(name, help, Type::histogram, labels);
    if (!c.histogram) c.histogram = std::make_unique<Histogram>(std::move(bounds));
    return *c.histogram;
}

void Registry::gauge_fn(const std::string& name, const std::string& help, const Labels& labels,
                        std::function<double()> fn) {
    std::lock_guard lock(mutex_);
    Child& c = child(name, help, Type::gauge, labels);
    c.fn = std::move(fn);
}

std::string Registry::render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& [name, family] : families_) {
        out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, family.help, name,
                           type_name(static_cast<int>(family.type)));
        for (const auto& [key, c] : family.children) {
            if (family.type == Type::histogram && c.histogram) {
                const Histogram& h = *c.histogram;
                uint64_t cumulative = 0;
                for (size_t i = 0; i <= h.bounds().size(); ++i) {
                    cumulative += h.bucket_count(i);
                    std::string le =
                        "le=\"" + (i < h.bounds().size() ? number(h.bounds()[i]) : "+Inf") + "\"";
                    out += fmt::format("{}_bucket{} {}\n", name, render_labels(c.labels, le),
                                       cumulative);
                }
                out += fmt::format("{}_sum{} {}\n", name, key, number(h.sum()));
                out += fmt::format("{}_count{} {}\n", name, key, h.count());
            } else {
                double v = c.fn        ? c.fn()
                           : c.counter ? c.counter->value()
                           : c.gauge   ? c.gauge->value()
                                       : 0;
                out += fmt::format("{}{} {}\n", name, key, number(v));
            }
        }
    }
    return out;
}

}  // namespace viddhana::metrics
