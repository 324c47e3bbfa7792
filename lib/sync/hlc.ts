/**
 * Hybrid logical clock stamps: wall time, a counter, the replica. Written as one fixed-width
 * string so plain string order is causal-then-wall-clock order on every replica, with the replica
 * id as the final tiebreak: two different edits never compare equal, so "the latest edit wins"
 * picks the same value everywhere. Pure: `now` comes in.
 */

/** A stamp: `<wall ms, 15 digits>.<counter, 5 digits>.<replica>`. */
export type Stamp = string;

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;

/** A replica id: lower-case letters, digits and dashes, 1-40 long (it ends every stamp). */
export const REPLICA_RE = /^[a-z0-9-]{1,40}$/;

/** The stamp below every real one (a field never written). */
export const ZERO_STAMP: Stamp = `${'0'.repeat(WALL_DIGITS)}.${'0'.repeat(COUNTER_DIGITS)}.`;

export interface ParsedStamp {
  wall: number;
  counter: number;
  replica: string;
}

export function formatStamp(s: ParsedStamp): Stamp {
  return `${String(s.wall).padStart(WALL_DIGITS, '0')}.${String(s.counter).padStart(COUNTER_DIGITS, '0')}.${s.replica}`;
}

/** `undefined` for anything that is not a well-formed stamp (a document from elsewhere). */
export function parseStamp(s: unknown): ParsedStamp | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(\d{15})\.(\d{5})\.([a-z0-9-]{0,40})$/.exec(s);
  if (!m) return undefined;
  return { wall: Number(m[1]), counter: Number(m[2]), replica: m[3] as string };
}

/** The stamp for a local change after `last` (the latest stamp this replica issued or saw). */
export function tick(last: Stamp, now: number, replica: string): Stamp {
  const p = parseStamp(last) ?? { wall: 0, counter: 0, replica };
  const wall = Math.max(p.wall, Math.floor(now));
  const counter = wall === p.wall ? p.counter + 1 : 0;
  // A counter overflow would break the fixed width; moving the wall by 1 ms keeps the order.
  if (counter >= 10 ** COUNTER_DIGITS) return formatStamp({ wall: wall + 1, counter: 0, replica });
  return formatStamp({ wall, counter, replica });
}

/** The clock after seeing `remote`: never behind anything this replica has seen. */
export function observe(last: Stamp, remote: Stamp): Stamp {
  return remote > last && parseStamp(remote) ? remote : last;
}

export function maxStamp(a: Stamp, b: Stamp): Stamp {
  return a >= b ? a : b;
}
