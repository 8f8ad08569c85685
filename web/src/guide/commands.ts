// Miner software settings for this pool: command lines for cpuminer, cgminer and bfgminer and the
// fields of an ASIC's web interface, filled in with the miner's address and worker name.

export interface MinerSetup {
  url: string; // stratum+tcp://host:port
  algorithm: string; // "scrypt" or "sha256d"
  address: string;
  worker: string;
}

export interface AsicFields {
  url: string;
  worker: string;
  password: string;
}

// A worker name as the pool accepts it: letters, digits, '-' and '_', at most 32 characters.
export function cleanWorker(name: string): string {
  const w = name.trim().replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32);
  return w || 'rig1';
}

// "ADDRESS.WORKER", with placeholders for what is still missing.
export function loginOf(s: Pick<MinerSetup, 'address' | 'worker'>): string {
  const address = s.address.trim() || 'YOUR_ADDRESS';
  return `${address}.${cleanWorker(s.worker)}`;
}

// Quotes a shell word only when it needs it.
function sh(word: string): string {
  return /^[A-Za-z0-9_.:/+@=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function cpuminerCommand(s: MinerSetup): string {
  return ['cpuminer', '-a', s.algorithm, '-o', s.url, '-u', loginOf(s), '-p', 'x'].map(sh).join(' ');
}

// cgminer and bfgminer pick the algorithm with --scrypt (SHA-256d is their default).
function asicDriverCommand(program: string, s: MinerSetup): string {
  const algo = s.algorithm === 'scrypt' ? ['--scrypt'] : [];
  return [program, ...algo, '-o', s.url, '-u', loginOf(s), '-p', 'x'].map(sh).join(' ');
}

export const cgminerCommand = (s: MinerSetup) => asicDriverCommand('cgminer', s);
export const bfgminerCommand = (s: MinerSetup) => asicDriverCommand('bfgminer', s);

export function asicFields(s: MinerSetup): AsicFields {
  return { url: s.url, worker: loginOf(s), password: 'x' };
}

// A quick shape check before asking the pool (which has the final word): base58 or bech32
// characters, 26 to 90 long. Returns the problem, or null.
export function addressProblem(text: string): string | null {
  const a = text.trim();
  if (a === '') return 'enter a coin address';
  if (a.includes('.')) return 'enter the address without the worker name';
  if (!/^[A-Za-z0-9]+$/.test(a)) return `"${a}" has characters no coin address has`;
  if (a.length < 26 || a.length > 90) return `"${a}" is not the length of a coin address`;
  return null;
}
