/**
 * The popup's stored counts through a team sync's apply (lib/db/due-keep.ts): for any sequence of
 * enrolments, take-overs, assignments, replies and opt-outs made by three reps and applied by
 * sync pages, every rep's stored counts, once their sync is applied, are there and equal a full
 * recount, and the popup's rows stored with them hold each contact as it now is. Three Dexie
 * databases, each with its local PouchDB, replicating through a fourth PouchDB standing in for
 * the server (memory adapter, no HTTP: the protocol is PouchDB's own either way).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { nextLocalMidnight } from '@/lib/cadence/zoned';
import {
  claimUnowned,
  dueGroupCounts,
  enrolContact,
  logReply,
  RepoError,
  SYNC_ON_KEY,
  saveSettings,
  TouchbaseDb,
  takeOver,
} from '@/lib/db';
import { DUE_COUNTS_KEY, markCountsWriter, POPUP_ROWS_KEY } from '@/lib/db/due-counts-guard';
import { KEEP_LIMIT } from '@/lib/db/due-keep';
import {
  parseRows,
  parseStored,
  readStoredDueCounts,
  storeDueCounts,
  usableDueCounts,
} from '@/lib/db/due-summary';
import { optOutContact } from '@/lib/db/optout';
import { factsOf } from '@/lib/scoring';
import type { PouchLike, SyncContext } from '@/lib/sync/engine';
import { type SyncRemote, syncOnce } from '@/lib/sync/run';
import { UPCOMING_DAYS } from '@/lib/touches';
import { NodePouchDB } from '../../e2e/support/pouchdb-node';

const PouchDB = NodePouchDB;
const T0 = Date.parse('2026-03-03T15:00:00Z');
const MIN = 60_000;
const ZONE = 'America/New_York';
const REPS = ['ana', 'ben', 'cleo'] as const;
type Who = (typeof REPS)[number];
const PLAYBOOKS = ['speed-to-lead-90', 'seven-touch-14-day'] as const;
let n = 0;
const open: TouchbaseDb[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

const lead = (i: number) => ({ email: `lead${i}@example.com`, firstName: `Lead${i}`, lastName: 'Test' });

/** `count` leads stored straight into Ben's table as his own, as a large first sync of a team brings them. */
async function addBensLeads(ben: TouchbaseDb, count: number): Promise<void> {
  await ben.transaction('rw', ben.contacts, () =>
    ben.contacts.bulkAdd(
      Array.from({ length: count }, (_, i) => ({
        ...lead(100 + i),
        emailLower: `lead${100 + i}@example.com`,
        company: '',
        phone: '',
        title: '',
        externalIds: [],
        timeZone: ZONE,
        leadSource: 'web-form',
        notes: '',
        optOut: {},
        custom: {},
        createdAt: T0,
        updatedAt: T0,
        owner: { id: 'ben', name: 'ben', since: T0 },
      })) as never,
    ),
  );
}
const horizonAt = (now: number) => Math.floor(now / MIN) * MIN + UPCOMING_DAYS * 86_400_000;

interface Team {
  clock: number;
  reps: Record<Who, { db: TouchbaseDb; sync(): Promise<unknown> }>;
}

/** Three reps on one stand-in server; `page` changes per apply page, `streams` as the extension. */
async function team(page: number, streams: boolean): Promise<Team> {
  const id = n++;
  const hub = new PouchDB(`keep-hub-${id}`, { adapter: 'memory' });
  const t = { clock: T0 } as Team;
  const reps = {} as Team['reps'];
  for (const name of REPS) {
    const db = new TouchbaseDb(`keep-${name}-${id}`);
    await db.open();
    open.push(db);
    await saveSettings(db, { timeZone: ZONE, name });
    await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
    await claimUnowned(db, { id: name, name }, T0);
    const local = new PouchDB(`keep-local-${name}-${id}`, { adapter: 'memory' });
    const ctx: SyncContext = {
      db,
      local: local as PouchLike,
      replica: name,
      now: () => t.clock,
      pageSize: page,
    };
    const remote: SyncRemote = {
      check: async () => undefined,
      streams,
      replicate: async (_progress, _denied, received) => {
        await local.replicate.to(hub);
        // Every batch handed on as not fresh: each document is read back from the copy.
        await new Promise<void>((resolve, reject) => {
          local.replicate
            .from(hub, { batch_size: page })
            .on('change', (info: { docs?: object[] }) => {
              if (streams && info.docs?.length) received?.(info.docs, () => false);
            })
            .on('complete', () => resolve())
            .on('error', reject);
        });
      },
    };
    reps[name] = { db, sync: () => syncOnce(ctx, remote) };
  }
  t.reps = reps;
  return t;
}

