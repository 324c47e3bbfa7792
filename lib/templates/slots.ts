/**
 * `{{meetingSlots}}`: two concrete meeting times taken from the rep's working window (in the
 * rep's zone) and written in the contact's zone and language, e.g. "Wednesday at 10 AM or Friday at 2 PM".
 */
import { TZDate } from '@date-fns/tz';
import type { ContactWindow } from '@/lib/cadence';
import { isValidTimeZone } from '@/lib/cadence/zoned';
import { DEFAULT_LANGUAGE, type Language } from './language';
import { OR_WORD, slotWords } from './words';

/** A slot is never offered sooner than this after `now`. */
export const MIN_LEAD_HOURS = 4;
/** How far ahead we look for slots. */
export const SEARCH_DAYS = 21;
/** Slots start on these minute boundaries of the rep's clock. */
const STEP_MINUTES = 15;
/** Assumed meeting length: a slot should end inside the window. */
const MEETING_MINUTES = 30;
/** Contact-local hours we are happy to propose: [08:00, 18:00). */
const COMFORT_START = 8 * 60;
const COMFORT_END = 18 * 60;
const DAY_MS = 86_400_000;

/** One answer everywhere to "is this a zone": the engine's (offsets like "+05:30" are not). */
export { isValidTimeZone };

/** 'HH:MM' to minutes after midnight; '24:00' is allowed as an end. */
export function parseClock(s: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

/** Local calendar date of a zoned date as a day count, for comparing and subtracting days. */
export function localDayNumber(d: Date): number {
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
}

/** Inputs for `findMeetingSlots`. */
export interface MeetingSlotInput {
  now: Date;
  /** Zone the window is expressed in. */
  repTimeZone: string;
  /** Zone the contact reads times in. */
  timeZone: string;
  /** The rep's working days (0=Sun) and hours. */
  window: ContactWindow;
}

type Part = 'morning' | 'afternoon' | 'off';

interface Candidate {
  ms: number;
  repDay: number;
  contactDay: number;
  part: Part;
  cost: number;
}

function scoreCandidate(contactMinutes: number, daysAhead: number, endsLate: boolean) {
  let part: Part;
  let cost = daysAhead;
  if (contactMinutes >= COMFORT_START && contactMinutes < 12 * 60) part = 'morning';
  else if (contactMinutes >= 12 * 60 && contactMinutes < COMFORT_END) part = 'afternoon';
  else part = 'off';
  if (part === 'off') {
    // Outside the contact's day: allowed when nothing better exists, but heavily discouraged.
    const gap =
      contactMinutes < COMFORT_START ? COMFORT_START - contactMinutes : contactMinutes - COMFORT_END + 1;
    cost += 20 + gap / 60;
  } else {
    const target = part === 'morning' ? 10 * 60 : 14 * 60;
    cost += (Math.abs(contactMinutes - target) / 60) * 0.5;
  }
  const minute = contactMinutes % 60;
  cost += minute === 0 ? 0 : minute === 30 ? 0.25 : 0.5;
  if (endsLate) cost += 2;
  return { part, cost };
}

/**
 * Two meeting times, in chronological order, or undefined when none can be found (bad zone,
 * bad window, or fewer than two usable days ahead).
 *
 * Hard rules: inside the rep's window days and hours (rep's zone), at least `MIN_LEAD_HOURS`
 * after `now` and not on the contact's current day, on two different days for both rep and
 * contact. Preferences: one morning and one afternoon in the contact's day, near 10:00 and
 * 14:00, on round hours, soon but not back to back.
 */
export function findMeetingSlots(input: MeetingSlotInput): [Date, Date] | undefined {
  const { now, repTimeZone, timeZone, window } = input;
  const nowMs = now instanceof Date ? now.getTime() : Number.NaN;
  if (!Number.isFinite(nowMs) || !isValidTimeZone(repTimeZone) || !isValidTimeZone(timeZone)) return;
  const start = parseClock(window?.start ?? '');
  const end = parseClock(window?.end ?? '');
  if (start === undefined || end === undefined || end <= start) return;
  const days = new Set((window.days ?? []).filter((d) => Number.isInteger(d) && d >= 0 && d <= 6));
  if (days.size === 0) return;

  const earliest = nowMs + MIN_LEAD_HOURS * 3_600_000;
  const repNow = new TZDate(nowMs, repTimeZone);
  const contactToday = localDayNumber(new TZDate(nowMs, timeZone));
  const baseUtc = Date.UTC(repNow.getFullYear(), repNow.getMonth(), repNow.getDate());

  // Best candidate per (contact day, part): pairs are then chosen among these few.
  const buckets = new Map<string, Candidate>();
  for (let offset = 0; offset < SEARCH_DAYS; offset++) {
    const cal = new Date(baseUtc + offset * DAY_MS);
    if (!days.has(cal.getUTCDay())) continue;
    const y = cal.getUTCFullYear();
    const mo = cal.getUTCMonth();
    const da = cal.getUTCDate();
    const repDay = Math.round(cal.getTime() / DAY_MS);
    for (let t = Math.ceil(start / STEP_MINUTES) * STEP_MINUTES; t < end; t += STEP_MINUTES) {
      const h = Math.floor(t / 60);
      const mi = t % 60;
      const d = new TZDate(y, mo, da, h, mi, repTimeZone);
      // A wall time skipped by a DST change does not exist in the window: skip it.
      if (d.getDate() !== da || d.getHours() !== h || d.getMinutes() !== mi) continue;
      const ms = d.getTime();
      if (ms < earliest) continue;
      const c = new TZDate(ms, timeZone);
      const contactDay = localDayNumber(c);
      if (contactDay <= contactToday) continue;
      const { part, cost } = scoreCandidate(
        c.getHours() * 60 + c.getMinutes(),
        contactDay - contactToday,
        t + MEETING_MINUTES > end,
      );
      const key = `${contactDay}|${part}`;
      const prev = buckets.get(key);
      if (!prev || cost < prev.cost) buckets.set(key, { ms, repDay, contactDay, part, cost });
    }
  }

  const list = [...buckets.values()].sort((a, b) => a.ms - b.ms);
  let best: { a: Candidate; b: Candidate; cost: number } | undefined;
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (a.contactDay === b.contactDay || a.repDay === b.repDay) continue;
      const mixed =
        (a.part === 'morning' && b.part === 'afternoon') || (a.part === 'afternoon' && b.part === 'morning');
      const cost =
        a.cost + b.cost + (mixed ? 0 : 8) + (Math.abs(a.contactDay - b.contactDay) === 1 ? 1.5 : 0);
      if (!best || cost < best.cost) best = { a, b, cost };
    }
  }
  if (!best) return;
  return [new Date(best.a.ms), new Date(best.b.ms)];
}

/**
 * "Wednesday at 10 AM or Friday at 2:30 PM" in the contact's zone and language ("el miércoles a
 * las 10:00 o el viernes a las 14:30"). Weekday names alone are used only while every slot is
 * within six days; otherwise the date is added so no name is ambiguous.
 */
export function formatMeetingSlots(
  slots: readonly Date[],
  now: Date,
  timeZone: string,
  language: Language = DEFAULT_LANGUAGE,
): string {
  const today = localDayNumber(new TZDate(now.getTime(), timeZone));
  const withDates = slots.some((s) => localDayNumber(new TZDate(s.getTime(), timeZone)) - today > 6);
  return slots
    .map((s) => slotWords(language, s.getTime(), timeZone, withDates))
    .join(` ${OR_WORD[language]} `);
}
