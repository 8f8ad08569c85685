// Who may connect: a cap on connections in all and per IP, and temporary bans for IPs whose
// connections sent garbage or mostly invalid shares. Thread-safe; touched only at connect,
// disconnect and ban time, never per share.
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace viddhana::stratum {

class AdmissionControl {
  public:
    AdmissionControl(int max_connections, int max_per_ip, int ban_seconds);

    enum class Verdict { admitted, banned, pool_full, ip_full };
    // On `admitted` the caller must call release(ip) when the connection ends.
    Verdict admit(const std::string& ip, int64_t now_ms);
    void release(const std::string& ip);
    void ban(const std::string& ip, int64_t now_ms);
    bool is_banned(const std::string& ip, int64_t now_ms);
    int connections() const;
    size_t banned_count(int64_t now_ms);

  private:
    mutable std::mutex mutex_;
    int max_connections_, max_per_ip_;
    int64_t ban_ms_;
    int total_ = 0;
    std::unordered_map<std::string, int> per_ip_;
    std::unordered_map<std::string, int64_t> banned_until_;
};

const char* to_string(AdmissionControl::Verdict v);

}  // namespace viddhana::stratum
