import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatElapsed, formatRate, formatSigned, formatSignedMinutes } from '@/lib/format/figures';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatRate', () => {
  it.each([
    ['en-US', 0.333, '33%'],
    ['en-US', 0.025, '2.5%'],
    ['en-US', 0, '0%'],
    ['en-US', 1, '100%'],
    ['de', 0.333, '33 %'],
    ['de', 0.025, '2,5 %'],
    ['fr', 0.025, '2,5 %'],
    ['es', 0.5, '50 %'],
    ['pt-BR', 0.025, '2,5%'],
  ])('%s %d → %s', (locale, ratio, out) => {
    // Intl puts a narrow no-break space before "%" in some locales: compare what a reader sees.
    expect(formatRate(ratio, locale).replace(/\s/g, ' ')).toBe(out);
  });

  it('keeps a decimal under 10 % (a 2.5 % opt-out rate is not "3 %")', () => {
    expect(formatRate(0.0949, 'en-US')).toBe('9.5%');
    expect(formatRate(0.104, 'en-US')).toBe('10%');
  });

  it('never throws, whatever the locale', () => {
    expect(formatRate(0.5, 'not a locale!')).toBe('50%');
  });
});

describe('signed changes', () => {
  it.each([
    ['en-US', 12, '+12'],
    ['en-US', -3, '-3'],
    ['en-US', 2.5, '+2.5'],
    ['en-US', 0, '0'],
    ['de', 2.5, '+2,5'],
    ['fr', -1.5, '-1,5'],
  ])('%s %d → %s', (locale, n, out) => {
    expect(formatSigned(n, locale).replace('\u2212', '-')).toBe(out);
  });

  it.each([
    ['en-US', 12, '+12 min'],
    ['en-US', -1.5, '-1.5 min'],
    ['de', 12, '+12 Min.'],
    ['fr', -1.5, '-1,5 min'],
  ])('minutes %s %d → %s', (locale, n, out) => {
    expect(formatSignedMinutes(n, locale).replace(/\s/g, ' ').replace('\u2212', '-')).toBe(out);
  });
});

describe('formatElapsed', () => {
  it.each([
    ['en-US', 45_000, '45 sec'],
    ['en-US', 3 * MIN, '3 min'],
    ['en-US', 2 * HOUR + 5 * MIN, '2 hr 5 min'],
    ['en-US', 2 * HOUR, '2 hr'],
    ['en-US', 3 * DAY + 4 * HOUR, '3 days 4 hr'],
    ['de', 45_000, '45 Sek.'],
    ['de', 2 * HOUR + 5 * MIN, '2 Std. 5 Min.'],
    ['de', 3 * DAY + 4 * HOUR, '3 Tg. 4 Std.'],
    ['fr', 3 * DAY + 4 * HOUR, '3 j 4 h'],
    ['es', 2 * HOUR + 5 * MIN, '2 h 5 min'],
    ['pt-BR', DAY, '1 dia'],
  ])('%s %d ms → %s', (locale, ms, out) => {
    expect(formatElapsed(ms, locale).replace(/\s/g, ' ')).toBe(out);
  });

  it('says at most two units, and never more than a unit of the next one down', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), (ms) => {
        const text = formatElapsed(ms, 'en-US');
        const numbers = text.match(/\d+/g) ?? [];
        expect(numbers.length).toBeGreaterThanOrEqual(1);
        expect(numbers.length).toBeLessThanOrEqual(2);
        if (/hr$/.test(text) && numbers.length === 2) expect(Number(numbers[1])).toBeLessThan(24);
        if (/min$/.test(text) && numbers.length === 2) expect(Number(numbers[1])).toBeLessThan(60);
      }),
    );
  });
});
