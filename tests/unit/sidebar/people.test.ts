import { describe, expect, it } from 'vitest';
import { peopleInView, senderEmails, splitName } from '@/lib/sidebar/people';
import type { ComposeView, PageView } from '@/lib/sites/types';

function view(patch: Partial<PageView>): PageView {
  return {
    site: 'gmail',
    kind: 'thread',
    url: 'https://mail.google.com/mail/u/0/#inbox/x',
    composes: [],
    inboxRows: [],
    problems: [],
    ...patch,
  };
}
function compose(patch: Partial<ComposeView>): ComposeView {
  return { id: 'c1', focused: false, to: [], cc: [], subject: '', bodyText: '', inline: false, ...patch };
}

describe('peopleInView', () => {
  it('lists thread senders first, then other participants, without the account', () => {
    const v = view({
      accountEmail: 'jane@example.com',
      thread: {
        subject: 'Hi',
        messages: [
          { from: { email: 'bob@example.org', name: 'Bob Buyer' }, isAutoReply: false },
          { from: { email: 'jane@example.com', name: 'me' }, isAutoReply: false },
        ],
        participants: [
          { email: 'carol@example.org', name: 'Carol' },
          { email: 'BOB@example.org', name: 'Bob Buyer' },
        ],
      },
    });
    expect(peopleInView(v).map((p) => p.email)).toEqual(['bob@example.org', 'carol@example.org']);
  });

  it('uses the focused compose (To, then Cc) when no thread is open', () => {
    const v = view({
      kind: 'compose',
      composes: [
        compose({ id: 'a', to: [{ email: 'x@example.org', name: '' }] }),
        compose({
          id: 'b',
          focused: true,
          to: [{ email: 'y@example.org', name: 'Y' }],
          cc: [{ email: 'z@example.org', name: '' }],
        }),
      ],
    });
    expect(peopleInView(v).map((p) => p.email)).toEqual(['y@example.org', 'z@example.org']);
  });

  it('uses the only compose even when it lost focus, but not one of several', () => {
    const one = view({
      kind: 'compose',
      composes: [compose({ to: [{ email: 'x@example.org', name: '' }] })],
    });
    expect(peopleInView(one)).toHaveLength(1);
    const two = view({
      kind: 'compose',
      composes: [compose({ to: [{ email: 'x@example.org', name: '' }] }), compose({ id: 'c2' })],
    });
    expect(peopleInView(two)).toEqual([]);
  });

  it('is empty for nothing', () => {
    expect(peopleInView(undefined)).toEqual([]);
    expect(peopleInView(view({ kind: 'unknown' }))).toEqual([]);
  });
});

describe('senderEmails', () => {
  it('collects thread and row authors, lower-case, without the account', () => {
    const v = view({
      accountEmail: 'jane@example.com',
      thread: {
        subject: '',
        messages: [{ from: { email: 'a@x.org', name: '' }, isAutoReply: false }],
        participants: [],
      },
      inboxRows: [
        { from: { email: 'b@x.org', name: '' }, subject: '', unread: true },
        { from: { email: 'jane@example.com', name: 'me' }, subject: '', unread: false },
        { from: { email: 'a@x.org', name: '' }, subject: '', unread: false },
      ],
    });
    expect(senderEmails(v).sort()).toEqual(['a@x.org', 'b@x.org']);
  });
});

describe('splitName', () => {
  it.each([
    ['Bob Buyer', '', 'Bob', 'Buyer'],
    ['Mary Ann van Dyke', '', 'Mary Ann van', 'Dyke'],
    ['Buyer, Bob', '', 'Bob', 'Buyer'],
    ['Cher', '', 'Cher', ''],
    ['', 'bob.buyer@example.org', 'Bob', 'Buyer'],
    ['', 'info@example.org', '', ''],
    ['bob@example.org', 'bob@example.org', '', ''],
    ['  "Bob   Buyer" ', '', 'Bob', 'Buyer'],
  ])('%j / %j -> %j %j', (name, email, first, last) => {
    expect(splitName(name, email)).toEqual({ firstName: first, lastName: last });
  });
});
