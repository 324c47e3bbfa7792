// @vitest-environment happy-dom
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { insertIntoCompose, parseScheduledTime, readSendToast, watchSends } from '@/lib/sites/gmail';
import type { SendEvent } from '@/lib/sites/types';
import { fixtureHtml } from './fixtures';

const FIXTURE = 'gmail-compose-send.SYNTHETIC.html';
const NOW = new Date(2026, 11, 1, 10, 0).getTime();

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  document.body.innerHTML = '';
});

/** The fixture without its script (Gmail's part is played by the test), with one compose open. */
function load(): void {
  const parsed = new DOMParser().parseFromString(fixtureHtml(FIXTURE), 'text/html');
  for (const s of Array.from(parsed.querySelectorAll('script'))) s.remove();
  document.body.innerHTML = parsed.body.innerHTML;
  openCompose();
}

function tpl(id: string): Element {
  const t = document.getElementById(id) as HTMLTemplateElement;
  return (t.content.firstElementChild as Element).cloneNode(true) as Element;
}

function openCompose(): Element {
  const c = tpl('tpl-compose');
  document.getElementById('moles')!.appendChild(c);
  return c;
}

function addRecipient(field: 'to' | 'cc' | 'bcc', email: string): void {
  const chip = tpl('tpl-chip');
  chip.setAttribute('data-hovercard-id', email);
  const moles = document.getElementById('moles')!;
  moles.lastElementChild!.querySelector(`[name="${field}"] [role="listbox"]`)!.appendChild(chip);
}

function showToast(id: string, when?: string): void {
  const toast = document.getElementById('toast')!;
  toast.replaceChildren(tpl(id));
  if (when) toast.querySelector('.when')!.textContent = when;
  (document.querySelector('.b8') as HTMLElement).hidden = false;
}

function press(el: Element): void {
  for (const type of ['mousedown', 'mouseup', 'click']) {
    el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
  }
}

/** Gmail's part: the compose closes at once and the "Sending…" toast shows. */
function clickSend(): void {
  const send = document.querySelector('#moles [role="button"].aoO')!;
  send.addEventListener('click', () => {
    send.closest('.nn')?.remove();
    showToast('tpl-sending');
  });
  press(send);
}

const flush = () => new Promise((r) => setTimeout(r, 0));

interface Timers {
  set: (fn: () => void, ms: number) => number;
  clear: (id: unknown) => void;
  fire: () => void;
}
function fakeTimers(): Timers {
  const fns = new Map<number, () => void>();
  let n = 0;
  return {
    set: (fn) => {
      n += 1;
      fns.set(n, fn);
      return n;
    },
    clear: (id) => fns.delete(id as number),
    fire: () => {
      for (const [id, fn] of [...fns]) {
        fns.delete(id);
        fn();
      }
    },
  };
}

