import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '@/entrypoints/background/handlers';
import { registerMessaging } from '@/entrypoints/background/messaging';
import { registerPageTabs } from '@/entrypoints/background/page-tabs';
import { pageStateKey, watchPageState } from '@/lib/messaging/page-channel';
import type { PageState } from '@/lib/messaging/protocol';
import type { PageView } from '@/lib/sites/types';

const ID = fakeBrowser.runtime.id;
const SIDEBAR = (tabId: number) => ({
  id: ID,
  url: fakeBrowser.runtime.getURL('/sidebar.html'),
  tab: { id: tabId },
  frameId: 4,
});
const CONTENT = (tabId: number, frameId = 0) => ({
  id: ID,
  url: 'https://mail.google.com/mail/u/0/#inbox',
  tab: { id: tabId },
  frameId,
});
const POPUP = { id: ID, url: fakeBrowser.runtime.getURL('/popup.html') };

const VIEW: PageView = {
  site: 'gmail',
  kind: 'inbox',
  url: 'https://mail.google.com/mail/u/0/#inbox',
  composes: [],
  inboxRows: [{ from: { email: 'ada@example.com', name: 'Ada' }, subject: 'Hi', at: 1, unread: true }],
  problems: [],
};

async function send(message: unknown, sender: object): Promise<unknown> {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender);
  return answers.find((a: unknown) => a !== undefined);
}

const report = (state: Record<string, unknown>) => ({
  type: 'page.report',
  payload: { session: 's1', collapsed: false, ...state },
});

