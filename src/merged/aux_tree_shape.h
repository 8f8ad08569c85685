// Where each aux chain's block sits in the aux merkle tree. An aux chain does not take a slot of
// its choosing: it accepts its block hash only in the slot that the tree's nonce and its chain id
// select (Namecoin's rule, kept by Dogecoin), so the same parent work can never prove two blocks of
// one chain.
//
// The slot is an affine map of nonce + chain id modulo the tree size, with an odd factor, so for a
// given tree the nonce only permutes the slots: two chains collide exactly when their chain ids are
// equal modulo the tree size, whatever the nonce. The pool therefore picks the smallest tree in
// which the chain ids differ modulo its size; any nonce then works.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "base/expected.h"

namespace viddhana::merged {

// Aux chains refuse branches longer than this (a tree of 2^30 slots).
constexpr unsigned kMaxAuxTreeHeight = 30;

// The slot chain `chain_id` must occupy in a tree of 2^height slots committed with `nonce`
// (CAuxPow::getExpectedIndex): two steps of the C library's LCG over the nonce, the chain id added
// in between, computed modulo 2^32, reduced modulo the tree size.
uint32_t aux_slot(uint32_t nonce, int32_t chain_id, unsigned height);

struct AuxTreeShape {
    unsigned height = 0;          // the aux branch length; the tree has 2^height slots
    uint32_t nonce = 0;           // committed in the parent coinbase next to the root
    std::vector<uint32_t> slots;  // slots[i]: the slot of chain_ids[i]

    uint32_t size() const { return uint32_t{1} << height; }
};

// The smallest tree in which every chain gets its own slot, with this nonce. Fails for an empty
// list or a chain id listed twice (two blocks of one chain can never share a tree), and when two
// ids are equal modulo 2^30.
Expected<AuxTreeShape> plan_aux_tree(std::span<const int32_t> chain_ids, uint32_t nonce = 0);

// The shape for a given height and nonce (slots computed); fails when two chains collide.
Expected<AuxTreeShape> aux_tree_shape(std::span<const int32_t> chain_ids, unsigned height,
                                      uint32_t nonce);

}  // namespace viddhana::merged
