/**
 * Raw-IndexedDB floors and seeding for the volume benchmarks. Every floor is plain `indexedDB`
 * calls (no Dexie, no logic, one transaction) on the extension's own database, timed in the same
 * browser and the same run as the operation it divides, so a slow disk slows both alike.
 */
import type { Page, Worker } from '@playwright/test';

/** Where a floor runs: the service worker or an extension page (same origin, same database). */
type Ctx = Pick<Worker, 'evaluate'>;

const companies = ['Acme Roofing', 'Northwind Solar', 'Blue Fern Dental', 'Harbor HVAC', 'Granite Legal'];
const steps = [
  { channel: 'call', day: 0, withinMinutes: 5, purpose: 'call' },
  { channel: 'email', day: 0, withinMinutes: 5, purpose: 'confirm' },
  { channel: 'email', day: 1, purpose: 'follow-up' },
  { channel: 'call', day: 3, purpose: 'call' },
  { channel: 'sms', day: 3, purpose: 'voicemail-nudge' },
  { channel: 'email', day: 7, purpose: 'value' },
  { channel: 'email', day: 14, purpose: 'final-check-in' },
  { channel: 'email', day: 90, purpose: 're-engage' },
];

type Row = Record<string, unknown>;

/** A contact row like the import stores for contact `i`. */
export function contactRow(id: number, now: number, tag: string): Row {
  return {
    id,
    email: `Person${id}.${tag}@example.com`,
    emailLower: `person${id}.${tag}@example.com`,
    firstName: `First${id}`,
    lastName: `Last${id}`,
    company: companies[id % companies.length],
    phone: `+1 202 555 ${String(id % 10000).padStart(4, '0')}`,
    title: 'Owner',
    timeZone: 'America/New_York',
    leadSource: 'web-form',
    notes: '',
    optOut: {},
    custom: {},
    createdAt: now,
    updatedAt: now,
  };
}

