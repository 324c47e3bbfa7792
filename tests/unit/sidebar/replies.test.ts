import { describe, expect, it } from 'vitest';
import type { EnrolmentRow } from '@/lib/db/schema';
import { createReplyGate, repliesInView } from '@/lib/sidebar/replies';
import type { PageView } from '@/lib/sites/types';

const AUG20 = Date.UTC(2025, 7, 20, 10);
function enrolment(contactId: number, patch: Partial<EnrolmentRow> = {}): EnrolmentRow {
  return {
    id: contactId,
    contactId,
    playbookId: 'p',
    playbookName: 'P',
    source: 'web-form',
    steps: [],
    enrolledAt: AUG20 - 10 * 86_400_000,
    timeZone: 'UTC',
    state: 'active',
    stateChangedAt: 0,
    done: [],
    ...patch,
  };
}
const view: PageView = {
  site: 'gmail',
  kind: 'inbox',
  url: 'https://mail.google.com/mail/u/0/#inbox',
  composes: [],
  problems: [],
  inboxRows: [
    {
      from: { email: 'bob@x.org', name: 'Bob' },
      subject: 'Re: pricing',
      at: AUG20,
      unread: true,
      threadId: 't1',
    },
    {
      from: { email: 'dana@x.org', name: 'Dana' },
      subject: 'Automatic reply: pricing',
      at: AUG20,
      unread: true,
    },
    {
      from: { email: 'erin@x.org', name: 'Erin' },
      subject: 'Old',
      at: AUG20 - 20 * 86_400_000,
      unread: false,
    },
    { from: { email: 'gina@x.org', name: 'Gina' }, subject: 'Re: hi', at: AUG20, unread: true },
  ],
};
const contacts = new Map([
  ['bob@x.org', 1],
  ['dana@x.org', 2],
  ['erin@x.org', 3],
  ['gina@x.org', 4],
]);

describe('repliesInView', () => {
  it('finds replies from actively enrolled contacts only, newer than their cutoff, auto-replies left out', () => {
    const hits = repliesInView(view, contacts, [
      enrolment(1),
      enrolment(2),
      enrolment(3),
      enrolment(4, { state: 'paused', pauseReason: 'replied' }),
    ]);
    expect(hits).toEqual([{ contactId: 1, email: 'bob@x.org', at: AUG20, threadId: 't1' }]);
  });

  it('carries the reply’s words for the keyword rules', () => {
    const withText: PageView = {
      ...view,
      inboxRows: view.inboxRows.map((r, i) => (i === 0 ? { ...r, snippet: 'Please stop emailing me' } : r)),
    };
    expect(repliesInView(withText, contacts, [enrolment(1)])).toEqual([
      { contactId: 1, email: 'bob@x.org', at: AUG20, threadId: 't1', text: 'Please stop emailing me' },
    ]);
  });

  it('does not report a reply already recorded', () => {
    expect(repliesInView(view, contacts, [enrolment(1, { lastReplyAt: AUG20 })])).toEqual([]);
  });

  it('gates repeats', () => {
    const gate = createReplyGate();
    expect(gate({ contactId: 1, at: 5 })).toBe(true);
    expect(gate({ contactId: 1, at: 5 })).toBe(false);
    expect(gate({ contactId: 1, at: 6 })).toBe(true);
  });
});
