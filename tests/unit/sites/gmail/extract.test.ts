// @vitest-environment happy-dom
import { english } from '@/lib/i18n/english';
import { beforeEach, describe, expect, it } from 'vitest';
import { extractGmail, GMAIL_ATTR, measureExtract } from '@/lib/sites/gmail';
import type { PageView } from '@/lib/sites/types';
import { FIXTURES, loadFixture } from './fixtures';

const URL_INBOX = 'https://mail.google.com/mail/u/0/#inbox';
const URL_THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx';

function read(name: string, url = 'https://mail.google.com/mail/u/0/'): PageView {
  loadFixture(name);
  return extractGmail(document, { url });
}

/** Local-time epoch, as Gmail renders dates in the browser's zone. */
const local = (y: number, m: number, d: number, h: number, min: number) =>
  new Date(y, m - 1, d, h, min).getTime();

beforeEach(() => {
  document.body.innerHTML = '';
  document.title = '';
});

describe('real 2014 inbox list capture', () => {
  it('finds 16 rows, each with a sender email and subject', () => {
    const v = read('gmail-inbox-list-2014-12-18.html', URL_INBOX);
    expect(v.kind).toBe('inbox');
    expect(v.inboxRows).toHaveLength(16);
    for (const r of v.inboxRows) {
      expect(r.from.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect(r.subject.length).toBeGreaterThan(0);
    }
    expect(v.inboxRows[0]).toMatchObject({
      from: { email: 'streak.web.test.1@gmail.com', name: 'me' },
      subject: 'aaa',
      unread: true,
      at: local(2014, 12, 18, 12, 35),
    });
    expect(v.inboxRows.some((r) => r.from.email === 'news@twilio.com')).toBe(true);
    // 2014 rows carry no thread-id spans.
    expect(v.inboxRows.every((r) => r.threadId === undefined)).toBe(true);
    expect(v.accountEmail).toBe('streak.web.test.1@gmail.com');
  });
});

describe('real 2020 classic compose capture', () => {
  it('finds the empty compose and its body element', () => {
    const v = read('gmail-compose-dialog-2020-10.html');
    expect(v.kind).toBe('compose');
    expect(v.composes).toHaveLength(1);
    const c = v.composes[0]!;
    expect(c).toMatchObject({ to: [], cc: [], subject: '', bodyText: '', inline: false });
    expect(c.id).toBe('msg-a:r-7673660351152959857');
    const root = document.querySelector(`[${GMAIL_ATTR.composeId}="${c.id}"]`);
    expect(root?.classList.contains('M9')).toBe(true);
    // The visible editable body, not the hidden plain-text textarea.
    expect(root?.querySelector('[g_editable="true"]')?.id).toBe(':8o');
  });

  it('reads classic recipients: hidden "Name <email>" inputs and typed text', () => {
    loadFixture('gmail-compose-dialog-2020-10.html');
    const to = document.querySelector('textarea[name="to"]') as HTMLTextAreaElement;
    const chip = document.createElement('div');
    chip.className = 'vR';
    chip.innerHTML = '<input type="hidden" name="to" value="Bob Buyer &lt;Bob.Buyer@Example.org&gt;">';
    to.parentElement!.appendChild(chip);
    to.value = 'carol.cfo@example.org, not an address';
    (document.querySelector('textarea[name="cc"]') as HTMLTextAreaElement).value =
      '"Dana" <dana@example.net>';
    const c = extractGmail(document).composes[0]!;
    expect(c.to).toEqual([
      { email: 'bob.buyer@example.org', name: 'Bob Buyer' },
      { email: 'carol.cfo@example.org', name: '' },
    ]);
    expect(c.cc).toEqual([{ email: 'dana@example.net', name: 'Dana' }]);
  });
});

describe('synthetic thread with compose', () => {
  it('reads subject, ids, participants, senders and chip recipients', () => {
    const v = read('gmail-thread-with-compose.SYNTHETIC.html', URL_THREAD);
    expect(v.kind).toBe('thread');
    expect(v.accountEmail).toBe('jane.seller@example.com');
    expect(v.problems.map(english)).toEqual([]);
    const t = v.thread!;
    expect(t.subject).toBe('Quarterly pricing follow-up');
    expect(t.id).toBe('thread-f:1840959905192440233');
    expect(t.legacyId).toBe('198c3f1d2a5b7e29');
    expect(t.participants.map((p) => p.email)).toEqual(['bob.buyer@example.org', 'carol.cfo@example.org']);
    expect(t.messages.map((m) => [m.id, m.from.email])).toEqual([
      ['msg-f:1840950000000000001', 'bob.buyer@example.org'],
      ['msg-f:1840959905192440233', 'bob.buyer@example.org'],
    ]);
    expect(t.messages[1]!.at).toBe(local(2025, 8, 19, 13, 19));
    expect(t.messages[1]!.snippet).toBe('Hi Jane, Could you send the revised Q3 pricing by Friday? Bob');
    expect(t.messages.every((m) => !m.isAutoReply)).toBe(true);
    expect(v.composes).toHaveLength(1);
    expect(v.composes[0]).toMatchObject({
      to: [
        { email: 'bob.buyer@example.org', name: 'Bob Buyer' },
        { email: 'carol.cfo@example.org', name: 'Carol CFO' },
      ],
      subject: 'Re: Quarterly pricing follow-up',
      bodyText: '',
      inline: false,
    });
  });

  it('keeps compose ids stable across extractions', () => {
    loadFixture('gmail-thread-with-compose.SYNTHETIC.html');
    const a = extractGmail(document).composes[0]!.id;
    (document.querySelector('input[name="draft"]') as HTMLInputElement).value = '#msg-a:r-changed';
    expect(extractGmail(document).composes[0]!.id).toBe(a);
  });

  it('measures extraction time with an injected clock', () => {
    loadFixture('gmail-thread-with-compose.SYNTHETIC.html');
    let t = 100;
    const { view, ms } = measureExtract(document, () => (t += 5));
    expect(view.kind).toBe('thread');
    expect(ms).toBe(5);
  });
});

describe('German UI (aria-labels are not the hook)', () => {
  it('gives the same kind of results as the English thread', () => {
    const v = read('gmail-thread-de.SYNTHETIC.html', URL_THREAD);
    expect(v.kind).toBe('thread');
    expect(v.problems.map(english)).toEqual([]);
    expect(v.accountEmail).toBe('jane.seller@example.com');
    const t = v.thread!;
    expect(t.subject).toBe('Preisangebot Q3 – Rückfrage');
    expect(t.id).toBe('thread-f:1841000000000000777');
    expect(t.participants.map((p) => p.email)).toEqual(['bob.buyer@example.org', 'carol.cfo@example.org']);
    expect(t.messages.map((m) => m.from.email)).toEqual(['bob.buyer@example.org', 'bob.buyer@example.org']);
    expect(t.messages.map((m) => m.at)).toEqual([local(2025, 8, 18, 9, 2), local(2025, 8, 19, 13, 19)]);
    // The inline reply sits inside the message; it must not become a message or a participant source.
    expect(v.composes).toHaveLength(1);
    expect(v.composes[0]).toMatchObject({
      inline: true,
      to: [{ email: 'bob.buyer@example.org', name: 'Bob Buyer' }],
      cc: [{ email: 'carol.cfo@example.org', name: 'Carol CFO' }],
      subject: 'Re: Preisangebot Q3 – Rückfrage',
      bodyText: '',
    });
  });
});

describe('multiple compose windows', () => {
  it('finds all three with distinct ids and marks the focused one', () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    const bodies = document.querySelectorAll<HTMLElement>('[g_editable="true"]');
    bodies[1]!.focus();
    const v = extractGmail(document, { url: `${URL_INBOX}?compose=new` });
    expect(v.kind).toBe('inbox');
    expect(v.composes.map((c) => c.id)).toEqual([
      'msg-a:r-1111111111111111111',
      'msg-a:r-2222222222222222222',
      'msg-a:r-3333333333333333333',
    ]);
    expect(v.composes.map((c) => c.focused)).toEqual([false, true, false]);
    expect(v.composes[1]!.to.map((p) => p.email)).toEqual(['bob.buyer@example.org']);
    expect(v.composes[1]!.bodyText).toBe('');
    expect(v.composes[2]).toMatchObject({
      subject: 'Intro call next week?',
      bodyText: 'Hi Carol and Dana,\ndraft already started',
    });
    expect(v.composes[2]!.to.map((p) => p.email)).toEqual(['carol.cfo@example.org', 'dana.lead@example.net']);
  });

  it('remembers the compose focused last when focus leaves Gmail', () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    const roots = document.querySelectorAll('.M9');
    roots[2]!.setAttribute(GMAIL_ATTR.focusSeq, '4');
    roots[0]!.setAttribute(GMAIL_ATTR.focusSeq, '9');
    (document.activeElement as HTMLElement | null)?.blur();
    expect(extractGmail(document).composes.map((c) => c.focused)).toEqual([true, false, false]);
  });

  it('gives colliding ids a suffix', () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    for (const i of document.querySelectorAll<HTMLInputElement>('input[name="draft"]'))
      i.value = '#msg-a:r-1';
    const ids = extractGmail(document).composes.map((c) => c.id);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('thread with replies and auto-replies', () => {
  it('flags the auto-replies and keeps the real reply', () => {
    const v = read('gmail-thread-reply.SYNTHETIC.html', URL_THREAD);
    const msgs = v.thread!.messages;
    expect(msgs.map((m) => [m.from.email, m.isAutoReply])).toEqual([
      ['jane.seller@example.com', false],
      ['bob.buyer@example.org', true],
      ['carol.cfo@example.org', true],
      ['bob.buyer@example.org', false],
    ]);
    expect(msgs[3]!.at).toBe(local(2025, 8, 20, 10, 15));
    // Quoted history is not part of the snippet.
    expect(msgs[3]!.snippet).not.toContain('wrote');
  });
});

describe('inbox rows', () => {
  it('reads thread ids, unread state and dates, including U+202F before AM', () => {
    const v = read('gmail-inbox-replies.SYNTHETIC.html', URL_INBOX);
    expect(v.kind).toBe('inbox');
    expect(v.inboxRows).toHaveLength(8);
    expect(v.inboxRows[0]).toEqual({
      from: { email: 'bob.buyer@example.org', name: 'Bob Buyer' },
      subject: 'Re: Quarterly pricing follow-up',
      unread: true,
      threadId: 'thread-f:1841100000000000001',
      at: local(2025, 8, 20, 10, 15),
      // The list's preview of the newest message, without Gmail's " - " separator (issue #13).
      snippet: 'Thanks Jane, the revised pricing works for us.',
    });
    expect(v.inboxRows[1]!.at).toBe(local(2025, 8, 20, 11, 5));
    // "Frank, me": we wrote last.
    expect(v.inboxRows[4]!.from.email).toBe('jane.seller@example.com');
    expect(v.inboxRows[3]!.unread).toBe(false);
  });

  it('reads the original synthetic rows', () => {
    const v = read('gmail-inbox-rows.SYNTHETIC.html', URL_INBOX);
    expect(v.inboxRows.map((r) => [r.from.email, r.threadId, r.unread])).toEqual([
      ['bob.buyer@example.org', 'thread-f:1840959905192440233', true],
      ['dana.lead@example.net', 'thread-f:1840900000000000002', false],
    ]);
  });
});

describe('not Gmail, or not yet', () => {
  it('empty page: unknown with a problem, no exception', () => {
    const v = read('gmail-empty.html');
    expect(v.kind).toBe('unknown');
    expect(v.problems.length).toBeGreaterThan(0);
    expect(v.thread).toBeUndefined();
    expect(v.composes).toEqual([]);
    expect(v.inboxRows).toEqual([]);
  });

  it('says so when the route names a conversation that has not rendered', () => {
    const v = read('gmail-empty.html', URL_THREAD);
    expect(v.kind).toBe('unknown');
    expect(v.problems.map(english).join(' ')).toMatch(/conversation/);
  });

  it('never throws, even on a document without a body', () => {
    const doc = document.implementation.createHTMLDocument('x');
    doc.documentElement.removeChild(doc.body);
    expect(extractGmail(doc).kind).toBe('unknown');
    expect(extractGmail(null as unknown as Document).kind).toBe('unknown');
  });

  it('every fixture yields a JSON-safe view', () => {
    for (const f of FIXTURES) {
      const v = read(f);
      expect(JSON.parse(JSON.stringify(v))).toEqual(v);
    }
  });
});
