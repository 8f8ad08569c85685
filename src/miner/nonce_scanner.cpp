#include "miner/nonce_scanner.h"

#include <algorithm>
#include <span>

namespace viddhana::miner {

NonceScanner::NonceScanner(chain::PowAlgorithm algorithm) : algorithm_(algorithm) {
    if (algorithm_ == chain::PowAlgorithm::scrypt) {
        scrypt_.emplace();
        lanes_.resize(chain::ScryptHasher::kLanes);
        lane_out_.resize(chain::ScryptHasher::kLanes);
    }
}

void NonceScanner::set_header(const Header& header) {
    header_ = header;
    if (algorithm_ == chain::PowAlgorithm::sha256d) {
        midstate_.reset();
        midstate_.write(header_.data(), 64);
    }
}

chain::Uint256 NonceScanner::hash(uint32_t nonce) {
    store_le<uint32_t>(header_.data() + kNonceOffset, nonce);
    chain::Uint256 out;
    if (algorithm_ == chain::PowAlgorithm::scrypt) {
        scrypt_->hash(header_.data(), out.data());
    } else {
        chain::sha256d(header_.data(), header_.size(), out.data());
    }
    return out;
}

void NonceScanner::scan(uint32_t first, uint32_t count, const chain::Uint256& target,
                        std::vector<NonceHit>& hits) {
    if (algorithm_ == chain::PowAlgorithm::sha256d) {
        uint8_t tail[16];
        std::copy(header_.begin() + 64, header_.end(), tail);
        uint8_t first_hash[32];
        chain::Uint256 out;
        for (uint32_t i = 0; i < count; ++i) {
            const uint32_t nonce = first + i;
            store_le<uint32_t>(tail + 12, nonce);
            chain::Sha256 s = midstate_;
            s.write(tail, sizeof tail);
            s.finalize(first_hash);
            chain::sha256(first_hash, sizeof first_hash, out.data());
            if (out <= target) hits.push_back({nonce, out});
        }
        return;
    }
    const size_t lanes = lanes_.size();
    for (uint32_t done = 0; done < count;) {
        const size_t n = std::min<size_t>(lanes, count - done);
        for (size_t l = 0; l < n; ++l) {
            lanes_[l] = header_;
            store_le<uint32_t>(lanes_[l].data() + kNonceOffset,
                               first + done + static_cast<uint32_t>(l));
        }
        scrypt_->hash_many(std::span(lanes_.data(), n), std::span(lane_out_.data(), n));
        for (size_t l = 0; l < n; ++l) {
            chain::Uint256 h(std::span<const uint8_t, 32>(lane_out_[l]));
            if (h <= target) hits.push_back({first + done + static_cast<uint32_t>(l), h});
        }
        done += static_cast<uint32_t>(n);
    }
}

}  // namespace viddhana::miner