/** The background's recount (after a rep's own write, as the badge refresh does). */
const recount = (t: Team, who: Who) => storeDueCounts(t.reps[who].db, t.clock, UPCOMING_DAYS);

/**
 * A rep's stored counts equal a full recount at their own `at`; the popup's read of them at
 * the team's clock equals the live group counts; the stored rows hold each contact as it is.
 * The kept counts are put back afterwards, so the next pages keep moving them.
 */
async function expectExact(t: Team, who: Who): Promise<void> {
  const { db } = t.reps[who];
  const keptRow = await db.meta.get(DUE_COUNTS_KEY);
  const rowsRow = await db.meta.get(POPUP_ROWS_KEY);
  const kept = parseStored(keptRow);
  expect(kept, `${who}: counts kept through the sync`).toBeDefined();
  if (!kept) return;
  const read = await db.transaction('r', [db.touches, db.enrolments, db.meta], () => readStoredDueCounts(db));
  const horizon = horizonAt(t.clock);
  const usable = usableDueCounts(read, t.clock, ZONE, horizon);
  if (usable)
    expect(usable).toEqual(await dueGroupCounts(db, t.clock, nextLocalMidnight(ZONE, t.clock), horizon));
  const rows = parseRows(rowsRow);
  if (rows) {
    expect(rows.at).toBe(kept.at);
    const now = await db.contacts.bulkGet(rows.rows.contacts.map((c) => c.id));
    for (const [i, c] of rows.rows.contacts.entries()) {
      // Bar the global id, which the push writes on without touching the counts (never shown).
      expect({ ...c, gid: undefined }, `${who}: a contact in the stored rows as it is`).toEqual({
        ...now[i],
        gid: undefined,
      });
      const enrolments = await db.enrolments.where('contactId').equals(c.id).toArray();
      expect(rows.rows.facts[i]).toEqual(factsOf(c, enrolments));
    }
  }
  await db.meta.bulkDelete([DUE_COUNTS_KEY, POPUP_ROWS_KEY]);
  await storeDueCounts(db, kept.at, UPCOMING_DAYS);
  const fresh = parseStored(await db.meta.get(DUE_COUNTS_KEY));
  expect(kept.counts, `${who}: counts`).toEqual(fresh?.counts);
  expect(kept.deadlines).toEqual(fresh?.deadlines.filter((d) => d < kept.deadlinesUntil));
  expect([kept.touchKey, kept.enrolmentKey]).toEqual([fresh?.touchKey, fresh?.enrolmentKey]);
  expect(kept.nextEntering).toBeLessThanOrEqual(fresh?.nextEntering ?? Number.POSITIVE_INFINITY);
  await db.transaction('rw', db.meta, async (tx) => {
    markCountsWriter(tx);
    await db.meta.bulkPut([keptRow!, ...(rowsRow ? [rowsRow] : [])]);
  });
}

type Step =
  | { kind: 'enrol'; who: Who; lead: number; playbook: number }
  | { kind: 'takeOver' | 'reply' | 'optOut'; who: Who; lead: number }
  | { kind: 'assign'; who: Who; lead: number; to: Who }
  | { kind: 'sync'; who: Who }
  | { kind: 'wait'; minutes: number };

const who = fc.constantFrom(...REPS);
const leadNo = fc.integer({ min: 0, max: 3 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('enrol' as const), who, lead: leadNo, playbook: fc.nat(1) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('takeOver' as const), who, lead: leadNo }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('assign' as const), who, lead: leadNo, to: who }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('reply' as const, 'optOut' as const), who, lead: leadNo }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), who }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 600 }) }),
  },
);

