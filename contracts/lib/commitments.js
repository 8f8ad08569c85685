// The pool's commitment leaves and trees, as the C++ ledger builds them (docs/commitments.md):
// OpenZeppelin StandardMerkleTree over ABI-encoded fields, so its proofs verify with
// MerkleProof.verify on chain and with any StandardMerkleTree-compatible verifier off chain.
const { StandardMerkleTree } = require("@openzeppelin/merkle-tree");

// (block hash, kind, account, amount, shares, difficulty in millionths)
const CREDIT_LEAF = ["bytes32", "uint8", "string", "uint64", "uint64", "uint128"];
// (batch id, login, payout address, amount, fee charged to the miner, coin txid)
const PAYMENT_LEAF = ["bytes16", "string", "string", "uint64", "uint64", "bytes32"];
// (batch id, bitmap index, account, amount): the PayoutDistributor's claims
const CLAIM_LEAF = ["bytes16", "uint256", "address", "uint256"];

const KIND = { minerCredit: 0, poolFee: 1, roundingDust: 2 };

// A round's leaves: one per miner credit, then the fee leaf and the dust leaf (always both, so
// a round has miners + 2 leaves). Refuses a round whose amounts do not sum to its reward.
function creditValues(round) {
  const values = round.credits.map((c) => [
    round.blockHash,
    KIND.minerCredit,
    c.account,
    BigInt(c.amount),
    BigInt(c.shares),
    BigInt(c.difficulty),
  ]);
  values.push([round.blockHash, KIND.poolFee, round.feeAccount, BigInt(round.fee), 0n, 0n]);
  values.push([round.blockHash, KIND.roundingDust, round.feeAccount, BigInt(round.dust), 0n, 0n]);
  const sum = values.reduce((s, v) => s + v[3], 0n);
  if (sum !== BigInt(round.reward)) {
    throw new Error(`round ${round.roundId}: leaves sum to ${sum}, reward is ${round.reward}`);
  }
  return values;
}

function creditTree(round) {
  return StandardMerkleTree.of(creditValues(round), CREDIT_LEAF);
}

function paymentValues(batch) {
  return batch.payments.map((p) => [
    batch.batchId,
    p.login,
    p.address,
    BigInt(p.amount),
    BigInt(p.fee),
    batch.txid,
  ]);
}

function paymentTree(batch) {
  return StandardMerkleTree.of(paymentValues(batch), PAYMENT_LEAF);
}

function claimTree(batchId, claims) {
  return StandardMerkleTree.of(
    claims.map((c, index) => [batchId, BigInt(index), c.account, BigInt(c.amount)]),
    CLAIM_LEAF,
  );
}

// The batch id as bytes16: a UUID's 32 hex digits.
function uuidToBytes16(uuid) {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return "0x" + hex.toLowerCase();
}

module.exports = {
  CREDIT_LEAF,
  PAYMENT_LEAF,
  CLAIM_LEAF,
  KIND,
  creditValues,
  creditTree,
  paymentValues,
  paymentTree,
  claimTree,
  uuidToBytes16,
};
