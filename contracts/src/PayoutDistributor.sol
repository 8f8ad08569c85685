// SPDX-License-Identifier: MIT
// Payouts for a deployment that pays miners in an ERC-20 token on an EVM chain: the pool
// publishes a payment batch's root in the PoolAnchorRegistry, funds the batch here, and each
// miner (or anyone on the miner's behalf) claims its leaf with a Merkle proof. Each leaf pays
// once (a bitmap per batch); a batch never pays out more than it was funded with; what is left
// unclaimed after the claim period goes back to the owner.
pragma solidity 0.8.28;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {PoolAnchorRegistry} from "./PoolAnchorRegistry.sol";

contract PayoutDistributor is Ownable2Step {
    using SafeERC20 for IERC20;

    struct Funding {
        uint128 funded;
        uint128 claimed;
        bool swept;
    }

    IERC20 public immutable token;
    PoolAnchorRegistry public immutable registry;
    /// Seconds after a batch's publication during which its leaves can be claimed.
    uint64 public immutable claimPeriod;

    mapping(bytes16 batchId => Funding) public fundings;
    mapping(bytes16 batchId => mapping(uint256 word => uint256 bits)) private _claimedBits;

    event Funded(bytes16 indexed batchId, address indexed from, uint256 amount);
    event Claimed(bytes16 indexed batchId, uint256 index, address indexed account, uint256 amount);
    event Swept(bytes16 indexed batchId, address indexed to, uint256 amount);

    error UnknownBatch(bytes16 batchId);
    error OverFunded(bytes16 batchId, uint256 funded, uint256 total);
    error AlreadyClaimed(bytes16 batchId, uint256 index);
    error InvalidProof();
    error InsufficientFunding(bytes16 batchId, uint256 available, uint256 amount);
    error ClaimPeriodOver(bytes16 batchId);
    error ClaimPeriodNotOver(bytes16 batchId, uint256 endsAt);
    error AlreadySwept(bytes16 batchId);
    error ZeroAmount();
    error InvalidSetup();

    constructor(
        address initialOwner,
        IERC20 token_,
        PoolAnchorRegistry registry_,
        uint64 claimPeriod_
    ) Ownable(initialOwner) {
        if (address(token_) == address(0) || address(registry_) == address(0) || claimPeriod_ == 0) {
            revert InvalidSetup();
        }
        token = token_;
        registry = registry_;
        claimPeriod = claimPeriod_;
    }

    /// The leaf of one claim: the batch, the leaf's position in the claim-once bitmap, the
    /// account paid and the amount in the token's base units.
    function claimLeaf(
        bytes16 batchId,
        uint256 index,
        address account,
        uint256 amount
    ) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(batchId, index, account, amount))));
    }

    function isClaimed(bytes16 batchId, uint256 index) public view returns (bool) {
        return (_claimedBits[batchId][index >> 8] >> (index & 0xff)) & 1 == 1;
    }

    /// Moves `amount` tokens from the caller into batch `batchId` (approve first). A batch
    /// takes at most the total its published root commits to.
    function fund(bytes16 batchId, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        PoolAnchorRegistry.PaymentBatch memory batch = registry.paymentBatch(batchId);
        if (batch.root == bytes32(0)) revert UnknownBatch(batchId);
        Funding storage f = fundings[batchId];
        if (f.swept) revert AlreadySwept(batchId);
        uint256 funded = uint256(f.funded) + amount;
        if (funded > batch.total) revert OverFunded(batchId, funded, batch.total);
        f.funded = uint128(funded);
        emit Funded(batchId, msg.sender, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// Pays `amount` to `account` for leaf `index` of batch `batchId`. Anyone may submit it:
    /// the tokens go to `account` whoever pays the gas.
    function claim(
        bytes16 batchId,
        uint256 index,
        address account,
        uint256 amount,
        bytes32[] calldata proof
    ) external {
        PoolAnchorRegistry.PaymentBatch memory batch = registry.paymentBatch(batchId);
        if (batch.root == bytes32(0)) revert UnknownBatch(batchId);
        Funding storage f = fundings[batchId];
        if (f.swept || block.timestamp >= uint256(batch.publishedAt) + claimPeriod) {
            revert ClaimPeriodOver(batchId);
        }
        if (isClaimed(batchId, index)) revert AlreadyClaimed(batchId, index);
        bytes32 leaf = claimLeaf(batchId, index, account, amount);
        if (!MerkleProof.verifyCalldata(proof, batch.root, leaf)) revert InvalidProof();
        uint256 available = uint256(f.funded) - f.claimed;
        if (amount > available) revert InsufficientFunding(batchId, available, amount);

        _claimedBits[batchId][index >> 8] |= 1 << (index & 0xff);
        f.claimed += uint128(amount);
        emit Claimed(batchId, index, account, amount);
        token.safeTransfer(account, amount);
    }

    /// After the claim period, returns what batch `batchId` holds unclaimed to `to`; the batch
    /// takes no claim or funding afterwards.
    function sweep(bytes16 batchId, address to) external onlyOwner {
        PoolAnchorRegistry.PaymentBatch memory batch = registry.paymentBatch(batchId);
        if (batch.root == bytes32(0)) revert UnknownBatch(batchId);
        uint256 endsAt = uint256(batch.publishedAt) + claimPeriod;
        if (block.timestamp < endsAt) revert ClaimPeriodNotOver(batchId, endsAt);
        Funding storage f = fundings[batchId];
        if (f.swept) revert AlreadySwept(batchId);
        f.swept = true;
        uint256 amount = uint256(f.funded) - f.claimed;
        emit Swept(batchId, to, amount);
        if (amount > 0) token.safeTransfer(to, amount);
    }
}
