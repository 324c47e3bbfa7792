// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { insertIntoCompose, watchSendPresses } from '@/lib/sites/gmail';
import type { SendEvent } from '@/lib/sites/types';
import { loadFixture } from './fixtures';

const press = (el: Element) => {
  for (const type of ['mousedown', 'mouseup', 'click']) {
    el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
  }
};

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  document.body.innerHTML = '';
});

describe('watchSendPresses', () => {
  it('reports a click on Send once, with the text captured before Gmail removes the compose', () => {
    loadFixture('gmail-thread-with-compose.SYNTHETIC.html');
    const sends: SendEvent[] = [];
    stop = watchSendPresses(document, (e) => sends.push(e));
    const r = insertIntoCompose(document, { body: 'Here is the revised quote.', token: 't-1' });
    expect(r.ok).toBe(true);
    // The synthetic thread has no bottom bar; add Gmail's send button shape to its compose.
    const send = document.createElement('div');
    send.className = 'T-I J-J5-Ji aoO v7 T-I-atl L3';
    send.setAttribute('role', 'button');
    send.innerHTML = '<span>Send</span>';
    document.querySelector('.M9 .iN')!.appendChild(send);
    // Gmail removes the compose as soon as it handles the click; our capture listener runs first.
    send.addEventListener('click', () => document.querySelector('.M9')?.remove());
    press(send.firstElementChild!);
    press(send);
    expect(document.querySelector('.M9')).toBeNull();
    expect(sends).toEqual([
      {
        composeId: 'msg-a:r-1234567890123456789',
        token: 't-1',
        to: ['bob.buyer@example.org', 'carol.cfo@example.org'],
        cc: [],
        bcc: [],
        subject: 'Re: Quarterly pricing follow-up',
        bodyText: 'Here is the revised quote.',
      },
    ]);
  });

  it('still reports when the compose vanishes at mousedown and the press ends elsewhere', () => {
    loadFixture('gmail-compose-dialog-2020-10.html');
    const sends: SendEvent[] = [];
    stop = watchSendPresses(document, (e) => sends.push(e));
    (document.querySelector('textarea[name="to"]') as HTMLTextAreaElement).value = 'bob.buyer@example.org';
    insertIntoCompose(document, { body: 'Hello', token: 't-9' });
    const send = document.querySelector('[role="button"].aoO')!;
    send.addEventListener('mousedown', () => document.querySelector('.M9')?.remove());
    send.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    document.body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    expect(sends.map((s) => [s.token, s.bodyText])).toEqual([['t-9', 'Hello']]);
  });

  it('does not report a press on Send that is dragged away while the compose stays', () => {
    loadFixture('gmail-compose-dialog-2020-10.html');
    const sends: SendEvent[] = [];
    stop = watchSendPresses(document, (e) => sends.push(e));
    (document.querySelector('textarea[name="to"]') as HTMLTextAreaElement).value = 'bob.buyer@example.org';
    insertIntoCompose(document, { body: 'Hello', token: 't-10' });
    document
      .querySelector('[role="button"].aoO')!
      .dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    document.body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(sends).toEqual([]);
  });

  it('works on the real 2020 compose send button and with a localised (German) one', () => {
    loadFixture('gmail-compose-dialog-2020-10.html');
    const sends: SendEvent[] = [];
    stop = watchSendPresses(document, (e) => sends.push(e));
    (document.querySelector('textarea[name="to"]') as HTMLTextAreaElement).value = 'bob.buyer@example.org';
    insertIntoCompose(document, { body: 'Hello', token: 't-2' });
    press(document.querySelector('[role="button"].aoO')!);
    expect(sends.map((s) => [s.token, s.to, s.bodyText])).toEqual([
      ['t-2', ['bob.buyer@example.org'], 'Hello'],
    ]);
    stop();

    loadFixture('gmail-thread-de.SYNTHETIC.html');
    stop = watchSendPresses(document, (e) => sends.push(e));
    insertIntoCompose(document, { body: 'Hallo Bob', token: 't-3' });
    press(document.querySelector('[aria-label^="Senden"]')!);
    expect(sends[1]).toMatchObject({
      token: 't-3',
      to: ['bob.buyer@example.org'],
      cc: ['carol.cfo@example.org'],
    });
  });

  it('reports Ctrl/Cmd+Enter inside the compose, only for the compose holding our draft', () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    const sends: SendEvent[] = [];
    stop = watchSendPresses(document, (e) => sends.push(e));
    const bodies = document.querySelectorAll<HTMLElement>('[g_editable="true"]');
    bodies[1]!.focus();
    insertIntoCompose(document, { body: 'Drafted', token: 't-4' });
    bodies[2]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    expect(sends).toEqual([]);
    bodies[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(sends).toEqual([]);
    bodies[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', metaKey: true, bubbles: true }));
    bodies[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    expect(sends.map((s) => [s.composeId, s.token, s.to])).toEqual([
      ['msg-a:r-2222222222222222222', 't-4', ['bob.buyer@example.org']],
    ]);
  });

  it('ignores sends without our draft, "more send options", sends without recipients, and stops', () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    const sends: SendEvent[] = [];
    stop = watchSendPresses(document, (e) => sends.push(e));
    const buttons = document.querySelectorAll('[role="button"].aoO');
    press(buttons[2]!); // compose 3 holds no draft of ours
    insertIntoCompose(document, { composeId: 'msg-a:r-3333333333333333333', body: 'x', token: 't-5' });
    press(document.querySelectorAll('[role="button"].hG')[2]!);
    insertIntoCompose(document, { composeId: 'msg-a:r-1111111111111111111', body: 'x', token: 't-6' });
    press(buttons[0]!); // compose 1 has no recipients: Gmail would refuse
    expect(sends).toEqual([]);
    stop();
    stop = undefined;
    press(buttons[2]!);
    expect(sends).toEqual([]);
  });

  it('survives a throwing listener', () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    stop = watchSendPresses(document, () => {
      throw new Error('listener bug');
    });
    insertIntoCompose(document, { composeId: 'msg-a:r-3333333333333333333', body: 'x', token: 't-7' });
    expect(() => press(document.querySelectorAll('[role="button"].aoO')[2]!)).not.toThrow();
  });
});
