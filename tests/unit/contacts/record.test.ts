import { describe, expect, it } from 'vitest';
import {
  contactPatchProblems,
  formatCustomFields,
  isWebLink,
  otherEmailsOf,
  parseCustomFields,
  phoneStepCount,
  sameWindow,
  splitList,
} from '@/lib/contacts/record';

describe('contact record helpers', () => {
  it('accepts a sound change and names every bad field', () => {
    expect(
      contactPatchProblems({
        firstName: 'Ada',
        email: 'ada@example.com',
        otherEmails: ['a@b.co', ''],
        phone: '+44 20 7946 0958 ext. 12',
        otherPhones: ['(212) 555-0100'],
        timeZone: 'Europe/London',
        window: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
        linkedinUrl: 'https://www.linkedin.com/in/ada',
        custom: { Plan: 'Pro' },
      }),
    ).toEqual([]);
    const fields = contactPatchProblems({
      email: 'nope',
      otherEmails: ['also nope'],
      phone: 'tomorrow',
      timeZone: 'Nowhere/Special',
      window: { days: [], start: '09:00', end: '17:00' },
      linkedinUrl: 'javascript:alert(1)',
      custom: { ' ': 'x' },
    }).map((p) => p.field);
    expect(fields).toEqual(['email', 'otherEmails', 'phone', 'timeZone', 'window', 'linkedinUrl', 'custom']);
    expect(contactPatchProblems({ phone: '' })).toEqual([]);
    expect(contactPatchProblems({ linkedinUrl: '' })).toEqual([]);
  });

  it.each([
    ['https://linkedin.com/in/x', true],
    ['http://linkedin.com/in/x', true],
    ['linkedin.com/in/x', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['ftp://x.com', false],
  ])('isWebLink(%s) = %s', (url, ok) => {
    expect(isWebLink(url)).toBe(ok);
  });

  it('splits lists and custom fields as a rep types them', () => {
    expect(splitList('a@x.com, b@y.com\nA@X.com;; ')).toEqual(['a@x.com', 'b@y.com']);
    const { fields, bad } = parseCustomFields(
      'Plan: Pro\nSeats : 12\nno colon here\n\nURL: https://x.com/a:b',
    );
    expect(fields).toEqual({ Plan: 'Pro', Seats: '12', URL: 'https://x.com/a:b' });
    expect(bad).toEqual(['no colon here']);
    expect(parseCustomFields(formatCustomFields(fields)).fields).toEqual(fields);
    expect(Object.getPrototypeOf(parseCustomFields('__proto__: x').fields)).toBe(Object.prototype);
  });

  it('compares windows and counts the steps that need a phone', () => {
    expect(
      sameWindow(
        { days: [2, 1], start: '08:00', end: '20:00' },
        { days: [1, 2], start: '08:00', end: '20:00' },
      ),
    ).toBe(true);
    expect(sameWindow({ days: [1], start: '08:00', end: '20:00' }, undefined)).toBe(false);
    expect(
      phoneStepCount([
        { channel: 'email' },
        { channel: 'sms' },
        { channel: 'call' },
        { channel: 'voicemail' },
      ]),
    ).toBe(3);
  });

  it('shows the other addresses as written, plus any only the index knows', () => {
    expect(
      otherEmailsOf({
        emailLower: 'a@x.com',
        otherEmails: ['Ann@Home.net', 'gone@old.net'],
        externalIds: ['email:ann@home.net', 'hubspot:1:2', 'email:merged@y.org'],
      }),
    ).toEqual(['Ann@Home.net', 'merged@y.org']);
    expect(otherEmailsOf({ emailLower: 'a@x.com' })).toEqual([]);
  });
});
