// One miner's Stratum conversation without the socket: it takes bytes, time, jobs and
// proof-of-work hashes, and gives bytes for the miner (outbox()) and effects through its
// ConnectionHost (a share's event, a block to submit, a hash to compute) and AdmissionControl
// (garbage, backoffs). Session is the thin transport around it; tests and fuzzers drive it
// directly, byte for byte.
//
// What it keeps per miner: the handshake (subscribe, authorize, configure), the workers it
// authorized, the difficulty and the job ids it was sent (DifficultyHistory), vardiff, the
// duplicate record, and while a scrypt share waits for its hash, the input that came after it
// (answers keep the order of requests).
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chain/uint256.h"
#include "stratum/connection_host.h"
#include "stratum/difficulty_history.h"
#include "stratum/vardiff.h"

namespace viddhana::stratum {

// Bytes for the miner, in order: `shared` (a notify line prepared once for every connection,
// sent without copying it here) and then `own`.
struct Outbox {
    JobPtr shared_owner;  // keeps `shared` alive
    std::string_view shared;
    std::string own;

    bool empty() const { return shared.empty() && own.empty(); }
    size_t size() const { return shared.size() + own.size(); }
    // `n` bytes from the front were written.
    void consume(size_t n);
    // The whole outbox as one string (the tests' view of what the miner receives).
    std::string text() const;
};

class Connection {
  public:
    Connection(ConnectionHost& host, std::string address, Extranonce1 extranonce1, int64_t now_ms);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // --- Events.
    // Bytes from the miner, as they came (any split, several lines at once).
    void receive(std::string_view bytes, int64_t now_ms);
    // A job for every connection (the shard's broadcast).
    void on_job(const JobPtr& job, int64_t now_ms);
    // The proof-of-work hash of the pending share handed to ConnectionHost::hash_later().
    void on_pow(const chain::Uint256& pow_hash, int64_t now_ms);
    // About once a second: timeouts, and vardiff for a miner whose shares stopped.
    void tick(int64_t now_ms);
    // Graceful shutdown: client.reconnect, then the connection closes once it is written.
    void reconnect(std::string_view host, int port, int wait_seconds);
    // The pool moves this connection to another extranonce1 (the caller has it from the
    // allocator and releases the old one). A miner that subscribed to extranonce changes gets
    // mining.set_extranonce and the current job under a fresh id, clean; jobs sent before are
    // void. Returns false, changing nothing, for a miner that did not subscribe: it must
    // reconnect instead.
    bool change_extranonce1(const Extranonce1& extranonce1, int64_t now_ms);
    // The transport ended (peer closed, error).
    void close(std::string_view reason);

    // --- Output and state for the transport.
    Outbox& outbox() { return out_; }
    bool closed() const { return closed_; }
    // Close once the outbox is written (client.reconnect, a refused login).
    bool close_when_sent() const { return close_when_sent_; }
    const std::string& close_reason() const { return close_reason_; }

    const std::string& address() const { return address_; }
    const Extranonce1& extranonce1() const { return extranonce1_; }
    bool subscribed() const { return subscribed_; }
    bool ready() const { return ready_; }
    double difficulty() const { return history_.current(); }
    bool awaiting_pow() const { return pending_ && awaiting_pow_; }
    const std::array<uint8_t, 80>& pending_header() const { return pending_->check.header; }
    // What it was credited for in the current block (kept for a client resuming the session).
    DuplicateFilter& credited() { return duplicates_; }
    // Identifies the current block, for the resumable record of this connection.
    uint64_t block_key() const;

  private:
    struct Worker {
        std::string name;     // as the miner sent it in mining.authorize
        std::string address;  // the coin address part
        std::string worker;   // the worker part ("" when none)
        Bytes script;         // what the address decodes to (SOLO coinbases pay it)
    };
    // A scrypt share between ShareValidator::prepare() and its hash. Allocated with a
    // connection's first such share and reused: judging a share allocates nothing.
    struct PendingShare {
        std::string request_id;
        SubmitParams submit;
        JobPtr job;
        Extranonce1 extranonce1{};  // the one the share was made with
        ShareContext context;
        ShareCheck check;
        size_t worker_index = 0;
        std::chrono::steady_clock::time_point started;
    };

    ConnectionTools& tools() { return host_.tools(); }
    void consume(std::string_view chunk, int64_t now_ms);
    void handle_line(std::string_view line, int64_t now_ms);
    void handle(const Request& r, int64_t now_ms);
    void on_subscribe(const Request& r, int64_t now_ms);
    void resume(std::string_view session_id, int64_t now_ms);
    void on_authorize(const Request& r, int64_t now_ms);
    void on_configure(const Request& r, int64_t now_ms);
    void on_submit(const Request& r, int64_t now_ms);
    void finish_share(std::string_view request_id, const Job* job, const ShareCheck& check,
                      const SubmitParams& submit, const ShareContext& ctx, size_t worker_index,
                      std::chrono::steady_clock::time_point started, int64_t now_ms);
    void become_ready();
    // A difficulty the miner asked for (suggest_difficulty, suggest_target, capabilities):
    // honoured down to mining.min_difficulty, and a floor for vardiff.
    void apply_suggestion(double difficulty, int64_t now_ms);
    // configure's minimum-difficulty: a floor only.
    void apply_floor(double difficulty, int64_t now_ms);
    void change_difficulty(double difficulty);
    void send_notify(const Job& job, uint64_t wire_id, bool clean);
    JobPtr own(const JobPtr& job);
    const Worker* find_worker(std::string_view name) const;

    // Answers to a request, unless it was a notification (id null).
    void reply_true(const Request& r);
    void reply_raw(const Request& r, std::string_view result_json);
    void reply_error(const Request& r, ErrorCode code, std::string_view message);

    // Misbehaviour: a strike per malformed message; the connection is dropped (never the
    // address banned) when they add up.
    void strike(std::string_view why, int64_t now_ms);
    void drop(std::string_view reason, metrics::Counter& counter, int64_t now_ms);
    void close_after_sending(std::string_view reason);

    ConnectionHost& host_;
    std::string address_;
    Extranonce1 extranonce1_;
    std::string extranonce1_hex_;

    bool closed_ = false;
    bool close_when_sent_ = false;
    bool subscribed_ = false;
    bool ready_ = false;  // subscribed and authorized: gets jobs
    bool extranonce_subscribed_ = false;
    bool awaiting_pow_ = false;
    // A clean job came while a share's hash was pending: the share is still judged against the
    // duplicates received before it, and the record is cleared once it is.
    bool clear_duplicates_after_pow_ = false;
    int64_t connected_ms_;
    int64_t last_activity_ms_;

    std::vector<Worker> workers_;
    std::string user_agent_;
    uint32_t version_mask_ = 0;

    DifficultyHistory history_;
    chain::Uint256 target_;     // of history_.current()
    uint64_t last_job_id_ = 0;  // the newest job sent (Job::id)
    Vardiff vardiff_;
    DuplicateFilter duplicates_;

    uint32_t shares_ = 0;
    uint32_t invalid_shares_ = 0;
    int strikes_ = 0;

    std::unique_ptr<PendingShare> pending_;
    std::string held_input_;  // input that came while a share waited for its hash
    std::string replay_;      // held input being handled after the hash came
    std::string partial_;     // an incomplete line carried to the next read
    Outbox out_;
    std::string close_reason_;
};

}  // namespace viddhana::stratum
