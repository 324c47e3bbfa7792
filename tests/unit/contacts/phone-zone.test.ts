import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone } from '@/lib/cadence/zoned';
import { callingCode, suggestZones } from '@/lib/contacts/phone-zone';

describe('time-zone suggestion from the calling code', () => {
  it.each([
    ['+44 20 7946 0958', ['Europe/London']],
    ['0044 20 7946 0958', ['Europe/London']],
    ['+49 (30) 901820', ['Europe/Berlin']],
    ['+33 1 23 45 67 89', ['Europe/Paris']],
    ['+353 1 555 0100', ['Europe/Dublin']],
    ['+351 21 555 0100', ['Europe/Lisbon', 'Atlantic/Azores']],
    ['+91 98765 43210', ['Asia/Kolkata']],
    ['+65 6123 4567', ['Asia/Singapore']],
    ['+234 803 555 0100', ['Africa/Lagos']],
    ['+20 2 2555 0100', ['Africa/Cairo']],
    // Countries that span zones: a few to pick from.
    [
      '+61 2 5550 0100',
      [
        'Australia/Sydney',
        'Australia/Melbourne',
        'Australia/Brisbane',
        'Australia/Perth',
        'Australia/Adelaide',
      ],
    ],
    // Shared or ambiguous codes and national numbers: no guess.
    ['+1 212 555 0100', []],
    ['+1-415-555-0100', []],
    ['+7 495 555 0100', []],
    ['020 7946 0958', []],
    ['(212) 555-0100', []],
    ['+999 1234 5678', []],
    ['+44', []],
    ['', []],
    ['call me', []],
  ])('%s -> %o', (phone, zones) => {
    expect(suggestZones(phone)).toEqual(zones);
  });

  it('reads the code whatever the separators', () => {
    expect(callingCode('+44.20.7946.0958')).toBe('44');
    expect(callingCode('+1 (212) 555-0100')).toBe('1');
    expect(callingCode('212 555 0100')).toBeUndefined();
  });

  it('only ever proposes zones the planner accepts, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        for (const z of suggestZones(s)) expect(isValidTimeZone(z)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\+\d{1,3} \d{3} \d{4}$/), (s) => {
        for (const z of suggestZones(s)) expect(isValidTimeZone(z)).toBe(true);
      }),
    );
  });
});