/** One step; a refusal (another rep's lead, a contact not here yet) changes nothing. */
async function run(t: Team, s: Step): Promise<void> {
  if (s.kind === 'wait') {
    t.clock += s.minutes * MIN;
    return;
  }
  const { db, sync } = t.reps[s.who];
  if (s.kind === 'sync') {
    await sync();
    await expectExact(t, s.who);
    return;
  }
  const contact = await db.contacts.where('emailLower').equals(lead(s.lead).email).first();
  const now = t.clock;
  try {
    if (s.kind === 'enrol')
      await enrolContact(db, {
        contact: lead(s.lead),
        playbookId: PLAYBOOKS[s.playbook]!,
        source: 'web-form',
        via: 'test',
        now,
      });
    else if (!contact) return;
    else if (s.kind === 'takeOver') await takeOver(db, contact.id, { now, via: 'test' });
    else if (s.kind === 'assign')
      // A rule routing the lead to a rep: its owner changes, recorded for the team.
      await db.contacts.update(contact.id, { owner: { id: s.to, name: s.to, since: now }, updatedAt: now });
    else if (s.kind === 'reply') await logReply(db, contact.id, { now, via: 'test' });
    else await optOutContact(db, contact.id, { now, via: 'test' });
  } catch (err) {
    if (!(err instanceof RepoError)) throw err;
  }
  await recount(t, s.who);
}

