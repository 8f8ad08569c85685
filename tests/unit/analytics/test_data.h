// Paths of the data files the analytics tests read: the real difficulty histories shipped beside
// the repository, and the analytics domain's own test data.
#pragma once
#include <cstdlib>
#include <string>
#include <utility>

#include "analytics/difficulty_history.h"

namespace viddhana::analytics::testing {

// The real Bitcoin and Litecoin epoch histories (see the README beside them for their sources).
inline std::string difficulty_data_dir() {
    return std::string(VIDDHANA_SOURCE_DIR) + "/src/analytics/data/difficulty";
}
inline std::string bitcoin_epochs_csv() {
    return difficulty_data_dir() + "/bitcoin-epochs.csv";
}
inline std::string litecoin_epochs_csv() {
    return difficulty_data_dir() + "/litecoin-epochs.csv";
}
inline std::string per_block_csv() {
    return std::string(VIDDHANA_SOURCE_DIR) + "/tests/data/analytics/per-block-difficulty.csv";
}

inline DifficultyHistory load_or_die(const std::string& path) {
    auto h = load_difficulty_csv(path);
    if (!h) std::abort();
    return std::move(*h);
}

}  // namespace viddhana::analytics::testing
