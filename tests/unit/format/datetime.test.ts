import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coarseDuration,
  dayDiff,
  formatClock,
  formatDateTime,
  formatDay,
  formatDayWithYear,
  formatNumber,
  formatPercent,
  formatRelative,
  formatTime,
  formatWeekday,
  isoDay,
  languageName,
  relativeDayWord,
} from '@/lib/format/datetime';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-03-03T19:30:00Z'); // Tue 2:30 PM in New York
const NY = 'America/New_York';

describe('one way to write a date or a time', () => {
  it('writes the same clock on every surface, in the zone it is given', () => {
    expect(formatTime(NOW, NY)).toBe('2:30 PM');
    expect(formatTime(NOW, 'Europe/Berlin')).toBe('8:30 PM');
    expect(formatTime(new Date(NOW), NY)).toBe('2:30 PM');
    expect(formatWeekday(NOW, NY)).toBe('Tue');
    expect(formatDay(NOW, NY)).toBe('Tue, Mar 3');
    expect(formatDayWithYear(NOW, NY)).toBe('Tue, Mar 3, 2026');
    expect(formatDateTime(NOW, NY)).toBe('Tue, Mar 3, 2:30 PM');
  });

  it('takes the locale as an argument, for a later choice of language', () => {
    expect(formatTime(NOW, NY, 'de-DE')).toBe('14:30');
    expect(formatRelative(NOW, NOW, NY, 'de-DE')).toBe('Heute, 14:30');
    expect(relativeDayWord(1, 'fr-FR')).toBe('Demain');
  });

  it.each([
    [0, 'Today, 2:30 PM'],
    [-DAY, 'Yesterday, 2:30 PM'],
    [DAY, 'Tomorrow, 2:30 PM'],
    [2 * DAY, 'Thu, Mar 5, 2:30 PM'],
    [-3 * DAY, 'Sat, Feb 28, 2:30 PM'],
    // 11 PM the same evening in New York is still today there, though tomorrow in UTC.
    [8.5 * HOUR, 'Today, 11:00 PM'],
  ])('relative day %i ms away -> %s', (offset, text) => {
    expect(formatRelative(NOW + offset, NOW, NY)).toBe(text);
  });

  it('counts calendar days in the zone, across DST', () => {
    // 8 Mar 2026: New York springs forward; Sat noon to Sun noon is 23 hours but one day.
    const sat = Date.parse('2026-03-07T17:00:00Z');
    expect(dayDiff(sat + 23 * HOUR, sat, NY)).toBe(1);
    expect(dayDiff(NOW, NOW, NY)).toBe(0);
  });

  it('writes ISO days for file names in the zone', () => {
    expect(isoDay(Date.parse('2026-03-04T02:00:00Z'), NY)).toBe('2026-03-03');
    expect(isoDay(Date.parse('2026-03-04T02:00:00Z'), 'UTC')).toBe('2026-03-04');
  });

  it('writes window edges as clock times', () => {
    expect(formatClock('08:00')).toBe('8:00 AM');
    expect(formatClock('20:30')).toBe('8:30 PM');
    expect(formatClock('soon')).toBe('soon');
  });

  it('never throws on a corrupt zone or locale', () => {
    expect(formatTime(NOW, 'Not/AZone')).toBe('7:30 PM');
    expect(() => formatDateTime(NOW, NY, 'xx-invalid-@@')).not.toThrow();
  });
});

// Intl's own short unit words since the interface is translated: "3 hr", "2 days" in en-US.
describe('coarseDuration (the one duration of the popup and the sidebar)', () => {
  it.each([
    [0, '1 min'],
    [5_000, '1 min'],
    [12.4 * MIN, '12 min'],
    [12.6 * MIN, '13 min'],
    [59.6 * MIN, '1 hr'],
    [90 * MIN, '2 hr'],
    [110 * MIN, '2 hr'],
    [47.4 * HOUR, '47 hr'],
    [47.6 * HOUR, '2 days'],
    [3.6 * DAY, '4 days'],
    [-40 * MIN, '40 min'],
  ])('%i ms -> %s', (ms, text) => {
    expect(coarseDuration(ms)).toBe(text);
  });

  it('never goes down as the duration grows', () => {
    const size = (s: string) => {
      const [n, unit] = s.split(' ');
      return Number(n) * (unit === 'min' ? 1 : unit === 'hr' ? 60 : 1440);
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 0, max: 10 * DAY }), (a, d) => {
        expect(size(coarseDuration(a + d))).toBeGreaterThanOrEqual(size(coarseDuration(a)));
      }),
    );
  });
});

describe("per locale: the rep's locale decides the clock, the digits and the unit words", () => {
  it.each([
    ['en-US', '2:30 PM', '1,234,567', '3 hr', '2 days', '42%'],
    ['en-GB', '14:30', '1,234,567', '3 hrs', '2 days', '42%'],
    ['es', '14:30', '1.234.567', '3 h', '2 d', '42 %'],
    ['de', '14:30', '1.234.567', '3 Std.', '2 Tg.', '42 %'],
    ['fr', '14:30', '1 234 567', '3 h', '2 j', '42 %'],
    ['pt-BR', '14:30', '1.234.567', '3 h', '2 dias', '42%'],
  ])('%s', (locale, time, big, hours, days, pct) => {
    // Intl spaces with (narrow) no-break spaces; compared as plain spaces.
    const sp = (s: string) => s.replace(/\s/g, ' ');
    expect(formatTime(NOW, NY, locale)).toBe(time);
    expect(sp(formatNumber(1_234_567, locale))).toBe(big);
    expect(sp(coarseDuration(3 * HOUR, locale))).toBe(hours);
    expect(sp(coarseDuration(2 * DAY, locale))).toBe(days);
    expect(sp(formatPercent(0.42, locale))).toBe(pct);
  });
});

describe('languageName', () => {
  it.each([
    ['es', 'en-US', 'Spanish'],
    ['es', 'de', 'Spanisch'],
    ['de', 'fr', 'allemand'],
    ['fr', 'es', 'francés'],
    ['en', 'pt-BR', 'inglês'],
  ])('%s in %s is %s', (tag, locale, name) => {
    expect(languageName(tag, locale)).toBe(name);
  });

  it('falls back to the tag when Intl cannot name it', () => {
    expect(languageName('not a tag!', 'en-US')).toBe('not a tag!');
  });
});
