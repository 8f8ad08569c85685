import { describe, expect, it } from 'vitest';
import { formatCount, formatDifficulty, formatHashrate, formatPercent } from '../src/format/hashrate';
import { formatAmount, parseAmount, toBigInt } from '../src/format/amount';
import { formatAbsolute, formatDay, formatDuration, formatRelative, toDate } from '../src/format/time';
import { shorten } from '../src/format/text';

describe('formatHashrate', () => {
  it('uses H/s up to 999', () => {
    expect(formatHashrate(0)).toBe('0 H/s');
    expect(formatHashrate(1)).toBe('1 H/s');
    expect(formatHashrate(999)).toBe('999 H/s');
    expect(formatHashrate(12.345)).toBe('12.3 H/s');
  });
  it('steps through every SI unit up to EH/s', () => {
    expect(formatHashrate(1234)).toBe('1.23 kH/s');
    expect(formatHashrate(26_000)).toBe('26 kH/s');
    expect(formatHashrate(5.5e6)).toBe('5.5 MH/s');
    expect(formatHashrate(123.4e9)).toBe('123 GH/s');
    expect(formatHashrate(1e12)).toBe('1 TH/s');
    expect(formatHashrate(2.25e15)).toBe('2.25 PH/s');
    expect(formatHashrate(5.6e18)).toBe('5.6 EH/s');
  });
  it('rounds across a unit boundary into the next unit', () => {
    expect(formatHashrate(999_600)).toBe('1 MH/s');
    expect(formatHashrate(999_400)).toBe('999 kH/s');
  });
  it('shows a dash for values that are not hashrates', () => {
    expect(formatHashrate(NaN)).toBe('—');
    expect(formatHashrate(-1)).toBe('—');
    expect(formatHashrate(Infinity)).toBe('—');
  });
});

describe('formatDifficulty', () => {
  it('keeps small difficulties as three significant digits', () => {
    expect(formatDifficulty(0.001)).toBe('0.001');
    expect(formatDifficulty(0.012345)).toBe('0.0123');
    expect(formatDifficulty(4.6565423739e-10)).toBe('4.66e-10');
  });
  it('scales large ones with SI prefixes', () => {
    expect(formatDifficulty(1)).toBe('1');
    expect(formatDifficulty(12345)).toBe('12.3 k');
    expect(formatDifficulty(2.5e13)).toBe('25 T');
  });
});

describe('formatCount and formatPercent', () => {
  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
  });
  it('shows a ratio as a percentage', () => {
    expect(formatPercent(0.8734)).toBe('87.3 %');
    expect(formatPercent(1.5)).toBe('150.0 %');
    expect(formatPercent(NaN)).toBe('—');
  });
});

describe('formatAmount', () => {
  it('shows every decimal of the coin', () => {
    expect(formatAmount(150_000_000, 8)).toBe('1.50000000');
    expect(formatAmount(1, 8)).toBe('0.00000001');
    expect(formatAmount(0, 8)).toBe('0.00000000');
    expect(formatAmount(150_000_000, 8, { symbol: 'LTC' })).toBe('1.50000000 LTC');
  });
  it('is exact beyond 2^53 (int64 amounts sent as strings)', () => {
    expect(formatAmount('9223372036854775807', 8)).toBe('92,233,720,368.54775807');
    expect(formatAmount(9_007_199_254_740_993n, 8)).toBe('90,071,992.54740993');
  });
  it('trims trailing zeros on request', () => {
    expect(formatAmount(150_000_000, 8, { trim: true })).toBe('1.5');
    expect(formatAmount(100_000_000, 8, { trim: true })).toBe('1');
    expect(formatAmount(100_000_000, 8, { trim: true, minDecimals: 2 })).toBe('1.00');
  });
  it('keeps the sign of negative amounts', () => {
    expect(formatAmount(-150_000_000, 8)).toBe('-1.50000000');
  });
  it('handles coins without decimals and refuses non-integers', () => {
    expect(formatAmount(1234, 0)).toBe('1,234');
    expect(formatAmount(1.5, 8)).toBe('—');
    expect(formatAmount('12abc', 8)).toBe('—');
    expect(() => toBigInt('1.5')).toThrow(/not an integer/);
  });
});

describe('parseAmount', () => {
  it('reads decimals exactly', () => {
    expect(parseAmount('1.5', 8)).toBe(150_000_000n);
    expect(parseAmount('0.00000001', 8)).toBe(1n);
    expect(parseAmount(' 2 ', 8)).toBe(200_000_000n);
    expect(parseAmount('.5', 8)).toBe(50_000_000n);
    expect(parseAmount('0.1', 8)).toBe(10_000_000n);
  });
  it('says what is wrong with bad input', () => {
    expect(() => parseAmount('', 8)).toThrow('enter an amount');
    expect(() => parseAmount('abc', 8)).toThrow('is not a number');
    expect(() => parseAmount('-1', 8)).toThrow('is not a number');
    expect(() => parseAmount('.', 8)).toThrow('is not a number');
    expect(() => parseAmount('0.000000001', 8)).toThrow('at most 8 decimals');
  });
  it('round-trips with formatAmount', () => {
    for (const units of [0n, 1n, 99_999_999n, 123_456_789_012n]) {
      expect(parseAmount(formatAmount(units, 8).replace(/,/g, ''), 8)).toBe(units);
    }
  });
});

describe('times', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it('reads unix seconds, milliseconds and ISO text', () => {
    expect(toDate(1_795_000_000).getTime()).toBe(1_795_000_000_000);
    expect(toDate(1_795_000_000_000).getTime()).toBe(1_795_000_000_000);
    expect(toDate('1795000000').getTime()).toBe(1_795_000_000_000);
    expect(toDate('2026-11-27T12:00:00Z').getTime()).toBe(now.getTime());
  });
  it('says how long ago', () => {
    expect(formatRelative(now, now)).toBe('just now');
    expect(formatRelative(new Date(now.getTime() - 42_000), now)).toBe('42 s ago');
    expect(formatRelative(new Date(now.getTime() - 5 * 60_000), now)).toBe('5 min ago');
    expect(formatRelative(new Date(now.getTime() - 3 * 3600_000 - 1), now)).toBe('3 h ago');
    expect(formatRelative(new Date(now.getTime() - 2 * 86400_000), now)).toBe('2 d ago');
    expect(formatRelative(new Date(now.getTime() + 5 * 60_000), now)).toBe('in 5 min');
    expect(formatRelative('not a time', now)).toBe('—');
  });
  it('gives absolute times', () => {
    expect(formatAbsolute('2026-11-27T00:56:58Z', { utc: true })).toBe('2026-11-27 00:56:58 UTC');
    expect(formatDay(Date.UTC(2026, 10, 27, 23, 59, 59))).toBe('2026-11-27');
    expect(formatAbsolute('garbage')).toBe('—');
  });
  it('gives durations in their two largest units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(90_000)).toBe('1 d 1 h');
  });
});

describe('shorten', () => {
  it('keeps short ids and shortens long ones', () => {
    expect(shorten('abc')).toBe('abc');
    expect(shorten('rltc1qabcdefghijklmnopqrstuvwxyz0123')).toBe('rltc1qab…yz0123');
  });
});
