// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { composeUrl, extractGmail, GMAIL_ATTR, insertIntoCompose, openCompose } from '@/lib/sites/gmail';
import { loadFixture } from './fixtures';

const bodies = () => Array.from(document.querySelectorAll<HTMLElement>('[g_editable="true"]'));
const subjects = () => Array.from(document.querySelectorAll<HTMLInputElement>('input[name="subjectbox"]'));

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('insertIntoCompose', () => {
  it('falls back to Range insertion (no execCommand in happy-dom), fires input, sets an empty subject', () => {
    loadFixture('gmail-compose-dialog-2020-10.html');
    const body = bodies()[0]!;
    const events: InputEvent[] = [];
    body.addEventListener('input', (e) => events.push(e as InputEvent));
    const r = insertIntoCompose(document, {
      body: 'Hi Bob,\n\nFollowing up <b>on</b> pricing & terms.',
      subject: 'Pricing',
      token: 'touch-42',
    });
    expect(r).toEqual({
      ok: true,
      composeId: 'msg-a:r-7673660351152959857',
      token: 'touch-42',
      via: 'range',
    });
    expect(body.textContent).toBe('Hi Bob,Following up <b>on</b> pricing & terms.');
    // Text is escaped, newlines are <br>, and the placeholder <br> of the empty body is replaced.
    expect(body.innerHTML).toBe('Hi Bob,<br><br>Following up &lt;b&gt;on&lt;/b&gt; pricing &amp; terms.');
    expect(body.querySelector('b')).toBeNull();
    expect(events).toHaveLength(1);
    expect(events[0]!.inputType).toBe('insertText');
    expect(events[0]!.bubbles).toBe(true);
    expect(subjects()[0]!.value).toBe('Pricing');
    expect(document.activeElement).toBe(body);
    expect(document.querySelector(`[${GMAIL_ATTR.draft}="touch-42"]`)?.classList.contains('M9')).toBe(true);
    expect(extractGmail(document).composes[0]).toMatchObject({
      draftToken: 'touch-42',
      bodyText: 'Hi Bob,\n\nFollowing up <b>on</b> pricing & terms.',
      subject: 'Pricing',
    });
  });

  it('uses execCommand when the browser has it', () => {
    loadFixture('gmail-compose-dialog-2020-10.html');
    const body = bodies()[0]!;
    const calls: [string, string | undefined][] = [];
    (document as unknown as { execCommand: unknown }).execCommand = (
      cmd: string,
      _ui: boolean,
      value?: string,
    ) => {
      calls.push([cmd, value]);
      const sel = window.getSelection()!;
      const range = sel.getRangeAt(0);
      range.deleteContents();
      const node =
        cmd === 'insertText' ? document.createTextNode(value ?? '') : document.createElement('div');
      range.insertNode(node);
      range.setStartAfter(node);
      range.collapse(true);
      return true;
    };
    try {
      const r = insertIntoCompose(document, { body: 'One\nTwo' });
      expect(r.ok && r.via).toBe('execCommand');
      expect(calls).toEqual([
        ['insertText', 'One'],
        ['insertParagraph', undefined],
        ['insertText', 'Two'],
      ]);
      expect(body.textContent).toContain('One');
      expect(r.ok && r.token).toMatch(/^tb-/);
    } finally {
      delete (document as unknown as { execCommand?: unknown }).execCommand;
    }
  });

  it('falls back when execCommand refuses', () => {
    loadFixture('gmail-compose-dialog-2020-10.html');
    (document as unknown as { execCommand: unknown }).execCommand = () => false;
    try {
      const r = insertIntoCompose(document, { body: 'Hello' });
      expect(r.ok && r.via).toBe('range');
      expect(bodies()[0]!.textContent).toBe('Hello');
    } finally {
      delete (document as unknown as { execCommand?: unknown }).execCommand;
    }
  });

  it('does not overwrite a subject that is already filled, nor a hidden one', () => {
    loadFixture('gmail-thread-with-compose.SYNTHETIC.html');
    insertIntoCompose(document, { body: 'x', subject: 'New subject' });
    expect(subjects()[0]!.value).toBe('Re: Quarterly pricing follow-up');

    loadFixture('gmail-thread-de.SYNTHETIC.html');
    const r = insertIntoCompose(document, { body: 'Hallo Bob', subject: 'Neuer Betreff' });
    expect(r.ok).toBe(true);
    expect(subjects()[0]!.value).toBe('');
    expect(bodies()[0]!.textContent).toBe('Hallo Bob');
  });

  it('targets the focused compose among several', () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    const [b1, b2, b3] = bodies();
    b2!.focus();
    const r = insertIntoCompose(document, { body: 'Quick question', subject: 'Q3' });
    expect(r.ok && r.composeId).toBe('msg-a:r-2222222222222222222');
    // Written above the signature, in the first empty line.
    expect(b2!.firstElementChild!.textContent).toBe('Quick question');
    expect(b2!.querySelector('.gmail_signature')!.textContent).toContain('Jane Seller');
    expect(b1!.textContent).toBe('');
    expect(b3!.textContent).toBe('Hi Carol and Dana,draft already started');
    expect(subjects()[1]!.value).toBe('Q3');
    expect(subjects()[0]!.value).toBe('');
  });

  it('targets a compose by id, appending after existing text', () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    bodies()[0]!.focus();
    const r = insertIntoCompose(document, { composeId: 'msg-a:r-3333333333333333333', body: 'More text' });
    expect(r.ok && r.composeId).toBe('msg-a:r-3333333333333333333');
    expect(bodies()[2]!.textContent).toBe('Hi Carol and Dana,draft already startedMore text');
    expect(bodies()[0]!.textContent).toBe('');
  });

  it('inserts at the caret when the user placed it in the body', () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    const b3 = bodies()[2]!;
    b3.focus();
    const firstLine = b3.firstElementChild!.firstChild as Text;
    const range = document.createRange();
    range.setStart(firstLine, 3);
    range.collapse(true);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    insertIntoCompose(document, { body: 'XX ' });
    expect(b3.firstElementChild!.textContent).toBe('Hi XX Carol and Dana,');
  });

  it('with no compose focused, picks the last one', () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    const r = insertIntoCompose(document, { body: 'x' });
    expect(r.ok && r.composeId).toBe('msg-a:r-3333333333333333333');
  });

  it('answers "not here" instead of throwing', () => {
    loadFixture('gmail-empty.html');
    expect(insertIntoCompose(document, { body: 'x' })).toEqual({
      ok: false,
      reason: { key: 'page_no_compose' },
    });
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    expect(insertIntoCompose(document, { composeId: 'gone', body: 'x' }).ok).toBe(false);
    expect(insertIntoCompose(null as unknown as Document, { body: 'x' }).ok).toBe(false);
  });
});

