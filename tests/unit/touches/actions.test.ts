import { describe, expect, it } from 'vitest';
import {
  contactLabel,
  gmailComposeUrl,
  minutesOfDay,
  PURPOSE_LABELS,
  telHref,
  tomorrowSnooze,
  touchNumberLabel,
  webHref,
} from '@/lib/touches';
import { PURPOSES } from '@/lib/cadence/types';

describe('gmailComposeUrl', () => {
  it('percent-encodes every field so plus signs, ampersands and line breaks survive', () => {
    const url = gmailComposeUrl({ to: 'a+b@x.com', subject: 'Q&A + pricing', body: 'Hi Ada,\n\n100% yes' });
    expect(url).toBe(
      'https://mail.google.com/mail/?view=cm&fs=1&to=a%2Bb%40x.com&su=Q%26A%20%2B%20pricing&body=Hi%20Ada%2C%0A%0A100%25%20yes',
    );
    const parsed = new URL(url);
    expect(parsed.searchParams.get('su')).toBe('Q&A + pricing');
    expect(parsed.searchParams.get('body')).toBe('Hi Ada,\n\n100% yes');
  });
});

describe('tomorrowSnooze (the one "tomorrow" of the popup and the sidebar)', () => {
  it('lands on tomorrow at the start of the working day in the rep zone, and says so', () => {
    const now = Date.parse('2026-03-03T15:00:00Z'); // Tue 10:00 NY
    const s = tomorrowSnooze(now, 'America/New_York', '09:00');
    expect(new Date(now + s.minutes * 60_000).toISOString()).toBe('2026-03-04T14:00:00.000Z');
    expect(s.at).toBe(now + s.minutes * 60_000);
    expect(s.label).toBe('Tomorrow, 9:00 AM');
  });
  it('follows the rep working-hours start, not a fixed 9 AM', () => {
    const now = Date.parse('2026-03-03T15:00:00Z');
    expect(tomorrowSnooze(now, 'America/New_York', '07:30').label).toBe('Tomorrow, 7:30 AM');
  });
  it('crosses a DST change correctly', () => {
    const now = Date.parse('2026-03-08T04:00:00Z'); // Sat 23:00 NY, clocks spring forward overnight
    const s = tomorrowSnooze(now, 'America/New_York', '08:30');
    expect(new Date(now + s.minutes * 60_000).toISOString()).toBe('2026-03-08T12:30:00.000Z');
    // Sat 31 Oct 2026 22:00 in New York; clocks go back on 1 Nov: 12 hours to 9:00.
    expect(tomorrowSnooze(Date.UTC(2026, 10, 1, 2, 0), 'America/New_York', '09:00').minutes).toBe(12 * 60);
  });
  it('is never zero minutes away', () => {
    const now = Date.parse('2026-03-04T04:59:59Z'); // 23:59:59 NY
    expect(tomorrowSnooze(now, 'America/New_York', '00:00').minutes).toBeGreaterThanOrEqual(1);
  });
  it('falls back to 09:00 for a malformed start', () => {
    expect(minutesOfDay('soon')).toBe(540);
    expect(minutesOfDay('7:05')).toBe(425);
  });
});

describe('labels', () => {
  it('names every purpose', () => {
    for (const p of PURPOSES) expect(PURPOSE_LABELS[p]).toMatch(/\w/);
  });
  it('numbers steps and names follow-ups', () => {
    expect(touchNumberLabel({ step: 3, totalSteps: 7, purpose: 'value' })).toBe('3 of 7');
    expect(touchNumberLabel({ step: 0, totalSteps: 7, purpose: 'after-meeting' })).toBe('after-meeting');
    expect(touchNumberLabel({ step: 0, totalSteps: 7, purpose: 're-engage' })).toBe('re-engage');
  });
  it('uses the name, else the email', () => {
    expect(contactLabel({ firstName: ' Ada ', lastName: 'Lovelace', email: 'a@x.com' })).toBe('Ada Lovelace');
    expect(contactLabel({ firstName: '', lastName: '', email: 'a@x.com' })).toBe('a@x.com');
    expect(contactLabel(undefined)).toBe('Unknown contact');
  });
  it('builds tel: links from formatted numbers', () => {
    expect(telHref('+1 (202) 555-0147')).toBe('tel:+12025550147');
    expect(telHref('020 7946 0018')).toBe('tel:02079460018');
  });
});

describe('webHref', () => {
  it('keeps http(s) profile links and adds https to a bare host', () => {
    expect(webHref('https://www.linkedin.com/in/ada')).toBe('https://www.linkedin.com/in/ada');
    expect(webHref(' http://linkedin.com/in/ada ')).toBe('http://linkedin.com/in/ada');
    expect(webHref('www.linkedin.com/in/ada')).toBe('https://www.linkedin.com/in/ada');
  });
  it('never turns script, data or other schemes into a link', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'chrome://settings',
      '<img src=x onerror=alert(1)>',
      '',
      '   ',
      undefined,
    ]) {
      expect(webHref(url), String(url)).toBeUndefined();
    }
  });
});
