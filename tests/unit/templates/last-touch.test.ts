import { describe, expect, it } from 'vitest';
import { type RenderActivity, describeLastTouch, render } from '@/lib/templates';
import { NOW, fullContext } from './fixtures';

const at = (iso: string) => Date.parse(iso);
const NY = 'America/New_York';

describe('lastTouch', () => {
  it('describes the latest outreach in the contact’s days', () => {
    const cases: [RenderActivity[], string | undefined][] = [
      [[], undefined],
      [
        [{ kind: 'touch-done', at: at('2026-03-03T13:00:00Z'), channel: 'email' }],
        'emailed you earlier today',
      ],
      [[{ kind: 'sent-from-gmail', at: at('2026-03-03T14:59:00Z') }], 'emailed you earlier today'],
      [[{ kind: 'touch-done', at: at('2026-03-02T20:00:00Z'), channel: 'sms' }], 'texted you yesterday'],
      [
        [{ kind: 'touch-done', at: at('2026-03-02T15:00:00Z'), channel: 'voicemail' }],
        'left you a voicemail yesterday',
      ],
      [
        [{ kind: 'touch-done', at: at('2026-03-02T15:00:00Z'), channel: 'call', outcome: 'no-answer' }],
        'tried calling you yesterday',
      ],
      [[{ kind: 'touch-done', at: at('2026-02-27T15:00:00Z'), channel: 'call' }], 'called you on Friday'],
      [
        [{ kind: 'touch-done', at: at('2026-02-24T15:00:00Z'), channel: 'linkedin' }],
        'reached out on LinkedIn on February 24',
      ],
      [
        [{ kind: 'touch-done', at: at('2025-12-01T15:00:00Z'), channel: 'email' }],
        'emailed you on December 1, 2025',
      ],
    ];
    for (const [activities, expected] of cases) expect(describeLastTouch(activities, NOW, NY)).toBe(expected);
  });

  it('matches a call with its logged outcome', () => {
    const log: RenderActivity[] = [
      { kind: 'touch-done', at: at('2026-03-02T15:00:00Z'), channel: 'call' },
      { kind: 'call-outcome', at: at('2026-03-02T15:03:00Z'), outcome: 'voicemail' },
    ];
    expect(describeLastTouch(log, NOW, NY)).toBe('left you a voicemail yesterday');
  });

  it('ignores non-outreach entries, task touches and anything after now', () => {
    const log: RenderActivity[] = [
      { kind: 'touch-done', at: at('2026-03-01T15:00:00Z'), channel: 'sms' },
      { kind: 'reply', at: at('2026-03-03T12:00:00Z'), channel: 'sms' },
      { kind: 'note', at: at('2026-03-03T12:00:00Z') },
      { kind: 'touch-done', at: at('2026-03-03T12:00:00Z'), channel: 'task' },
      { kind: 'touch-done', at: at('2026-03-04T12:00:00Z'), channel: 'email' },
    ];
    expect(describeLastTouch(log, NOW, NY)).toBe('texted you on Sunday');
  });

  it('counts days in the contact’s zone, not UTC', () => {
    // 03:00 UTC on the 3rd is still the evening of the 2nd in New York, but the 3rd in Tokyo.
    const log: RenderActivity[] = [{ kind: 'touch-done', at: at('2026-03-03T03:00:00Z'), channel: 'email' }];
    expect(describeLastTouch(log, NOW, NY)).toBe('emailed you yesterday');
    expect(describeLastTouch(log, new Date('2026-03-03T05:00:00Z'), 'Asia/Tokyo')).toBe(
      'emailed you earlier today',
    );
  });

  it('falls back in a template when there is no history', () => {
    const t = {
      id: 't',
      purpose: 'voicemail-nudge',
      channel: 'sms',
      variant: 'v',
      name: 'n',
      version: 1,
      builtIn: false,
    } as const;
    const r = render(
      { ...t, body: 'Hi {{firstName}}, I {{lastTouch|tried to reach you}}.' },
      fullContext({ activities: [] }),
    );
    expect(r.body).toBe('Hi Dana, I tried to reach you.');
    expect(render({ ...t, body: 'Hi {{firstName}}, I {{lastTouch}}.' }, fullContext()).body).toBe(
      'Hi Dana, I left you a voicemail yesterday.',
    );
  });
});
