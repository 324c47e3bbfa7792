// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { extractGmail, findReplies } from '@/lib/sites/gmail';
import type { PageView } from '@/lib/sites/types';
import { loadFixture } from './fixtures';

const local = (y: number, m: number, d: number, h: number, min: number) =>
  new Date(y, m - 1, d, h, min).getTime();
const touched = local(2025, 8, 19, 15, 0);

function viewOf(name: string): PageView {
  loadFixture(name);
  return extractGmail(document, { url: 'https://mail.google.com/mail/u/0/#inbox' });
}

describe('findReplies', () => {
  it('finds the real reply in a thread and skips auto-replies', () => {
    const view = viewOf('gmail-thread-reply.SYNTHETIC.html');
    const hits = findReplies(view, [
      { email: 'bob.buyer@example.org', lastTouchAt: local(2025, 8, 18, 9, 0) },
      { email: 'Carol.CFO@example.org', lastTouchAt: local(2025, 8, 18, 9, 0) },
    ]);
    expect(hits).toEqual([
      {
        email: 'bob.buyer@example.org',
        at: local(2025, 8, 20, 10, 15),
        threadId: 'thread-f:1841100000000000001',
        source: 'thread',
      },
    ]);
  });

  it('ignores messages older than the last touch', () => {
    const view = viewOf('gmail-thread-reply.SYNTHETIC.html');
    expect(
      findReplies(view, [{ email: 'bob.buyer@example.org', lastTouchAt: local(2025, 8, 20, 10, 15) }]),
    ).toEqual([]);
  });

  it('finds inbox replies: newer, not auto-replies, newest author only', () => {
    const view = viewOf('gmail-inbox-replies.SYNTHETIC.html');
    const enrolled = [
      'bob.buyer@example.org',
      'gina.growth@example.net',
      'dana.lead@example.net',
      'carol.cfo@example.org',
      'frank.founder@example.com',
      'erin.eng@example.org',
    ].map((email) => ({ email, lastTouchAt: touched }));
    expect(findReplies(view, enrolled)).toEqual([
      {
        email: 'gina.growth@example.net',
        at: local(2025, 8, 20, 11, 5),
        threadId: 'thread-f:1841100000000000020',
        source: 'inbox',
      },
      {
        email: 'bob.buyer@example.org',
        at: local(2025, 8, 20, 10, 15),
        threadId: 'thread-f:1841100000000000001',
        source: 'inbox',
      },
    ]);
  });

  it('keeps the newest hit per contact and the latest touch per contact', () => {
    const view = viewOf('gmail-inbox-replies.SYNTHETIC.html');
    const hits = findReplies(view, [
      { email: 'bob.buyer@example.org', lastTouchAt: local(2025, 8, 1, 0, 0) },
      { email: 'bob.buyer@example.org', lastTouchAt: local(2025, 8, 10, 0, 0) },
    ]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.at).toBe(local(2025, 8, 20, 10, 15));
  });

  it('skips messages without a date, and non-enrolled senders', () => {
    const view: PageView = {
      site: 'gmail',
      kind: 'thread',
      url: '',
      composes: [],
      inboxRows: [],
      problems: [],
      thread: {
        subject: 's',
        participants: [],
        messages: [
          { from: { email: 'a@example.com', name: '' }, isAutoReply: false },
          { from: { email: 'b@example.com', name: '' }, isAutoReply: false, at: 10 },
        ],
      },
    };
    expect(findReplies(view, [{ email: 'a@example.com', lastTouchAt: 0 }])).toEqual([]);
    expect(findReplies(view, [])).toEqual([]);
    expect(findReplies(null as unknown as PageView, [])).toEqual([]);
  });
});