/** An active speed-to-lead enrolment row, with the step snapshot the engine keeps. */
export function enrolmentRow(id: number, contactId: number, now: number): Row {
  return {
    id,
    contactId,
    playbookId: 'speed-to-lead-90',
    playbookName: 'Speed to lead, 90 days',
    source: 'web-form',
    steps,
    enrolledAt: now,
    timeZone: 'America/New_York',
    window: { days: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' },
    state: 'active',
    stateChangedAt: now,
    done: [],
  };
}

/** An activity: mostly touches done, every ninth a reply, every eleventh an enrolment. */
export function activityRow(contactId: number, at: number, k: number, id?: number): Row {
  const step = steps[k % steps.length]!;
  const kind = k % 9 === 0 ? 'reply' : k % 11 === 0 ? 'enrolled' : 'touch-done';
  return {
    ...(id === undefined ? {} : { id }),
    kind,
    at,
    contactId,
    enrolmentId: contactId,
    step: (k % steps.length) + 1,
    channel: step.channel,
    purpose: step.purpose,
    source: 'bench',
  };
}

/** Writes rows into stores in one transaction each call (seeding, not timed). */
export async function putRows(ctx: Ctx, rows: Record<string, Row[]>): Promise<void> {
  await ctx.evaluate(async (rows) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('touchbase');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(Object.keys(rows), 'readwrite');
      for (const [store, list] of Object.entries(rows)) {
        const os = tx.objectStore(store);
        for (const r of list) os.add(r);
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, rows);
}

/**
 * The raw-IndexedDB write floor: `rows` (store -> rows, each with a numeric key in
 * [`base`, `top`]) are staged into `ctx` in slices (one huge evaluate argument is slow to
 * serialise and would be timed with nothing), then added with plain `indexedDB` in one
 * transaction, which alone is timed, and removed again by key range. Returns the write in ms.
 */
export async function rawWriteFloor(
  ctx: Ctx,
  rows: Record<string, Row[]>,
  base: number,
  top: number,
): Promise<number> {
  type Staged = { __floor?: Record<string, Row[]> };
  await ctx.evaluate((stores) => {
    (globalThis as unknown as Staged).__floor = Object.fromEntries(stores.map((s) => [s, []]));
  }, Object.keys(rows));
  const SLICE = 10_000;
  for (const [store, list] of Object.entries(rows))
    for (let i = 0; i < list.length; i += SLICE)
      await ctx.evaluate(
        ({ store, slice }) => {
          (globalThis as unknown as Staged).__floor?.[store]?.push(...slice);
        },
        { store, slice: list.slice(i, i + SLICE) },
      );
  return ctx.evaluate(
    async ({ base, top }) => {
      const g = globalThis as unknown as Staged;
      const staged = g.__floor ?? {};
      g.__floor = undefined;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('touchbase');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const stores = Object.keys(staged);
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(stores, 'readwrite');
        for (const [store, list] of Object.entries(staged)) {
          const os = tx.objectStore(store);
          for (const r of list) os.add(r);
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const ms = performance.now() - t0;
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(stores, 'readwrite');
        for (const s of stores) tx.objectStore(s).delete(IDBKeyRange.bound(base, top));
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return ms;
    },
    { base, top },
  );
}

/**
 * Import floor: one transaction writing `n` contact, `n` enrolment and `n` activity rows (one of
 * each per contact). Returns the write time in ms.
 */
export async function importFloor(ctx: Ctx, n: number): Promise<number> {
  const now = Date.now();
  // Keys far above anything the run creates, so the rows are easy to remove again.
  const base = 50_000_000;
  const ids = Array.from({ length: n }, (_, i) => base + i);
  return rawWriteFloor(
    ctx,
    {
      contacts: ids.map((id) => contactRow(id, now, 'floor')),
      enrolments: ids.map((id) => enrolmentRow(id, id, now)),
      activities: ids.map((id) => ({ ...activityRow(id, now, 11, id), kind: 'enrolled' })),
    },
    base,
    base + n,
  );
}

/** Bulk floor: rewrites every enrolment row through one cursor, in one transaction. */
export async function bulkFloor(ctx: Ctx): Promise<{ ms: number; rows: number }> {
  return ctx.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('touchbase');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    let rows = 0;
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('enrolments', 'readwrite');
      tx.objectStore('enrolments').openCursor().onsuccess = (ev) => {
        const cursor = (ev.target as IDBRequest<IDBCursorWithValue | null>).result;
        if (!cursor) return;
        cursor.update(cursor.value);
        rows++;
        cursor.continue();
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const ms = performance.now() - t0;
    db.close();
    return { ms, rows };
  });
}

/**
 * Export floor: reads every activity and every contact in one transaction and builds the CSV
 * text (one line per activity, the contact joined by id).
 */
export async function exportFloor(ctx: Ctx): Promise<{ ms: number; rows: number; chars: number }> {
  return ctx.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('touchbase');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const t0 = performance.now();
    const tx = db.transaction(['activities', 'contacts'], 'readonly');
    const get = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = tx.objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    type C = { id: number; firstName: string; lastName: string; email: string; company: string };
    type A = { at: number; contactId: number; kind: string; channel?: string; step?: number; text?: string };
    const [acts, contacts] = await Promise.all([get<A>('activities'), get<C>('contacts')]);
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const lines: string[] = ['When,Contact,Email,Company,Step,Channel,What,Text'];
    for (const a of acts) {
      const c = byId.get(a.contactId);
      lines.push(
        [
          new Date(a.at).toISOString(),
          c ? `${c.firstName} ${c.lastName}` : '',
          c?.email ?? '',
          c?.company ?? '',
          a.step ?? '',
          a.channel ?? '',
          a.kind,
          JSON.stringify(a.text ?? ''),
        ].join(','),
      );
    }
    const text = lines.join('\r\n');
    const ms = performance.now() - t0;
    db.close();
    return { ms, rows: acts.length, chars: text.length };
  });
}

