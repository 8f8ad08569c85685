// A disk buffer for block events the store could not take: one JSON line per block, fsync'd,
// replayed in order when the store is back. Blocks are rare; losing one would lose its credits.
#pragma once
#include <filesystem>
#include <vector>

#include "bus/found_block.h"

namespace viddhana::ledger {

class BlockSpool {
  public:
    explicit BlockSpool(std::filesystem::path path);
    void append(const bus::FoundBlock& block);
    // Every spooled block; a torn last line (crash mid-write) is skipped.
    std::vector<bus::FoundBlock> read_all() const;
    void clear();
    bool empty() const;

  private:
    std::filesystem::path path_;
};

}  // namespace viddhana::ledger
