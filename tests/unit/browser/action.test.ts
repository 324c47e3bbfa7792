import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { refreshBadge } from '@/entrypoints/background/badge';
import { badgeFor } from '@/lib/badge/badge';
import { type ToolbarAction, toolbarAction } from '@/lib/browser/action';
import { enrolContact, getDb, saveSettings } from '@/lib/db';

const ENROLLED_AT = Date.parse('2026-03-03T10:00:00Z');
const LATER = ENROLLED_AT + 3 * 86_400_000;

type Shape = { action?: unknown; browserAction?: unknown };
const shape = fakeBrowser as unknown as Shape;
const original: Shape = { action: shape.action, browserAction: shape.browserAction };

/** A toolbar API that only records what it was told, standing in for Firefox MV2's browserAction. */
function recordingAction(): ToolbarAction & { calls: Record<string, unknown[]> } {
  const calls: Record<string, unknown[]> = {};
  const rec = (name: string) => async (details: unknown) => {
    calls[name] = [...(calls[name] ?? []), details];
  };
  return {
    calls,
    setBadgeText: rec('setBadgeText'),
    setBadgeBackgroundColor: rec('setBadgeBackgroundColor'),
    setTitle: rec('setTitle'),
    getBadgeText: async () => '',
  };
}

beforeAll(async () => {
  const db = getDb();
  await saveSettings(db, { timeZone: 'UTC' });
  await enrolContact(db, {
    contact: { email: 'ada@example.com', firstName: 'Ada' },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'test',
    now: ENROLLED_AT,
  });
});

afterEach(() => {
  shape.action = original.action;
  shape.browserAction = original.browserAction;
});

describe('toolbarAction', () => {
  it('is the MV3 action where it exists (Chrome, Firefox MV3)', () => {
    expect(toolbarAction()).toBe(fakeBrowser.action);
  });

  it('falls back to browserAction where action is missing (Firefox MV2)', () => {
    const mv2 = recordingAction();
    shape.action = undefined;
    shape.browserAction = mv2;
    expect(toolbarAction()).toBe(mv2);
  });

  it('is undefined on a browser with neither', () => {
    shape.action = undefined;
    shape.browserAction = undefined;
    expect(toolbarAction()).toBeUndefined();
  });
});

describe('refreshBadge through the wrapper', () => {
  it('sets the MV3 badge text, colour and title', async () => {
    const summary = await refreshBadge(LATER);
    const view = badgeFor(summary);
    expect(summary.due).toBeGreaterThan(0);
    expect(await fakeBrowser.action.getBadgeText({})).toBe(view.text);
    expect(await fakeBrowser.action.getTitle({})).toBe(view.title);
  });

  it('sets the badge through browserAction in an MV2 build instead of throwing', async () => {
    const mv2 = recordingAction();
    shape.action = undefined;
    shape.browserAction = mv2;
    const summary = await refreshBadge(LATER);
    const view = badgeFor(summary);
    expect(view.text).not.toBe('');
    expect(mv2.calls.setBadgeText).toEqual([{ text: view.text }]);
    expect(mv2.calls.setBadgeBackgroundColor).toEqual([{ color: view.color }]);
    expect(mv2.calls.setTitle).toEqual([{ title: view.title }]);
  });

  it('still answers the due summary when the browser has no toolbar button at all', async () => {
    shape.action = undefined;
    shape.browserAction = undefined;
    const summary = await refreshBadge(LATER);
    expect(summary.due).toBeGreaterThan(0);
  });
});
