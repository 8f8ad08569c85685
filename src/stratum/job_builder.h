// Builds Stratum jobs from block templates (pure): the coinbase split around the extranonce, the
// merkle branch, the prepared notify lines, and, when a share solves the block, the block itself.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "base/expected.h"
#include "chain/coin.h"
#include "stratum/job.h"

namespace viddhana::stratum {

struct CoinbaseSpec {
    std::string tag = "/Viddhana/";  // bytes pushed into the coinbase scriptSig
    int extranonce1_size = 4;
    int extranonce2_size = 4;
};

// Who the coinbase pays. Pool mode: the pool's script takes everything. Solo mode: the miner's
// script takes the value minus a fee paid to the fee script in the same coinbase.
struct CoinbasePayout {
    Bytes script;
    Bytes fee_script;              // empty: no fee output
    int64_t fee_basis_points = 0;  // 100 = 1%
};

class JobBuilder {
  public:
    JobBuilder(const chain::CoinParams& coin, CoinbaseSpec spec);

    // Errors name what is wrong (scriptSig too long, empty payout script, ...).
    Expected<std::shared_ptr<Job>> build(std::shared_ptr<const node::BlockTemplate> block_template,
                                         const CoinbasePayout& payout, uint64_t job_id, bool clean,
                                         int64_t now_ms) const;

    const CoinbaseSpec& spec() const { return spec_; }

  private:
    const chain::CoinParams& coin_;
    CoinbaseSpec spec_;
};

// The coinbase as miners hash it: coinb1 || extranonce1 || extranonce2 || coinb2.
void assemble_coinbase(const Job& job, std::span<const uint8_t> extranonce1,
                       std::span<const uint8_t> extranonce2, Bytes& out);
// The block to submit: the header, then the coinbase (with the segwit reserved value as its
// witness when the template commits to witnesses), the template's transactions as the node gave
// them, and Litecoin's MWEB block when the template has one.
Bytes assemble_block(const Job& job, std::span<const uint8_t, 80> header,
                     std::span<const uint8_t> coinbase);

// Stratum's rendering of the previous block hash: the internal bytes with each 4-byte word
// reversed (what cpuminer-family clients expect).
std::string stratum_prevhash(const chain::Uint256& prev);

}  // namespace viddhana::stratum
