/**
 * The merge rules of team sync, as pure functions. Each merge is commutative, associative and
 * idempotent (a join), so every replica that has seen the same versions, in any order, holds the
 * same document: that is what lets CouchDB's conflicting revisions be resolved on whichever
 * replica notices them first, and the losers deleted.
 *
 * - Activities are append-only: the same id is the same activity; undone (deleted) wins.
 * - A contact merges field by field; the latest edit (greatest stamp) wins each field.
 * - An enrolment keeps the version whose state ranks highest (an opt-out and a reply win over a
 *   plan; among equals the latest change), and unites what was done: a done touch is never undone.
 * - A suppression keeps the latest opt-out and the latest withdrawal: a merge never lifts it.
 * - A shared playbook or template merges field by field like a contact; a deletion is a field too.
 */
import type { DoneTouch, EnrolmentState, ExtraTouch } from '@/lib/cadence/types';
import type {
  ActivityDoc,
  AssignDoc,
  ContactDoc,
  EnrolmentDoc,
  LibraryDoc,
  StampedValue,
  SuppressionDoc,
  SyncDoc,
} from './docs';

/** Canonical JSON (sorted keys): the deterministic last tiebreak between equal-ranked values. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/** Compares two values by their canonical JSON; 0 only when they are the same value. */
function cmpCanonical(a: unknown, b: unknown): number {
  const x = canonical(a);
  const y = canonical(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The body of a doc, without CouchDB's bookkeeping, so two revisions compare by content. */
function body<T extends SyncDoc>(d: T): T {
  const { _rev, _conflicts, ...rest } = d as T & { _rev?: string; _conflicts?: string[] };
  return rest as T;
}

function pickStamped(a: StampedValue, b: StampedValue): StampedValue {
  if (a.t !== b.t) return a.t > b.t ? a : b;
  // The same stamp is the same edit; should two ever differ, both replicas still agree.
  return cmpCanonical(a.v, b.v) >= 0 ? a : b;
}

function mergeFields(
  a: Record<string, StampedValue>,
  b: Record<string, StampedValue>,
): Record<string, StampedValue> {
  const fields: Record<string, StampedValue> = {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    fields[k] = x && y ? pickStamped(x, y) : ((x ?? y) as StampedValue);
  }
  return fields;
}

/** Field by field, the latest edit of each field wins. */
export function mergeContact(a: ContactDoc, b: ContactDoc): ContactDoc {
  return { _id: a._id, kind: 'contact', fields: mergeFields(a.fields, b.fields) };
}

/**
 * A shared playbook or template: field by field, the latest edit wins (a name changed on one
 * laptop and the steps on another both stay); `deleted` is a field like the others, so a
 * tombstone stays until someone shares the item again, later than the deletion.
 */
export function mergeLibraryDoc(a: LibraryDoc, b: LibraryDoc): LibraryDoc {
  return { _id: a._id, kind: a.kind, fields: mergeFields(a.fields, b.fields) };
}

/**
 * How strongly a state holds in a merge. An opt-out beats everything; a stop, a finish or a reply
 * beats a plan still running; a booking beats a plain pause or a running plan.
 */
export function stateRank(state: EnrolmentState | undefined, pauseReason?: string): number {
  switch (state) {
    case 'opted-out':
      return 6;
    case 'removed':
      return 5;
    case 'completed':
      return 4;
    case 'paused':
      return pauseReason === 'replied' ? 3 : 1;
    case 'booked':
      return 2;
    default:
      return 0;
  }
}

function enrolmentOrder(d: EnrolmentDoc): [number, number, string] {
  const r = d.row;
  return [
    stateRank(r.state as EnrolmentState, r.pauseReason as string | undefined),
    typeof r.stateChangedAt === 'number' ? r.stateChangedAt : 0,
    d.t,
  ];
}

function cmpEnrolment(a: EnrolmentDoc, b: EnrolmentDoc): number {
  const x = enrolmentOrder(a);
  const y = enrolmentOrder(b);
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) return (x[i] as number | string) > (y[i] as number | string) ? 1 : -1;
  }
  return cmpCanonical(a.row, b.row);
}

/** Of two records of the same step: sent beats skipped, then the earlier, then content. */
function pickDone(a: DoneTouch, b: DoneTouch): DoneTouch {
  if (!!a.skipped !== !!b.skipped) return a.skipped ? b : a;
  if (a.at !== b.at) return a.at < b.at ? a : b;
  return cmpCanonical(a, b) <= 0 ? a : b;
}

function unionDone(a: DoneTouch[] = [], b: DoneTouch[] = []): DoneTouch[] {
  const byStep = new Map<number, DoneTouch>();
  for (const d of [...a, ...b]) {
    const cur = byStep.get(d.step);
    byStep.set(d.step, cur ? pickDone(cur, d) : d);
  }
  return [...byStep.values()].sort((x, y) => x.step - y.step);
}

/** Of two records of the same extra touch: the finished one, then content. */
function pickExtra(a: ExtraTouch, b: ExtraTouch): ExtraTouch {
  if ((a.doneAt === undefined) !== (b.doneAt === undefined)) return a.doneAt === undefined ? b : a;
  return cmpCanonical(a, b) <= 0 ? a : b;
}

function unionBy<T>(a: T[] = [], b: T[] = [], key: (x: T) => string, pick: (x: T, y: T) => T): T[] {
  const m = new Map<string, T>();
  for (const x of [...a, ...b]) {
    const k = key(x);
    const cur = m.get(k);
    m.set(k, cur ? pick(cur, x) : x);
  }
  return [...m.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, v]) => v);
}

