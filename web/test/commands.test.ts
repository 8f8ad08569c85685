import { describe, expect, it } from 'vitest';
import {
  addressProblem,
  asicFields,
  bfgminerCommand,
  cgminerCommand,
  cleanWorker,
  cpuminerCommand,
  loginOf,
} from '../src/guide/commands';

const setup = {
  url: 'stratum+tcp://pool.example:3333',
  algorithm: 'scrypt',
  address: 'rltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080',
  worker: 'rig7',
};

describe('miner commands', () => {
  it('fill in the URL, ADDRESS.WORKER login and algorithm', () => {
    expect(cpuminerCommand(setup)).toBe(
      'cpuminer -a scrypt -o stratum+tcp://pool.example:3333 -u rltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080.rig7 -p x',
    );
    expect(cgminerCommand(setup)).toBe(
      'cgminer --scrypt -o stratum+tcp://pool.example:3333 -u rltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080.rig7 -p x',
    );
    expect(bfgminerCommand({ ...setup, algorithm: 'sha256d' })).toBe(
      'bfgminer -o stratum+tcp://pool.example:3333 -u rltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080.rig7 -p x',
    );
  });
  it('use placeholders and clean worker names', () => {
    expect(loginOf({ address: ' ', worker: '' })).toBe('YOUR_ADDRESS.rig1');
    expect(cleanWorker('my rig #2')).toBe('myrig2');
    expect(cleanWorker('x'.repeat(40))).toHaveLength(32);
  });
  it('quote what the shell would split', () => {
    expect(cpuminerCommand({ ...setup, address: "a b'c" })).toContain(`-u 'a b'\\''c.rig7'`);
  });
  it('give the ASIC web interface fields', () => {
    expect(asicFields(setup)).toEqual({
      url: 'stratum+tcp://pool.example:3333',
      worker: 'rltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080.rig7',
      password: 'x',
    });
  });
});

describe('addressProblem', () => {
  it('accepts address-shaped text', () => {
    expect(addressProblem('rltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080')).toBeNull();
    expect(addressProblem('LZ6Yh8Fv3iALvVNgqP7kYjwCaqHhM7Gkm1')).toBeNull();
  });
  it('names what is wrong', () => {
    expect(addressProblem('')).toBe('enter a coin address');
    expect(addressProblem('LZ6Yh8Fv3iALvVNgqP7kYjwCaqHhM7Gkm1.rig1')).toMatch(/without the worker/);
    expect(addressProblem('abc')).toMatch(/length/);
    expect(addressProblem('<script>')).toMatch(/characters/);
  });
});
