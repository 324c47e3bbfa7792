import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quietGate, settled } from '@/lib/badge/settle';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('settled', () => {
  it('runs once after a burst of writes settles', async () => {
    const run = vi.fn(async () => {});
    const schedule = settled(run, { settleMs: 400, maxWaitMs: 4000 });
    for (let i = 0; i < 10; i++) {
      schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('still runs at least every maxWaitMs under a steady stream of writes', async () => {
    const run = vi.fn(async () => {});
    const schedule = settled(run, { settleMs: 400, maxWaitMs: 2000 });
    for (let i = 0; i < 100; i++) {
      schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    // 10 s of writes every 100 ms: about one run per 2 s, not 100.
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(run.mock.calls.length).toBeLessThanOrEqual(6);
  });

  it('never runs twice at once, and a write during a run gets one more run after it', async () => {
    let active = 0;
    let most = 0;
    const run = vi.fn(async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 1000));
      active--;
    });
    const schedule = settled(run, { settleMs: 100, maxWaitMs: 1000 });
    schedule();
    await vi.advanceTimersByTimeAsync(150);
    expect(run).toHaveBeenCalledTimes(1);
    schedule();
    schedule();
    await vi.advanceTimersByTimeAsync(200);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });

  it('keeps running after a failed run', async () => {
    const run = vi.fn(async () => {
      throw new Error('closed');
    });
    const schedule = settled(run, { settleMs: 10, maxWaitMs: 100 });
    schedule();
    await vi.advanceTimersByTimeAsync(20);
    schedule();
    await vi.advanceTimersByTimeAsync(20);
    expect(run).toHaveBeenCalledTimes(2);
  });
});

describe('settled, with a longer wait asked for', () => {
  it('a stream of patient writes runs once at the end, a normal write among them brings the default back', async () => {
    const run = vi.fn(async () => {});
    const schedule = settled(run, { settleMs: 400, maxWaitMs: 2000 });
    for (let i = 0; i < 50; i++) {
      schedule({ maxWaitMs: 30_000 });
      await vi.advanceTimersByTimeAsync(100);
    }
    // 5 s of an import's batches: no recount while they land, one once they stop.
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(1);
    // A rep's click during a long import is counted within the usual wait.
    for (let i = 0; i < 30; i++) {
      schedule(i === 5 ? undefined : { maxWaitMs: 30_000 });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('still runs within the longer wait under an endless stream', async () => {
    const run = vi.fn(async () => {});
    const schedule = settled(run, { settleMs: 400, maxWaitMs: 2000 });
    for (let i = 0; i < 350; i++) {
      schedule({ maxWaitMs: 30_000 });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('quietGate', () => {
  it('lets work through at once when nothing was written', async () => {
    const gate = quietGate({ settleMs: 2000, maxWaitMs: 30_000 });
    let through = false;
    void gate.wait().then(() => {
      through = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(through).toBe(true);
  });

  it('holds work until the writes have paused for settleMs', async () => {
    const gate = quietGate({ settleMs: 2000, maxWaitMs: 30_000 });
    gate.touch();
    let through = false;
    void gate.wait().then(() => {
      through = true;
    });
    // A batch every 500 ms for 5 s: the work waits them all out.
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(500);
      gate.touch();
    }
    expect(through).toBe(false);
    await vi.advanceTimersByTimeAsync(1999);
    expect(through).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(through).toBe(true);
  });

  it('never holds work longer than maxWaitMs, however long the writes go on', async () => {
    const gate = quietGate({ settleMs: 2000, maxWaitMs: 10_000 });
    gate.touch();
    let waited = -1;
    const start = Date.now();
    void gate.wait().then(() => {
      waited = Date.now() - start;
    });
    for (let i = 0; i < 100 && waited < 0; i++) {
      await vi.advanceTimersByTimeAsync(250);
      gate.touch();
    }
    expect(waited).toBe(10_000);
  });
});
