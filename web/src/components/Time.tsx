// A time shown relative ("5 min ago") with the absolute time on hover and for screen readers.
import { formatAbsolute, formatRelative, toDate, type TimeValue } from '../format/time';
import { useNow } from '../hooks';

export function RelTime({ t }: { t: TimeValue | null | undefined }) {
  const now = useNow();
  if (t === null || t === undefined || t === '' || t === 0) return <span class="muted">never</span>;
  const d = toDate(t);
  return (
    <time dateTime={Number.isNaN(d.getTime()) ? undefined : d.toISOString()} title={formatAbsolute(d)}>
      {formatRelative(d, now)}
    </time>
  );
}

export function AbsTime({ t }: { t: TimeValue }) {
  const d = toDate(t);
  return <time dateTime={Number.isNaN(d.getTime()) ? undefined : d.toISOString()}>{formatAbsolute(d)}</time>;
}

// Both: "5 min ago" with the absolute time under it (tables, where hovering is not an option on
// phones).
export function When({ t }: { t: TimeValue | null | undefined }) {
  if (t === null || t === undefined || t === '' || t === 0) return <span class="muted">never</span>;
  return (
    <span class="when">
      <RelTime t={t} />
      <small class="muted">
        <AbsTime t={t} />
      </small>
    </span>
  );
}
