// @vitest-environment happy-dom
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DueRow } from '@/components/popup/DueRow';
import { drawFirstScreen, FIRST_SCREEN, firstScreen } from '@/components/popup/first-paint';
import { loadPopupData } from '@/components/popup/usePopupData';
import { DB_NAME, TouchbaseDb, type TouchRow } from '@/lib/db';
import { storeDueCounts } from '@/lib/db/due-summary';
import { SYNC_ON_KEY } from '@/lib/db/outbox';
import { FIRST_DB_NAME, FIRST_SYNC_ON_KEY, readFirstPaint } from '@/lib/db/popup-first';
import { groupDue, UPCOMING_DAYS } from '@/lib/touches/due-groups';
import { contactRow, enrolmentRow } from '../db/seed-rows';

// Mid-minute, so "as of the minute" and "as of now" differ.
const NOW = Date.parse('2026-03-03T15:00:40Z');
const MINUTE = Math.floor(NOW / 60_000);
const HOUR = 3_600_000;
let db: TouchbaseDb;
let name: string;
let n = 0;
beforeEach(async () => {
  name = `test-first-paint-${n++}`;
  db = new TouchbaseDb(name);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const contact = (id: number) =>
  contactRow(id, {
    timeZone: 'UTC',
    at: NOW - 10 * HOUR,
    firstName: id % 5 === 0 ? '' : `P${id}`,
    lastName: id % 5 === 0 ? '' : 'Test',
    company: id % 2 ? '' : 'Acme <b>&</b> "Co"',
    leadSource: id % 2 ? 'web-form' : 'referral',
  });

const CHANNELS = ['email', 'sms', 'call', 'voicemail', 'linkedin', 'task'] as const;
const touch = (id: number, dueAt: number, deadlineAt: number): TouchRow =>
  ({
    id,
    enrolmentId: id,
    contactId: id,
    step: 1 + (id % 4),
    totalSteps: 5,
    channel: CHANNELS[Math.floor(id / 3) % CHANNELS.length],
    purpose: id % 11 === 0 ? 'not-a-purpose' : id % 2 ? 'follow-up' : 'call',
    dueAt,
    deadlineAt,
    state: 'planned',
    ...(id % 7 === 0 ? { withinMinutes: 5 } : {}),
  }) as TouchRow;

/** Overdue, due later today and in the coming days; a few speed-to-lead clocks among them. */
async function seed(count: number): Promise<void> {
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  await db.contacts.bulkAdd(ids.map(contact));
  await db.enrolments.bulkAdd(ids.map((id) => enrolmentRow(id, id, NOW)));
  await db.touches.bulkAdd(
    ids.map((id) =>
      id % 3 === 0
        ? touch(id, NOW - HOUR - id * 60_000, NOW - 10_000)
        : id % 3 === 1
          ? touch(id, NOW - 60_000 * id, NOW + 3 * HOUR)
          : touch(id, NOW + 30 * HOUR + id, NOW + 40 * HOUR),
    ),
  );
}

it('reads the same database names and keys as the rest of lib/db', () => {
  expect(FIRST_DB_NAME).toBe(DB_NAME);
  expect(FIRST_SYNC_ON_KEY).toBe(SYNC_ON_KEY);
});

it('draws the rows, groups and counts the full popup reads, in its order', async () => {
  await seed(40);
  await storeDueCounts(db, NOW, UPCOMING_DAYS);
  const read = await readFirstPaint(indexedDB, name);
  const screen = read && firstScreen(read, NOW);
  expect(screen).toBeDefined();
  const data = await loadPopupData(db, MINUTE, NOW);
  const full = groupDue(data.touches, NOW, 'UTC', undefined, (t) => data.scores.get(t.contactId)?.score ?? 0);
  const flat = [...full.overdue, ...full.today, ...full.upcoming];
  // The first screenful, group by group, in the full popup's order.
  expect(screen!.groups.flatMap((g) => g.rows.map((t) => t.id))).toEqual(
    flat.slice(0, FIRST_SCREEN).map((t) => t.id),
  );
  expect(screen!.counts).toEqual({
    overdue: full.overdue.length,
    today: full.today.length,
    upcoming: full.upcoming.length,
  });
  for (const t of flat.slice(0, FIRST_SCREEN))
    expect(screen!.scores.get(t.contactId)).toEqual(data.scores.get(t.contactId));
});

it('draws each row exactly as DueRow does (names and companies escaped, not markup)', async () => {
  await seed(40);
  await storeDueCounts(db, NOW, UPCOMING_DAYS);
  const screen = firstScreen((await readFirstPaint(indexedDB, name))!, NOW)!;
  const drawn = drawFirstScreen(screen, NOW);
  const rows = [...drawn.querySelectorAll('[data-testid="due-row"]')];
  expect(rows).toHaveLength(FIRST_SCREEN);
  const first = screen.groups[0]!.rows[0]!.id;
  let clocks = 0;
  for (const li of rows) {
    const t = screen.groups
      .flatMap((g) => g.rows)
      .find((x) => x.id === Number(li.getAttribute('data-touch-id')))!;
    if (li.querySelector('[data-testid="countdown"]')) clocks++;
    const react = renderToStaticMarkup(
      <DueRow
        touch={t}
        contact={screen.contacts.get(t.contactId)}
        score={screen.scores.get(t.contactId)}
        now={NOW}
        timeZone="UTC"
        waitsFor={screen.blocked.get(t.id)}
        expanded={false}
        focused={t.id === first}
        onToggle={() => undefined}
        onFocus={() => undefined}
      />,
    );
    // Both through the same serialiser (React's escapes quotes in text, the DOM's does not).
    const parsed = document.createElement('template');
    parsed.innerHTML = react;
    expect(li.innerHTML).toBe(parsed.innerHTML);
  }
  // The rows cover names, emails for nameless contacts, companies and speed-to-lead clocks.
  expect(clocks).toBeGreaterThan(0);
  expect(drawn.textContent).toContain('Acme <b>&</b> "Co"');
  expect(drawn.querySelector('[data-testid="popup-summary"]')?.textContent).toMatch(/overdue/);
});

it('past the cap, shows the stored counts brought forward, not the capped list', async () => {
  await seed(330);
  await storeDueCounts(db, NOW, UPCOMING_DAYS);
  const later = NOW + 20_000;
  const screen = firstScreen((await readFirstPaint(indexedDB, name))!, later)!;
  const data = await loadPopupData(db, Math.floor(later / 60_000), later);
  expect(data.truncated).toBe(true);
  expect(screen.counts).toEqual(data.counts);
  expect(screen.truncated?.total).toBe(data.counts!.overdue + data.counts!.today + data.counts!.upcoming);
});

it('draws nothing when the stored rows no longer hold: a write, another day, team sync, none stored', async () => {
  await seed(20);
  // None stored yet.
  expect(firstScreen((await readFirstPaint(indexedDB, name))!, NOW)).toBeUndefined();
  await storeDueCounts(db, NOW, UPCOMING_DAYS);
  expect(firstScreen((await readFirstPaint(indexedDB, name))!, NOW)).toBeDefined();
  // Tomorrow: the groups split at another midnight.
  expect(firstScreen((await readFirstPaint(indexedDB, name))!, NOW + 24 * HOUR)).toBeUndefined();
  // Team sync on: owners and teammates' leads are the full popup's.
  await db.meta.put({ key: SYNC_ON_KEY, value: '1' });
  expect(firstScreen((await readFirstPaint(indexedDB, name))!, NOW)).toBeUndefined();
  await db.meta.delete(SYNC_ON_KEY);
  expect(firstScreen((await readFirstPaint(indexedDB, name))!, NOW)).toBeDefined();
  // A touch done: the write drops what was stored.
  await db.touches.update(1, { state: 'done' });
  expect(firstScreen((await readFirstPaint(indexedDB, name))!, NOW)).toBeUndefined();
});

it('never creates the database it reads', async () => {
  const missing = `${name}-missing`;
  expect(await readFirstPaint(indexedDB, missing)).toBeUndefined();
  const names = (await indexedDB.databases()).map((d) => d.name);
  expect(names).not.toContain(missing);
});
