import { msg } from '@/lib/i18n/msg';
import { CadenceError } from './errors';
import {
  CHANNELS,
  type CadenceStep,
  type ContactWindow,
  DEFAULT_WINDOW,
  type PlanInput,
  type PlannedTouch,
  PURPOSES,
} from './types';
import {
  assertTimeZone,
  addLocalDays,
  DAY_MS,
  fromLocal,
  HOUR_MS,
  localDay,
  MINUTE_MS,
  nextLocalMidnight,
  toLocal,
  weekdayOf,
} from './zoned';

const HH_MM = /^(\d{2}):(\d{2})$/;
const EMAIL_GAP_MS = 48 * HOUR_MS;
/** Day parts for "vary call times", in minutes since local midnight. */
const NOON = 12 * 60;
const EVENING = 17 * 60;

/**
 * Minutes since midnight of an 'HH:MM' string. `24:00` is accepted only where `allowMidnight`
 * (a window end meaning "until midnight").
 * @throws CadenceError for a malformed time.
 */
export function parseHhMm(value: string, allowMidnight = false): number {
  const m = typeof value === 'string' ? HH_MM.exec(value) : null;
  const h = m ? Number(m[1]) : Number.NaN;
  const min = m ? Number(m[2]) : Number.NaN;
  const ok = m !== null && min < 60 && (h < 24 || (allowMidnight && h === 24 && min === 0));
  if (!ok) {
    throw new CadenceError('bad-time', msg('err_time_malformed', { value: String(value) }));
  }
  return h * 60 + min;
}

/** A window reduced to numbers, validated once per plan. */
interface Window {
  days: boolean[];
  startMin: number;
  endMin: number;
  /** Window inside one day part: "vary call times" is waived. */
  onePart: boolean;
}

function dayPart(minutes: number): number {
  return minutes < NOON ? 0 : minutes < EVENING ? 1 : 2;
}

/**
 * Validates a contact window.
 * @throws CadenceError when it has no (valid) days, a malformed time, or an end not after its start.
 */
export function assertWindow(window: ContactWindow): void {
  compileWindow(window);
}

function compileWindow(window: ContactWindow): Window {
  if (!window || !Array.isArray(window.days) || window.days.length === 0) {
    throw new CadenceError('bad-window', msg('err_window_no_days'));
  }
  const days = new Array<boolean>(7).fill(false);
  for (const d of window.days) {
    if (!Number.isInteger(d) || d < 0 || d > 6) {
      throw new CadenceError('bad-window', msg('err_window_bad_day', { day: String(d) }));
    }
    days[d] = true;
  }
  const startMin = parseHhMm(window.start);
  const endMin = parseHhMm(window.end, true);
  if (endMin <= startMin) {
    throw new CadenceError(
      'bad-window',
      msg('err_window_end_before_start', { end: window.end, start: window.start }),
    );
  }
  return { days, startMin, endMin, onePart: dayPart(startMin) === dayPart(endMin - 1) };
}

function assertStep(step: CadenceStep, index: number): void {
  const n = index + 1;
  if (!step || !CHANNELS.includes(step.channel)) {
    throw new CadenceError(
      'bad-step',
      msg('err_step_unknown_channel', { step: n, value: String(step?.channel) }),
    );
  }
  if (!PURPOSES.includes(step.purpose)) {
    throw new CadenceError(
      'bad-step',
      msg('err_step_unknown_purpose', { step: n, value: String(step.purpose) }),
    );
  }
  if (!Number.isInteger(step.day) || step.day < 0) {
    throw new CadenceError('bad-step', msg('err_step_bad_day', { step: n, value: String(step.day) }));
  }
  if (step.withinMinutes !== undefined && !(Number.isFinite(step.withinMinutes) && step.withinMinutes > 0)) {
    throw new CadenceError(
      'bad-step',
      msg('err_step_bad_within', { step: n, value: String(step.withinMinutes) }),
    );
  }
}

function assertDate(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new CadenceError('bad-date', msg('err_bad_date', { what }));
  return t;
}

/**
 * Plans every step of an enrolment per the scheduling contract (docs: spec/cadence.md).
 *
 * Returns one touch per step, in order. Completed steps (a prefix, given in `completed`) carry
 * `completedAt`; their `dueAt` is what the plan was given the steps before them.
 * @throws CadenceError for an unknown time zone, a bad window or time, a bad step or date.
 */
