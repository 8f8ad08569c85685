// Variable difficulty per session (pure: the caller passes the time). Aims for one share every
// `target_share_seconds`. Share arrivals are a Poisson process, so a rate estimated from n shares
// has a relative error of about 1/sqrt(n): the difficulty moves only when the measured rate is
// off by more than the variance band AND by more than three standard errors. A miner far off
// target is corrected within a retarget interval; a miner on target is left alone instead of
// being chased around by noise. A window that shows no significant difference is restarted
// after ten retarget intervals, so the estimate follows real changes of speed.
#pragma once
#include <cstdint>
#include <optional>

namespace viddhana::stratum {

struct VardiffConfig {
    double initial_difficulty = 1.0;
    double min_difficulty = 0.001;
    double max_difficulty = 1000000.0;
    double target_share_seconds = 10.0;
    double retarget_seconds = 60.0;  // the shortest window that can change the difficulty
    double variance_percent = 30.0;  // deviations inside the band are never corrected
};

class Vardiff {
  public:
    Vardiff(const VardiffConfig& config, double start_difficulty, int64_t now_ms);

    double difficulty() const { return difficulty_; }
    // A floor from the miner (mining.configure minimum-difficulty, suggest_difficulty).
    void set_floor(double floor);
    double floor() const { return floor_; }

    // Called for each accepted share. Returns the new difficulty when it should change.
    std::optional<double> on_share(int64_t now_ms);
    // Called periodically: lowers the difficulty of a miner whose shares stopped coming.
    std::optional<double> on_tick(int64_t now_ms);
    // Forces a difficulty (e.g. the session started over); clamps to the limits and floor.
    double reset(double difficulty, int64_t now_ms);

    // Three standard errors: a false correction of a miner on target is rare (about 0.3% per test).
    static constexpr double kSignificance = 3.0;

  private:
    std::optional<double> decide(double shares, double elapsed_seconds, int64_t now_ms);
    std::optional<double> change_to(double difficulty, int64_t now_ms);
    double clamp(double d) const;

    VardiffConfig config_;
    double difficulty_;
    double floor_ = 0;
    int64_t window_start_ms_;
    int window_shares_ = 0;
};

}  // namespace viddhana::stratum
