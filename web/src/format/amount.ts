// Coin amounts: the API gives integer base units (litoshi, satoshi) as numbers or decimal
// strings; they are shown and parsed with exact integer arithmetic, never through floating point.

export type BaseUnits = number | string | bigint;

export function toBigInt(value: BaseUnits): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer amount: ${value}`);
    return BigInt(value);
  }
  if (!/^-?\d+$/.test(value.trim())) throw new Error(`not an integer amount: "${value}"`);
  return BigInt(value.trim());
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export interface AmountOptions {
  symbol?: string; // appended after a space
  trim?: boolean; // drop trailing zeros of the fraction (keeps at least `minDecimals`)
  minDecimals?: number;
}

// 150000000 with 8 decimals → "1.50000000"; with {symbol: 'LTC'} → "1.50000000 LTC";
// with {trim: true} → "1.5".
export function formatAmount(value: BaseUnits, decimals: number, options: AmountOptions = {}): string {
  let units: bigint;
  try {
    units = toBigInt(value);
  } catch {
    return '—';
  }
  const negative = units < 0n;
  if (negative) units = -units;
  const scale = 10n ** BigInt(decimals);
  const whole = group((units / scale).toString());
  let fraction = decimals > 0 ? (units % scale).toString().padStart(decimals, '0') : '';
  if (options.trim) {
    const keep = options.minDecimals ?? 0;
    fraction = fraction.replace(/0+$/, '');
    if (fraction.length < keep) fraction = fraction.padEnd(keep, '0');
  }
  const text = `${negative ? '-' : ''}${whole}${fraction ? '.' + fraction : ''}`;
  return options.symbol ? `${text} ${options.symbol}` : text;
}

// "1.5" with 8 decimals → 150000000n. Throws an Error saying what is wrong for anything that is
// not a plain non-negative decimal with at most `decimals` fraction digits.
export function parseAmount(text: string, decimals: number): bigint {
  const t = text.trim();
  if (t === '') throw new Error('enter an amount');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new Error(`"${text}" is not a number`);
  const fraction = m[2] ?? '';
  if (fraction.length > decimals) throw new Error(`at most ${decimals} decimals`);
  return BigInt(m[1] || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}