function watch(sends: SendEvent[], timers = fakeTimers()): Timers {
  stop = watchSends(document, (e) => sends.push(e), {
    now: () => NOW,
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  return timers;
}

describe('watchSends: Gmail confirms before a touch counts', () => {
  it('reports the send only once the undo window has closed', async () => {
    load();
    addRecipient('to', 'bob.buyer@example.org');
    addRecipient('cc', 'carol.cfo@example.org');
    const sends: SendEvent[] = [];
    watch(sends);
    expect(insertIntoCompose(document, { body: 'Hello Bob', subject: 'Pricing', token: '12' }).ok).toBe(true);
    clickSend();
    await flush();
    expect(sends).toEqual([]);
    showToast('tpl-sent');
    await flush();
    expect(sends).toEqual([]);
    document.getElementById('link_undo')!.remove();
    await flush();
    expect(sends).toEqual([
      {
        composeId: 'msg-a:r-7777777777777777777',
        token: '12',
        to: ['bob.buyer@example.org'],
        cc: ['carol.cfo@example.org'],
        bcc: [],
        subject: 'Pricing',
        bodyText: 'Hello Bob',
      },
    ]);
  });

  it('also when the whole toast goes at the end of the window', async () => {
    load();
    addRecipient('to', 'bob.buyer@example.org');
    const sends: SendEvent[] = [];
    watch(sends);
    insertIntoCompose(document, { body: 'Hi', token: '13' });
    clickSend();
    showToast('tpl-sent');
    await flush();
    document.getElementById('toast')!.replaceChildren();
    await flush();
    expect(sends.map((s) => s.token)).toEqual(['13']);
  });

  it('never reports a send the rep undid (the Undo link or the z shortcut)', async () => {
    for (const how of ['click', 'key-z', 'key-enter'] as const) {
      load();
      addRecipient('to', 'bob.buyer@example.org');
      const sends: SendEvent[] = [];
      watch(sends);
      insertIntoCompose(document, { body: 'Hi', token: '14' });
      clickSend();
      showToast('tpl-sent');
      await flush();
      const undo = document.getElementById('link_undo')!;
      if (how === 'click') press(undo);
      else if (how === 'key-enter')
        undo.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      else document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', bubbles: true }));
      showToast('tpl-undone');
      await flush();
      document.getElementById('toast')!.replaceChildren();
      await flush();
      expect(sends, how).toEqual([]);
      stop?.();
      stop = undefined;
    }
  });

  it('a "z" typed into the compose is not an undo', async () => {
    load();
    addRecipient('to', 'bob.buyer@example.org');
    const sends: SendEvent[] = [];
    watch(sends);
    insertIntoCompose(document, { body: 'Hi', token: '15' });
    clickSend();
    openCompose();
    showToast('tpl-sent');
    await flush();
    const body = document.querySelector<HTMLElement>('#moles [g_editable]')!;
    body.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', bubbles: true }));
    document.getElementById('link_undo')!.remove();
    await flush();
    expect(sends.map((s) => s.token)).toEqual(['15']);
  });

  it('recognises a Bcc-only send', async () => {
    load();
    addRecipient('bcc', 'bob.buyer@example.org');
    const sends: SendEvent[] = [];
    watch(sends);
    insertIntoCompose(document, { body: 'Hi', token: '16' });
    clickSend();
    showToast('tpl-sent');
    await flush();
    document.getElementById('link_undo')!.remove();
    await flush();
    expect(sends.map((s) => [s.to, s.cc, s.bcc])).toEqual([[[], [], ['bob.buyer@example.org']]]);
  });

  it('reads a scheduled send from the toast (Schedule send in the send options)', async () => {
    load();
    addRecipient('to', 'bob.buyer@example.org');
    const sends: SendEvent[] = [];
    watch(sends);
    insertIntoCompose(document, { body: 'Hi', token: '17' });
    // The menu and its picker live outside the compose; picking a time closes the compose.
    press(document.querySelector('#moles [role="button"].hG')!);
    document.querySelector('#moles .nn')!.remove();
    await flush();
    showToast('tpl-scheduled', 'Wed, Dec 2, 8:00 AM');
    await flush();
    expect(sends).toEqual([]);
    document.getElementById('link_undo')!.remove();
    await flush();
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ token: '17', to: ['bob.buyer@example.org'] });
    expect(sends[0]?.scheduledAt).toBe(new Date(2026, 11, 2, 8, 0).getTime());
  });

  it('settles a send whose toast never showed: closed compose = sent, open compose = refused', async () => {
    load();
    addRecipient('to', 'bob.buyer@example.org');
    const sends: SendEvent[] = [];
    const timers = watch(sends);
    insertIntoCompose(document, { body: 'Hi', token: '18' });
    const send = document.querySelector('#moles [role="button"].aoO')!;
    press(send); // Gmail refused (say, a bad address): the compose stays
    timers.fire();
    expect(sends).toEqual([]);
    stop?.();

    load();
    addRecipient('to', 'bob.buyer@example.org');
    const timers2 = watch(sends);
    insertIntoCompose(document, { body: 'Hi', token: '19' });
    const send2 = document.querySelector('#moles [role="button"].aoO')!;
    send2.addEventListener('click', () => send2.closest('.nn')?.remove());
    press(send2);
    timers2.fire();
    expect(sends.map((s) => s.token)).toEqual(['19']);
  });

  it('never throws into the page when nodes vanish at random', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), async (picks) => {
        load();
        addRecipient('to', 'bob.buyer@example.org');
        const sends: SendEvent[] = [];
        const timers = watch(sends);
        insertIntoCompose(document, { body: 'Hi', token: '20' });
        clickSend();
        showToast('tpl-sent');
        const nodes = Array.from(document.body.querySelectorAll('*'));
        for (const p of picks) nodes[p % nodes.length]?.remove();
        await flush();
        expect(() => readSendToast(document, NOW)).not.toThrow();
        document.getElementById('link_undo')?.remove();
        await flush();
        timers.fire();
        expect(sends.length).toBeLessThanOrEqual(1);
        stop?.();
        stop = undefined;
      }),
      { numRuns: 40 },
    );
  });
});

describe('readSendToast', () => {
  it('tells sent, scheduled, undone and nothing apart', () => {
    load();
    expect(readSendToast(document, NOW)).toBeNull();
    showToast('tpl-sending');
    expect(readSendToast(document, NOW)).toBeNull();
    showToast('tpl-sent');
    expect(readSendToast(document, NOW)).toEqual({ undo: true, view: true });
    showToast('tpl-scheduled', 'Wed, Dec 2, 8:00 AM');
    expect(readSendToast(document, NOW)).toEqual({
      undo: true,
      view: true,
      scheduledAt: new Date(2026, 11, 2, 8, 0).getTime(),
    });
    showToast('tpl-undone');
    expect(readSendToast(document, NOW)).toBeNull();
  });
});

describe('parseScheduledTime', () => {
  it('reads the toast time in the local zone, picking the next such date without a year', () => {
    expect(parseScheduledTime('Send scheduled for Wed, Dec 2, 8:00 AM', NOW)).toBe(
      new Date(2026, 11, 2, 8, 0).getTime(),
    );
    expect(parseScheduledTime('Send scheduled for Mon, Jan 4, 1:30 PM', NOW)).toBe(
      new Date(2027, 0, 4, 13, 30).getTime(),
    );
    expect(parseScheduledTime('Send scheduled for Tue, Dec 1, 2026, 6:00 PM', NOW)).toBe(
      new Date(2026, 11, 1, 18, 0).getTime(),
    );
    expect(parseScheduledTime('Send scheduled for tomorrow, 8:00 AM', NOW)).toBe(
      new Date(2026, 11, 2, 8, 0).getTime(),
    );
    for (const none of ['Message sent', 'Sending…', '', undefined, 'Sending undone.']) {
      expect(parseScheduledTime(none, NOW)).toBeUndefined();
    }
  });
});
