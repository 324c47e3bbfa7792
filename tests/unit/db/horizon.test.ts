import fc from 'fast-check';
import type { ContactDraft } from '@/lib/csv/import';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUILT_IN_PLAYBOOKS,
  enrol as engineEnrol,
  LEAD_SOURCES,
  pendingTouches,
  transition,
} from '@/lib/cadence';
import { DEFAULT_WINDOW } from '@/lib/cadence/types';
import {
  earliestTouch,
  type EnrolmentRow,
  laterTouches,
  type TouchRow,
  withComputedNext,
  completeTouch,
  dueGroupCounts,
  dueSummary,
  enrolContact,
  enrolmentAction,
  nextTouchFor,
  recordUndo,
  STORE_AHEAD_MS,
  saveSettings,
  plannedDueBefore,
  snoozeTouch,
  splitPlanned,
  storeLaterTouches,
  TouchbaseDb,
  undo,
  withLaterTouches,
} from '@/lib/db';
import { buildContactRows, bulkContacts } from '@/lib/db/contacts';
import { importContacts } from '@/lib/db/import';
import { claimNewLeads, nudgeCounts } from '@/lib/db/notify';
import { loadSidebarData } from '@/lib/sidebar/query';

const T0 = Date.parse('2026-03-03T15:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-horizon-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** Every planned touch due before `until`, as the engine plans them: what storing every one gave. */
async function engineDue(until: number): Promise<string[]> {
  const out: string[] = [];
  for (const e of await db.enrolments.toArray()) {
    for (const p of pendingTouches(e)) {
      if (p.dueAt.getTime() < until) out.push(`${e.id}:${p.step}:${p.extraKey ?? ''}:${p.dueAt.getTime()}`);
    }
  }
  return out.sort();
}

/** The same as the popup reads it: the stored rows plus the ones the engine computes. */
async function storedDue(until: number): Promise<string[]> {
  const { touches: rows, more } = await db.transaction('r', db.touches, db.enrolments, () =>
    plannedDueBefore(db, until, 10_000),
  );
  expect(more).toBe(false);
  return rows.map((t) => `${t.enrolmentId}:${t.step}:${t.extraKey ?? ''}:${t.dueAt}`).sort();
}

/** The badge's and the popup's counts, computed from the engine's full plan. */
async function engineCounts(now: number) {
  let due = 0;
  let overdue = 0;
  for (const e of await db.enrolments.toArray()) {
    for (const p of pendingTouches(e)) {
      if (p.dueAt.getTime() <= now) due++;
      if (p.deadlineAt.getTime() < now) overdue++;
    }
  }
  return { due, overdue };
}

async function enrolEveryPlaybook(now: number): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, p] of BUILT_IN_PLAYBOOKS.entries()) {
    const { contactId } = await enrolContact(db, {
      contact: { email: `c${i}@example.com`, firstName: `C${i}`, phone: '+15550100000' },
      playbookId: p.id,
      source: 'web-form',
      via: 'test',
      now,
    });
    ids.push(contactId);
  }
  return ids;
}

/** What the popup, the badge and the contacts table read must be what storing everything gave. */
async function expectExact(now: number, label: string) {
  expect(await storedDue(now + WEEK), `${label}: due list`).toEqual(await engineDue(now + WEEK));
  expect(await dueSummary(db, now), `${label}: badge`).toEqual(await engineCounts(now));
  // The daily nudge: due before the end of the day (10 h later here), and overdue.
  const nudge = await nudgeCounts(db, now, now + 10 * HOUR);
  expect({ dueToday: nudge.dueToday, overdue: nudge.overdue }, `${label}: nudge`).toEqual({
    dueToday: (await engineDue(now + 10 * HOUR)).length,
    overdue: (await engineCounts(now)).overdue,
  });
  const enrolments = await db.enrolments.toArray();
  const planned = await db.touches
    .where('[state+dueAt]')
    .between(['planned', -Infinity], ['planned', Infinity])
    .toArray();
  const table = new Map(
    buildContactRows(await db.contacts.toArray(), enrolments, withComputedNext(planned, enrolments)).map(
      (r) => [r.id, r.nextDueAt],
    ),
  );
  for (const e of enrolments) {
    const pending = pendingTouches(e).map((p) => p.dueAt.getTime());
    const first = pending.length ? Math.min(...pending) : undefined;
    // The touch a rep acts on next, stored or (after a bulk write) computed.
    expect((await nextTouchFor(db, e.contactId))?.dueAt, `${label}: next touch of ${e.id}`).toBe(first);
    // The contacts table's "next touch" column (one enrolment per contact here).
    expect(table.get(e.contactId), `${label}: table's next touch of ${e.contactId}`).toBe(first);
  }
}

