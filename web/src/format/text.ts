// Long identifiers (addresses, hashes, transaction ids) shortened for narrow screens.

// "rltc1qxyz…abcd": the first `head` and last `tail` characters around an ellipsis.
export function shorten(id: string, head = 8, tail = 6): string {
  if (id.length <= head + tail + 1) return id;
  return `${id.slice(0, head)}…${id.slice(-tail)}`;
}
