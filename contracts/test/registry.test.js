// PoolAnchorRegistry: who may publish, what may be published in which order, and that the
// published roots verify exactly the leaves of their own trees. Records the gas of every
// publishing call (printed after the tests; BENCHMARKS.md keeps the figures).
const { expect } = require("chai");
const { ethers } = require("hardhat");
const { StandardMerkleTree } = require("@openzeppelin/merkle-tree");
const { CREDIT_LEAF, KIND, creditTree, creditValues, paymentTree } = require("../lib/commitments");
const { rounds, paymentBatches } = require("../lib/fixtures");
const { recordGas, printGas } = require("../lib/gas");

const ZERO = ethers.ZeroHash;

async function deploy() {
  const [owner, operator, stranger, nextOperator] = await ethers.getSigners();
  const registry = await ethers.deployContract("PoolAnchorRegistry", [owner.address, operator.address]);
  await registry.waitForDeployment();
  return { registry, owner, operator, stranger, nextOperator };
}

async function publish(registry, signer, round) {
  const tree = creditTree(round);
  const tx = await registry
    .connect(signer)
    .publishRound(round.roundId, round.blockHash, round.height, tree.root, tree.length, round.reward);
  return { tree, tx };
}

describe("PoolAnchorRegistry", function () {
  let registry, owner, operator, stranger, nextOperator;

  beforeEach(async function () {
    ({ registry, owner, operator, stranger, nextOperator } = await deploy());
  });

  after(function () {
    printGas();
  });

  describe("access control", function () {
    it("starts with the given owner and operator", async function () {
      expect(await registry.owner()).to.equal(owner.address);
      expect(await registry.operator()).to.equal(operator.address);
    });

    it("lets only the operator publish rounds, orphan rounds and publish batches", async function () {
      const tree = creditTree(rounds[0]);
      for (const signer of [owner, stranger]) {
        await expect(
          registry.connect(signer).publishRound(1, rounds[0].blockHash, 1, tree.root, tree.length, 1),
        )
          .to.be.revertedWithCustomError(registry, "NotOperator")
          .withArgs(signer.address);
        await expect(registry.connect(signer).orphanRound(1)).to.be.revertedWithCustomError(
          registry,
          "NotOperator",
        );
        await expect(
          registry.connect(signer).publishPaymentBatch(paymentBatches[0].batchId, tree.root, 1, 1),
        ).to.be.revertedWithCustomError(registry, "NotOperator");
      }
      expect(await registry.lastRoundId()).to.equal(0n);
    });

    it("lets only the owner rotate the operator, and the old key loses its right at once", async function () {
      await expect(registry.connect(operator).setOperator(stranger.address))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(operator.address);
      await expect(registry.connect(stranger).setOperator(stranger.address)).to.be.revertedWithCustomError(
        registry,
        "OwnableUnauthorizedAccount",
      );

      const rotation = await registry.connect(owner).setOperator(nextOperator.address);
      await expect(rotation)
        .to.emit(registry, "OperatorChanged")
        .withArgs(operator.address, nextOperator.address);
      await recordGas("setOperator", rotation);

      await expect(publish(registry, operator, rounds[0])).to.be.revertedWithCustomError(
        registry,
        "NotOperator",
      );
      await publish(registry, nextOperator, rounds[0]);
      expect(await registry.lastRoundId()).to.equal(BigInt(rounds[0].roundId));
    });

    it("stops all publishing when the operator is set to the zero address", async function () {
      await registry.connect(owner).setOperator(ethers.ZeroAddress);
      await expect(publish(registry, operator, rounds[0])).to.be.revertedWithCustomError(
        registry,
        "NotOperator",
      );
    });

    it("hands ownership over in two steps", async function () {
      await registry.connect(owner).transferOwnership(stranger.address);
      expect(await registry.owner()).to.equal(owner.address);
      await expect(registry.connect(stranger).setOperator(stranger.address)).to.be.revertedWithCustomError(
        registry,
        "OwnableUnauthorizedAccount",
      );
      await registry.connect(stranger).acceptOwnership();
      expect(await registry.owner()).to.equal(stranger.address);
      await registry.connect(stranger).setOperator(stranger.address);
      expect(await registry.operator()).to.equal(stranger.address);
    });
  });

  describe("publishing rounds", function () {
    it("stores the round and emits RoundPublished", async function () {
      const round = rounds[0];
      const { tree, tx } = await publish(registry, operator, round);
      await expect(tx)
        .to.emit(registry, "RoundPublished")
        .withArgs(round.roundId, round.blockHash, tree.root, round.height, round.reward, tree.length);
      const block = await ethers.provider.getBlock((await tx.wait()).blockNumber);
      const stored = await registry.round(round.roundId);
      expect(stored.root).to.equal(tree.root);
      expect(stored.blockHash).to.equal(round.blockHash);
      expect(stored.height).to.equal(round.height);
      expect(stored.reward).to.equal(round.reward);
      expect(stored.leafCount).to.equal(BigInt(tree.length));
      expect(stored.publishedAt).to.equal(BigInt(block.timestamp));
      expect(stored.orphaned).to.equal(false);
      expect(await registry.roundOfBlock(round.blockHash)).to.equal(BigInt(round.roundId));
      expect(await registry.lastRoundId()).to.equal(BigInt(round.roundId));
      await recordGas("publishRound", tx);
    });

    it("refuses a round id published before, even with another root", async function () {
      await publish(registry, operator, rounds[0]);
      const other = creditTree(rounds[1]);
      await expect(
        registry
          .connect(operator)
          .publishRound(rounds[0].roundId, rounds[1].blockHash, 1, other.root, other.length, 1),
      )
        .to.be.revertedWithCustomError(registry, "RoundAlreadyPublished")
        .withArgs(rounds[0].roundId);
      expect((await registry.round(rounds[0].roundId)).root).to.equal(creditTree(rounds[0]).root);
    });

    it("refuses a round behind the last one (out of order) but allows gaps ahead", async function () {
      await publish(registry, operator, rounds[0]); // 1
      await publish(registry, operator, rounds[2]); // 5: skipping 2..4 is allowed
      await expect(publish(registry, operator, rounds[1])) // 2, behind 5
        .to.be.revertedWithCustomError(registry, "RoundOutOfOrder")
        .withArgs(rounds[1].roundId, rounds[2].roundId);
      expect(await registry.lastRoundId()).to.equal(BigInt(rounds[2].roundId));
      expect((await registry.round(rounds[1].roundId)).root).to.equal(ZERO);
    });

    it("refuses round id 0", async function () {
      const tree = creditTree(rounds[0]);
      await expect(
        registry.connect(operator).publishRound(0, rounds[0].blockHash, 1, tree.root, tree.length, 1),
      ).to.be.revertedWithCustomError(registry, "RoundOutOfOrder");
    });

    it("refuses a second round for the same block", async function () {
      await publish(registry, operator, rounds[0]);
      const tree = creditTree(rounds[3]);
      await expect(
        registry
          .connect(operator)
          .publishRound(9, rounds[0].blockHash, rounds[3].height, tree.root, tree.length, rounds[3].reward),
      )
        .to.be.revertedWithCustomError(registry, "BlockAlreadyCommitted")
        .withArgs(rounds[0].blockHash, rounds[0].roundId);
    });

    it("refuses empty roots, empty block hashes and rounds without leaves", async function () {
      const tree = creditTree(rounds[0]);
      const r = registry.connect(operator);
      await expect(r.publishRound(1, rounds[0].blockHash, 1, ZERO, 5, 1)).to.be.revertedWithCustomError(
        registry,
        "EmptyRoot",
      );
      await expect(r.publishRound(1, ZERO, 1, tree.root, 5, 1)).to.be.revertedWithCustomError(
        registry,
        "EmptyBlockHash",
      );
      await expect(r.publishRound(1, rounds[0].blockHash, 1, tree.root, 0, 1)).to.be.revertedWithCustomError(
        registry,
        "NoLeaves",
      );
      expect(await registry.lastRoundId()).to.equal(0n);
    });
  });

  describe("orphaned rounds", function () {
    it("marks a round orphaned once, keeps its root, and stops confirming its credits", async function () {
      const { tree } = await publish(registry, operator, rounds[0]);
      const [index] = [...tree.entries()][0];
      const proof = tree.getProof(index);
      const leaf = tree.leafHash(tree.at(index));
      expect(await registry.verifyCredit(rounds[0].roundId, leaf, proof)).to.equal(true);

      const tx = await registry.connect(operator).orphanRound(rounds[0].roundId);
      await expect(tx).to.emit(registry, "RoundOrphaned").withArgs(rounds[0].roundId, rounds[0].blockHash);
      await recordGas("orphanRound", tx);

      const stored = await registry.round(rounds[0].roundId);
      expect(stored.orphaned).to.equal(true);
      expect(stored.root).to.equal(tree.root);
      expect(await registry.verifyCredit(rounds[0].roundId, leaf, proof)).to.equal(false);
      await expect(registry.connect(operator).orphanRound(rounds[0].roundId))
        .to.be.revertedWithCustomError(registry, "RoundAlreadyOrphaned")
        .withArgs(rounds[0].roundId);
      // The block stays taken: a replacement block has its own hash and round.
      await expect(publish(registry, operator, { ...rounds[3], blockHash: rounds[0].blockHash }))
        .to.be.revertedWithCustomError(registry, "BlockAlreadyCommitted");
      await publish(registry, operator, rounds[3]);
    });

    it("refuses to orphan a round never published", async function () {
      await expect(registry.connect(operator).orphanRound(7))
        .to.be.revertedWithCustomError(registry, "UnknownRound")
        .withArgs(7);
    });
  });

  describe("verifying credits", function () {
    beforeEach(async function () {
      for (const round of rounds) await publish(registry, operator, round);
    });

    it("confirms every leaf of every round with its proof", async function () {
      for (const round of rounds) {
        const tree = creditTree(round);
        for (const [i, value] of tree.entries()) {
          const leaf = await registry.creditLeaf(...value);
          expect(leaf).to.equal(tree.leafHash(value));
          expect(await registry.verifyCredit(round.roundId, leaf, tree.getProof(i))).to.equal(true);
          expect(StandardMerkleTree.verify(tree.root, CREDIT_LEAF, value, tree.getProof(i))).to.equal(true);
        }
      }
    });

    it("refuses a wrong leaf: one base unit more for the same miner", async function () {
      const round = rounds[0];
      const tree = creditTree(round);
      const value = tree.at(0);
      const inflated = [...value];
      inflated[3] = value[3] + 1n;
      const leaf = await registry.creditLeaf(...inflated);
      expect(await registry.verifyCredit(round.roundId, leaf, tree.getProof(0))).to.equal(false);
    });

    it("refuses a wrong proof: another leaf's proof, a changed sibling, a truncated proof", async function () {
      const round = rounds[2];
      const tree = creditTree(round);
      const leaf = tree.leafHash(tree.at(0));
      const proof = tree.getProof(0);
      expect(await registry.verifyCredit(round.roundId, leaf, tree.getProof(1))).to.equal(false);
      const tampered = [...proof];
      tampered[0] = ethers.toBeHex(BigInt(tampered[0]) ^ 1n, 32);
      expect(await registry.verifyCredit(round.roundId, leaf, tampered)).to.equal(false);
      expect(await registry.verifyCredit(round.roundId, leaf, proof.slice(0, -1))).to.equal(false);
      expect(await registry.verifyCredit(round.roundId, leaf, [])).to.equal(false);
    });

    it("refuses a proof against another round, even one with the same credits", async function () {
      // Rounds 1 and 6 credit the same miners the same amounts for different blocks.
      const tree1 = creditTree(rounds[0]);
      const tree6 = creditTree(rounds[3]);
      expect(tree1.root).to.not.equal(tree6.root);
      for (const [i, value] of tree1.entries()) {
        const leaf = tree1.leafHash(value);
        expect(await registry.verifyCredit(rounds[3].roundId, leaf, tree1.getProof(i))).to.equal(false);
        expect(await registry.verifyCredit(rounds[1].roundId, leaf, tree1.getProof(i))).to.equal(false);
      }
    });

    it("refuses any proof for a round never published", async function () {
      const tree = creditTree(rounds[0]);
      expect(await registry.verifyCredit(3, tree.leafHash(tree.at(0)), tree.getProof(0))).to.equal(false);
    });

    it("has leaves summing to the round's reward, fee and dust included", async function () {
      for (const round of rounds) {
        const values = creditValues(round);
        expect(values.filter((v) => v[1] === KIND.poolFee)).to.have.length(1);
        expect(values.filter((v) => v[1] === KIND.roundingDust)).to.have.length(1);
        const stored = await registry.round(round.roundId);
        expect(values.reduce((s, v) => s + v[3], 0n)).to.equal(stored.reward);
      }
      expect(() => creditValues({ ...rounds[0], dust: rounds[0].dust + 1n })).to.throw(/sum to/);
    });
  });

  describe("payment batches", function () {
    it("publishes a batch once, counts it, and verifies its payments", async function () {
      const batch = paymentBatches[0];
      const tree = paymentTree(batch);
      const total = batch.payments.reduce((s, p) => s + p.amount, 0n);
      const tx = await registry.connect(operator).publishPaymentBatch(batch.batchId, tree.root, tree.length, total);
      await expect(tx)
        .to.emit(registry, "PaymentBatchPublished")
        .withArgs(batch.batchId, 1, tree.root, total, tree.length);
      await recordGas("publishPaymentBatch", tx);
      expect(await registry.paymentBatchCount()).to.equal(1n);
      const stored = await registry.paymentBatch(batch.batchId);
      expect(stored.root).to.equal(tree.root);
      expect(stored.total).to.equal(total);

      for (const [i, value] of tree.entries()) {
        const leaf = await registry.paymentLeaf(...value);
        expect(leaf).to.equal(tree.leafHash(value));
        expect(await registry.verifyPayment(batch.batchId, leaf, tree.getProof(i))).to.equal(true);
      }
      const wrong = [...tree.at(1)];
      wrong[2] = wrong[1]; // paid to the login instead of the payout address
      expect(await registry.verifyPayment(batch.batchId, tree.leafHash(wrong), tree.getProof(1))).to.equal(false);
      expect(
        await registry.verifyPayment(paymentBatches[1].batchId, tree.leafHash(tree.at(0)), tree.getProof(0)),
      ).to.equal(false);

      await expect(registry.connect(operator).publishPaymentBatch(batch.batchId, tree.root, tree.length, total))
        .to.be.revertedWithCustomError(registry, "PaymentBatchAlreadyPublished")
        .withArgs(batch.batchId);
      expect(await registry.paymentBatchCount()).to.equal(1n);
    });

    it("verifies a single-payment batch, whose root is its leaf and whose proof is empty", async function () {
      const batch = paymentBatches[1];
      const tree = paymentTree(batch);
      expect(tree.root).to.equal(tree.leafHash(tree.at(0)));
      await registry.connect(operator).publishPaymentBatch(batch.batchId, tree.root, 1, batch.payments[0].amount);
      expect(await registry.verifyPayment(batch.batchId, tree.root, [])).to.equal(true);
    });

    it("refuses empty ids, empty roots and batches without leaves", async function () {
      const tree = paymentTree(paymentBatches[0]);
      const r = registry.connect(operator);
      await expect(r.publishPaymentBatch("0x" + "00".repeat(16), tree.root, 1, 1)).to.be.revertedWithCustomError(
        registry,
        "EmptyBatchId",
      );
      await expect(r.publishPaymentBatch(paymentBatches[0].batchId, ZERO, 1, 1)).to.be.revertedWithCustomError(
        registry,
        "EmptyRoot",
      );
      await expect(r.publishPaymentBatch(paymentBatches[0].batchId, tree.root, 0, 1)).to.be.revertedWithCustomError(
        registry,
        "NoLeaves",
      );
    });
  });

  describe("gas", function () {
    it("records what verifying a proof costs as trees grow", async function () {
      // verifyCredit is a view: its cost matters to contracts that call it, and it grows with
      // the proof (one keccak per level).
      let roundId = 10;
      for (const leaves of [3, 16, 256, 4096]) {
        const values = [];
        for (let i = 0; i < leaves; i++) {
          values.push([rounds[0].blockHash, 0, `miner-${i}`, BigInt(i + 1), 1n, 1n]);
        }
        const tree = StandardMerkleTree.of(values, CREDIT_LEAF);
        const blockHash = ethers.keccak256(ethers.toUtf8Bytes(`gas ${leaves}`));
        await registry.connect(operator).publishRound(roundId, blockHash, 1, tree.root, leaves, 1);
        const proof = tree.getProof(0);
        const leaf = tree.leafHash(tree.at(0));
        expect(await registry.verifyCredit(roundId, leaf, proof)).to.equal(true);
        const gas = await registry.verifyCredit.estimateGas(roundId, leaf, proof);
        await recordGas(`verifyCredit (${leaves} leaves, proof of ${proof.length})`, gas);
        roundId++;
      }
    });
  });
});
