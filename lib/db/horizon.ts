/**
 * Which planned touches are stored as rows. The engine plans an enrolment in microseconds, so a
 * row is kept only where an index has to find it: each enrolment's next step (the step a rep acts
 * on) with everything due no later than it, every touch due within the next hour (speed-to-lead
 * notifications), and every follow-up and rule-added touch (step 0, few). The rest are computed
 * from the enrolment whenever something reads them: the badge, the popup's due list and its
 * counts (`laterTouches`, found through the enrolment's indexed `laterDueAt`), the sidebar and
 * drawer timelines (`withLaterTouches`), the contacts table's "next touch" (`withComputedNext`).
 * The minute alarm writes them as rows when they come within the hour (`storeLaterTouches` in
 * repo.ts), and acting on a computed one writes it first (`materialiseTouch`).
 *
 * Bulk writes (an import's enrolments, a bulk resume) store no step at all (`defer`): the next
 * step is computed too, from `laterDueAt`, until the next alarm tick stores the hour ahead, so
 * the rep does not wait for 20,000 touch rows of 10,000 new enrolments.
 */
import { HOUR_MS } from '@/lib/cadence/zoned';
import { type PlannedTouch, pendingTouches } from '@/lib/cadence';
import type { EnrolmentRow, TouchRow } from './schema';
import { computedTouchId } from './touch-id';

export { computedTouchId, isTouchId, parseComputedTouchId } from './touch-id';

/**
 * How far ahead planned touches are rows. Every reader adds the computed ones, so this is not a
 * correctness bound (a laptop that slept through the alarm still sees every touch); it only
 * keeps what falls due in the coming minutes a row before it is due, for the speed-to-lead
 * notification's index read. Short, so an import or a resume writes about one or two touch rows
 * per enrolment instead of a week of them (schema v12).
 */
export const STORE_AHEAD_MS = HOUR_MS;

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
 * no later than the next step is stored too, so after a single change the earliest planned touch
 * is a row. `defer` (the bulk writes: an import's enrolments, a bulk resume) stores none of the
 * steps: every step is computed from `laterDueAt` until the minute alarm stores the hour ahead
 * (`storeLaterTouches`) or an action writes its touch (`materialiseTouch`), so 10,000 enrolments
 * write no touch row in the rep's wait. Step-0 touches (rule-added, few) are always rows.
 */
export function splitPlanned(
  e: EnrolmentRow,
  now: number,
  through = Number.NEGATIVE_INFINITY,
  defer = false,
): { stored: Omit<TouchRow, 'id'>[]; laterDueAt: number | undefined; laterNext?: EnrolmentRow['laterNext'] } {
  const pending = pendingTouches(e);
  let nextStep: PlannedTouch | undefined;
  for (const p of pending) if (p.step > 0 && (!nextStep || p.step < nextStep.step)) nextStep = p;
  // The stored touches are always those due before one cut (plus step 0), so the computed ones
  // are exactly those due at or after `laterDueAt`.
  const cut = defer
    ? through + 1
    : Math.max(now + STORE_AHEAD_MS, nextStep ? nextStep.dueAt.getTime() + 1 : 0, through + 1);
  const stored: Omit<TouchRow, 'id'>[] = [];
  // The first computed touch as `laterTouches` orders them: earliest due, then lowest step. Its
  // due time is `laterDueAt`.
  let first: PlannedTouch | undefined;
  for (const p of pending) {
    const due = p.dueAt.getTime();
    if (p.step === 0 || due < cut) stored.push(touchRowOf(e, p));
    else if (!first || due < first.dueAt.getTime() || (due === first.dueAt.getTime() && p.step < first.step))
      first = p;
  }
  if (!first) return { stored, laterDueAt: undefined };
  const laterDueAt = first.dueAt.getTime();
  const laterNext: NonNullable<EnrolmentRow['laterNext']> = {
    step: first.step,
    deadlineAt: first.deadlineAt.getTime(),
  };
  if (first.withinMinutes !== undefined) laterNext.withinMinutes = first.withinMinutes;
  return { stored, laterDueAt, laterNext };
}

/**
 * The planned touch rows the engine wants stored for `e` at `now`; sets (or clears) the row's
 * `laterDueAt` to match, so write the enrolment after calling this.
 */
export function storedTouchRows(
  e: EnrolmentRow,
  now: number,
  through?: number,
  defer = false,
): Omit<TouchRow, 'id'>[] {
  const { stored, laterDueAt, laterNext } = splitPlanned(e, now, through, defer);
  if (laterDueAt === undefined) delete e.laterDueAt;
  else e.laterDueAt = laterDueAt;
  if (laterNext === undefined) delete e.laterNext;
  else e.laterNext = laterNext;
  return stored;
}

/**
 * The planned touches of `e` that are not rows (due at or after its `laterDueAt`), as rows with
 * computed ids, in due order: what the badge, the due list and its counts add to the stored ones.
 */
export function laterTouches(e: EnrolmentRow): TouchRow[] {
  const from = e.laterDueAt;
  if (from === undefined) return [];
  let pending: PlannedTouch[];
  try {
    pending = pendingTouches(e);
  } catch {
    // An enrolment the engine cannot plan (a hand-edited backup) shows its stored rows only.
    return [];
  }
  const out: TouchRow[] = [];
  for (const p of pending) {
    if (p.step === 0 || p.dueAt.getTime() < from) continue;
    out.push({ ...touchRowOf(e, p), id: computedTouchId(e.id, p.step) } as TouchRow);
  }
  return out.sort((a, b) => a.dueAt - b.dueAt || a.step - b.step);
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
      out.push({ ...touchRowOf(e, p), id: computedTouchId(e.id, p.step) } as TouchRow);
    }
  }
  return out;
}

