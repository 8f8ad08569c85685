// Many Stratum connections driven from one epoll loop: connect (from several loopback source
// addresses), subscribe, authorize, then submit shares with random nonces, matching each answer to
// its request to time it. Kept lean, so that the measuring side costs little CPU next to the
// server it measures on the same machine.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace stratum_load {

uint64_t monotonic_ns();

struct Connection {
    int fd = -1;
    bool connected = false;
    bool ready = false;  // subscribed, authorized, has a job
    bool authorized = false;
    int extranonce2_size = 4;
    std::string job_id;
    std::string ntime;
    std::string partial;
    std::string out;
    bool want_write = false;
    uint32_t next_id = 10;
    uint32_t in_flight = 0;
    std::vector<uint64_t> sent_ns;  // ring indexed by request id
    // The last clean notify: its job id and when it arrived (user space and kernel stamps).
    std::string clean_job;
    uint64_t clean_user_ns = 0;
    int64_t clean_kernel_ns = 0;
};

struct LoadStats {
    uint64_t sent = 0;
    uint64_t answered = 0;
    uint64_t accepted = 0;
    uint64_t rejected = 0;
    uint64_t other_answers = 0;
    uint64_t by_code[32] = {};         // rejections by Stratum error code (0: unparsed)
    std::vector<uint32_t> latency_us;  // recorded while `recording`
    bool recording = false;
};

class LoadClient {
  public:
    struct Options {
        std::string host = "127.0.0.1";
        uint16_t port = 3333;
        int sources = 4;  // 127.0.0.1 .. 127.0.0.<sources>
        std::string login;
        uint32_t in_flight = 0;  // submits kept in flight per connection (0: none)
        bool kernel_timestamps = false;
        int max_pending_connects = 256;
    };

    explicit LoadClient(Options options);
    ~LoadClient();

    // Opens `n` connections and drives them until all are ready or `timeout_ms` passes; returns
    // how many are ready.
    size_t connect_all(size_t n, int timeout_ms);
    // Runs the event loop for `ms` milliseconds (or until `until` returns true).
    void run_for(int ms, const std::function<bool()>& until = {});
    // Starts keeping `in_flight` submits in flight on every ready connection (0 stops).
    void set_in_flight(uint32_t in_flight);
    // Sends `count` submits spread over the ready connections (rate mode).
    void submit_spread(uint64_t count);

    std::vector<Connection>& connections() { return conns_; }
    LoadStats& stats() { return stats_; }
    size_t ready_count() const { return ready_; }
    size_t failed_count() const { return failed_; }

  private:
    void open_one(size_t index);
    void on_readable(Connection& c);
    void on_writable(Connection& c);
    void handle_line(Connection& c, std::string_view line, uint64_t now, int64_t kernel_ns);
    void queue_submit(Connection& c);
    void flush(Connection& c);
    void update_interest(Connection& c);
    void fail(Connection& c);

    Options options_;
    int epoll_ = -1;
    std::vector<Connection> conns_;
    LoadStats stats_;
    size_t opened_ = 0;
    size_t pending_connects_ = 0;
    size_t target_ = 0;
    size_t ready_ = 0;
    size_t failed_ = 0;
    uint64_t rng_ = 0x9e3779b97f4a7c15ULL;
    size_t spread_cursor_ = 0;
    std::string hello_;
};

}  // namespace stratum_load