/** Sorts the follow-up to keep first: a done one, then the latest due, then content. */
function cmpFollowUp(a: { doneAt?: number; dueAt: number }, b: { doneAt?: number; dueAt: number }): number {
  if ((a.doneAt === undefined) !== (b.doneAt === undefined)) return a.doneAt === undefined ? 1 : -1;
  if (a.dueAt !== b.dueAt) return b.dueAt - a.dueAt;
  return -cmpCanonical(a, b);
}

function maxOpt(a: unknown, b: unknown): number | undefined {
  const xs = [a, b].filter((x): x is number => typeof x === 'number');
  return xs.length ? Math.max(...xs) : undefined;
}

/**
 * The stronger version's state and plan, with everything either side did united: done steps,
 * extra sends, rule touches, the latest reply and touch. A done touch is never undone.
 */
export function mergeEnrolment(a: EnrolmentDoc, b: EnrolmentDoc): EnrolmentDoc {
  const [win, lose] = cmpEnrolment(a, b) >= 0 ? [a, b] : [b, a];
  const row: Record<string, unknown> = { ...win.row };
  const done = unionDone(win.row.done as DoneTouch[], lose.row.done as DoneTouch[]);
  row.done = done;
  const extraTouches = unionBy(
    win.row.extraTouches as { at: number; channel: string; purpose: string }[] | undefined,
    lose.row.extraTouches as { at: number; channel: string; purpose: string }[] | undefined,
    (x) => `${String(x.at).padStart(15, '0')}|${x.channel}|${x.purpose}`,
    (x) => x,
  );
  if (extraTouches.length) row.extraTouches = extraTouches;
  else delete row.extraTouches;
  const extras = unionBy(
    win.row.extras as ExtraTouch[] | undefined,
    lose.row.extras as ExtraTouch[] | undefined,
    (x) => String(x.key).padStart(10, '0'),
    pickExtra,
  );
  if (extras.length) row.extras = extras;
  else delete row.extras;
  for (const k of ['lastReplyAt', 'lastTouchAt'] as const) {
    const m = maxOpt(win.row[k], lose.row[k]);
    if (m === undefined) delete row[k];
    else row[k] = m;
  }
  // One follow-up survives, by its own order (done first, then the later one), so the choice
  // does not depend on which versions met first.
  const followUp = [win.row.followUp, lose.row.followUp]
    .filter((f): f is { doneAt?: number; dueAt: number } => !!f && typeof f === 'object')
    .sort(cmpFollowUp)[0];
  if (followUp) row.followUp = followUp;
  else delete row.followUp;
  return { _id: win._id, kind: 'enrolment', contact: win.contact, t: win.t, row };
}

/** The same activity twice is the same activity; an undone one stays undone. */
export function mergeActivity(a: ActivityDoc, b: ActivityDoc): ActivityDoc {
  if (!!a.deleted !== !!b.deleted) return body(a.deleted ? a : b);
  return body(cmpCanonical(body(a), body(b)) >= 0 ? a : b);
}

/**
 * The latest opt-out and the latest withdrawal both survive, the channels asked for are united:
 * the person stays suppressed unless a withdrawal came after every opt-out.
 */
export function mergeSuppression(a: SuppressionDoc, b: SuppressionDoc): SuppressionDoc {
  const [win, lose] = a.t > b.t || (a.t === b.t && cmpCanonical(body(a), body(b)) >= 0) ? [a, b] : [b, a];
  const at = Math.max(win.at, lose.at);
  const withdrawnAt = maxOpt(win.withdrawnAt, lose.withdrawnAt);
  const channels = [
    ...new Set([
      ...((win.row.channels as string[] | undefined) ?? []),
      ...((lose.row.channels as string[] | undefined) ?? []),
    ]),
  ].sort();
  const row = { ...win.row, channels, at };
  const out: SuppressionDoc = { _id: win._id, kind: 'suppression', t: win.t, row, at };
  if (withdrawnAt !== undefined) out.withdrawnAt = withdrawnAt;
  return out;
}

/** Whether a suppression document still stops every touch to the person. */
export function isSuppressed(d: SuppressionDoc): boolean {
  return d.withdrawnAt === undefined || d.withdrawnAt < d.at;
}

/** Team-wide settings: the latest edit wins whole (same stamp: by content, the same everywhere). */
export function mergeAssign(a: AssignDoc, b: AssignDoc): AssignDoc {
  if (a.t !== b.t) return body(a.t > b.t ? a : b);
  return body(cmpCanonical(a.body, b.body) >= 0 ? a : b);
}

/** Merges two versions of one document by its kind's rule. */
export function mergeDocs(a: SyncDoc, b: SyncDoc): SyncDoc {
  if (a.kind !== b.kind || a._id !== b._id)
    throw new Error(`Cannot merge ${a._id} (${a.kind}) with ${b._id} (${b.kind})`);
  switch (a.kind) {
    case 'contact':
      return mergeContact(a, b as ContactDoc);
    case 'enrolment':
      return mergeEnrolment(a, b as EnrolmentDoc);
    case 'activity':
      return mergeActivity(a, b as ActivityDoc);
    case 'suppression':
      return mergeSuppression(a, b as SuppressionDoc);
    case 'assign':
      return mergeAssign(a, b as AssignDoc);
    case 'playbook':
    case 'template':
      return mergeLibraryDoc(a, b as LibraryDoc);
  }
}

/** All the versions of a document (CouchDB's winner and its conflicting revisions) merged into one. */
export function resolveVersions(versions: readonly SyncDoc[]): SyncDoc {
  const [first, ...rest] = versions;
  if (!first) throw new Error('resolveVersions needs at least one version');
  return rest.reduce<SyncDoc>((acc, v) => mergeDocs(acc, v), body(first));
}
