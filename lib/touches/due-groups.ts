/**
 * Splits planned touches into what a rep must look at: Overdue (past the deadline), Due today
 * (due now or later today in the rep's zone) and Coming up (the next days), most urgent first.
 */
import { DAY_MS, nextLocalMidnight } from '@/lib/cadence/zoned';

/** The timing fields grouping needs. */
export interface DueTimes {
  dueAt: number;
  deadlineAt: number;
  /** Set on speed-to-lead touches: their deadline is a running clock. */
  withinMinutes?: number;
}

export type DueGroupId = 'overdue' | 'today' | 'upcoming';

export interface DueGroups<T> {
  overdue: T[];
  today: T[];
  upcoming: T[];
}

/** How far "Coming up" looks ahead. */
export const UPCOMING_DAYS = 7;

/** The group of one touch, or null when it is further out than the horizon. */
export function dueGroupOf(t: DueTimes, now: number, endOfToday: number, horizon: number): DueGroupId | null {
  if (t.deadlineAt <= now) return 'overdue';
  if (t.dueAt < endOfToday) return 'today';
  if (t.dueAt < horizon) return 'upcoming';
  return null;
}

/**
 * Urgency order inside a group: what is already due comes first, ordered by the deadline that
 * runs out soonest (a 5-minute speed-to-lead call beats a same-day email); then the rest by due
 * time. Ties fall back to the due time so the order is stable.
 */
export function byUrgency<T extends DueTimes>(
  now: number,
  scoreOf?: (t: T) => number,
): (a: T, b: T) => number {
  return (a, b) => {
    const aDue = a.dueAt <= now;
    const bDue = b.dueAt <= now;
    if (aDue !== bDue) return aDue ? -1 : 1;
    if (aDue && scoreOf) {
      // Urgency first (a speed-to-lead clock running), then the best lead (issue #13).
      const aRun = a.withinMinutes !== undefined;
      const bRun = b.withinMinutes !== undefined;
      if (aRun !== bRun) return aRun ? -1 : 1;
      if (!aRun) return scoreOf(b) - scoreOf(a) || a.deadlineAt - b.deadlineAt || a.dueAt - b.dueAt;
    }
    if (aDue) return a.deadlineAt - b.deadlineAt || a.dueAt - b.dueAt;
    return a.dueAt - b.dueAt || a.deadlineAt - b.deadlineAt;
  };
}

/** Overdue: the one late the longest first. */
function byLateness<T extends DueTimes>(a: T, b: T): number {
  return a.dueAt - b.dueAt || a.deadlineAt - b.deadlineAt;
}

const GROUP_RANK: Record<DueGroupId, number> = { overdue: 0, today: 1, upcoming: 2 };

/**
 * THE order of due work, for every list that shows it (the popup's groups, the dashboard's
 * contacts): overdue first (late the longest first), then due today, then coming up, then
 * anything further out; inside a group, {@link byUrgency} (speed-to-lead clocks running, then
 * the best lead by `scoreOf`).
 */
export function urgencyOrder<T extends DueTimes>(
  now: number,
  timeZone: string,
  scoreOf?: (t: T) => number,
  days = UPCOMING_DAYS,
): (a: T, b: T) => number {
  const endOfToday = nextLocalMidnight(timeZone, now);
  const horizon = now + days * DAY_MS;
  const rank = (t: T) => {
    const g = dueGroupOf(t, now, endOfToday, horizon);
    return g ? GROUP_RANK[g] : 3;
  };
  const inGroup = byUrgency(now, scoreOf);
  return (a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    return ra === 0 ? byLateness(a, b) : inGroup(a, b);
  };
}

/** Groups and sorts (in {@link urgencyOrder}); touches beyond `days` from now are left out. */
export function groupDue<T extends DueTimes>(
  touches: readonly T[],
  now: number,
  timeZone: string,
  days = UPCOMING_DAYS,
  scoreOf?: (t: T) => number,
): DueGroups<T> {
  const endOfToday = nextLocalMidnight(timeZone, now);
  const horizon = now + days * DAY_MS;
  const groups: DueGroups<T> = { overdue: [], today: [], upcoming: [] };
  for (const t of touches) {
    const g = dueGroupOf(t, now, endOfToday, horizon);
    if (g) groups[g].push(t);
  }
  const order = urgencyOrder(now, timeZone, scoreOf, days);
  groups.overdue.sort(order);
  groups.today.sort(order);
  groups.upcoming.sort(order);
  return groups;
}

/**
 * The engine takes an enrolment's steps in order, so only its lowest planned step can be done,
 * skipped or snoozed. Maps each later planned step to the step it waits for. Follow-ups (step 0)
 * stand alone.
 */
export function waitingOn<T extends { id: number; enrolmentId: number; step: number }>(
  touches: readonly T[],
): Map<number, T> {
  const first = new Map<number, T>();
  for (const t of touches) {
    if (t.step === 0) continue;
    const cur = first.get(t.enrolmentId);
    if (!cur || t.step < cur.step) first.set(t.enrolmentId, t);
  }
  const blocked = new Map<number, T>();
  for (const t of touches) {
    const head = t.step === 0 ? undefined : first.get(t.enrolmentId);
    if (head && head.id !== t.id) blocked.set(t.id, head);
  }
  return blocked;
}
