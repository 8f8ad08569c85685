// Difficulty history as the data files hold it (height, time, bits, difficulty per row), parsed
// from CSV with every row checked, and classified: rows one retarget epoch (2016 blocks) apart,
// or any other spacing (per-block retargeting chains such as Dogecoin's DigiShield).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"

namespace viddhana::analytics {

struct DifficultyPoint {
    int64_t height = 0;
    int64_t time_unix = 0;  // block header timestamp of the row's block
    uint32_t bits = 0;      // compact target; 0 when the file has no bits column
    double difficulty = 0;  // > 0
};

enum class HistorySpacing {
    retarget_epochs,  // every row starts a 2016-block epoch: the protocol rule applies
    per_row,          // anything else: forecast row to row, no protocol rule
};
const char* to_string(HistorySpacing s);

struct DifficultyHistory {
    std::vector<DifficultyPoint> points;  // heights strictly increasing
    HistorySpacing spacing = HistorySpacing::per_row;
    int64_t row_spacing_blocks = 0;  // the common height step, or 0 when rows are uneven
    std::string source;              // file name or "inline", for reports and model files

    size_t size() const { return points.size(); }
    // The first `n` rows (for training on the past); spacing is kept.
    DifficultyHistory prefix(size_t n) const;
    // Rows [begin, end).
    DifficultyHistory slice(size_t begin, size_t end) const;
};

// Blocks per retarget epoch on Bitcoin and Litecoin.
inline constexpr int64_t kRetargetInterval = 2016;

// Parses CSV text with a header naming at least `height`, `time_unix` and `difficulty` (other
// columns, such as `bits_hex`, `time_iso`, are read when present or ignored). Errors name the line.
Expected<DifficultyHistory> parse_difficulty_csv(std::string_view text, std::string source);
Expected<DifficultyHistory> load_difficulty_csv(const std::string& path);

// Classifies rows: all exactly kRetargetInterval apart and on multiples of it -> retarget_epochs.
HistorySpacing classify_spacing(const std::vector<DifficultyPoint>& points,
                                int64_t* row_spacing_blocks = nullptr);

}  // namespace viddhana::analytics
