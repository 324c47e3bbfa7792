import type { RenderContext } from '@/lib/templates';

/** Tue 2026-03-03 10:00 in New York. */
export const NOW = new Date('2026-03-03T15:00:00Z');

/** A fully populated context: every merge field has a value. */
export function fullContext(overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    contact: {
      firstName: 'Dana',
      lastName: 'Whitfield',
      email: 'dana@harborbakery.example',
      company: 'Harbor Bakery',
      title: 'Owner',
      topic: 'roof repair',
      leadSource: 'web-form',
      phone: '+1 555 010 0199',
      custom: {
        caseStudy:
          'a bakery down the road had a leak over their ovens; we patched it in a day and they never closed.',
        stat: 'most flat roofs need resealing every 5 to 7 years.',
        tip: 'clear the drains before the spring rains.',
        resourceLink: 'https://brightline.example/guide',
        meetingNotes: 'the leak is over the back storeroom',
        nextStep: 'I send a written quote by Friday',
      },
    },
    rep: {
      name: 'Sam Rivera',
      company: 'Brightline Roofing',
      phone: '555 201 0100',
      signature: 'Sam Rivera\nBrightline Roofing',
      reconnectLink: 'https://brightline.example/r/dana',
      bookingLink: 'https://brightline.example/book',
    },
    now: NOW,
    timeZone: 'America/New_York',
    repTimeZone: 'America/New_York',
    window: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
    activities: [
      { kind: 'enrolled', at: Date.parse('2026-03-02T14:00:00Z') },
      { kind: 'touch-done', at: Date.parse('2026-03-02T15:00:00Z'), channel: 'call' },
      { kind: 'call-outcome', at: Date.parse('2026-03-02T15:02:00Z'), channel: 'call', outcome: 'voicemail' },
    ],
    ...overrides,
  };
}

/** A context where the contact has nothing but an email address, and no history. */
export function sparseContext(overrides: Partial<RenderContext> = {}): RenderContext {
  return fullContext({ contact: { email: 'someone@example.com' }, activities: [], ...overrides });
}
