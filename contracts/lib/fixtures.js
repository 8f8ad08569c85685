// Fixed rounds and payment batches the contract tests and the shared vectors use: realistic
// Litecoin figures (a 6.25 LTC subsidy plus fees, a 1% fee, floor splits with their dust), and
// shapes that exercise the tree (3 leaves, an odd count, a single-leaf batch, two rounds with
// the same credits for different blocks).
const { keccak256, toUtf8Bytes } = require("ethers");
const { uuidToBytes16 } = require("./commitments");

const FEE_ACCOUNT = "ltc1qpoolfeeaccount0000000000000000000fz4n6h";

// The ledger's rule (fee off the top, floor by weight, the rest is dust), on integers.
function split(roundId, blockHash, height, reward, feePpm, miners) {
  const fee = (reward * feePpm) / 1000000n;
  const rest = reward - fee;
  const totalDifficulty = miners.reduce((s, m) => s + m.difficulty, 0n);
  const credits = miners.map((m) => ({
    account: m.account,
    amount: (rest * m.difficulty) / totalDifficulty,
    shares: m.shares,
    difficulty: m.difficulty,
  }));
  const dust = rest - credits.reduce((s, c) => s + c.amount, 0n);
  return { roundId, blockHash, height, reward, feeAccount: FEE_ACCOUNT, fee, dust, credits };
}

function blockHash(label) {
  return keccak256(toUtf8Bytes(label));
}

const miners = [
  { account: "ltc1qg82v8a6w9pxh7cf9kvf2jgx4mnsk5xy5q7rx9d", shares: 1520n, difficulty: 3891200000000n },
  { account: "MQQQTkstUE4SbFdpMEwvaDhWbKtJpqW1JB", shares: 37n, difficulty: 2368000000n },
  { account: "ltc1qwlyjz6v3nnv4tzh5ehkqpa0gpz3tv4tfn0qf3z9kf6ke7wqa24hqcj3y4e", shares: 88211n, difficulty: 18226937500000n },
];

function manyMiners(count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const n = BigInt(i + 1);
    out.push({
      account: `rltc1qminer${String(i).padStart(2, "0")}x${"q".repeat(28)}`,
      shares: 10n * n * n + 3n,
      difficulty: 65536000000n * n + 250000n * n * n,
    });
  }
  return out;
}

const rounds = [
  split(1, blockHash("round 1"), 2584301n, 625000000n + 1834512n, 10000n, miners),
  split(2, blockHash("round 2"), 2584377n, 625000000n + 77n, 10000n, [miners[1]]),
  // Round ids may skip numbers (the ledger's ids are not dense); 13 miners make 15 leaves.
  split(5, blockHash("round 5"), 2584390n, 625000000n + 9123456n, 15000n, manyMiners(13)),
  // The same credits as round 1 for another block: its proofs must not verify for round 1.
  split(6, blockHash("round 6"), 2584391n, 625000000n + 1834512n, 10000n, miners),
];

const paymentBatches = [
  {
    batchId: uuidToBytes16("6f1c2a9e-3b7d-4c1e-9a52-0d4b8e7f1a23"),
    txid: "0x4e9f0c1b2a3d4e5f60718293a4b5c6d7e8f901122334455667788990aabbccdd",
    payments: [
      { login: miners[0].account, address: miners[0].account, amount: 512340000n, fee: 0n },
      { login: miners[1].account, address: "LQ3B36Yv2rBTxdgAdYpU2UcEZsaNwXeATk", amount: 10000000n, fee: 1400n },
      { login: miners[2].account, address: miners[2].account, amount: 2000000000n, fee: 0n },
      { login: FEE_ACCOUNT, address: FEE_ACCOUNT, amount: 150000000n, fee: 0n },
    ],
  },
  {
    batchId: uuidToBytes16("00b8a3f4-5e61-4d7a-8c9b-1f2e3d4c5b6a"),
    txid: "0xa1b2c3d4e5f60718293a4b5c6d7e8f9001122334455667788990aabbccddeeff",
    payments: [{ login: miners[1].account, address: miners[1].account, amount: 10000000n, fee: 0n }],
  },
];

module.exports = { FEE_ACCOUNT, rounds, paymentBatches, miners };