describe('stored due counts through sync pages (lib/db/due-keep.ts)', () => {
  it('any owner moves and due touches applied by sync pages: the stored counts equal a full recount', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 4, maxLength: 18 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        async (steps, page, streams) => {
          const t = await team(page, streams);
          for (const r of REPS) await recount(t, r);
          for (const s of steps) await run(t, s);
          for (const r of REPS) await run(t, { kind: 'sync', who: r });
          for (const r of REPS) await run(t, { kind: 'sync', who: r });
          for (const db of open.splice(0)) {
            db.close();
            await db.delete();
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000);

  it('Ana assigns Ben her lead: his stored counts gain its touches in the apply, hers lose them', async () => {
    const t = await team(50, true);
    for (const r of REPS) await recount(t, r);
    await run(t, { kind: 'enrol', who: 'ana', lead: 1, playbook: 0 });
    await run(t, { kind: 'sync', who: 'ana' });
    await run(t, { kind: 'sync', who: 'ben' });
    const before = parseStored(await t.reps.ben.db.meta.get(DUE_COUNTS_KEY))!;
    const total = (c: typeof before.counts) => c.overdue + c.today + c.upcoming;
    await run(t, { kind: 'assign', who: 'ana', lead: 1, to: 'ben' });
    const anas = parseStored(await t.reps.ana.db.meta.get(DUE_COUNTS_KEY))!;
    expect(total(anas.counts)).toBe(0);
    await run(t, { kind: 'sync', who: 'ana' });
    await run(t, { kind: 'sync', who: 'ben' });
    const after = parseStored(await t.reps.ben.db.meta.get(DUE_COUNTS_KEY))!;
    // Counted at the same moment: moved by the apply, not counted again.
    expect(after.at).toBe(before.at);
    expect(total(before.counts)).toBe(0);
    expect(total(after.counts)).toBeGreaterThan(0);
    // Ben takes nothing back: Ana takes it over, and his counts return to none.
    await run(t, { kind: 'takeOver', who: 'ana', lead: 1 });
    await run(t, { kind: 'sync', who: 'ana' });
    await run(t, { kind: 'sync', who: 'ben' });
    expect(total(parseStored(await t.reps.ben.db.meta.get(DUE_COUNTS_KEY))!.counts)).toBe(0);
  });

  it('a lead routed to Ben as Ana enrols it (round-robin): its contact and sequence land in pages of one, counted once', async () => {
    const t = await team(1, false);
    for (const r of REPS) await recount(t, r);
    await run(t, { kind: 'enrol', who: 'ana', lead: 2, playbook: 1 });
    await run(t, { kind: 'assign', who: 'ana', lead: 2, to: 'ben' });
    await run(t, { kind: 'sync', who: 'ana' });
    await run(t, { kind: 'sync', who: 'ben' });
    const { counts } = parseStored(await t.reps.ben.db.meta.get(DUE_COUNTS_KEY))!;
    expect(counts.overdue + counts.today + counts.upcoming).toBeGreaterThan(0);
    // Ana replies for him: paused for everyone, and gone from his counts in the apply.
    await run(t, { kind: 'reply', who: 'ana', lead: 2 });
    await run(t, { kind: 'sync', who: 'ana' });
    await run(t, { kind: 'sync', who: 'ben' });
    const paused = parseStored(await t.reps.ben.db.meta.get(DUE_COUNTS_KEY))!.counts;
    expect(paused.overdue + paused.today + paused.upcoming).toBe(0);
  });

  it("Ana logs an opt-out on Ben's lead: the team-wide suppression stops his touches, gone from his counts in the apply", async () => {
    for (const page of [1, 50]) {
      const t = await team(page, page > 1);
      for (const r of REPS) await recount(t, r);
      await run(t, { kind: 'enrol', who: 'ben', lead: 3, playbook: 0 });
      await run(t, { kind: 'sync', who: 'ben' });
      await run(t, { kind: 'sync', who: 'ana' });
      const total = (c: { overdue: number; today: number; upcoming: number }) =>
        c.overdue + c.today + c.upcoming;
      expect(total(parseStored(await t.reps.ben.db.meta.get(DUE_COUNTS_KEY))!.counts)).toBeGreaterThan(0);
      await run(t, { kind: 'optOut', who: 'ana', lead: 3 });
      await run(t, { kind: 'sync', who: 'ana' });
      await run(t, { kind: 'sync', who: 'ben' });
      expect(total(parseStored(await t.reps.ben.db.meta.get(DUE_COUNTS_KEY))!.counts)).toBe(0);
    }
  });

  it(`a page changing more than ${KEEP_LIMIT} contacts drops the counts, as before: counted once after`, async () => {
    const t = await team(5_000, true);
    const { db } = t.reps.ana;
    // Ben's leads, as a large first sync of a team brings them.
    const { db: ben } = t.reps.ben;
    await addBensLeads(ben, KEEP_LIMIT + 1);
    await t.reps.ben.sync();
    await t.reps.ana.sync();
    await recount(t, 'ana');
    // Ben hands every one of them to Ana in one go.
    await ben.contacts.toCollection().modify({ owner: { id: 'ana', name: 'ana', since: T0 + MIN } });
    await t.reps.ben.sync();
    await t.reps.ana.sync();
    expect(await db.meta.get(DUE_COUNTS_KEY)).toBeUndefined();
    expect(await db.contacts.filter((c) => c.owner?.id === 'ana').count()).toBe(KEEP_LIMIT + 1);
  }, 60_000);

  it(`a run whose pages together change more than ${KEEP_LIMIT} contacts drops the counts, each page under it; the next run keeps them again`, async () => {
    // Pages of 400 read from the feed: each changes fewer than the limit, the run more.
    const t = await team(400, false);
    const { db } = t.reps.ana;
    const { db: ben } = t.reps.ben;
    const many = KEEP_LIMIT + 1;
    await addBensLeads(ben, many);
    await t.reps.ben.sync();
    await t.reps.ana.sync();
    await recount(t, 'ana');
    // Ben hands every one of them to Ana; her run applies it in three pages of 400 or fewer.
    await ben.contacts.toCollection().modify({ owner: { id: 'ana', name: 'ana', since: T0 + MIN } });
    await t.reps.ben.sync();
    await t.reps.ana.sync();
    expect(await db.meta.get(DUE_COUNTS_KEY)).toBeUndefined();
    expect(await db.contacts.filter((c) => c.owner?.id === 'ana').count()).toBe(many);
    await recount(t, 'ana');
    // The next run (one lead enrolled by Ben) is small again: kept and exact.
    await run(t, { kind: 'enrol', who: 'ben', lead: 1, playbook: 0 });
    await run(t, { kind: 'sync', who: 'ben' });
    await run(t, { kind: 'sync', who: 'ana' });
  }, 90_000);
});
