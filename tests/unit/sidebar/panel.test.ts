import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageState } from '@/lib/messaging/protocol';
import { prefersPanel, stateForTab, withPanelChoice } from '@/lib/sidebar/panel';
import type { PageView } from '@/lib/sites/types';

const view = (url: string): PageView => ({
  site: 'gmail',
  kind: 'thread',
  url,
  composes: [],
  inboxRows: [],
  problems: [],
});
const state = (url?: string): PageState => ({
  session: 's1',
  collapsed: false,
  ...(url ? { view: view(url) } : {}),
});

describe('stateForTab', () => {
  it('shows the report of the page the tab is on', () => {
    const s = state('https://mail.google.com/mail/u/0/#inbox/abc');
    expect(stateForTab(s, 'https://mail.google.com/mail/u/0/#inbox/abc')).toBe(s);
    // A move inside Gmail the report has not caught up with yet is still Gmail.
    expect(stateForTab(s, 'https://mail.google.com/mail/u/0/#sent')).toBe(s);
    // Not read yet: the panel waits with the report (it says the page is loading).
    const early = state();
    expect(stateForTab(early, 'https://mail.google.com/mail/u/0/')).toBe(early);
  });

  it('trusts a live report when the browser withholds the address (Gmail without `tabs`)', () => {
    const s = state('https://mail.google.com/mail/u/0/#inbox/abc');
    expect(stateForTab(s, undefined)).toBe(s);
    expect(stateForTab(s, '')).toBe(s);
  });

  it('shows nothing for a report another origin made, or no report', () => {
    const s = state('https://mail.google.com/mail/u/0/#inbox/abc');
    expect(stateForTab(s, 'https://example.com/')).toBeNull();
    expect(stateForTab(s, 'https://mail.google.com.evil.test/mail/')).toBeNull();
    expect(stateForTab(s, 'http://mail.google.com/mail/')).toBeNull();
    expect(stateForTab(s, 'not a url')).toBeNull();
    expect(stateForTab(null, 'https://mail.google.com/mail/u/0/')).toBeNull();
  });
});

describe('withPanelChoice / prefersPanel', () => {
  it('adds and removes one site, keeping the others', () => {
    const a = withPanelChoice([], 'gmail', true);
    expect(a).toEqual(['gmail']);
    const b = withPanelChoice(a, 'hubspot', true);
    expect(b).toEqual(['gmail', 'hubspot']);
    expect(withPanelChoice(b, 'gmail', false)).toEqual(['hubspot']);
    expect(prefersPanel(b, 'hubspot')).toBe(true);
    expect(prefersPanel(b, 'linkedin')).toBe(false);
  });

  it('survives a damaged stored value: unknown entries dropped, never a throw', () => {
    expect(withPanelChoice(['gmail', 'gmail', 7, null, 'evil'], 'linkedin', true)).toEqual([
      'gmail',
      'linkedin',
    ]);
    expect(prefersPanel(undefined, 'gmail')).toBe(false);
    expect(prefersPanel('gmail', 'gmail')).toBe(false);
    expect(prefersPanel({ gmail: true }, 'gmail')).toBe(false);
  });

  it('is idempotent and order-free (property)', () => {
    const site = fc.constantFrom('gmail', 'hubspot', 'salesforce', 'pipedrive', 'linkedin' as const);
    fc.assert(
      fc.property(fc.array(fc.tuple(site, fc.boolean()), { maxLength: 12 }), (ops) => {
        let list: string[] = [];
        for (const [s, on] of ops) list = withPanelChoice(list, s, on);
        expect(new Set(list).size).toBe(list.length);
        for (const s of ['gmail', 'hubspot', 'salesforce', 'pipedrive', 'linkedin'] as const) {
          const last = [...ops].reverse().find(([x]) => x === s);
          expect(prefersPanel(list, s)).toBe(last ? last[1] : false);
        }
        expect(withPanelChoice(list, 'gmail', prefersPanel(list, 'gmail'))).toEqual(list);
      }),
    );
  });
});
