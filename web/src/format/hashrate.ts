// Hashrates and difficulties as people read them: three significant digits and an SI unit.

const HASHRATE_UNITS = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s', 'PH/s', 'EH/s', 'ZH/s'];
const SI_PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z'];

// Three significant digits, without a trailing ".0" ("1.5", "12.3", "123").
function threeDigits(value: number): string {
  if (value === 0) return '0';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toFixed(digits).replace(/\.?0+$/, '');
}

function scaled(value: number, units: string[], sep: string): string {
  if (!Number.isFinite(value) || value < 0) return '—';
  let i = 0;
  let v = value;
  while (v >= 999.5 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${threeDigits(v)}${sep}${units[i]}`;
}

// 0 → "0 H/s", 1234 → "1.23 kH/s", 5.6e18 → "5.6 EH/s".
export function formatHashrate(hashesPerSecond: number): string {
  return scaled(hashesPerSecond, HASHRATE_UNITS, ' ');
}

// Share and network difficulties: 0.0123 → "0.0123", 12345 → "12.3 k", 2.5e13 → "25 T".
export function formatDifficulty(difficulty: number): string {
  if (!Number.isFinite(difficulty) || difficulty < 0) return '—';
  if (difficulty > 0 && difficulty < 1) return String(Number(difficulty.toPrecision(3)));
  return scaled(difficulty, SI_PREFIXES, ' ').trimEnd();
}

// A plain count with thousands separators: 1234567 → "1,234,567".
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// A ratio as a percentage with one decimal: 0.8734 → "87.3 %".
export function formatPercent(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)} %`;
}
