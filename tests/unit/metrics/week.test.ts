import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftWeek, weekLabel, weekOf } from '@/lib/metrics/week';

const NY = 'America/New_York';

describe('weekOf', () => {
  it('runs Monday 00:00 to the next Monday 00:00 in the rep zone', () => {
    // Wednesday 4 March 2026, 15:00 UTC (10:00 in New York).
    const w = weekOf(Date.parse('2026-03-04T15:00:00Z'), NY);
    expect(new Date(w.from).toISOString()).toBe('2026-03-02T05:00:00.000Z');
    // DST starts on Sunday 8 March: the week is one hour short.
    expect(new Date(w.to).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(weekLabel(w)).toBe('Mon, Mar 2 – Sun, Mar 8, 2026');
  });

  it('puts Sunday night in the week that started the Monday before, and Monday 00:00 in the new one', () => {
    const sundayLate = Date.parse('2026-03-09T03:59:00Z'); // Sun 23:59 EDT
    const mondayMidnight = Date.parse('2026-03-09T04:00:00Z');
    expect(weekOf(sundayLate, NY).to).toBe(mondayMidnight);
    expect(weekOf(mondayMidnight, NY).from).toBe(mondayMidnight);
  });

  it('differs by zone for the same instant', () => {
    const at = Date.parse('2026-03-08T23:30:00Z'); // Sunday in New York, Monday in Tokyo
    expect(weekOf(at, NY).monday).toBe(weekOf(at, 'Asia/Tokyo').monday - 7);
  });

  it('shifts by whole weeks', () => {
    const w = weekOf(Date.parse('2026-03-04T15:00:00Z'), NY);
    const prev = shiftWeek(w, -1, NY);
    expect(prev.to).toBe(w.from);
    expect(shiftWeek(prev, 1, NY)).toEqual(w);
    expect(weekLabel(prev)).toBe('Mon, Feb 23 – Sun, Mar 1, 2026');
  });

  it('always contains the instant and starts on a Monday (property)', () => {
    const zones = [NY, 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC', 'America/Santiago'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2040-01-01') }),
        fc.constantFrom(...zones),
        (at, tz) => {
          const w = weekOf(at, tz);
          expect(w.from).toBeLessThanOrEqual(at);
          expect(at).toBeLessThan(w.to);
          expect(new Date(w.monday * 86_400_000).getUTCDay()).toBe(1);
          expect(shiftWeek(w, 1, tz).from).toBe(w.to);
        },
      ),
    );
  });
});
