// SPDX-License-Identifier: MIT
// The pool's public commitments to its books: one Merkle root per credited round (the round's
// credits, pool fee and rounding dust, which sum to the block reward) and one per payment batch,
// published by the pool's operator key. Append-only: a root is never replaced; an orphaned round
// is marked orphaned, never rewritten. Leaves follow OpenZeppelin's StandardMerkleTree
// (keccak256(keccak256(abi.encode(fields)))), nodes its sorted-pair keccak256, so any
// off-the-shelf MerkleProof verifier checks a miner's proof.
pragma solidity 0.8.28;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

contract PoolAnchorRegistry is Ownable2Step {
    /// What a credit leaf stands for (its `kind` field).
    uint8 public constant KIND_MINER_CREDIT = 0;
    uint8 public constant KIND_POOL_FEE = 1;
    uint8 public constant KIND_ROUNDING_DUST = 2;

    /// One credited round: the block it paid and the root of its credits. Packed into three
    /// storage slots (root, block hash, the rest).
    struct Round {
        bytes32 root;
        bytes32 blockHash;
        uint64 height;
        uint64 reward; // base units of the mined coin; the leaves' amounts sum to it
        uint32 leafCount;
        uint40 publishedAt; // block timestamp of the publication
        bool orphaned; // the block left the chain and its credits were reversed
    }

    /// One payment batch: the root of its payments. Two storage slots.
    struct PaymentBatch {
        bytes32 root;
        uint128 total; // base units paid by the batch (sum of the leaves' amounts)
        uint32 leafCount;
        uint40 publishedAt;
    }

    /// The key allowed to publish. The owner rotates it; address(0) stops publishing.
    address public operator;
    /// The highest round id published so far: round ids only go up (gaps are allowed, as the
    /// ledger's ids may skip numbers, but a round can never be inserted behind a later one).
    uint64 public lastRoundId;
    /// Payment batches published so far.
    uint64 public paymentBatchCount;

    mapping(uint64 roundId => Round) private _rounds;
    mapping(bytes32 blockHash => uint64 roundId) public roundOfBlock;
    mapping(bytes16 batchId => PaymentBatch) private _paymentBatches;

    event OperatorChanged(address indexed previousOperator, address indexed newOperator);
    event RoundPublished(
        uint64 indexed roundId,
        bytes32 indexed blockHash,
        bytes32 root,
        uint64 height,
        uint64 reward,
        uint32 leafCount
    );
    event RoundOrphaned(uint64 indexed roundId, bytes32 indexed blockHash);
    event PaymentBatchPublished(
        bytes16 indexed batchId,
        uint64 indexed sequence,
        bytes32 root,
        uint128 total,
        uint32 leafCount
    );

    error NotOperator(address caller);
    error RoundAlreadyPublished(uint64 roundId);
    error RoundOutOfOrder(uint64 roundId, uint64 lastRoundId);
    error BlockAlreadyCommitted(bytes32 blockHash, uint64 roundId);
    error UnknownRound(uint64 roundId);
    error RoundAlreadyOrphaned(uint64 roundId);
    error PaymentBatchAlreadyPublished(bytes16 batchId);
    error EmptyRoot();
    error EmptyBlockHash();
    error EmptyBatchId();
    error NoLeaves();

    modifier onlyOperator() {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        _;
    }

    constructor(address initialOwner, address initialOperator) Ownable(initialOwner) {
        operator = initialOperator;
        emit OperatorChanged(address(0), initialOperator);
    }

    /// Rotates the publishing key (a leaked or retired operator key is replaced by the owner,
    /// which should be a colder key or a multisig).
    function setOperator(address newOperator) external onlyOwner {
        emit OperatorChanged(operator, newOperator);
        operator = newOperator;
    }

    /// Commits round `roundId` (the block `blockHash` at `height`, paying `reward`) to `root`.
    function publishRound(
        uint64 roundId,
        bytes32 blockHash,
        uint64 height,
        bytes32 root,
        uint32 leafCount,
        uint64 reward
    ) external onlyOperator {
        if (roundId <= lastRoundId) {
            if (_rounds[roundId].root != bytes32(0)) revert RoundAlreadyPublished(roundId);
            revert RoundOutOfOrder(roundId, lastRoundId);
        }
        if (root == bytes32(0)) revert EmptyRoot();
        if (blockHash == bytes32(0)) revert EmptyBlockHash();
        if (leafCount == 0) revert NoLeaves();
        uint64 existing = roundOfBlock[blockHash];
        if (existing != 0) revert BlockAlreadyCommitted(blockHash, existing);

        _rounds[roundId] = Round({
            root: root,
            blockHash: blockHash,
            height: height,
            reward: reward,
            leafCount: leafCount,
            publishedAt: uint40(block.timestamp),
            orphaned: false
        });
        roundOfBlock[blockHash] = roundId;
        lastRoundId = roundId;
        emit RoundPublished(roundId, blockHash, root, height, reward, leafCount);
    }

    /// Marks a published round orphaned: its block left the chain and the ledger reversed its
    /// credits. The root stays readable (what was promised remains on record), but
    /// verifyCredit no longer confirms its leaves.
    function orphanRound(uint64 roundId) external onlyOperator {
        Round storage r = _rounds[roundId];
        if (r.root == bytes32(0)) revert UnknownRound(roundId);
        if (r.orphaned) revert RoundAlreadyOrphaned(roundId);
        r.orphaned = true;
        emit RoundOrphaned(roundId, r.blockHash);
    }

    /// Commits payment batch `batchId` (the UUID the payment transaction carries) to `root`.
    function publishPaymentBatch(
        bytes16 batchId,
        bytes32 root,
        uint32 leafCount,
        uint128 total
    ) external onlyOperator {
        if (batchId == bytes16(0)) revert EmptyBatchId();
        if (root == bytes32(0)) revert EmptyRoot();
        if (leafCount == 0) revert NoLeaves();
        PaymentBatch storage b = _paymentBatches[batchId];
        if (b.root != bytes32(0)) revert PaymentBatchAlreadyPublished(batchId);
        b.root = root;
        b.total = total;
        b.leafCount = leafCount;
        b.publishedAt = uint40(block.timestamp);
        uint64 sequence = ++paymentBatchCount;
        emit PaymentBatchPublished(batchId, sequence, root, total, leafCount);
    }

    function round(uint64 roundId) external view returns (Round memory) {
        return _rounds[roundId];
    }

    function paymentBatch(bytes16 batchId) external view returns (PaymentBatch memory) {
        return _paymentBatches[batchId];
    }

    /// True when `leaf` is in round `roundId`'s published tree and the round still stands
    /// (published and not orphaned).
    function verifyCredit(
        uint64 roundId,
        bytes32 leaf,
        bytes32[] calldata proof
    ) external view returns (bool) {
        Round storage r = _rounds[roundId];
        return
            r.root != bytes32(0) && !r.orphaned && MerkleProof.verifyCalldata(proof, r.root, leaf);
    }

    /// True when `leaf` is in payment batch `batchId`'s published tree.
    function verifyPayment(
        bytes16 batchId,
        bytes32 leaf,
        bytes32[] calldata proof
    ) external view returns (bool) {
        bytes32 root = _paymentBatches[batchId].root;
        return root != bytes32(0) && MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// The leaf of one round credit: `account` is the miner's login (a coin address, as text),
    /// or the pool's fee account for the fee and dust leaves; `difficulty` is the Stratum
    /// difficulty the miner's shares counted in the window, in millionths.
    function creditLeaf(
        bytes32 blockHash,
        uint8 kind,
        string calldata account,
        uint64 amount,
        uint64 shares,
        uint128 difficulty
    ) external pure returns (bytes32) {
        return
            keccak256(
                bytes.concat(
                    keccak256(abi.encode(blockHash, kind, account, amount, shares, difficulty))
                )
            );
    }

    /// The leaf of one payment: the miner's `login`, the coin `payoutAddress` paid, the amount
    /// sent, the fee charged to the miner on top, and the coin transaction id (as the node
    /// prints it).
    function paymentLeaf(
        bytes16 batchId,
        string calldata login,
        string calldata payoutAddress,
        uint64 amount,
        uint64 fee,
        bytes32 txid
    ) external pure returns (bytes32) {
        return
            keccak256(
                bytes.concat(
                    keccak256(abi.encode(batchId, login, payoutAddress, amount, fee, txid))
                )
            );
    }
}