/**
 * The earliest planned touch among `stored` (a stored planned row, if any) and the computed ones
 * of `enrolments`: a contact's next touch once a bulk write left its steps to compute. Only an
 * enrolment whose `laterDueAt` comes before the stored row is planned (the engine runs for none
 * while every next step is a row); a stored row wins a tie, as the due index orders them.
 */
export function earliestTouch(
  stored: TouchRow | undefined,
  enrolments: readonly EnrolmentRow[],
): TouchRow | undefined {
  let best = stored;
  for (const e of enrolments) {
    if (e.laterDueAt === undefined || (best && e.laterDueAt >= best.dueAt)) continue;
    const first = laterTouches(e)[0];
    if (first && (!best || first.dueAt < best.dueAt)) best = first;
  }
  return best;
}

/** What the contacts table needs of a contact's next touch. */
export type NextTouch = Pick<
  TouchRow,
  'contactId' | 'enrolmentId' | 'dueAt' | 'deadlineAt' | 'withinMinutes'
>;

/**
 * `planned` (stored planned rows) plus, for each of `enrolments` whose first computed touch comes
 * before its contact's earliest stored one, that computed touch: enough for a "next touch" per
 * contact (the contacts table) after a bulk write left the steps to compute. Taken from the
 * row's `laterNext` (planning 10,000 enrolments takes the page 0.5 to 4 s on this machine);
 * planned only for rows written before it.
 */
export function withComputedNext(
  planned: readonly NextTouch[],
  enrolments: readonly EnrolmentRow[],
): NextTouch[] {
  const earliest = new Map<number, number>();
  for (const t of planned) {
    const cur = earliest.get(t.contactId);
    if (cur === undefined || t.dueAt < cur) earliest.set(t.contactId, t.dueAt);
  }
  const out = [...planned];
  for (const e of enrolments) {
    if (e.laterDueAt === undefined || e.laterDueAt >= (earliest.get(e.contactId) ?? Infinity)) continue;
    if (e.laterNext) {
      const next: NextTouch = {
        contactId: e.contactId,
        enrolmentId: e.id,
        dueAt: e.laterDueAt,
        deadlineAt: e.laterNext.deadlineAt,
      };
      if (e.laterNext.withinMinutes !== undefined) next.withinMinutes = e.laterNext.withinMinutes;
      out.push(next);
      continue;
    }
    const first = laterTouches(e)[0];
    if (first) out.push(first);
  }
  return out;
}
