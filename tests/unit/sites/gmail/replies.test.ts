// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { detectReplyIntents } from '@/lib/cadence/keywords';
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
        // The reply's own words (the quoted history left out), for the keyword rules (#13).
        text: 'Thanks Jane, the revised pricing works for us. Friday is fine, send the paperwork over. Bob',
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
        text: 'Sounds good, let us talk on Monday.',
      },
      {
        email: 'bob.buyer@example.org',
        at: local(2025, 8, 20, 10, 15),
        threadId: 'thread-f:1841100000000000001',
        source: 'inbox',
        text: 'Thanks Jane, the revised pricing works for us.',
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

describe('reply text for the keyword rules (#13)', () => {
  const bob = [{ email: 'bob.buyer@example.org', lastTouchAt: local(2025, 8, 18, 9, 0) }];
  /** The thread fixture with Bob's reply body replaced (as markup the page could hold). */
  function threadWithReply(html: string): PageView {
    loadFixture('gmail-thread-reply.SYNTHETIC.html');
    const bodies = document.querySelectorAll('div.a3s');
    const reply = [...bodies].find((b) => b.textContent?.includes('Thanks Jane'));
    if (!reply) throw new Error('fixture changed: Bob’s reply not found');
    reply.innerHTML = html;
    return extractGmail(document, { url: 'https://mail.google.com/mail/u/0/#inbox/x' });
  }

  it.each([
    ['Please remove me from your list.<div class="gmail_quote">On Mon Jane wrote: call me</div>', 'opt-out'],
    ['Yes, call me tomorrow at <b>+1 202 555 0147</b>', 'call-me'],
    ['Kein Interesse, danke.', 'not-interested'],
  ])('%s -> %s', (html, intent) => {
    const [hit] = findReplies(threadWithReply(html), bob);
    expect(detectReplyIntents(hit!.text ?? '').map((m) => m.intent)).toContain(intent);
  });

  it('the quoted history never speaks for the contact, and markup is read as text only', () => {
    const [quoted] = findReplies(
      threadWithReply('Thanks!<blockquote>unsubscribe</blockquote><div class="gmail_quote">STOP</div>'),
      bob,
    );
    expect(quoted!.text).toBe('Thanks!');
    expect(detectReplyIntents(quoted!.text!)).toEqual([]);
    const [markup] = findReplies(
      threadWithReply('&lt;img src=x onerror=alert(1)&gt; sounds good<script>stop</script>'),
      bob,
    );
    expect(markup!.text).toBe('<img src=x onerror=alert(1)> sounds good');
  });
});