beforeAll(() => {
  registerMessaging(handleMessage);
  registerPageTabs();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the page channel', () => {
  it('keeps a content script report under the sender tab, and gives it to the sidebar in that tab only', async () => {
    expect(await send(report({ view: VIEW, theme: 'dark' }), CONTENT(7))).toEqual({
      ok: true,
      data: { ok: true },
    });
    expect(await send({ type: 'page.state', payload: {} }, SIDEBAR(7))).toEqual({
      ok: true,
      data: { tabId: 7, state: { session: 's1', collapsed: false, view: VIEW, theme: 'dark' } },
    });
    expect(await send({ type: 'page.state', payload: {} }, SIDEBAR(8))).toEqual({
      ok: true,
      data: { tabId: 8, state: null },
    });
  });

  it('refuses reports from extension pages, embedded frames and senders without a tab', async () => {
    const forged = report({ view: { ...VIEW, url: 'https://mail.google.com/forged' } });
    expect(await send(forged, SIDEBAR(9))).toBeUndefined();
    expect(await send(forged, POPUP)).toBeUndefined();
    expect(await send(forged, CONTENT(9, 3))).toBeUndefined();
    expect(await send(forged, { id: ID, url: 'https://mail.google.com/' })).toBeUndefined();
    expect(await send(forged, { ...CONTENT(9), id: 'another-extension' })).toBeUndefined();
    expect(await send(forged, { ...CONTENT(9), url: 'https://evil.example/' })).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).not.toHaveProperty('page.9');
  });

  it('never lets a content script read the state or send commands', async () => {
    expect(await send({ type: 'page.state', payload: {} }, CONTENT(7))).toBeUndefined();
    const cmd = { type: 'page.command', payload: { command: { kind: 'collapse', collapsed: true } } };
    expect(await send(cmd, CONTENT(7))).toBeUndefined();
    // The popup is in no tab: it has no page to ask about.
    expect(await send({ type: 'page.state', payload: {} }, POPUP)).toBeUndefined();
  });

  it('stores a CRM record view', async () => {
    const record = {
      ref: { site: 'hubspot', key: 'hubspot:1:2', isPerson: true, portal: '1', objectType: '0-1', id: '2' },
      keys: ['hubspot:1:2'],
      name: 'Ada Lovelace',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Engines',
      title: '',
      emails: ['ada@example.com'],
      phones: [],
      linkedinUrl: '',
    };
    const view = { ...VIEW, site: 'hubspot', kind: 'record', record, recordRef: record.ref, inboxRows: [] };
    expect(await send(report({ view }), CONTENT(13))).toEqual({ ok: true, data: { ok: true } });
  });

  it('refuses a malformed report whole', async () => {
    for (const bad of [
      report({ view: { ...VIEW, kind: 'evil' } }),
      report({ view: { ...VIEW, composes: 'x' } }),
      report({ view: { ...VIEW, inboxRows: [{ from: { email: 1 }, subject: 'x' }] } }),
      // Reply text is plain text or nothing (#13): not an object a page could dress up.
      report({ view: { ...VIEW, inboxRows: [{ ...VIEW.inboxRows[0], snippet: { html: '<b>STOP</b>' } }] } }),
      report({
        view: {
          ...VIEW,
          thread: {
            subject: 's',
            messages: [{ from: VIEW.inboxRows[0]?.from, isAutoReply: false, snippet: 7 }],
            participants: [],
          },
        },
      }),
      report({
        view: {
          ...VIEW,
          thread: { subject: 's', messages: [{ from: VIEW.inboxRows[0]?.from }], participants: [] },
        },
      }),
      report({ view: { ...VIEW, kind: 'record', record: { ref: {}, keys: [], name: 'x' } } }),
      report({ theme: 'neon' as 'dark' }),
      { type: 'page.report', payload: { collapsed: false } },
      { type: 'page.report', payload: { session: 's', collapsed: 'yes' } },
    ]) {
      expect(await send(bad, CONTENT(11)), JSON.stringify(bad)).toMatchObject({ ok: false });
    }
    expect(await fakeBrowser.storage.session.get(pageStateKey(11).slice('session:'.length))).toEqual({});
  });

  it('forwards a sidebar command to the top frame of its own tab and returns the answer', async () => {
    const sendMessage = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockResolvedValue({ ok: true, composeId: 'c1', extra: 'dropped' } as never);
    const command = { kind: 'insert', body: 'Hello', token: '3' };
    expect(await send({ type: 'page.command', payload: { command } }, SIDEBAR(7))).toEqual({
      ok: true,
      data: { ok: true, composeId: 'c1' },
    });
    expect(sendMessage).toHaveBeenCalledWith(7, { tbCommand: command }, { frameId: 0 });
  });

  it('answers plainly when the tab has no content script', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    const answer = await send(
      { type: 'page.command', payload: { command: { kind: 'collapse', collapsed: true } } },
      SIDEBAR(7),
    );
    expect(answer).toMatchObject({
      ok: true,
      data: { ok: false, reason: expect.stringContaining('Reload') },
    });
  });

  it('refuses unknown commands', async () => {
    const spy = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    for (const command of [{ kind: 'eval', code: 'x' }, { kind: 'insert' }, { kind: 'collapse' }, null]) {
      expect(await send({ type: 'page.command', payload: { command } }, SIDEBAR(7))).toMatchObject({
        ok: false,
      });
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('tells a watching sidebar about each new report, and forgets a closed tab', async () => {
    const seen: (PageState | null)[] = [];
    // The sidebar's way: ask the background, as the sidebar in tab 12.
    const fetchState = async () =>
      (
        (await send({ type: 'page.state', payload: {} }, SIDEBAR(12))) as {
          data: { state: PageState | null };
        }
      ).data.state;
    const stop = watchPageState(12, (s) => seen.push(s), fetchState);
    await send(report({ view: VIEW }), CONTENT(12));
    await vi.waitFor(() => expect(seen.at(-1)?.view).toEqual(VIEW));
    // Another tab's report is not this sidebar's business.
    const count = seen.length;
    await send(report({ session: 'other', collapsed: true }), CONTENT(13));
    await send(report({ session: 's2', collapsed: true }), CONTENT(12));
    // A new session (the page reloaded) replaces the old view instead of keeping it.
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ session: 's2', collapsed: true }));
    expect(seen.slice(count).some((s) => s?.session === 'other')).toBe(false);
    stop();
    await fakeBrowser.tabs.onRemoved.trigger(12, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () =>
      expect(await send({ type: 'page.state', payload: {} }, SIDEBAR(12))).toEqual({
        ok: true,
        data: { tabId: 12, state: null },
      }),
    );
  });
});
