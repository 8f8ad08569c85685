// A predictable RandomSource for tests: bytes 0, 1, 2, ... continuing across calls.
#pragma once
#include "auth/random_source.h"

namespace viddhana::auth::test {

class CountingRandomSource final : public RandomSource {
  public:
    void fill(std::span<uint8_t> out) override {
        for (auto& b : out)
            b = next_++;
    }

  private:
    uint8_t next_ = 0;
};

}  // namespace viddhana::auth::test
