// Who may connect, and the address bans. It never punishes a farm for one device:
//  - a connection that misbehaves (malformed messages, mostly invalid shares) is dropped by its
//    Connection, and penalize() makes that worker's reconnects from the same address back off
//    (5 s, 10 s, 20 s ... up to the ban time): the other rigs behind the address mine on;
//  - duplicates, stale and low-difficulty shares are answered with their error, nothing more;
//  - an address is banned only for floods no farm produces, counted per address over a sliding
//    minute: new connections, bytes of garbage, connections that never finish the handshake;
//  - addresses in the exempt ranges are never banned and have no per-address cap.
// Thread-safe; touched at connect, disconnect, garbage and drops, never per share.
#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/ip_range.h"

namespace viddhana::stratum {

struct AdmissionPolicy {
    int max_connections = 10000;
    int max_per_address = 2000;
    int64_t ban_ms = 600'000;
    int64_t backoff_ms = 5'000;  // a dropped worker's first reconnect backoff
    // Floods, per address and sliding minute.
    int64_t connections_per_minute = 6000;
    int64_t garbage_bytes_per_minute = 4 << 20;
    int64_t handshake_timeouts_per_minute = 2000;
    std::vector<IpRange> exempt;
};

enum class BanReason { connection_flood, garbage_flood, handshake_flood };
const char* to_string(BanReason r);

class AdmissionControl {
  public:
    explicit AdmissionControl(AdmissionPolicy policy);

    enum class Verdict { admitted, banned, pool_full, address_full };
    // Counts the connection towards the address's connection rate (which may ban it). On
    // `admitted` the caller must call release(address) when the connection ends.
    Verdict admit(const std::string& address, int64_t now_ms);
    void release(const std::string& address);

    // Flood reports from connections; each may ban the address.
    void record_garbage(const std::string& address, size_t bytes, int64_t now_ms);
    void record_handshake_timeout(const std::string& address, int64_t now_ms);

    // A connection of this worker from this address was dropped for misbehaving: returns the
    // backoff its next connections must wait.
    int64_t penalize(const std::string& address, std::string_view login, int64_t now_ms);
    // Milliseconds this worker must still wait before it may log in from this address (0: none).
    int64_t backoff_remaining(const std::string& address, std::string_view login, int64_t now_ms);

    struct Ban {
        std::string address;
        BanReason reason;
        int64_t since_ms = 0;
        int64_t until_ms = 0;
    };
    void ban(const std::string& address, BanReason reason, int64_t now_ms);
    // Lifts a ban and forgets the address's flood counts; false when it was not banned.
    bool lift(const std::string& address);
    bool is_banned(const std::string& address, int64_t now_ms);
    std::vector<Ban> bans(int64_t now_ms);
    size_t banned_count(int64_t now_ms);
    bool exempt(const std::string& address) const;
    int connections() const;
    // Called for every new ban (after the lock is released): metrics and the log.
    void on_ban(std::function<void(const Ban&)> callback) { on_ban_ = std::move(callback); }
    // Forgets what has expired; called periodically.
    void sweep(int64_t now_ms);

  private:
    struct Window {
        int64_t start_ms = 0;
        int64_t current = 0;
        int64_t previous = 0;  // the count of the minute before `start_ms`
        // Adds `n` and returns the count over the last minute (the previous minute weighted by
        // how much of it still lies within the last 60 s).
        int64_t add(int64_t n, int64_t now_ms);
        bool idle(int64_t now_ms) const;
    };
    struct AddressState {
        int open = 0;
        Window connections, garbage, timeouts;
    };
    struct Penalty {
        int level = 0;
        int64_t last_ms = 0;
        int64_t until_ms = 0;
    };
    // Call with mutex_ held; returns the new ban to report, if any.
    bool flood(const std::string& address, Window AddressState::*window, int64_t n, int64_t limit,
               BanReason reason, int64_t now_ms, Ban& banned);
    void report(bool banned, const Ban& ban);
    static std::string penalty_key(const std::string& address, std::string_view login);

    const AdmissionPolicy policy_;
    mutable std::mutex mutex_;
    int total_ = 0;
    std::unordered_map<std::string, AddressState> addresses_;
    std::unordered_map<std::string, Ban> bans_;
    std::unordered_map<std::string, Penalty> penalties_;
    std::function<void(const Ban&)> on_ban_;
};

const char* to_string(AdmissionControl::Verdict v);

}  // namespace viddhana::stratum
