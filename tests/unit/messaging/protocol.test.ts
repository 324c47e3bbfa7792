import { describe, expect, it } from 'vitest';
import { isRuntimeMessage, isTrustedSender, senderMayRequest } from '@/lib/messaging/protocol';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;

describe('isTrustedSender', () => {
  it('accepts our own pages and our content script on Gmail', () => {
    expect(isTrustedSender({ id: ID, url: `${ORIGIN}/popup.html` }, ID, ORIGIN)).toBe(true);
    expect(isTrustedSender({ id: ID, url: `${ORIGIN}/sidebar.html`, tab: { id: 3 } }, ID, ORIGIN)).toBe(true);
    expect(isTrustedSender({ id: ID, url: 'https://mail.google.com/mail/u/0/#inbox' }, ID, ORIGIN)).toBe(
      true,
    );
    expect(
      isTrustedSender(
        { id: ID, url: 'moz-extension://1234-abcd/sidebar.html' },
        ID,
        'moz-extension://1234-abcd',
      ),
    ).toBe(true);
  });

  it('refuses other extensions, whatever URL they claim', () => {
    expect(isTrustedSender({ id: 'other', url: `${ORIGIN}/popup.html` }, ID, ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: `${ORIGIN}/popup.html` }, ID, ORIGIN)).toBe(false);
    expect(isTrustedSender({ id: '', url: `${ORIGIN}/popup.html` }, '', ORIGIN)).toBe(false);
  });

  it('refuses look-alike hosts, other schemes and unparsable URLs', () => {
    for (const url of [
      'https://mail.google.com.evil.com/',
      'https://mail.google.com@evil.com/',
      'http://mail.google.com/',
      'https://evil.com/?https://mail.google.com/',
      'https://accounts.google.com/',
      `${ORIGIN}x/popup.html`,
      `chrome-extension://${ID.slice(0, -1)}/popup.html`,
      'about:blank',
      'data:text/html,hi',
      'not a url',
      '',
      undefined,
    ]) {
      expect(isTrustedSender({ id: ID, url }, ID, ORIGIN), String(url)).toBe(false);
    }
  });
});

describe('senderMayRequest', () => {
  it('lets extension pages send anything', () => {
    expect(senderMayRequest({ url: `${ORIGIN}/options.html` }, 'data.deleteAll', ORIGIN)).toBe(true);
    expect(senderMayRequest({ url: `${ORIGIN}/sidebar.html` }, 'enrol', ORIGIN)).toBe(true);
  });

  it('lets the Gmail content script, in the top frame of a tab, only report its page and sends', () => {
    const gmail = { url: 'https://mail.google.com/mail/u/0/', tab: { id: 5 }, frameId: 0 };
    expect(senderMayRequest(gmail, 'gmail.sent', ORIGIN)).toBe(true);
    expect(senderMayRequest(gmail, 'page.report', ORIGIN)).toBe(true);
    for (const type of [
      'data.deleteAll',
      'backup.restore',
      'settings.save',
      'enrol',
      'reply.log',
      'page.state',
      'page.command',
    ] as const) {
      expect(senderMayRequest(gmail, type, ORIGIN), type).toBe(false);
    }
    // An embedded frame, or a sender outside any tab, does not speak for the page.
    expect(senderMayRequest({ ...gmail, frameId: 2 }, 'page.report', ORIGIN)).toBe(false);
    expect(senderMayRequest({ url: gmail.url }, 'gmail.sent', ORIGIN)).toBe(false);
  });

  it('keeps page reports to content scripts and tab requests to pages in a tab', () => {
    const sidebar = { url: `${ORIGIN}/sidebar.html`, tab: { id: 5 }, frameId: 3 };
    expect(senderMayRequest(sidebar, 'page.report', ORIGIN)).toBe(false);
    expect(senderMayRequest(sidebar, 'page.state', ORIGIN)).toBe(true);
    expect(senderMayRequest(sidebar, 'page.command', ORIGIN)).toBe(true);
    expect(senderMayRequest({ url: `${ORIGIN}/popup.html` }, 'page.command', ORIGIN)).toBe(false);
  });

  it("lets only an extension page outside any tab (Chrome's side panel) name a tab", () => {
    const panel = { url: `${ORIGIN}/sidepanel.html` };
    expect(senderMayRequest(panel, 'panel.state', ORIGIN)).toBe(true);
    expect(senderMayRequest(panel, 'panel.command', ORIGIN)).toBe(true);
    // The sidebar framed in a site speaks only for its own tab; a content script for none.
    const sidebar = { url: `${ORIGIN}/sidebar.html`, tab: { id: 5 }, frameId: 3 };
    const gmail = { url: 'https://mail.google.com/mail/u/0/', tab: { id: 5 }, frameId: 0 };
    for (const type of ['panel.state', 'panel.command'] as const) {
      expect(senderMayRequest(sidebar, type, ORIGIN), type).toBe(false);
      expect(senderMayRequest(gmail, type, ORIGIN), type).toBe(false);
    }
  });
});

describe('isRuntimeMessage', () => {
  it('accepts a known type with an object payload', () => {
    expect(isRuntimeMessage({ type: 'badge.refresh', payload: {} })).toBe(true);
    expect(isRuntimeMessage({ type: 'touch.skip', payload: { touchId: 1, via: 'x' } })).toBe(true);
  });

  it('refuses anything else', () => {
    for (const value of [
      null,
      undefined,
      'enrol',
      42,
      [],
      {},
      { type: 'enrol' },
      { type: 'enrol', payload: null },
      { type: 'enrol', payload: 'x' },
      { type: 'unknown', payload: {} },
      { type: 'toString', payload: {} },
      { type: '__proto__', payload: {} },
      { type: ['enrol'], payload: {} },
      { type: 'ENROL', payload: {} },
    ]) {
      expect(isRuntimeMessage(value), JSON.stringify(value) ?? String(value)).toBe(false);
    }
  });
});
