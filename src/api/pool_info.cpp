#include "api/pool_info.h"

namespace viddhana::api {

double PoolInfo::hashes_per_difficulty() const {
    double multiplier = coin ? coin->share_multiplier : 1.0;
    return 4294967296.0 / multiplier;
}

}  // namespace viddhana::api
