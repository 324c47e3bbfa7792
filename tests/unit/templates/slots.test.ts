import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactWindow } from '@/lib/cadence';
import {
  MIN_LEAD_HOURS,
  findMeetingSlots,
  formatMeetingSlots,
  getBuiltIn,
  localDayNumber,
  render,
} from '@/lib/templates';
import { NOW, fullContext } from './fixtures';

const WEEKDAYS: ContactWindow = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

function slotsText(opts: {
  now?: Date;
  repTimeZone?: string;
  timeZone?: string;
  window?: ContactWindow;
}): string {
  const now = opts.now ?? NOW;
  const timeZone = opts.timeZone ?? 'America/New_York';
  const slots = findMeetingSlots({
    now,
    repTimeZone: opts.repTimeZone ?? 'America/New_York',
    timeZone,
    window: opts.window ?? WEEKDAYS,
  });
  return slots ? formatMeetingSlots(slots, now, timeZone) : 'none';
}

describe('meetingSlots: golden', () => {
  it('offers a morning and an afternoon on two days, skipping today', () => {
    // Tue 10:00 New York.
    expect(slotsText({})).toBe('Wednesday at 10 AM or Friday at 2 PM');
  });

  it('renders inside a template', () => {
    const r = render(getBuiltIn('meeting-ask.sms.default')!, fullContext());
    expect(r.body).toContain('for 15 minutes, Wednesday at 10 AM or Friday at 2 PM?');
  });

  it('writes the times in the contact’s zone', () => {
    // Rep in New York, contact in Los Angeles: the rep's day ends at 2 PM LA time, so the
    // afternoon slot is the last one that still ends inside the rep's hours.
    expect(slotsText({ timeZone: 'America/Los_Angeles' })).toBe('Wednesday at 10 AM or Friday at 1 PM');
    // Contact in London: the rep's day starts at 2 PM London time, so no morning exists.
    expect(slotsText({ timeZone: 'Europe/London' })).toBe('Wednesday at 2 PM or Friday at 2 PM');
  });

  it('respects the window days, going into next week when needed', () => {
    // Friday afternoon: the next working days are Monday and Wednesday (or Tuesday).
    const fri = new Date('2026-03-06T19:00:00Z');
    expect(slotsText({ now: fri })).toBe('Monday at 10 AM or Wednesday at 2 PM');
    // Only Wednesdays: a week apart, so dates are added.
    expect(slotsText({ window: { days: [3], start: '09:00', end: '17:00' } })).toBe(
      'Wednesday, March 4 at 10 AM or Wednesday, March 11 at 2 PM',
    );
  });

  it('keeps to a narrow window and reports none when the window is empty or broken', () => {
    expect(slotsText({ window: { days: [1, 2, 3, 4, 5], start: '15:00', end: '16:00' } })).toBe(
      'Wednesday at 3 PM or Friday at 3 PM',
    );
    expect(slotsText({ window: { days: [], start: '09:00', end: '17:00' } })).toBe('none');
    expect(slotsText({ window: { days: [1], start: '17:00', end: '09:00' } })).toBe('none');
    expect(slotsText({ window: { days: [1], start: '9am', end: '17:00' } })).toBe('none');
    expect(slotsText({ timeZone: 'Mars/Olympus' })).toBe('none');
  });

  it('uses half-hour times when the zones are offset by 30 or 45 minutes', () => {
    const text = slotsText({ timeZone: 'Asia/Kathmandu', repTimeZone: 'Asia/Kolkata' });
    expect(text).toBe('Wednesday at 10 AM or Friday at 2 PM');
  });
});

const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'UTC',
];

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const windowArb = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
    start: fc.integer({ min: 0, max: 22 * 4 }).map((q) => q * 15),
    length: fc.integer({ min: 30, max: 14 * 60 }),
  })
  .map(({ days, start, length }) => ({
    days,
    start: clock(start),
    end: clock(Math.min(24 * 60, start + length)),
  }));

describe('meetingSlots: properties', () => {
  it('never in the past, inside the rep’s window days and hours, on two distinct days', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2028-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ZONES),
        windowArb,
        (now, repTimeZone, timeZone, window) => {
          const slots = findMeetingSlots({ now, repTimeZone, timeZone, window });
          expect(slots).toBeDefined();
          const [a, b] = slots!;
          expect(a.getTime()).toBeLessThan(b.getTime());
          const start = Number(window.start.slice(0, 2)) * 60 + Number(window.start.slice(3));
          const end = Number(window.end.slice(0, 2)) * 60 + Number(window.end.slice(3));
          for (const s of [a, b]) {
            expect(s.getTime()).toBeGreaterThanOrEqual(now.getTime() + MIN_LEAD_HOURS * 3_600_000);
            const rep = new TZDate(s.getTime(), repTimeZone);
            expect(window.days).toContain(rep.getDay());
            const m = rep.getHours() * 60 + rep.getMinutes();
            expect(m).toBeGreaterThanOrEqual(start);
            expect(m).toBeLessThan(end);
            // Not on the contact's current day.
            expect(localDayNumber(new TZDate(s.getTime(), timeZone))).toBeGreaterThan(
              localDayNumber(new TZDate(now.getTime(), timeZone)),
            );
          }
          expect(localDayNumber(new TZDate(a.getTime(), timeZone))).not.toBe(
            localDayNumber(new TZDate(b.getTime(), timeZone)),
          );
          expect(localDayNumber(new TZDate(a.getTime(), repTimeZone))).not.toBe(
            localDayNumber(new TZDate(b.getTime(), repTimeZone)),
          );
          // The text names two different days.
          const [first, second] = formatMeetingSlots(slots!, now, timeZone).split(' or ');
          expect(first!.split(' at ')[0]).not.toBe(second!.split(' at ')[0]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('offers a morning and an afternoon whenever both fit the contact’s business hours', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2028-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...ZONES),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 7 }),
        (now, zone, days) => {
          // Same zone, 09:00-17:00: a morning and an afternoon always exist on each working day.
          const slots = findMeetingSlots({
            now,
            repTimeZone: zone,
            timeZone: zone,
            window: { days, start: '09:00', end: '17:00' },
          });
          const hours = slots!.map((s) => new TZDate(s.getTime(), zone).getHours()).sort((x, y) => x - y);
          expect(hours[0]).toBeLessThan(12);
          expect(hours[1]).toBeGreaterThanOrEqual(12);
        },
      ),
      { numRuns: 200 },
    );
  });
});
