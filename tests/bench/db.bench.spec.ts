import type { Page, Worker } from '@playwright/test';
import { waitForDb } from '../e2e/support/extension';
import { expect, test } from '../e2e/support/fixtures';
import { sendFromPage } from '../e2e/support/popup';
import { median, record } from './record';

const TOTAL = 100_000;
const ENROLMENTS = 25;
const WARM_UP = 3;

/**
 * Fills the store to `target` touches inside the service worker with raw IndexedDB, in batches,
 * shaped like a busy rep's history: most touches done or skipped, a fifth still planned and
 * spread over the next three months, a few hundred due now (some past their deadline). The
 * enrolments made first store only the touches their horizon needs (lib/db/horizon.ts), so how
 * many they left is counted, not assumed.
 */
async function seedTouches(sw: Worker, target: number): Promise<number> {
  await waitForDb(sw);
  return sw.evaluate(async (target) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('touchbase');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const countTouches = () =>
      new Promise<number>((resolve, reject) => {
        const req = db.transaction('touches').objectStore('touches').count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const count = target - (await countTouches());
    const now = Date.now();
    const DAY = 86_400_000;
    const channels = ['email', 'sms', 'call', 'voicemail', 'linkedin'];
    const purposes = ['acknowledge', 'follow-up', 'value', 'call', 'breakup'];
    let s = 7;
    const rand = () => {
      s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
      return s / 2_147_483_648;
    };
    const BATCH = 10_000;
    for (let start = 0; start < count; start += BATCH) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('touches', 'readwrite');
        const os = tx.objectStore('touches');
        for (let i = start; i < Math.min(count, start + BATCH); i++) {
          const r = rand();
          const enrolmentId = 1_000_000 + Math.floor(i / 7);
          const step = (i % 7) + 1;
          const base = {
            enrolmentId,
            contactId: 1_000_000 + Math.floor(i / 7),
            step,
            totalSteps: 7,
            channel: channels[i % channels.length],
            purpose: purposes[i % purposes.length],
          };
          if (r < 0.8) {
            const dueAt = now - Math.floor(rand() * 365 * DAY);
            os.add({
              ...base,
              dueAt,
              deadlineAt: dueAt + DAY,
              state: r < 0.75 ? 'done' : 'skipped',
              doneAt: dueAt,
            });
          } else if (r < 0.805) {
            // Due now; two in five already past the deadline.
            const dueAt = now - Math.floor(rand() * DAY);
            const deadlineAt = r < 0.802 ? now - 60_000 : now + DAY;
            os.add({ ...base, dueAt, deadlineAt, state: 'planned' });
          } else {
            const dueAt = now + 3_600_000 + Math.floor(rand() * 90 * DAY);
            os.add({ ...base, dueAt, deadlineAt: dueAt + DAY, state: 'planned' });
          }
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    const total = await countTouches();
    db.close();
    return total;
  }, target);
}

/** Ids of the planned step-1 touches of the real enrolments (lowest ids = ours). */
async function firstSteps(sw: Worker, enrolmentIds: number[]): Promise<number[]> {
  return sw.evaluate(async (ids) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('touchbase');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: number[] = [];
    const index = db.transaction('touches').objectStore('touches').index('[enrolmentId+step]');
    for (const id of ids) {
      const key = await new Promise<IDBValidKey | undefined>((resolve, reject) => {
        const req = index.getKey([id, 1]);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      if (typeof key === 'number') out.push(key);
    }
    db.close();
    return out;
  }, enrolmentIds);
}

/**
 * One alarm-to-badge sample: changes the due count by one (adds or removes a due touch), fires
 * the real named alarm, and times inside the worker from the alarm event to the moment Chrome's
 * badge shows the new count.
 */
async function alarmToBadge(sw: Worker, add: boolean): Promise<number> {
  return sw.evaluate(async (add) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('touchbase');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const KEY = 'bench-toggle';
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('touches', 'readwrite');
      const os = tx.objectStore('touches');
      const now = Date.now();
      if (add) {
        os.add({
          enrolmentId: 2_000_000,
          contactId: 2_000_000,
          step: 1,
          totalSteps: 1,
          channel: 'email',
          purpose: 'value',
          dueAt: now - 1_000,
          deadlineAt: now + 86_400_000,
          state: 'planned',
          text: KEY,
        });
      } else {
        // The bench's own touch: enrolment 2,000,000, step 1 (schema v7 dropped the enrolmentId index).
        os.index('[enrolmentId+step]').openCursor(IDBKeyRange.only([2_000_000, 1])).onsuccess = (e) => {
          const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
          if (!cursor) return;
          cursor.delete();
          cursor.continue();
        };
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    const before = await chrome.action.getBadgeText({});
    const fired = new Promise<number>((resolve) => {
      const on = (a: { name: string }) => {
        if (a.name !== 'touchbase-due') return;
        chrome.alarms.onAlarm.removeListener(on);
        resolve(performance.now());
      };
      chrome.alarms.onAlarm.addListener(on);
    });
    await chrome.alarms.create('touchbase-due', { when: Date.now(), periodInMinutes: 1 });
    const t0 = await fired;
    for (;;) {
      if ((await chrome.action.getBadgeText({})) !== before) return performance.now() - t0;
      if (performance.now() - t0 > 10_000) throw new Error('the badge never changed');
    }
  }, add);
}

async function completeTimed(page: Page, touchId: number): Promise<number> {
  return page.evaluate(async (touchId) => {
    const t0 = performance.now();
    const res = (await chrome.runtime.sendMessage({
      type: 'touch.complete',
      payload: { touchId, via: 'bench' },
    })) as { ok: boolean; data?: { alreadyDone: boolean }; error?: string };
    const ms = performance.now() - t0;
    if (!res.ok || res.data?.alreadyDone) throw new Error(`complete failed: ${res.error ?? 'already done'}`);
    return ms;
  }, touchId);
}

test('db.dueCount.100k and db.completeTouch with 100,000 touches stored', async ({
  context,
  extensionId,
  serviceWorker: sw,
}) => {
  // A page of the extension that reads nothing on its own, to send messages from.
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidebar.html`);

  // Real enrolments through the background: their first steps are what we complete below.
  const enrolmentIds: number[] = [];
  for (let i = 0; i < ENROLMENTS; i++) {
    const res = await sendFromPage<{ enrolmentId: number }>(page, 'enrol', {
      contact: {
        email: `bench${i}@example.com`,
        firstName: `Bench${i}`,
        company: 'Load Co',
        timeZone: 'UTC',
      },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'bench',
    });
    enrolmentIds.push(res.enrolmentId);
  }
  const total = await seedTouches(sw, TOTAL);
  expect(total).toBe(TOTAL);

  // db.dueCount.100k: alarm -> two index counts -> badge, timed inside the worker.
  const dueSamples: number[] = [];
  await alarmToBadge(sw, true); // warm-up: JIT, Dexie open, first LevelDB reads
  await alarmToBadge(sw, false);
  for (let i = 0; i < 15; i++) dueSamples.push(await alarmToBadge(sw, i % 2 === 0));
  const dueMs = median(dueSamples);
  record({ name: 'db.dueCount.100k', value: dueMs, unit: 'ms', budget: 50 });

  // db.completeTouch: the real message from an extension page, replan and badge included.
  const touchIds = await firstSteps(sw, enrolmentIds);
  expect(touchIds).toHaveLength(ENROLMENTS);
  const samples: number[] = [];
  for (const [i, id] of touchIds.entries()) {
    const ms = await completeTimed(page, id);
    if (i >= WARM_UP) samples.push(ms);
  }
  const completeMs = median(samples);
  record({ name: 'db.completeTouch', value: completeMs, unit: 'ms', budget: 20 });

  console.log(
    `db.dueCount.100k median ${dueMs.toFixed(2)} ms (${dueSamples.map((s) => s.toFixed(1)).join(', ')})\n` +
      `db.completeTouch median ${completeMs.toFixed(2)} ms over ${samples.length} (${samples
        .map((s) => s.toFixed(1))
        .join(', ')})`,
  );
  expect(dueMs).toBeGreaterThan(0);
  expect(completeMs).toBeGreaterThan(0);
});
