// The shared vectors the C++ tests check against (tests/data/commitment/vectors.json and
// tests/data/evm/vectors.json): leaves, trees, roots and proofs from OpenZeppelin's
// StandardMerkleTree; EIP-1559 transactions signed by ethers; the registry's calls, results,
// events and errors as ethers encodes them. Each vector is cross-checked here against the
// deployed contracts, then compared with the committed file: a difference fails the test until
// the files are rewritten on purpose with `npm run vectors` (VIDDHANA_WRITE_VECTORS=1).
const fs = require("node:fs");
const path = require("node:path");
const { expect } = require("chai");
const { ethers } = require("hardhat");
const { StandardMerkleTree } = require("@openzeppelin/merkle-tree");
const {
  CREDIT_LEAF,
  PAYMENT_LEAF,
  CLAIM_LEAF,
  creditTree,
  paymentTree,
  claimTree,
  uuidToBytes16,
} = require("../lib/commitments");
const { rounds, paymentBatches } = require("../lib/fixtures");

const dataDir = path.join(__dirname, "..", "..", "tests", "data");
const abi = ethers.AbiCoder.defaultAbiCoder();

// JSON has no bigint: integers go out as decimal strings.
function plain(v) {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function treeLeaves(tree, types, describe) {
  const dump = tree.dump();
  return dump.values.map(({ value, treeIndex }, i) => ({
    ...describe(value),
    encoded: abi.encode(types, value),
    hash: tree.leafHash(value),
    tree_index: treeIndex,
    proof: tree.getProof(i),
  }));
}

function commitmentVectors() {
  return {
    generator: "contracts/test/vectors.test.js",
    credit_leaf_types: CREDIT_LEAF,
    payment_leaf_types: PAYMENT_LEAF,
    claim_leaf_types: CLAIM_LEAF,
    rounds: rounds.map((r) => {
      const tree = creditTree(r);
      return {
        round_id: r.roundId,
        block_hash: r.blockHash,
        height: r.height,
        reward: r.reward,
        fee_account: r.feeAccount,
        fee: r.fee,
        dust: r.dust,
        credits: r.credits,
        root: tree.root,
        tree: tree.dump().tree,
        leaves: treeLeaves(tree, CREDIT_LEAF, (v) => ({
          kind: v[1],
          account: v[2],
          amount: v[3],
          shares: v[4],
          difficulty: v[5],
        })),
      };
    }),
    payment_batches: paymentBatches.map((b) => {
      const tree = paymentTree(b);
      return {
        batch_id: b.batchId,
        txid: b.txid,
        payments: b.payments,
        root: tree.root,
        tree: tree.dump().tree,
        leaves: treeLeaves(tree, PAYMENT_LEAF, (v) => ({ login: v[1], address: v[2], amount: v[3], fee: v[4] })),
      };
    }),
    claim_batches: [claimVector()],
  };
}

function claimVector() {
  const batchId = uuidToBytes16("2b7e1516-28ae-42d2-a6ab-f7158809cf4f");
  const claims = [
    { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", amount: 1500000000000000000n },
    { account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", amount: 250000000000000000000n },
    { account: "0x90F79bf6EB2c4f870365E785982E1f101E93b906", amount: 1n },
  ];
  const tree = claimTree(batchId, claims);
  return {
    batch_id: batchId,
    claims,
    root: tree.root,
    tree: tree.dump().tree,
    leaves: treeLeaves(tree, CLAIM_LEAF, (v) => ({ index: v[1], account: v[2], amount: v[3] })),
  };
}

// Well-known keys: Hardhat's first account, the scalar 1, and n - 2 (near the curve order).
const KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x0000000000000000000000000000000000000000000000000000000000000001",
  "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036413f",
];

async function transactionVectors(registryInterface) {
  const publishCall = registryInterface.encodeFunctionData("publishRound", [
    1,
    rounds[0].blockHash,
    rounds[0].height,
    creditTree(rounds[0]).root,
    5,
    rounds[0].reward,
  ]);
  const txs = [
    { key: 0, chainId: 1n, nonce: 0, tip: 1000000000n, maxFee: 100000000000n, gas: 21000n,
      to: "0x3535353535353535353535353535353535353535", value: 10n ** 18n, data: "0x" },
    { key: 0, chainId: 31337n, nonce: 7, tip: 1500000000n, maxFee: 3000000000n, gas: 150000n,
      to: "0x5FbDB2315678afecb367f032d93F642f64180aa3", value: 0n, data: publishCall },
    // Contract creation (no recipient): init code that returns a 10-byte runtime.
    { key: 1, chainId: 11155111n, nonce: 4294967301, tip: 0n, maxFee: 1n, gas: 30000000n, to: null,
      value: 0n, data: "0x600a600c600039600a6000f3602a60005260206000f3" },
    { key: 2, chainId: 42161n, nonce: 127, tip: 128n, maxFee: (1n << 64n) + 5n, gas: 53000n,
      to: "0x0000000000000000000000000000000000000001", value: (1n << 100n) + 1n, data: "0x00",
      accessList: [
        { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
          storageKeys: [ethers.ZeroHash, "0x" + "00".repeat(31) + "01"] },
        { address: "0x3535353535353535353535353535353535353535", storageKeys: [] },
      ] },
  ];
  const out = [];
  for (const t of txs) {
    const wallet = new ethers.Wallet(KEYS[t.key]);
    const tx = ethers.Transaction.from({
      type: 2,
      chainId: t.chainId,
      nonce: t.nonce,
      maxPriorityFeePerGas: t.tip,
      maxFeePerGas: t.maxFee,
      gasLimit: t.gas,
      to: t.to,
      value: t.value,
      data: t.data,
      accessList: t.accessList || [],
    });
    const signed = ethers.Transaction.from(await wallet.signTransaction(tx));
    expect(signed.from).to.equal(wallet.address);
    out.push({
      private_key: KEYS[t.key],
      sender: wallet.address,
      chain_id: t.chainId,
      nonce: t.nonce,
      max_priority_fee_per_gas: t.tip,
      max_fee_per_gas: t.maxFee,
      gas_limit: t.gas,
      to: t.to,
      value: t.value,
      data: t.data,
      access_list: (t.accessList || []).map((e) => ({ address: e.address, storage_keys: e.storageKeys })),
      unsigned: tx.unsignedSerialized,
      signing_hash: tx.unsignedHash,
      signed: signed.serialized,
      hash: signed.hash,
      y_parity: signed.signature.yParity,
      r: signed.signature.r,
      s: signed.signature.s,
    });
  }
  return out;
}

async function revertData(promise) {
  try {
    await promise;
  } catch (e) {
    if (e.data) return e.data;
    throw e;
  }
  throw new Error("expected a revert");
}

describe("shared vectors", function () {
  let registry, owner, operator, commitments, evm;

  before(async function () {
    // A signer no other test uses, so the vectors do not depend on which tests ran before.
    const signers = await ethers.getSigners();
    [owner, operator] = [signers[18], signers[19]];
    registry = await ethers.deployContract("PoolAnchorRegistry", [owner.address, operator.address], owner);
    commitments = commitmentVectors();
  });

  it("have leaves, trees and proofs the contracts accept", async function () {
    for (const r of commitments.rounds) {
      await registry
        .connect(operator)
        .publishRound(r.round_id, r.block_hash, r.height, r.root, r.leaves.length, r.reward);
      for (const leaf of r.leaves) {
        const value = [r.block_hash, leaf.kind, leaf.account, leaf.amount, leaf.shares, leaf.difficulty];
        expect(await registry.creditLeaf(...value)).to.equal(leaf.hash);
        expect(await registry.verifyCredit(r.round_id, leaf.hash, leaf.proof)).to.equal(true);
        expect(StandardMerkleTree.verify(r.root, CREDIT_LEAF, value, leaf.proof)).to.equal(true);
      }
      expect(r.leaves.reduce((s, l) => s + l.amount, 0n)).to.equal(r.reward);
    }
    for (const b of commitments.payment_batches) {
      const total = b.payments.reduce((s, p) => s + p.amount, 0n);
      await registry.connect(operator).publishPaymentBatch(b.batch_id, b.root, b.leaves.length, total);
      for (const leaf of b.leaves) {
        const value = [b.batch_id, leaf.login, leaf.address, leaf.amount, leaf.fee, b.txid];
        expect(await registry.paymentLeaf(...value)).to.equal(leaf.hash);
        expect(await registry.verifyPayment(b.batch_id, leaf.hash, leaf.proof)).to.equal(true);
      }
    }
    const token = await ethers.deployContract("TestToken", [], owner);
    const distributor = await ethers.deployContract(
      "PayoutDistributor",
      [owner.address, await token.getAddress(), await registry.getAddress(), 3600],
      owner,
    );
    for (const c of commitments.claim_batches) {
      for (const leaf of c.leaves) {
        expect(await distributor.claimLeaf(c.batch_id, leaf.index, leaf.account, leaf.amount)).to.equal(leaf.hash);
      }
    }
  });

  it("have EIP-1559 transactions, registry calls, results, events and errors as the chain sees them", async function () {
    const iface = registry.interface;
    const round = commitments.rounds[0];
    const batch = commitments.payment_batches[0];
    const fresh = await ethers.deployContract("PoolAnchorRegistry", [owner.address, operator.address], owner);

    const calls = [
      ["publishRound", [round.round_id, round.block_hash, round.height, round.root, round.leaves.length, round.reward]],
      ["orphanRound", [round.round_id]],
      ["publishPaymentBatch", [batch.batch_id, batch.root, batch.leaves.length, 1234567890n]],
      ["setOperator", [operator.address]],
      ["verifyCredit", [round.round_id, round.leaves[0].hash, round.leaves[0].proof]],
      ["verifyCredit", [round.round_id, round.leaves[0].hash, []]],
      ["verifyPayment", [batch.batch_id, batch.leaves[0].hash, batch.leaves[0].proof]],
      ["round", [round.round_id]],
      ["paymentBatch", [batch.batch_id]],
      ["lastRoundId", []],
      ["operator", []],
      ["roundOfBlock", [round.block_hash]],
      ["creditLeaf", [round.block_hash, 1, round.fee_account, round.fee, 0, 0]],
    ];
    const registryCalls = calls.map(([fn, args]) => ({
      function: fn,
      signature: iface.getFunction(fn).format("sighash"),
      args,
      calldata: iface.encodeFunctionData(fn, args),
    }));

    // Events: the logs the contract really emits for these calls.
    const events = [];
    const published = await (
      await fresh.connect(operator).publishRound(...calls[0][1])
    ).wait();
    const orphaned = await (await fresh.connect(operator).orphanRound(round.round_id)).wait();
    const batchPublished = await (await fresh.connect(operator).publishPaymentBatch(...calls[2][1])).wait();
    const rotated = await (await fresh.connect(owner).setOperator(owner.address)).wait();
    for (const receipt of [published, orphaned, batchPublished, rotated]) {
      for (const log of receipt.logs) {
        const parsed = iface.parseLog(log);
        events.push({
          event: parsed.name,
          signature: parsed.signature,
          topics: log.topics,
          data: log.data,
          values: Object.fromEntries(parsed.fragment.inputs.map((input, i) => [input.name, parsed.args[i]])),
        });
      }
    }

    // Results: what eth_call returns, decoded by ethers; publishedAt comes from the chain.
    const results = [];
    for (const [fn, args] of [calls[7], calls[8], calls[9], calls[11], calls[12]]) {
      const returndata = await ethers.provider.call({ to: await fresh.getAddress(), data: iface.encodeFunctionData(fn, args) });
      const decoded = iface.decodeFunctionResult(fn, returndata);
      expect(iface.encodeFunctionResult(fn, decoded)).to.equal(returndata);
      results.push({ function: fn, returndata, values: decoded.toArray(true) });
    }
    // The stored round carries the block time; pin it so the vector does not change per run.
    results[0].values[0][5] = 1767225600n;
    results[0].returndata = iface.encodeFunctionResult("round", results[0].values);
    results[1].values[0][3] = 1767225600n;
    results[1].returndata = iface.encodeFunctionResult("paymentBatch", results[1].values);

    // Errors: the revert data eth_call and eth_estimateGas report. The owner is the operator
    // since the rotation above.
    const current = fresh.connect(owner);
    const retired = fresh.connect(operator);
    const errors = [];
    for (const promise of [
      current.publishRound.staticCall(...calls[0][1]),
      current.publishRound.staticCall(0, round.block_hash, 1, round.root, 1, 1),
      retired.publishRound.staticCall(2, round.block_hash, 1, round.root, 1, 1),
      current.publishPaymentBatch.staticCall(...calls[2][1]),
      retired.setOperator.staticCall(operator.address),
      current.orphanRound.staticCall(round.round_id),
    ]) {
      const data = await revertData(promise);
      const parsed = iface.parseError(data);
      errors.push({ error: parsed.name, signature: parsed.signature, data, args: parsed.args.toArray(true) });
    }
    expect(errors.map((e) => e.error)).to.deep.equal([
      "RoundAlreadyPublished",
      "RoundOutOfOrder",
      "NotOperator",
      "PaymentBatchAlreadyPublished",
      "OwnableUnauthorizedAccount",
      "RoundAlreadyOrphaned",
    ]);

    evm = {
      generator: "contracts/test/vectors.test.js",
      transactions: await transactionVectors(iface),
      registry_calls: registryCalls,
      registry_results: results,
      registry_events: events,
      registry_errors: errors,
    };
    expect(events.map((e) => e.event)).to.deep.equal([
      "RoundPublished",
      "RoundOrphaned",
      "PaymentBatchPublished",
      "OperatorChanged",
    ]);
  });

  it("equal the committed files", function () {
    const files = [
      [path.join(dataDir, "commitment", "vectors.json"), commitments],
      [path.join(dataDir, "evm", "vectors.json"), evm],
    ];
    for (const [file, content] of files) {
      const text = JSON.stringify(plain(content), null, 2) + "\n";
      if (process.env.VIDDHANA_WRITE_VECTORS === "1") {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        continue;
      }
      expect(fs.existsSync(file), `${file} is missing: run npm run vectors in contracts/`).to.equal(true);
      expect(JSON.parse(fs.readFileSync(file, "utf8")), `${file} is stale: run npm run vectors in contracts/`)
        .to.deep.equal(JSON.parse(text));
    }
  });
});
