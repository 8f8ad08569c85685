// The arithmetic of the PPLNS window walk, apart from the database: fed accepted shares newest
// first, it sums difficulty per miner until the target is reached, counting only the part of
// the boundary share that fits.
#pragma once
#include <map>
#include <string>
#include <string_view>

#include "store/records.h"

namespace viddhana::store {

class PplnsAccumulator {
  public:
    explicit PplnsAccumulator(double target);

    // Returns false once the target is reached: feed no more shares after that.
    bool add(const ShareCursor& at, std::string_view login, double difficulty);
    bool complete() const { return complete_; }
    PplnsWindow result() const;

  private:
    double target_;
    double counted_ = 0;
    bool complete_ = false;
    std::optional<ShareCursor> newest_;
    std::optional<ShareCursor> boundary_;
    double boundary_fraction_ = 0;
    std::map<std::string, double, std::less<>> per_miner_;
};

}  // namespace viddhana::store