export function planTouches(input: PlanInput): PlannedTouch[] {
  const { steps, timeZone } = input;
  assertTimeZone(timeZone);
  const win = compileWindow(input.window ?? DEFAULT_WINDOW);
  const enrolledAt = assertDate(input.enrolledAt, 'enrolledAt');
  const completed = input.completed ?? [];
  if (completed.length > steps.length) {
    throw new CadenceError(
      'bad-completed',
      msg('err_completed_exceeds', { done: completed.length, total: steps.length }),
    );
  }
  const notBefore = input.notBefore ? assertDate(input.notBefore, 'notBefore') : Number.NEGATIVE_INFINITY;
  steps.forEach(assertStep);

  const startMs = win.startMin * MINUTE_MS;
  const endMs = win.endMin * MINUTE_MS;
  const atStart = (day: number, notBeforeUtc: number) =>
    fromLocal(timeZone, day * DAY_MS + startMs, notBeforeUtc);

  // Earlier touches, each at its actual time, reduced to what the rules ask of them.
  const smsDays = new Set<number>();
  let latestEmail = Number.NEGATIVE_INFINITY;
  let latestCall: number | undefined;
  let prevActual: number | undefined;
  let prevDay = 0;
  for (const o of input.earlier ?? []) {
    const t = assertDate(o.at, 'An earlier touch');
    if (o.channel === 'sms') smsDays.add(localDay(toLocal(timeZone, t)));
    else if (o.channel === 'email') latestEmail = Math.max(latestEmail, t);
    else if (o.channel === 'call') latestCall = latestCall === undefined ? t : Math.max(latestCall, t);
  }

  const out: PlannedTouch[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const done = completed[i];
    let c: number;
    if (prevActual === undefined) {
      c = addLocalDays(timeZone, enrolledAt, step.day);
    } else {
      c = Math.max(addLocalDays(timeZone, prevActual, step.day - prevDay), prevActual);
    }
    if (i === completed.length) c = Math.max(c, notBefore);

    const interruptive = step.channel === 'sms' || step.channel === 'call' || step.channel === 'voicemail';
    const varyCalls = step.channel === 'call' && !win.onePart && latestCall !== undefined;
    const lastCallPart = varyCalls ? dayPart(localMinutes(toLocal(timeZone, latestCall!))) : -1;

    for (let moved = true; moved; ) {
      moved = false;
      if (interruptive) {
        const local = toLocal(timeZone, c);
        const day = localDay(local);
        const tod = local - day * DAY_MS;
        let next = c;
        if (!win.days[weekdayOf(day)] || tod >= endMs) {
          let k = 1;
          while (!win.days[weekdayOf(day + k)]) k++;
          next = atStart(day + k, c);
        } else if (tod < startMs) {
          next = atStart(day, c);
        }
        if (next > c) {
          c = next;
          moved = true;
        }
      }
      if (step.channel === 'sms') {
        const day = localDay(toLocal(timeZone, c));
        if (smsDays.has(day)) {
          c = Math.max(c, atStart(day + 1, c));
          moved = true;
        }
      }
      if (step.channel === 'email' && c < latestEmail + EMAIL_GAP_MS) {
        c = latestEmail + EMAIL_GAP_MS;
        moved = true;
      }
      if (varyCalls) {
        const local = toLocal(timeZone, c);
        const day = localDay(local);
        const part = dayPart(localMinutes(local));
        if (part === lastCallPart) {
          const next =
            part === 0
              ? fromLocal(timeZone, day * DAY_MS + NOON * MINUTE_MS, c)
              : part === 1
                ? fromLocal(timeZone, day * DAY_MS + EVENING * MINUTE_MS, c)
                : atStart(day + 1, c);
          if (next > c) {
            c = next;
            moved = true;
          }
        }
      }
    }

    const deadline =
      step.withinMinutes !== undefined ? c + step.withinMinutes * MINUTE_MS : nextLocalMidnight(timeZone, c);
    const touch: PlannedTouch = {
      step: i + 1,
      channel: step.channel,
      purpose: step.purpose,
      dueAt: new Date(c),
      deadlineAt: new Date(deadline),
    };
    if (step.withinMinutes !== undefined) touch.withinMinutes = step.withinMinutes;
    if (step.requiresTwoUnanswered) touch.requiresTwoUnanswered = true;
    if (step.note !== undefined) touch.note = step.note;

    let actual = c;
    if (done) {
      actual = assertDate(done.at, `Completion time of step ${i + 1}`);
      touch.completedAt = new Date(actual);
      if (done.skipped) touch.skipped = true;
    }
    out.push(touch);

    // A skipped touch never reached the contact, so it does not count against the channel rules.
    if (!done?.skipped) {
      const channel = done ? done.channel : step.channel;
      if (channel === 'sms') smsDays.add(localDay(toLocal(timeZone, actual)));
      else if (channel === 'email') latestEmail = Math.max(latestEmail, actual);
      else if (channel === 'call')
        latestCall = latestCall === undefined ? actual : Math.max(latestCall, actual);
    }
    prevActual = actual;
    prevDay = step.day;
  }
  return out;
}

function localMinutes(local: number): number {
  return Math.floor((local - localDay(local) * DAY_MS) / MINUTE_MS);
}

/** A touch is overdue when `now` is past its deadline and it has not been completed. */
export function isOverdue(
  touch: Pick<PlannedTouch, 'deadlineAt'> & { completedAt?: Date; done?: boolean },
  now: Date,
): boolean {
  if (touch.completedAt || touch.done) return false;
  return now.getTime() > touch.deadlineAt.getTime();
}