describe('planned touches are rows only inside the stored horizon', () => {
  it('keep the badge, the 7-day due list and the next touch exact as time passes, the alarm storing what comes closer', async () => {
    const contacts = await enrolEveryPlaybook(T0);
    // Far fewer rows than planned touches.
    const planned = (await db.enrolments.toArray()).reduce((s, e) => s + pendingTouches(e).length, 0);
    expect(await db.touches.count()).toBeLessThan(planned);
    await expectExact(T0, 'enrolled');

    let lastAlarm = T0;
    let extended = 0;
    const times = [1, 5, 20, 23, 30, 50, 60, 70, 100, 150, 200, 330, 700, 1000, 1500, 2200, 2300].map(
      (h) => T0 + h * HOUR,
    );
    for (const [k, t] of times.entries()) {
      // However long without the alarm (a sleeping laptop), the due list and the badge are whole.
      await expectExact(t, `${(t - T0) / HOUR} h (${(t - lastAlarm) / HOUR} h since the alarm), before it`);
      extended += await storeLaterTouches(db, t);
      lastAlarm = t;
      await expectExact(t, `${(t - T0) / HOUR} h`);
      // The rep works some of it: done, and a pause and resume.
      const c = contacts[k % contacts.length]!;
      const next = await nextTouchFor(db, c);
      if (next && next.dueAt <= t) await completeTouch(db, next.id, { now: t, via: 'test' });
      if (k === 3) {
        const e = (await db.enrolments.where('contactId').equals(contacts[0]!).first())!;
        await enrolmentAction(db, e.id, { kind: 'pause' }, { now: t, via: 'test' });
        await expectExact(t, 'paused');
        await enrolmentAction(db, e.id, { kind: 'resume' }, { now: t + HOUR, via: 'test' });
      }
      await expectExact(t + HOUR, `${(t - T0) / HOUR} h, after the rep's work`);
    }
    expect(extended).toBeGreaterThan(0);
    expect(await db.activities.where('kind').equals('touch-done').count()).toBeGreaterThan(3);
  });

  it('the popup group counts come out the same as storing everything', async () => {
    await enrolEveryPlaybook(T0);
    const now = T0 + 2 * DAY;
    await storeLaterTouches(db, now);
    const end = now + 10 * HOUR;
    const counts = await dueGroupCounts(db, now, end, now + WEEK);
    let overdue = 0;
    let today = 0;
    let upcoming = 0;
    for (const e of await db.enrolments.toArray()) {
      for (const p of pendingTouches(e)) {
        if (p.deadlineAt.getTime() <= now) overdue++;
        else if (p.dueAt.getTime() < end) today++;
        else if (p.dueAt.getTime() < now + WEEK) upcoming++;
      }
    }
    expect(counts).toEqual({ overdue, today, upcoming });
  });

  it('the sidebar timeline still lists every planned touch, the later ones from the engine', async () => {
    await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    const e = (await db.enrolments.toArray())[0]!;
    const stored = await db.touches.toArray();
    // The first week's burst is stored; day 14 and day 90 (at least) are computed.
    const inside = pendingTouches(e).filter((p) => p.dueAt.getTime() < T0 + STORE_AHEAD_MS);
    expect(inside.length).toBeLessThanOrEqual(6);
    expect(stored.map((t) => t.step).sort()).toEqual(inside.map((p) => p.step));
    expect(e.laterDueAt).toBe(pendingTouches(e)[inside.length]!.dueAt.getTime());
    const data = await loadSidebarData(db, { people: ['ada@example.com'], senders: [] });
    expect(data.touches.map((t) => t.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(data.touches.map((t) => t.dueAt)).toEqual(pendingTouches(e).map((p) => p.dueAt.getTime()));
    // Computed rows carry ids no stored row has; the next step is always a stored row.
    expect(data.touches.filter((t) => t.id < 0).map((t) => t.step)).toEqual(
      pendingTouches(e)
        .slice(inside.length)
        .map((p) => p.step),
    );
    expect(withLaterTouches(stored, [e])).toHaveLength(8);
  });

  it('splitPlanned stores every touch due within the horizon, the next step, and every extra', async () => {
    await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    const e = (await db.enrolments.toArray())[0]!;
    // Long after the last step was due: everything left is inside the horizon.
    expect(splitPlanned(e, T0 + 100 * DAY)).toMatchObject({ laterDueAt: undefined });
    expect(splitPlanned(e, T0 + 100 * DAY).stored).toHaveLength(8);
    // Long before: only the next step (and what is due with it), which is always a row.
    const early = splitPlanned(e, T0 - 30 * DAY);
    const first = pendingTouches(e)[0]!.dueAt.getTime();
    const withFirst = pendingTouches(e).filter((p) => p.dueAt.getTime() <= first);
    expect(early.stored.map((t) => t.step)).toEqual(withFirst.map((p) => p.step));
    expect(early.laterDueAt).toBe(pendingTouches(e)[withFirst.length]!.dueAt.getTime());
    // An hour ahead only: an import or a resume writes one or two touch rows per enrolment.
    expect(STORE_AHEAD_MS).toBeLessThanOrEqual(HOUR);
    expect(withFirst.length).toBeLessThan(pendingTouches(e).length);
  });

  it('a pause deletes only the stored rows, and undo brings back exactly those, with their ids', async () => {
    await enrolEveryPlaybook(T0);
    const e = (await db.enrolments.toArray())[0]!;
    const before = await db.touches.toArray();
    const { undo: ticket } = await recordUndo(db, { label: 'pause', via: 't', now: T0 + HOUR }, () =>
      enrolmentAction(db, e.id, { kind: 'pause' }, { now: T0 + HOUR, via: 't' }),
    );
    expect(await db.touches.where('enrolmentId').equals(e.id).count()).toBe(0);
    await undo(db, ticket!.id, T0 + HOUR + 1000);
    expect(await db.touches.toArray()).toEqual(before);
    expect(await db.enrolments.get(e.id)).toEqual(e);
  });

  it('an action on a computed touch writes its row first, all or nothing, and undo takes it back', async () => {
    await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    const e = (await db.enrolments.toArray())[0]!;
    const now = T0 + 2 * HOUR;
    const { touches: list } = await db.transaction('r', db.touches, db.enrolments, () =>
      plannedDueBefore(db, now + WEEK, 300),
    );
    const computed = list.filter((t) => t.id < 0);
    expect(computed.length).toBeGreaterThan(0);
    const pick = computed[computed.length - 1]!;
    const rowsBefore = await db.touches.toArray();
    // The engine refuses it (not the next step): the row written for it is rolled back too.
    await expect(completeTouch(db, pick.id, { now, via: 't' })).rejects.toThrow(/not next/);
    expect(await db.touches.toArray()).toEqual(rowsBefore);
    expect(await db.enrolments.get(e.id)).toEqual(e);
    // A snooze moves the next touch, whichever row it was asked from (as with stored rows).
    const { undo: ticket } = await recordUndo(db, { label: 'snooze', via: 't', now }, () =>
      snoozeTouch(db, pick.id, 60, { now, via: 't' }),
    );
    expect((await nextTouchFor(db, e.contactId))?.dueAt).toBe(now + 60 * 60_000);
    // Whatever the enrolment plans now, the badge and the list still match the engine's full plan.
    await expectExact(now, 'after acting on a computed touch');
    await undo(db, ticket!.id, now + 1000);
    expect(await db.touches.toArray()).toEqual(rowsBefore);
    expect(await db.enrolments.get(e.id)).toEqual(e);
    // A computed id naming no enrolment is refused in words.
    await expect(completeTouch(db, -(999 * 1024 + 1), { now, via: 't' })).rejects.toThrow(
      /no longer planned/,
    );
  });
});

describe('bulk writes store no step (an import, a bulk resume)', () => {
  const draft = (i: number): ContactDraft => ({
    email: `lead${i}@example.com`,
    firstName: `L${i}`,
    lastName: '',
    company: '',
    title: '',
    phone: '+15550100000',
    custom: {},
  });

  it('an import writes no touch row, and the badge, the due list, the next touch and the table stay exact as time passes', async () => {
    // One import per playbook: every built-in cadence, all enrolled at T0.
    for (const [k, p] of BUILT_IN_PLAYBOOKS.entries()) {
      await importContacts(db, {
        drafts: [0, 1].map((i) => draft(k * 10 + i)),
        mode: 'skip',
        enrol: { playbookId: p.id, source: 'web-form' },
        via: 'import',
        now: T0,
      });
    }
    expect(await db.touches.count()).toBe(0);
    expect((await db.enrolments.toArray()).every((e) => e.laterDueAt !== undefined)).toBe(true);
    await expectExact(T0, 'imported');
    // The new-lead notice names each lead's next touch, computed since no step is a row yet.
    const leads = await claimNewLeads(db, T0);
    expect(leads).toHaveLength(2 * BUILT_IN_PLAYBOOKS.length);
    for (const l of leads)
      expect(l.next?.dueAt).toBe(Math.min(...pendingTouches(l.enrolment).map((p) => p.dueAt.getTime())));
    // The alarm stores the hour ahead: today's rows (each next step and what is due within the hour).
    await storeLaterTouches(db, T0);
    expect(await db.touches.count()).toBeGreaterThan(0);
    await expectExact(T0, 'imported, after the alarm');
    // Acting on a computed next step writes it first (the sidebar, a notification, the popup).
    await importContacts(db, {
      drafts: [draft(99)],
      mode: 'skip',
      enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
      via: 'import',
      now: T0 + HOUR,
    });
    const late = (await db.contacts.where('emailLower').equals('lead99@example.com').first())!;
    const next = (await nextTouchFor(db, late.id))!;
    expect(next.id).toBeLessThan(0);
    await completeTouch(db, next.id, { now: T0 + HOUR, via: 'test' });
    await expectExact(T0 + HOUR, 'after acting on a computed next step');
    for (const h of [2, 30, 80, 400]) {
      await expectExact(T0 + h * HOUR, `${h} h, before the alarm`);
      await storeLaterTouches(db, T0 + h * HOUR);
      await expectExact(T0 + h * HOUR, `${h} h`);
    }
  });

  it('a bulk resume writes no touch row; everything reads as before, and the alarm stores the hour ahead', async () => {
    const contacts = await enrolEveryPlaybook(T0);
    const now = T0 + 2 * HOUR;
    await storeLaterTouches(db, now);
    await bulkContacts(db, contacts, { kind: 'pause' }, { now, via: 'test' });
    expect(
      await db.touches.where('[state+dueAt]').between(['planned', -Infinity], ['planned', Infinity]).count(),
    ).toBe(0);
    const rows = await db.touches.count();
    const resumed = now + DAY;
    await bulkContacts(db, contacts, { kind: 'resume' }, { now: resumed, via: 'test' });
    expect(await db.touches.count()).toBe(rows);
    await expectExact(resumed, 'resumed');
    await storeLaterTouches(db, resumed);
    await expectExact(resumed, 'resumed, after the alarm');
    await expectExact(resumed + 3 * DAY, 'three days on');
  });
});

describe('splitPlanned, for any enrolment and time', () => {
  const key = (t: { step: number; extraKey?: number; dueAt: number | Date }) =>
    `${t.step}:${t.extraKey ?? ''}:${typeof t.dueAt === 'number' ? t.dueAt : t.dueAt.getTime()}`;

  it('stored rows plus computed ones are exactly the engine pending touches, and the next touch is the earliest', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: BUILT_IN_PLAYBOOKS.length - 1 }),
        fc.constantFrom(...LEAD_SOURCES),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: -2 * DAY, max: 120 * DAY }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        (pi, source, done, later, defer, throughIdx) => {
          const res = engineEnrol(
            {
              contactId: 7,
              playbook: BUILT_IN_PLAYBOOKS[pi]!,
              source,
              timeZone: 'America/New_York',
              window: DEFAULT_WINDOW,
            },
            T0,
          );
          if (!res.ok) throw new Error('refused');
          let e = { ...res.enrolment, id: 3, playbookName: 'p' } as EnrolmentRow;
          for (let k = 0; k < done; k++) {
            const next = transition(e, { type: 'touch-done' }, T0 + k * HOUR);
            if (!next.ok) break;
            e = { ...e, ...next.enrolment };
          }
          const now = T0 + later;
          const pending = pendingTouches(e);
          const through =
            throughIdx === undefined
              ? undefined
              : pending[throughIdx % Math.max(1, pending.length)]?.dueAt.getTime();
          const { stored, laterDueAt, laterNext } = splitPlanned(e, now, through, defer);
          const row = { ...e, laterDueAt, laterNext } as EnrolmentRow;
          if (laterDueAt === undefined) delete row.laterDueAt;
          if (laterNext === undefined) delete row.laterNext;
          const computed = laterTouches(row);
          // The first computed touch kept on the row is the one the engine computes first.
          const head = computed[0];
          expect(laterNext).toEqual(
            head && {
              step: head.step,
              deadlineAt: head.deadlineAt,
              ...(head.withinMinutes === undefined ? {} : { withinMinutes: head.withinMinutes }),
            },
          );
          // Nothing twice, nothing missing.
          expect([...stored.map(key), ...computed.map(key)].sort()).toEqual(pending.map(key).sort());
          // A bulk write stores no step (only rule-added step-0 touches and what `through` asks for).
          if (defer)
            for (const t of stored)
              expect(t.step === 0 || (through !== undefined && t.dueAt <= through)).toBe(true);
          // The next touch, from the earliest stored row and the enrolment's indexed laterDueAt.
          const rows = stored
            .map((t, i) => ({ ...t, id: i + 1 }) as TouchRow)
            .sort((a, b) => a.dueAt - b.dueAt);
          const first = pending.length ? Math.min(...pending.map((p) => p.dueAt.getTime())) : undefined;
          expect(earliestTouch(rows[0], [row])?.dueAt).toBe(first);
          const forTable = withComputedNext(rows, [row]);
          expect(forTable.length ? Math.min(...forTable.map((t) => t.dueAt)) : undefined).toBe(first);
          // Planned (a row written before laterNext) or read from the row: the same next touch.
          const { laterNext: _, ...older } = row;
          expect(
            withComputedNext(rows, [older as EnrolmentRow]).map((t) => [
              t.dueAt,
              t.deadlineAt,
              t.withinMinutes,
            ]),
          ).toEqual(forTable.map((t) => [t.dueAt, t.deadlineAt, t.withinMinutes]));
        },
      ),
      { numRuns: 300 },
    );
  });
});