describe('openCompose', () => {
  it('uses the open compose and fills an empty To', async () => {
    loadFixture('gmail-compose-dialog-2020-10.html');
    const r = await openCompose(document, window, {
      to: ['bob.buyer@example.org'],
      subject: 'Hi',
      body: 'Hello',
    });
    expect(r.ok).toBe(true);
    expect((document.querySelector('textarea[name="to"]') as HTMLTextAreaElement).value).toBe(
      'bob.buyer@example.org',
    );
    expect(bodies()[0]!.textContent).toBe('Hello');
  });

  it('leaves existing recipients alone', async () => {
    loadFixture('gmail-thread-with-compose.SYNTHETIC.html');
    await openCompose(document, window, { to: ['x@example.com'], body: 'Hello' });
    expect((document.querySelector('input[peoplekit-id][role="combobox"]') as HTMLInputElement).value).toBe(
      '',
    );
  });

  it('clicks Compose and waits for the new window', async () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    const moles = document.querySelector('.no')!;
    const template = moles.children[0]!.cloneNode(true) as Element;
    moles.innerHTML = '';
    const button = document.querySelector('[gh="cm"]')!;
    const seen: string[] = [];
    button.addEventListener('mousedown', () => seen.push('mousedown'));
    button.addEventListener('click', () => {
      seen.push('click');
      setTimeout(() => moles.appendChild(template), 20);
    });
    const r = await openCompose(document, window, {
      to: ['dana.lead@example.net'],
      subject: 'Intro',
      body: 'Hello Dana',
    });
    expect(seen).toEqual(['mousedown', 'click']);
    expect(r).toMatchObject({ ok: true, composeId: 'msg-a:r-1111111111111111111' });
    const c = extractGmail(document).composes[0]!;
    expect(c.to.map((p) => p.email)).toEqual(['dana.lead@example.net']);
    expect(c.subject).toBe('Intro');
    expect(c.bodyText).toBe('Hello Dana');
  });

  it('times out when no compose appears, and fails without a Compose button', async () => {
    loadFixture('gmail-inbox-rows.SYNTHETIC.html');
    expect(await openCompose(document, window, { to: [], body: 'x' })).toEqual({
      ok: false,
      reason: { key: 'page_gmail_compose_button_missing' },
    });
    const b = document.createElement('div');
    b.setAttribute('gh', 'cm');
    b.setAttribute('role', 'button');
    document.body.appendChild(b);
    const r = await openCompose(document, window, { to: [], body: 'x', timeoutMs: 30 });
    expect(r).toEqual({ ok: false, reason: { key: 'page_compose_did_not_open' } });
  });
});

describe('composeUrl', () => {
  it('builds an encoded full-page compose URL', () => {
    expect(
      composeUrl({ to: ['a@example.com', 'b@example.org'], subject: 'Q3 & more', body: 'Line 1\nLine 2' }),
    ).toBe(
      'https://mail.google.com/mail/?view=cm&fs=1&to=a%40example.com%2Cb%40example.org&su=Q3%20%26%20more&body=Line%201%0ALine%202',
    );
    expect(composeUrl({ to: ['a@example.com'], account: 1 })).toBe(
      'https://mail.google.com/mail/u/1/?view=cm&fs=1&to=a%40example.com',
    );
  });
});
