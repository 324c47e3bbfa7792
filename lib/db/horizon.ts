/**
 * Which planned touches are stored as rows. The engine plans an enrolment in microseconds, so a
 * row is kept only where an index has to find it: every touch due inside the stored horizon (the
 * badge, the popup's 7-day due list, speed-to-lead notifications) and each enrolment's next step
 * (the contacts table's "next touch"), plus every follow-up and rule-added touch (step 0, few).
 * The rest are computed on demand (sidebar and drawer timelines) and written as rows by the
 * minute alarm when they come within the horizon (`storeLaterTouches` in repo.ts), found through
 * the enrolment's indexed `laterDueAt`.
 */
import { DAY_MS } from '@/lib/cadence/zoned';
import { type PlannedTouch, pendingTouches } from '@/lib/cadence';
import type { EnrolmentRow, TouchRow } from './schema';

/**
 * How far ahead planned touches are rows: the popup looks 7 days ahead, and one more day of
 * slack keeps the due list whole when the alarm could not run for a while (a sleeping laptop).
 */
export const STORE_AHEAD_MS = 8 * DAY_MS;

/** The row (without its id) of one planned touch of `e`. */
export function touchRowOf(e: EnrolmentRow, p: PlannedTouch): Omit<TouchRow, 'id'> {
  const row: Omit<TouchRow, 'id'> = {
    enrolmentId: e.id,
    contactId: e.contactId,
    step: p.step,
    totalSteps: e.steps.length,
    channel: p.channel,
    purpose: p.purpose,
    dueAt: p.dueAt.getTime(),
    deadlineAt: p.deadlineAt.getTime(),
    state: 'planned',
  };
  if (p.withinMinutes !== undefined) row.withinMinutes = p.withinMinutes;
  if (p.extraKey !== undefined) row.extraKey = p.extraKey;
  return row;
}

/**
 * Splits the engine's pending touches of `e` at `now` into the stored ones and the due time of
 * the first one left to compute (`laterDueAt`, undefined when every one is stored). Everything due
 * no later than the next step is stored too, so the earliest planned touch is always a row.
 */
export function splitPlanned(
  e: EnrolmentRow,
  now: number,
): { stored: Omit<TouchRow, 'id'>[]; laterDueAt: number | undefined } {
  const pending = pendingTouches(e);
  let nextStep: PlannedTouch | undefined;
  for (const p of pending) if (p.step > 0 && (!nextStep || p.step < nextStep.step)) nextStep = p;
  const cut = Math.max(now + STORE_AHEAD_MS, nextStep ? nextStep.dueAt.getTime() + 1 : 0);
  const stored: Omit<TouchRow, 'id'>[] = [];
  let laterDueAt: number | undefined;
  for (const p of pending) {
    const due = p.dueAt.getTime();
    if (p.step === 0 || due < cut) stored.push(touchRowOf(e, p));
    else if (laterDueAt === undefined || due < laterDueAt) laterDueAt = due;
  }
  return { stored, laterDueAt };
}

/**
 * The planned touch rows the engine wants stored for `e` at `now`; sets (or clears) the row's
 * `laterDueAt` to match, so write the enrolment after calling this.
 */
export function storedTouchRows(e: EnrolmentRow, now: number): Omit<TouchRow, 'id'>[] {
  const { stored, laterDueAt } = splitPlanned(e, now);
  if (laterDueAt === undefined) delete e.laterDueAt;
  else e.laterDueAt = laterDueAt;
  return stored;
}

/** Which planned row a planned touch replaces: steps by number, step-0 touches by extra key. */
export const rowKey = (t: { step: number; extraKey?: number }) =>
  t.step === 0 ? `x${t.extraKey ?? 0}` : String(t.step);

/**
 * A contact's touch rows completed with the planned touches not stored yet (beyond the horizon),
 * computed by the engine from their enrolments: what a timeline shows. Computed rows carry a
 * negative id (no row has one); none of them is ever the next step, the only one a rep acts on.
 */
export function withLaterTouches(
  touches: readonly TouchRow[],
  enrolments: readonly EnrolmentRow[],
): TouchRow[] {
  const out = [...touches];
  for (const e of enrolments) {
    if (e.laterDueAt === undefined) continue;
    const have = new Set(
      touches.filter((t) => t.enrolmentId === e.id && t.state === 'planned').map((t) => rowKey(t)),
    );
    let pending: PlannedTouch[];
    try {
      pending = pendingTouches(e);
    } catch {
      // An enrolment the engine cannot plan (a hand-edited backup) shows its stored rows only.
      continue;
    }
    for (const p of pending) {
      if (p.step === 0 || have.has(rowKey(p))) continue;
      out.push({ ...touchRowOf(e, p), id: -(e.id * 1024 + p.step) } as TouchRow);
    }
  }
  return out;
}
