import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSms, isGsm7 } from '@/lib/templates';

describe('countSms: GSM-7', () => {
  it.each([
    [0, 0, 160],
    [1, 1, 159],
    [160, 1, 0],
    [161, 2, 145],
    [306, 2, 0],
    [307, 3, 152],
  ])('%i plain chars -> %i segment(s), %i left', (n, segments, remaining) => {
    const r = countSms('a'.repeat(n));
    expect(r).toMatchObject({ encoding: 'GSM-7', used: n, segments, remaining });
  });

  it('counts each extension-table character as two septets', () => {
    for (const ch of ['^', '{', '}', '\\', '[', '~', ']', '|', '€']) {
      expect(countSms(ch)).toMatchObject({ encoding: 'GSM-7', used: 2 });
    }
  });

  it('80 `{` = 160 septets = 1 segment; 81 `{` = 2 segments', () => {
    expect(countSms('{'.repeat(80))).toMatchObject({
      encoding: 'GSM-7',
      used: 160,
      segments: 1,
      remaining: 0,
    });
    expect(countSms('{'.repeat(81))).toMatchObject({ used: 162, segments: 2 });
  });

  it('never splits an escape pair across parts', () => {
    // 152 plain + '{' would end exactly at 154 > 153: the brace moves to part two.
    const r = countSms(`${'a'.repeat(152)}{${'a'.repeat(10)}`);
    expect(r.segments).toBe(2);
    expect(r.remaining).toBe(153 - 12);
  });

  it('keeps accented GSM letters in GSM-7 (é, ñ, Ä, £, ¿)', () => {
    expect(isGsm7('Café Ñoño Äpfel £5 ¿sì?')).toBe(true);
    // ú and í are not in the GSM alphabet (only ù and ì are).
    expect(isGsm7('Ñandú')).toBe(false);
    expect(countSms('é'.repeat(160)).segments).toBe(1);
  });
});

describe('countSms: UCS-2', () => {
  it.each([
    [70, 1, 0],
    [71, 2, 63],
    [134, 2, 0],
    [135, 3, 66],
  ])('%i UCS-2 chars -> %i segment(s), %i left', (n, segments, remaining) => {
    const r = countSms('ж'.repeat(n));
    expect(r).toMatchObject({ encoding: 'UCS-2', used: n, segments, remaining });
  });

  it('one non-GSM character switches the whole text to UCS-2', () => {
    const r = countSms(`${'a'.repeat(69)}’`);
    expect(r).toMatchObject({ encoding: 'UCS-2', used: 70, segments: 1, unicodeChars: ['’'] });
    expect(countSms(`${'a'.repeat(70)}’`).segments).toBe(2);
  });

  it('counts an emoji as two UTF-16 code units', () => {
    expect(countSms('😀')).toMatchObject({ encoding: 'UCS-2', used: 2, segments: 1 });
    expect(countSms('😀'.repeat(35)).segments).toBe(1);
    expect(countSms('😀'.repeat(36)).segments).toBe(2);
  });

  it('never splits a surrogate pair across parts', () => {
    // 66 units + an emoji would be 68 > 67: the emoji starts part two.
    const r = countSms(`${'ж'.repeat(66)}😀${'ж'.repeat(5)}`);
    expect(r.segments).toBe(2);
    expect(r.remaining).toBe(67 - 7);
  });

  it('lists each forcing character once', () => {
    expect(countSms('ok 😀 “hi” 😀').unicodeChars).toEqual(['😀', '“', '”']);
  });
});

describe('countSms: properties', () => {
  it('never throws, and segments cover the units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const r = countSms(s);
        if (r.used === 0) expect(r.segments).toBe(0);
        else expect(r.segments * r.perSegment).toBeGreaterThanOrEqual(r.used);
        expect(r.remaining).toBeGreaterThanOrEqual(0);
        expect(r.remaining).toBeLessThanOrEqual(r.perSegment);
        if (r.encoding === 'UCS-2') expect(r.used).toBe(s.length);
      }),
    );
  });
});
