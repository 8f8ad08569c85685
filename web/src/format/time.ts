// Times as the API gives them (unix seconds, milliseconds or ISO 8601 text) shown relative
// ("5 min ago") and absolute ("2026-11-27 00:56:58").

export type TimeValue = number | string | Date;

// Unix seconds below 1e11 (that is, before the year 5138), milliseconds above.
export function toDate(t: TimeValue): Date {
  if (t instanceof Date) return t;
  if (typeof t === 'number') return new Date(t < 1e11 ? t * 1000 : t);
  if (/^\d+(\.\d+)?$/.test(t)) return toDate(Number(t));
  return new Date(t);
}

const STEPS: [number, string][] = [
  [60, 's'],
  [60, 'min'],
  [24, 'h'],
  [365, 'd'],
];

// A duration in seconds, in its largest unit: 42 → "42 s", 3900 → "1 h 5 min", 90000 → "1 d 1 h".
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  let s = Math.max(0, Math.floor(seconds));
  const parts: [number, string][] = [];
  for (const [size, unit] of STEPS) {
    parts.push([s % size, unit]);
    s = Math.floor(s / size);
  }
  parts.push([s, 'y']);
  parts.reverse();
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return '0 s';
  const shown = parts.slice(first, first + 2).filter(([n]) => n > 0);
  return shown.map(([n, u]) => `${n} ${u}`).join(' ');
}

// "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago", "in 5 min".
export function formatRelative(t: TimeValue, now: Date = new Date()): string {
  const d = toDate(t);
  if (Number.isNaN(d.getTime())) return '—';
  const diff = Math.round((now.getTime() - d.getTime()) / 1000);
  const abs = Math.abs(diff);
  if (abs < 5) return 'just now';
  let text: string;
  if (abs < 60) text = `${abs} s`;
  else if (abs < 3600) text = `${Math.floor(abs / 60)} min`;
  else if (abs < 86400) text = `${Math.floor(abs / 3600)} h`;
  else if (abs < 86400 * 365) text = `${Math.floor(abs / 86400)} d`;
  else text = `${Math.floor(abs / (86400 * 365))} y`;
  return diff > 0 ? `${text} ago` : `in ${text}`;
}

function pad(n: number): string {
  return n.toString().padStart(2, '0');
}

// "2026-11-27 00:56:58" in local time, or UTC with {utc: true} (then suffixed " UTC").
export function formatAbsolute(t: TimeValue, options: { utc?: boolean } = {}): string {
  const d = toDate(t);
  if (Number.isNaN(d.getTime())) return '—';
  const utc = options.utc ?? false;
  const y = utc ? d.getUTCFullYear() : d.getFullYear();
  const mo = utc ? d.getUTCMonth() : d.getMonth();
  const day = utc ? d.getUTCDate() : d.getDate();
  const h = utc ? d.getUTCHours() : d.getHours();
  const mi = utc ? d.getUTCMinutes() : d.getMinutes();
  const s = utc ? d.getUTCSeconds() : d.getSeconds();
  const text = `${y}-${pad(mo + 1)}-${pad(day)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  return utc ? `${text} UTC` : text;
}

// A day label for earnings tables: "2026-11-27".
export function formatDay(t: TimeValue): string {
  return formatAbsolute(t, { utc: true }).slice(0, 10);
}