/**
 * Seeds `contacts` contacts with one active enrolment each, and `activities` activities spread
 * over the last `days` days, in batches of raw writes (not timed).
 */
export async function seedHistory(
  ctx: Ctx,
  opts: { contacts: number; activities: number; days: number },
): Promise<void> {
  const now = Date.now();
  const start = now - opts.days * 86_400_000;
  const ids = Array.from({ length: opts.contacts }, (_, i) => i + 1);
  await putRows(ctx, {
    contacts: ids.map((id) => contactRow(id, start, 'seed')),
    enrolments: ids.map((id) => enrolmentRow(id, id, start)),
  });
  const BATCH = 20_000;
  for (let from = 0; from < opts.activities; from += BATCH) {
    const acts: Row[] = [];
    for (let k = from; k < Math.min(opts.activities, from + BATCH); k++) {
      const at = now - Math.floor((((k * 7919) % 1_000_003) / 1_000_003) * opts.days * 86_400_000);
      acts.push(activityRow((k % opts.contacts) + 1, at, k));
    }
    await putRows(ctx, { activities: acts });
  }
}

/**
 * Seeds `n` contacts, each with one active enrolment and one planned touch due now (a tenth of
 * them past their deadline), for the popup.
 */
export async function seedDue(
  ctx: Ctx,
  n: number,
  opts: { owner?: (id: number) => { id: string; name: string } } = {},
): Promise<void> {
  const now = Date.now();
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  const { owner } = opts;
  await putRows(ctx, {
    contacts: ids.map((id) => ({
      ...contactRow(id, now, 'due'),
      ...(owner ? { owner: { ...owner(id), since: now - 86_400_000 } } : {}),
    })),
    enrolments: ids.map((id) => enrolmentRow(id, id, now - 3_600_000)),
    touches: ids.map((id) => ({
      id,
      enrolmentId: id,
      contactId: id,
      step: 3,
      totalSteps: 8,
      channel: 'email',
      purpose: 'follow-up',
      dueAt: now - 60_000 - (id % 600) * 1000,
      deadlineAt: id % 10 === 0 ? now - 1000 : now + 6 * 3_600_000,
      state: 'planned',
    })),
  });
}

/**
 * An init script for extension pages: records when an element matching `selector` first appears
 * and, after the frame that shows it, stores `performance.now()` in `window.__tbShown`. Also keeps
 * the longest main-thread task seen since `window.__tbLongReset()`.
 */
export function pageProbes(selector: string): string {
  return `(() => {
    window.__tbLong = 0;
    window.__tbGap = 0;
    let last = performance.now();
    let seen = '';
    // Tasks are reported after they end: only those that started after the reset count.
    let since = 0;
    window.__tbLongReset = () => { window.__tbLong = 0; window.__tbGap = 0; last = since = performance.now(); };
    // The page's own clock (Date.now, the same as the bench's) at the moments a rep lives: the file
    // chosen (the input's change event; Playwright's handing the bytes over comes before it, a
    // native picker has no such step), a click, and an element first shown (see whenShown).
    window.__tbAt = {};
    document.addEventListener('change', () => { window.__tbAt.change = Date.now(); }, true);
    // Only the rep's (trusted) clicks: a page's own a.click() for a download is not one.
    document.addEventListener('click', (e) => { if (e.isTrusted) window.__tbAt.click = Date.now(); }, true);
    window.__tbWatch = (key, sel, enabled) => {
      const ok = () => {
        const el = document.querySelector(sel);
        return !!el && el.offsetParent !== null && (!enabled || !el.disabled);
      };
      delete window.__tbAt[key];
      const mo = new MutationObserver(() => {
        if (window.__tbAt[key] === undefined && ok()) { window.__tbAt[key] = Date.now(); mo.disconnect(); }
      });
      mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    };
    // The rep's own clicks between reading and saving are not the page's gap.
    window.__tbGapMark = () => { last = performance.now(); };
    // Longest stretch without the import's progress text changing (reading, then saving).
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="import-saved"], [data-testid="import-progress"]');
      if (!el || el.textContent === seen) return;
      seen = el.textContent;
      const now = performance.now();
      window.__tbGap = Math.max(window.__tbGap, now - last);
      last = now;
    }).observe(document, { childList: true, subtree: true, characterData: true });
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          if (e.startTime >= since && e.duration > window.__tbLong) window.__tbLong = e.duration;
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
    const sel = ${JSON.stringify(selector)};
    const check = () => {
      if (window.__tbShown !== undefined || !document.querySelector(sel)) return false;
      window.__tbShown = -1;
      requestAnimationFrame(() => setTimeout(() => {
        window.__tbShown = performance.now();
        // Reported, not polled for: see openTimed.
        console.debug('tb-shown ' + window.__tbShown);
      }, 0));
      return true;
    };
    const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
    document.addEventListener('DOMContentLoaded', () => {
      if (!check()) mo.observe(document.documentElement, { childList: true, subtree: true });
    });
  })();`;
}

