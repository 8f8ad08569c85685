// One miner connection. Lives on one shard's thread, so its state needs no locks. It reads
// without holding a buffer while idle (wait for readable, then read into the shard's buffer),
// writes straight to the socket when it can, and queues only what the kernel did not take.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/asio.h"
#include "chain/uint256.h"
#include "stratum/job.h"
#include "stratum/protocol.h"
#include "stratum/share_validator.h"
#include "stratum/vardiff.h"

namespace viddhana::stratum {

class Shard;

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(Shard& shard, tcp::socket socket, std::string ip, std::array<uint8_t, 4> extranonce1);
    ~Session();

    void start();
    // Sends a job if the session is ready for work (subscribed and authorized).
    void send_job(const JobPtr& job);
    // Periodic housekeeping: timeouts and vardiff for miners whose shares stopped.
    void tick(int64_t now_ms);
    // Asks the miner to reconnect (graceful shutdown), then closes once the message is out.
    void reconnect_and_close(const std::string& host, int port, int wait_seconds);
    void close(std::string_view reason);
    bool closed() const { return closed_; }
    void clear_duplicates() { duplicates_.clear(); }

    // A share this session deferred to the shard's proof-of-work batch, now hashed.
    void complete_deferred_share(struct DeferredShare& share, const chain::Uint256& pow_hash);
    const std::string& ip() const { return ip_; }
    double difficulty() const { return difficulty_; }

  private:
    struct Worker {
        std::string name;     // as the miner sent it in mining.authorize
        std::string address;  // the coin address part
        std::string worker;   // the worker part ("" when none)
        Bytes script;         // what the address decodes to (SOLO coinbases pay it)
    };
    // The job as this session mines it (SOLO: with its own coinbase).
    JobPtr own(const JobPtr& job);

    awaitable<void> read_loop();
    void consume(const char* data, size_t n);
    void handle_line(std::string_view line);
    void handle(Request& r);
    void on_subscribe(const Request& r);
    void on_authorize(const Request& r);
    void on_submit(const Request& r);
    void on_configure(const Request& r);
    void on_suggest_difficulty(double difficulty);
    void become_ready();
    void set_difficulty(double difficulty, bool resend_job);
    const Worker* find_worker(std::string_view name) const;
    void strike(std::string_view why);
    ShareContext share_context(const Job& job, int64_t now_ms) const;
    // The second half of judging a share: the block first, then metrics, reply, event, vardiff.
    void finish_share(const std::string& request_id, const Job* job, const ShareCheck& check,
                      const SubmitParams& submit, const ShareContext& ctx, size_t worker_index,
                      std::chrono::steady_clock::time_point started);

    void send(std::string_view data);
    void flush();
    void on_write_done(const boost::system::error_code& ec);

    Shard& shard_;
    tcp::socket socket_;
    std::string ip_;
    std::array<uint8_t, 4> extranonce1_;
    std::string extranonce1_hex_;

    bool closed_ = false;
    bool subscribed_ = false;
    bool ready_ = false;  // subscribed and authorized: gets jobs
    bool extranonce_subscribed_ = false;
    bool close_after_flush_ = false;
    int64_t connected_ms_;
    int64_t last_activity_ms_;

    std::vector<Worker> workers_;
    std::string user_agent_;

    uint32_t version_mask_ = 0;
    double difficulty_;
    chain::Uint256 target_;
    double previous_difficulty_ = 0;
    chain::Uint256 previous_target_;
    uint64_t difficulty_changed_after_job_ = 0;  // jobs up to this id may use the previous one
    uint64_t last_job_id_ = 0;
    Vardiff vardiff_;
    DuplicateFilter duplicates_;

    uint32_t shares_ = 0;
    uint32_t bad_shares_ = 0;
    int strikes_ = 0;

    // While a share waits for the shard's proof-of-work batch, later input waits here, so the
    // miner's answers keep the order of its requests.
    bool awaiting_pow_ = false;
    // A clean job came while a share's hash was pending: its duplicate record (which that share
    // must still be judged against) is cleared once the share is judged.
    bool clear_duplicates_after_pow_ = false;
    std::string held_input_;
    std::string partial_;  // an incomplete line carried to the next read
    std::string out_;      // bytes waiting for the socket
    std::string writing_;  // bytes of the write in flight
    bool write_in_flight_ = false;
};

}  // namespace viddhana::stratum
