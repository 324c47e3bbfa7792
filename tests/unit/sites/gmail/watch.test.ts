// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { GMAIL_ATTR, watchGmail } from '@/lib/sites/gmail';
import type { PageView } from '@/lib/sites/types';
import { loadFixture } from './fixtures';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  document.body.innerHTML = '';
  location.hash = '';
});

describe('watchGmail', () => {
  it('emits once at start, again on a real change, never for a no-op mutation', async () => {
    loadFixture('gmail-inbox-rows.SYNTHETIC.html');
    const views: PageView[] = [];
    stop = watchGmail(window, (v) => views.push(v), { debounceMs: 10 });
    await wait(40);
    expect(views.map((v) => v.kind)).toEqual(['inbox']);

    // A mutation that changes nothing we read.
    document.body.appendChild(document.createElement('span'));
    await wait(40);
    expect(views).toHaveLength(1);

    // Navigate into a conversation: Gmail swaps the main area.
    loadFixture('gmail-thread-with-compose.SYNTHETIC.html');
    location.hash = '#inbox/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx';
    await wait(40);
    expect(views.map((v) => v.kind)).toEqual(['inbox', 'thread']);
    expect(views[1]!.thread?.subject).toBe('Quarterly pricing follow-up');
    expect(views[1]!.url).toContain('#inbox/FMfcg');
  });

  it('coalesces a burst of mutations into one extraction and reports its duration', async () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    const views: PageView[] = [];
    const timings: number[] = [];
    let t = 0;
    stop = watchGmail(window, (v) => views.push(v), {
      debounceMs: 20,
      now: () => (t += 2),
      onTiming: (ms) => timings.push(ms),
    });
    await wait(50);
    const body = document.querySelectorAll<HTMLElement>('[g_editable="true"]')[0]!;
    for (let i = 0; i < 50; i++) body.appendChild(document.createTextNode(String(i % 10)));
    await wait(60);
    expect(views).toHaveLength(2);
    expect(views[1]!.composes[0]!.bodyText).toBe('0123456789'.repeat(5));
    expect(timings.length).toBe(2);
    expect(timings.every((ms) => ms === 2)).toBe(true);
  });

  it('tracks the focused compose, and remembers it when focus leaves', async () => {
    loadFixture('gmail-multi-compose.SYNTHETIC.html');
    const views: PageView[] = [];
    stop = watchGmail(window, (v) => views.push(v), { debounceMs: 5 });
    await wait(20);
    const bodies = document.querySelectorAll<HTMLElement>('[g_editable="true"]');
    bodies[2]!.focus();
    await wait(20);
    expect(views.at(-1)!.composes.map((c) => c.focused)).toEqual([false, false, true]);
    expect(document.querySelectorAll('.M9')[2]!.getAttribute(GMAIL_ATTR.focusSeq)).toMatch(/^\d+$/);
    bodies[2]!.blur();
    await wait(20);
    expect(views.at(-1)!.composes.map((c) => c.focused)).toEqual([false, false, true]);
  });

  it('stops cleanly and survives a throwing listener', async () => {
    loadFixture('gmail-inbox-rows.SYNTHETIC.html');
    let calls = 0;
    stop = watchGmail(
      window,
      () => {
        calls += 1;
        throw new Error('listener bug');
      },
      { debounceMs: 5 },
    );
    await wait(20);
    expect(calls).toBe(1);
    stop();
    stop = undefined;
    loadFixture('gmail-thread-with-compose.SYNTHETIC.html');
    await wait(20);
    expect(calls).toBe(1);
  });
});
