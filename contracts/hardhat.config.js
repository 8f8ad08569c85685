// Hardhat 2 with the compiler from the `solc` npm package (solcjs), so nothing is downloaded
// when compiling: the version below must equal the one package.json pins.
const path = require("node:path");
const { subtask } = require("hardhat/config");
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require("hardhat/builtin-tasks/task-names");
require("@nomicfoundation/hardhat-chai-matchers");
require("@nomicfoundation/hardhat-ethers");

const solcVersion = "0.8.28";

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async ({ solcVersion: wanted }) => {
  const solc = require("solc");
  const bundled = solc.version().split("+")[0];
  if (wanted !== solcVersion || bundled !== solcVersion) {
    throw new Error(
      `solc ${wanted} requested, but the solc package provides ${bundled}: ` +
        "keep hardhat.config.js and package.json on the same version",
    );
  }
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: solcVersion,
    longVersion: solc.version(),
  };
});

module.exports = {
  solidity: {
    version: solcVersion,
    settings: {
      optimizer: { enabled: true, runs: 10000 },
      // Cancun: what current mainnet, its testnets and the major L2s execute.
      evmVersion: "cancun",
    },
  },
  paths: {
    sources: path.join(__dirname, "src"),
    tests: path.join(__dirname, "test"),
  },
  networks: {
    hardhat: {
      hardfork: "cancun",
      // With VIDDHANA_MINE_FAILED_TRANSACTIONS=1 (set by the C++ tests that run `hardhat node`)
      // a reverting transaction is mined as failed (status 0), as a real node does, instead of
      // being refused when sent. The contract tests keep Hardhat's default, which their revert
      // assertions expect.
      throwOnTransactionFailures: process.env.VIDDHANA_MINE_FAILED_TRANSACTIONS !== "1",
    },
  },
  mocha: { timeout: 120000 },
};
