// The miner's side of Stratum V1 (sans-I/O): writes the requests (mining.configure with
// version-rolling, subscribe, authorize, submit) and turns each line from the pool into events.
// The connection code feeds it lines and sends what it returns; nothing here touches a socket.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "base/hex.h"
#include "miner/miner_job.h"

namespace viddhana::miner {

struct ClientSettings {
    std::string login;     // ADDRESS.WORKER
    std::string password;  // may carry options such as d=N
    std::string user_agent = "viddhana-miner/0.1";
    bool version_rolling = true;
    uint32_t version_rolling_mask = 0xffffffff;  // what we ask for; the pool answers with its mask
};

// A share found by a mining thread, in the form mining.submit sends it.
struct ShareSubmission {
    std::string job_id;
    Bytes extranonce2;
    uint32_t ntime = 0;
    uint32_t nonce = 0;
    std::optional<uint32_t> version_bits;  // BIP310: the rolled bits (inside the mask)
};

namespace event {
struct Subscribed {
    Bytes extranonce1;
    int extranonce2_size = 0;
};
struct SubscribeFailed {
    std::string message;
};
struct Authorized {
    bool ok = false;
    std::string message;  // the pool's reason when refused
};
struct VersionRolling {
    uint32_t mask = 0;  // 0: the pool refused (or does not know) version rolling
};
struct Difficulty {
    double value = 0;
};
struct NewJob {
    MinerJob job;
};
struct ExtranonceChanged {
    Bytes extranonce1;
    int extranonce2_size = 0;
};
struct Reconnect {
    std::string host;   // empty: the same host
    uint16_t port = 0;  // 0: the same port
    int wait_seconds = 0;
};
struct SubmitResult {
    bool accepted = false;
    int error_code = 0;  // Stratum error code when rejected (20..25), 0 when none was given
    std::string message;
    std::string job_id;
};
// A line the pool sent that could not be understood; the connection goes on.
struct Malformed {
    std::string message;
};
// A line to send back (the answer to a request from the pool, such as client.get_version).
struct Reply {
    std::string line;
};
}  // namespace event

using ClientEvent =
    std::variant<event::Subscribed, event::SubscribeFailed, event::Authorized,
                 event::VersionRolling, event::Difficulty, event::NewJob, event::ExtranonceChanged,
                 event::Reconnect, event::SubmitResult, event::Malformed, event::Reply>;

class ClientProtocol {
  public:
    explicit ClientProtocol(ClientSettings settings);

    // The opening requests of a new connection (configure, subscribe, authorize, pipelined),
    // newline-terminated. Forgets the requests of the previous connection.
    std::string hello();
    // One line from the pool (without the newline): appends what it means to `out`.
    void on_line(std::string_view line, std::vector<ClientEvent>& out);
    // A mining.submit line (newline-terminated) for a share.
    std::string submit(const ShareSubmission& share);

    // Requests sent whose answer has not come.
    size_t pending() const { return pending_.size(); }
    const ClientSettings& settings() const { return settings_; }

  private:
    enum class Pending { configure, subscribe, authorize, submit };
    struct PendingRequest {
        Pending kind;
        std::string job_id;
    };
    std::string request(std::string_view method, const std::string& params_json, Pending kind,
                        std::string job_id = {});

    ClientSettings settings_;
    uint64_t next_id_ = 1;
    std::unordered_map<uint64_t, PendingRequest> pending_;
};

}  // namespace viddhana::miner
