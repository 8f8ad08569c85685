// A shard of the Stratum server: one thread, one io_context, a set of sessions, and its own copy
// of the live jobs, share validator and parser (its connections' ConnectionTools). Sessions never
// share state across shards, so the share path takes no lock; jobs reach each shard by a posted
// task.
#pragma once
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/asio.h"
#include "bus/share_event.h"
#include "stratum/connection_host.h"
#include "stratum/job.h"
#include "stratum/job_builder.h"
#include "stratum/protocol.h"
#include "stratum/share_validator.h"
#include "stratum/stratum_context.h"

namespace viddhana::stratum {

class Session;

class Shard {
  public:
    Shard(StratumContext& context, int index);
    ~Shard();

    asio::io_context& io() { return io_; }
    void start();
    // Stops the thread after running what is queued; sessions are closed.
    void stop();

    // Called from any thread.
    void post_job(JobPtr job);
    void post_reconnect_all(std::string host, int port, int wait_seconds);
    // Moves every connection to an extranonce1 of the allocator's (new) node id.
    void post_move_extranonces(std::string host, int port, int wait_seconds);
    size_t session_count() const { return session_count_.load(std::memory_order_relaxed); }

    // Called on the shard's thread.
    void adopt(tcp::socket socket, std::string ip, std::array<uint8_t, 4> extranonce1);
    void remove(Session* session);
    JobPtr find_job(uint64_t id) const;
    const JobPtr& current_job() const { return current_; }
    // The job as a session mining to `payout_script` gets it: the job itself in pool mode; in
    // SOLO mode a variant whose coinbase pays that script (built once per job and script).
    JobPtr job_for(const JobPtr& job, const Bytes& payout_script);
    void emit(bus::ShareEvent&& event);
    void submit_block(std::string block_hex, bus::FoundBlock block);
    // Queues a session's pending share for the next proof-of-work batch: hashed together with
    // the others queued on this shard (PowHasher::hash_many) once the handlers ready now have
    // run, never from within this call.
    void defer_share(std::shared_ptr<Session> session);

    StratumContext& context() { return context_; }
    const StratumConfig& config() const { return context_.config; }
    ConnectionTools& tools() { return tools_; }
    std::vector<char>& read_buffer() { return read_buffer_; }
    int64_t now_ms() const { return context_.clock.now_ms(); }

  private:
    void publish(JobPtr job);
    void hash_deferred();
    void schedule_housekeeping();
    void flush_events();

    StratumContext& context_;
    int index_;
    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    asio::steady_timer housekeeping_;
    std::thread thread_;
    std::atomic<bool> finished_{false};  // the thread's io_context.run() has returned
    // Set on the shard's thread when stop() begins: a connection accepted just before the
    // acceptor closed can still arrive after that, and must be closed too.
    bool stopping_ = false;

    std::unordered_map<Session*, std::shared_ptr<Session>> sessions_;
    std::atomic<size_t> session_count_{0};
    std::deque<JobPtr> jobs_;  // live jobs for the current block, oldest first
    JobPtr current_;
    std::optional<JobBuilder> solo_builder_;
    std::unordered_map<uint64_t, std::unordered_map<std::string, JobPtr>> solo_variants_;
    ShareValidator validator_;
    RequestParser parser_;
    Request request_;
    ConnectionTools tools_;
    std::vector<char> read_buffer_;
    std::vector<bus::ShareEvent> events_;
    std::vector<std::shared_ptr<Session>> deferred_;
    std::vector<std::shared_ptr<Session>> hashing_;
    bool hash_posted_ = false;
    std::vector<std::array<uint8_t, 80>> batch_headers_;
    std::vector<std::array<uint8_t, 32>> batch_hashes_;
    int64_t last_tick_ms_ = 0;
};

}  // namespace viddhana::stratum
