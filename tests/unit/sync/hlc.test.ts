import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStamp, observe, parseStamp, tick, ZERO_STAMP } from '@/lib/sync/hlc';

describe('hybrid logical clock', () => {
  it('ticks forward with the wall clock and counts within one millisecond', () => {
    const a = tick(ZERO_STAMP, 1_000, 'ana');
    expect(parseStamp(a)).toEqual({ wall: 1_000, counter: 0, replica: 'ana' });
    const b = tick(a, 1_000, 'ana');
    expect(parseStamp(b)).toEqual({ wall: 1_000, counter: 1, replica: 'ana' });
    expect(b > a).toBe(true);
  });

  it('never goes back when the wall clock does', () => {
    const a = tick(ZERO_STAMP, 5_000, 'ana');
    const b = tick(a, 1_000, 'ana');
    expect(b > a).toBe(true);
    expect(parseStamp(b)?.wall).toBe(5_000);
  });

  it('an edit after seeing a remote stamp sorts after it, even with a slow local clock', () => {
    const remote = tick(ZERO_STAMP, 9_000_000, 'ben');
    const local = tick(observe(tick(ZERO_STAMP, 1_000, 'ana'), remote), 1_000, 'ana');
    expect(local > remote).toBe(true);
  });

  it('ignores a malformed remote stamp', () => {
    const mine = tick(ZERO_STAMP, 1_000, 'ana');
    expect(observe(mine, '999999999999999999.bad')).toBe(mine);
    expect(parseStamp('nonsense')).toBeUndefined();
    expect(parseStamp(42)).toBeUndefined();
  });

  it('string order is (wall, counter, replica) order', () => {
    const part = fc.record({
      wall: fc.integer({ min: 0, max: 9e14 }),
      counter: fc.integer({ min: 0, max: 99_999 }),
      replica: fc.stringMatching(/^[a-z0-9-]{1,8}$/),
    });
    fc.assert(
      fc.property(part, part, (x, y) => {
        const sx = formatStamp(x);
        const sy = formatStamp(y);
        const byTuple =
          x.wall !== y.wall
            ? x.wall - y.wall
            : x.counter !== y.counter
              ? x.counter - y.counter
              : x.replica < y.replica
                ? -1
                : x.replica > y.replica
                  ? 1
                  : 0;
        const byString = sx < sy ? -1 : sx > sy ? 1 : 0;
        // Replica ids of different lengths where one is a prefix keep the same order as strings.
        expect(Math.sign(byString)).toBe(Math.sign(byTuple));
      }),
    );
  });
});
