/**
 * Leads moving into and out of a rep's own work by sync (a lead routed to him as a teammate
 * imports it, one of his taken over), past the popup's 300-row cap where the header counts are
 * the stored ones (lib/db/due-summary.ts): after one sync his badge and popup are right, and the
 * counts were moved by the apply (lib/db/due-keep.ts), never counted again. The deterministic
 * signal: the stored counts keep the moment they were counted at.
 */
import type { Page } from '@playwright/test';
import { badge, fireDueAlarm } from './support/extension';
import { E2E_EXTENSION_DIR, expect, test } from './support/fixtures';
import { daytimeZone, openPopup, sendFromPage } from './support/popup';
import { joinTeam, rowsOf, teammate, teamServer } from './support/team';

test.use({ extensionDir: E2E_EXTENSION_DIR });
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const server = teamServer({ team: ['ana', 'ben'] });

const leads = (who: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    email: `${who}-lead${i}@example.com`,
    firstName: `${who}${i}`,
    lastName: 'Test',
    company: '',
    title: '',
    phone: '',
    custom: {},
  }));
const importLeads = (page: Page, who: string, count: number) =>
  sendFromPage(page, 'contacts.import', {
    drafts: leads(who, count),
    mode: 'skip',
    enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
    via: 'e2e',
  });

/** The popup's stored counts as the background keeps them (`undefined` when there are none). */
async function storedCounts(page: Page): Promise<{ at: number } | undefined> {
  const row = (await rowsOf<{ key: string; value: unknown }>(page, 'meta')).find(
    (r) => r.key === 'due.counts',
  );
  return typeof row?.value === 'string' && row.value ? JSON.parse(row.value) : undefined;
}

/** Deletes meta rows straight from IndexedDB (the popup then counts for itself). */
function dropMeta(page: Page, keys: string[]): Promise<void> {
  return page.evaluate(
    (keys) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('touchbase');
        req.onsuccess = () => {
          const tx = req.result.transaction('meta', 'readwrite');
          for (const k of keys) tx.objectStore('meta').delete(k);
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        req.onerror = () => reject(req.error);
      }),
    keys,
  );
}

test('a lead routed to Ben and one of his taken over by Ana: after one sync his badge and popup header are right, the counts moved, not recounted', async ({
  context,
  extensionId,
}) => {
  const timeZone = daytimeZone();
  const { page: a } = await joinTeam(context, extensionId, server, {
    username: 'ana',
    name: 'Ana',
    timeZone,
  });

  const b = await teammate(server);
  try {
    const { worker: swB, id: idB } = b;
    const { page: pb } = await joinTeam(b.context, idB, server, { username: 'ben', name: 'Ben', timeZone });
    // 70 leads of Ben's own: five touches each inside the popup's week, past its cap.
    await importLeads(pb, 'ben', 70);
    await sendFromPage(pb, 'sync.now', {});
    // The minute alarm stores the hour's touches the import left computed; then the counts.
    // (Fired now; should it wait for the import to settle, its own next minute comes anyway.)
    await fireDueAlarm(swB);
    type E = { laterDueAt?: number };
    await expect
      .poll(
        async () => {
          const soon = Date.now() + 50 * 60_000;
          return (await rowsOf<E>(pb, 'enrolments')).filter((e) => (e.laterDueAt ?? Infinity) < soon).length;
        },
        { timeout: 90_000 },
      )
      .toBe(0);
    await expect.poll(async () => (await storedCounts(pb))?.at ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    const counted = (await storedCounts(pb))!.at;

    const popupB = await openPopup(b.context, idB);
    const truncated = popupB.getByTestId('popup-truncated');
    await expect(truncated).toBeVisible();
    const totalOf = async () =>
      Number((await truncated.textContent())?.match(/of ([\d,]+)/)?.[1]?.replace(/,/g, ''));
    const before = await totalOf();
    expect(before).toBeGreaterThan(300);

    // Ana: every new lead goes to Ben; she imports three and takes one of Ben's over.
    await sendFromPage(a, 'sync.now', {});
    const me = (await rowsOf<{ key: string; value: string }>(pb, 'meta')).find((r) => r.key === 'sync.me');
    const ben = JSON.parse(me?.value ?? '{}') as { id: string; name: string };
    expect(ben.name).toBe('Ben');
    expect(await sendFromPage(a, 'assign.save', { rules: [{ id: 'all-to-ben', reps: [ben] }] })).toEqual({
      saved: true,
    });
    await importLeads(a, 'ana', 3);
    type C = { id: number; email: string; owner?: { id: string; name: string } };
    const taken = (await rowsOf<C>(a, 'contacts')).find((c) => c.email === 'ben-lead0@example.com');
    await sendFromPage(a, 'contact.takeOver', { contactId: taken?.id, via: 'e2e' });
    expect(
      (await rowsOf<C>(a, 'contacts')).filter((c) => c.email.startsWith('ana-')).map((c) => c.owner?.name),
    ).toEqual(['Ben', 'Ben', 'Ben']);
    await sendFromPage(a, 'sync.now', {});

    // Ben syncs once.
    await sendFromPage(pb, 'sync.now', {});
    const contactsB = await rowsOf<C>(pb, 'contacts');
    expect(contactsB.find((c) => c.email === 'ben-lead0@example.com')?.owner?.name).toBe('Ana');
    const bens = new Set(contactsB.filter((c) => c.owner?.id === ben.id).map((c) => c.id));
    expect(bens.size).toBe(72);
    type T = { contactId: number; state: string; dueAt: number };
    const now = Date.now();
    const due = (await rowsOf<T>(pb, 'touches')).filter(
      (t) => t.state === 'planned' && t.dueAt <= now && bens.has(t.contactId),
    );
    await expect.poll(async () => (await badge(swB)).text).toBe(String(due.length));

    // His header: the three routed leads in, the taken one out, from the counts the apply moved.
    await expect.poll(totalOf).not.toBe(before);
    const summary = await popupB.getByTestId('popup-summary').textContent();
    const after = await totalOf();
    // Never counted again, by the background or anyone: they keep the moment they were counted
    // at. (The refresh asked here ends once it has stored or kept them, as the sync's own did.)
    await sendFromPage(pb, 'badge.refresh', {});
    expect((await storedCounts(pb))?.at).toBe(counted);
    await popupB.screenshot({ path: 'tests/e2e/screenshots/team-sync-counts-popup.png' });

    // The truth: with the stored counts gone, the popup counts every due row itself.
    await dropMeta(pb, ['due.counts', 'due.popupRows']);
    await popupB.reload();
    await expect(truncated).toBeVisible();
    expect(await totalOf()).toBe(after);
    await expect(popupB.getByTestId('popup-summary')).toHaveText(summary ?? '');
  } finally {
    await b.close();
  }
});