/**
 * Waits until `selector` matches an element that is shown (and, with `enabled`, not disabled) by
 * polling a one-line check. Used while the longest task is measured: Playwright's `expect`
 * builds an accessibility snapshot of the page on every retry, 50-120 ms of main-thread work
 * that would be counted as the page's own.
 */
export async function waitQuietly(
  page: Page,
  selector: string,
  opts: { enabled?: boolean; timeout?: number } = {},
): Promise<void> {
  await page.waitForFunction(
    ({ selector, enabled }) => {
      const el = document.querySelector(selector) as HTMLButtonElement | null;
      return !!el && el.offsetParent !== null && (!enabled || !el.disabled);
    },
    { selector, enabled: opts.enabled ?? false },
    { polling: 250, timeout: opts.timeout ?? 280_000 },
  );
}

/**
 * Starts watching for `selector` to be shown (and, with `enabled`, not disabled), before the
 * action that brings it: {@link whenShown} then gives the page's own time of the change that
 * showed it, to the millisecond, where polling would add up to its interval to every figure.
 */
export async function watchFor(page: Page, key: string, selector: string, enabled = false): Promise<void> {
  await page.evaluate(
    ({ key, selector, enabled }) =>
      (window as unknown as { __tbWatch(k: string, s: string, e: boolean): void }).__tbWatch(
        key,
        selector,
        enabled,
      ),
    { key, selector, enabled },
  );
}

/** Waits (quietly) for what {@link watchFor} watches; returns the page's Date.now() when it showed. */
export async function whenShown(page: Page, key: string, timeout = 280_000): Promise<number> {
  const at = await page.waitForFunction(
    (key) => (window as unknown as { __tbAt: Record<string, number> }).__tbAt[key],
    key,
    { polling: 250, timeout },
  );
  return (await at.jsonValue()) as number;
}

/** The page's Date.now() at the last `change` or `click` event ({@link pageProbes}). */
export async function eventAt(page: Page, event: 'change' | 'click'): Promise<number> {
  return page.evaluate(
    (event) => (window as unknown as { __tbAt: Record<string, number> }).__tbAt[event]!,
    event,
  );
}

/**
 * Opens `url` in `page` (its {@link pageProbes} already added) and answers the probe's time, in
 * ms since navigation start. The probe reports it as a console message, which Playwright hears
 * anyway: polling the page for it (`waitForFunction`) first evaluates Playwright's own injected
 * script in the page, which lands on the page's main thread between its load event and its
 * first row (37 ms of script in a trace of the popup, its IndexedDB results waiting behind it), a
 * cost no rep's page has. Paired in one browser (10 pairs, build of main, load 4 to 7): 535 ms
 * polled against 414 ms reported, median.
 */
export async function openTimed(page: Page, url: string, timeout = 60_000): Promise<number> {
  const reported = page.waitForEvent('console', {
    predicate: (m) => m.text().startsWith('tb-shown '),
    timeout,
  });
  await page.goto(url);
  return Number((await reported).text().slice('tb-shown '.length));
}
