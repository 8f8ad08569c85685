// PayoutDistributor: funding a published batch, claiming each leaf once with its proof, never
// paying out more than a batch holds, and sweeping what is unclaimed after the claim period.
const { expect } = require("chai");
const { ethers, network } = require("hardhat");
const { claimTree, uuidToBytes16 } = require("../lib/commitments");
const { recordGas, printGas } = require("../lib/gas");

const CLAIM_PERIOD = 30n * 24n * 3600n;
const BATCH = uuidToBytes16("2b7e1516-28ae-42d2-a6ab-f7158809cf4f");
const OTHER_BATCH = uuidToBytes16("3c8f2627-39bf-43e3-b7bc-08269910d050");

describe("PayoutDistributor", function () {
  let owner, operator, miners, relayer, token, registry, distributor, claims, tree, total;

  beforeEach(async function () {
    const signers = await ethers.getSigners();
    [owner, operator, relayer] = signers;
    miners = signers.slice(3, 7);
    token = await ethers.deployContract("TestToken");
    registry = await ethers.deployContract("PoolAnchorRegistry", [owner.address, operator.address]);
    distributor = await ethers.deployContract("PayoutDistributor", [
      owner.address,
      await token.getAddress(),
      await registry.getAddress(),
      CLAIM_PERIOD,
    ]);
    claims = miners.map((m, i) => ({ account: m.address, amount: ethers.parseUnits(String(i + 1), 18) / 7n }));
    tree = claimTree(BATCH, claims);
    total = claims.reduce((s, c) => s + c.amount, 0n);
    await registry.connect(operator).publishPaymentBatch(BATCH, tree.root, tree.length, total);
    await token.mint(owner.address, total * 2n);
    await token.connect(owner).approve(await distributor.getAddress(), total * 2n);
  });

  after(function () {
    printGas();
  });

  function proofOf(index) {
    return tree.getProof(index);
  }

  it("refuses a setup without token, registry or claim period", async function () {
    const factory = await ethers.getContractFactory("PayoutDistributor");
    const tokenAddress = await token.getAddress();
    const registryAddress = await registry.getAddress();
    for (const args of [
      [owner.address, ethers.ZeroAddress, registryAddress, CLAIM_PERIOD],
      [owner.address, tokenAddress, ethers.ZeroAddress, CLAIM_PERIOD],
      [owner.address, tokenAddress, registryAddress, 0],
    ]) {
      await expect(factory.deploy(...args)).to.be.revertedWithCustomError(factory, "InvalidSetup");
    }
  });

  it("computes the same leaf as the off-chain tree", async function () {
    for (const [i, value] of tree.entries()) {
      expect(await distributor.claimLeaf(...value)).to.equal(tree.leafHash(value));
      expect(value[1]).to.equal(BigInt(i));
    }
  });

  it("takes funding up to the batch's committed total, for published batches only", async function () {
    const fundTx = await distributor.connect(owner).fund(BATCH, total - 1n);
    await expect(fundTx).to.emit(distributor, "Funded").withArgs(BATCH, owner.address, total - 1n);
    await recordGas("fund", fundTx);
    await expect(distributor.connect(owner).fund(BATCH, 2n))
      .to.be.revertedWithCustomError(distributor, "OverFunded")
      .withArgs(BATCH, total + 1n, total);
    await distributor.connect(owner).fund(BATCH, 1n);
    expect((await distributor.fundings(BATCH)).funded).to.equal(total);
    expect(await token.balanceOf(await distributor.getAddress())).to.equal(total);
    await expect(distributor.connect(owner).fund(OTHER_BATCH, 1n))
      .to.be.revertedWithCustomError(distributor, "UnknownBatch")
      .withArgs(OTHER_BATCH);
    await expect(distributor.connect(owner).fund(BATCH, 0n)).to.be.revertedWithCustomError(distributor, "ZeroAmount");
  });

  it("pays each claim once, to the leaf's account, whoever submits it", async function () {
    await distributor.connect(owner).fund(BATCH, total);
    for (const [i, c] of claims.entries()) {
      const submitter = i % 2 === 0 ? miners[i] : relayer;
      const tx = await distributor.connect(submitter).claim(BATCH, i, c.account, c.amount, proofOf(i));
      await expect(tx).to.emit(distributor, "Claimed").withArgs(BATCH, i, c.account, c.amount);
      if (i === 0) await recordGas("claim", tx);
      expect(await token.balanceOf(c.account)).to.equal(c.amount);
      expect(await distributor.isClaimed(BATCH, i)).to.equal(true);
      await expect(distributor.connect(submitter).claim(BATCH, i, c.account, c.amount, proofOf(i)))
        .to.be.revertedWithCustomError(distributor, "AlreadyClaimed")
        .withArgs(BATCH, i);
    }
    expect(await token.balanceOf(await distributor.getAddress())).to.equal(0n);
    expect((await distributor.fundings(BATCH)).claimed).to.equal(total);
  });

  it("refuses a claim with another account, another amount, another index or another proof", async function () {
    await distributor.connect(owner).fund(BATCH, total);
    const c = claims[1];
    const d = distributor.connect(relayer);
    await expect(d.claim(BATCH, 1, relayer.address, c.amount, proofOf(1))).to.be.revertedWithCustomError(
      distributor,
      "InvalidProof",
    );
    await expect(d.claim(BATCH, 1, c.account, c.amount + 1n, proofOf(1))).to.be.revertedWithCustomError(
      distributor,
      "InvalidProof",
    );
    await expect(d.claim(BATCH, 2, c.account, c.amount, proofOf(1))).to.be.revertedWithCustomError(
      distributor,
      "InvalidProof",
    );
    await expect(d.claim(BATCH, 1, c.account, c.amount, proofOf(2))).to.be.revertedWithCustomError(
      distributor,
      "InvalidProof",
    );
    expect(await distributor.isClaimed(BATCH, 1)).to.equal(false);
    expect(await token.balanceOf(c.account)).to.equal(0n);
  });

  it("refuses a claim from another batch's tree", async function () {
    const otherTree = claimTree(OTHER_BATCH, claims);
    await registry.connect(operator).publishPaymentBatch(OTHER_BATCH, otherTree.root, otherTree.length, total);
    await distributor.connect(owner).fund(BATCH, total);
    // The leaf names its batch: the same claims under another batch id make other leaves.
    expect(otherTree.root).to.not.equal(tree.root);
    await expect(
      distributor.claim(BATCH, 0, claims[0].account, claims[0].amount, otherTree.getProof(0)),
    ).to.be.revertedWithCustomError(distributor, "InvalidProof");
    await expect(
      distributor.claim(OTHER_BATCH, 1, claims[1].account, claims[1].amount, proofOf(1)),
    ).to.be.revertedWithCustomError(distributor, "InvalidProof");
    expect(await token.balanceOf(claims[0].account)).to.equal(0n);
  });

  it("never pays a batch more than it was funded with", async function () {
    await distributor.connect(owner).fund(BATCH, claims[0].amount);
    await distributor.claim(BATCH, 0, claims[0].account, claims[0].amount, proofOf(0));
    await expect(distributor.claim(BATCH, 1, claims[1].account, claims[1].amount, proofOf(1)))
      .to.be.revertedWithCustomError(distributor, "InsufficientFunding")
      .withArgs(BATCH, 0n, claims[1].amount);
    expect(await distributor.isClaimed(BATCH, 1)).to.equal(false);
  });

  it("sweeps what is unclaimed only after the claim period, once, and closes the batch", async function () {
    await distributor.connect(owner).fund(BATCH, total);
    await distributor.claim(BATCH, 0, claims[0].account, claims[0].amount, proofOf(0));
    const publishedAt = (await registry.paymentBatch(BATCH)).publishedAt;
    await expect(distributor.connect(owner).sweep(BATCH, owner.address))
      .to.be.revertedWithCustomError(distributor, "ClaimPeriodNotOver")
      .withArgs(BATCH, publishedAt + CLAIM_PERIOD);
    await expect(distributor.connect(relayer).sweep(BATCH, relayer.address)).to.be.revertedWithCustomError(
      distributor,
      "OwnableUnauthorizedAccount",
    );

    await network.provider.send("evm_setNextBlockTimestamp", [Number(publishedAt + CLAIM_PERIOD)]);
    await network.provider.send("evm_mine");
    await expect(distributor.claim(BATCH, 1, claims[1].account, claims[1].amount, proofOf(1)))
      .to.be.revertedWithCustomError(distributor, "ClaimPeriodOver")
      .withArgs(BATCH);

    const before = await token.balanceOf(owner.address);
    const left = total - claims[0].amount;
    const tx = await distributor.connect(owner).sweep(BATCH, owner.address);
    await expect(tx).to.emit(distributor, "Swept").withArgs(BATCH, owner.address, left);
    expect(await token.balanceOf(owner.address)).to.equal(before + left);
    await expect(distributor.connect(owner).sweep(BATCH, owner.address)).to.be.revertedWithCustomError(
      distributor,
      "AlreadySwept",
    );
    await expect(distributor.connect(owner).fund(BATCH, 1n)).to.be.revertedWithCustomError(
      distributor,
      "AlreadySwept",
    );
  });
});
