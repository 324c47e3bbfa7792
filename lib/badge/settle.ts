/**
 * Runs `run` once writes have settled instead of after every one: `schedule()` after each write
 * starts (or restarts) a short timer, a steady stream of writes still runs it at least every
 * `maxWaitMs`, and never two at once (a call during a run asks for one more run after it).
 * The badge uses it: counting the due touches costs about 35 µs per touch in Chromium's
 * IndexedDB (0.7 s at 20,000 due), so a recount after each of an import's 50 batches made the
 * import count quadratically.
 */
export function settled(
  run: () => Promise<unknown>,
  opts: { settleMs: number; maxWaitMs: number; now?: () => number },
): (wait?: { settleMs?: number; maxWaitMs?: number }) => void {
  const now = opts.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let deadline: number | undefined;
  let running = false;
  let again = false;

  const fire = async () => {
    timer = undefined;
    deadline = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await run();
    } catch {
      // The caller's run reports its own failures; a failed run must not stop later ones.
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };

  /**
   * `wait` overrides the defaults for this write: an import's batches ask for long ones, so the
   * recount (as costly as a batch) waits for the import to end instead of slowing it.
   */
  function schedule(wait: { settleMs?: number; maxWaitMs?: number } = {}): void {
    const t = now();
    deadline = Math.min(deadline ?? Number.POSITIVE_INFINITY, t + (wait.maxWaitMs ?? opts.maxWaitMs));
    if (timer !== undefined) clearTimeout(timer);
    const ms = Math.max(0, Math.min(wait.settleMs ?? opts.settleMs, deadline - t));
    timer = setTimeout(() => void fire(), ms);
  }
  return schedule;
}

/**
 * Where other work waits for a stream of writes to pause: `touch()` at each write, and `wait()`
 * resolves once none came for `settleMs`, or after `maxWaitMs` however busy it stays. The minute
 * alarm waits here while an import lands: storing the hour ahead and recounting the badge over
 * the rows a running import is still writing took 2 to 3 s of the import's own transactions.
 */
export function quietGate(opts: {
  settleMs: number;
  maxWaitMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): { touch(): void; wait(): Promise<void> } {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let last = Number.NEGATIVE_INFINITY;
  return {
    touch() {
      last = now();
    },
    async wait() {
      const start = now();
      for (;;) {
        const t = now();
        const ms = Math.min(last + opts.settleMs - t, start + opts.maxWaitMs - t);
        if (ms <= 0) return;
        await sleep(ms);
      }
    },
  };
}
