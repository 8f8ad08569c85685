#include "stratum/duplicate_filter.h"

namespace viddhana::stratum {

bool DuplicateFilter::insert(const chain::Uint256& h) {
    Key k{h.limb(0), h.limb(1)};
    return seen_.insert(k).second;
}

}  // namespace viddhana::stratum
