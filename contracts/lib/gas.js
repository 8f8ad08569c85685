// Collects the gas of contract calls during a test run and prints them as a table (BENCHMARKS.md
// keeps the figures with the command that produced them).
const rows = new Map();

async function recordGas(label, txOrGas) {
  let gas;
  if (typeof txOrGas === "bigint") {
    gas = txOrGas;
  } else {
    const receipt = await txOrGas.wait();
    gas = receipt.gasUsed;
  }
  rows.set(label, gas);
}

function printGas() {
  if (rows.size === 0) return;
  const width = Math.max(...[...rows.keys()].map((k) => k.length));
  console.log("\n    gas used");
  for (const [label, gas] of rows) console.log(`      ${label.padEnd(width)}  ${gas.toString().padStart(8)}`);
  rows.clear();
}

module.exports = { recordGas, printGas };
