/**
 * Assignment rules end to end below the UI: two reps with their own Dexie database and local
 * PouchDB, syncing through the in-process CouchDB-protocol server (as engine.test.ts).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pendingTouches } from '@/lib/cadence';
import { claimUnowned, dueSummary, enrolContact, SYNC_ON_KEY, saveSettings, TouchbaseDb } from '@/lib/db';
import { loadReps, loadRules, saveRules } from '@/lib/db/assignment';
import { importContacts } from '@/lib/db/import';
import { claimNewLeads } from '@/lib/db/notify';
import type { ContactDraft } from '@/lib/csv/import';
import type { AssignRule } from '@/lib/sync/assign';
import type { PouchLike, SyncContext } from '@/lib/sync/engine';
import { checkInfo, type SyncRemote, syncOnce } from '@/lib/sync/run';
import { type CouchServer, startCouchServer } from '../../e2e/support/couch-server';
import { NodePouchDB } from '../../e2e/support/pouchdb-node';

const T0 = Date.parse('2026-03-03T15:00:00Z');
const TEAMS = Array.from({ length: 6 }, (_, i) => `assign${i}`);
let team = '';
let server: CouchServer;
let n = 0;
const open: TouchbaseDb[] = [];

beforeAll(async () => {
  server = await startCouchServer({
    users: { ana: 'ana-pw', ben: 'ben-pw' },
    members: Object.fromEntries(TEAMS.map((t) => [t, ['ana', 'ben']])),
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  team = TEAMS.shift() as string;
});
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

interface Rep {
  db: TouchbaseDb;
  sync(): Promise<{ pushed: number; applied: number }>;
}

async function rep(name: string, opts: { syncOn?: boolean } = {}): Promise<Rep> {
  const id = n++;
  const db = new TouchbaseDb(`assign-${name}-${id}`);
  await db.open();
  open.push(db);
  await saveSettings(db, { timeZone: 'America/New_York', name });
  if (opts.syncOn !== false) {
    await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
    await claimUnowned(db, { id: name, name: name[0]?.toUpperCase() + name.slice(1) }, T0);
  }
  const local = new NodePouchDB(`assign-local-${name}-${id}`, { adapter: 'memory' });
  const remoteDb = new NodePouchDB(`${server.url}/${team}`, {
    skip_setup: true,
    auth: { username: name, password: `${name}-pw` },
  });
  const ctx: SyncContext = { db, local: local as PouchLike, replica: name, now: () => Date.now() };
  const remote: SyncRemote = {
    check: async () => checkInfo(await remoteDb.info()),
    replicate: async () => {
      await local.replicate.to(remoteDb);
      await local.replicate.from(remoteDb);
    },
  };
  return { db, sync: () => syncOnce(ctx, remote) };
}

const ANA = { id: 'ana', name: 'Ana' };
const BEN = { id: 'ben', name: 'Ben' };
const draft = (i: number, extra: Partial<ContactDraft> = {}): ContactDraft => ({
  email: `lead${i}@example.com`,
  firstName: `Lead${i}`,
  lastName: '',
  company: '',
  title: '',
  phone: '',
  custom: {},
  ...extra,
});
const ownersByEmail = async (db: TouchbaseDb) =>
  Object.fromEntries((await db.contacts.toArray()).map((c) => [c.email, c.owner?.id]));

describe('assignment rules through team sync', () => {
  it("Ana's rules reach Ben; the roster names both; an import round-robins, and Ben receives his two", async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    await b.sync();
    const rules: AssignRule[] = [{ id: 'rr', reps: [ANA, BEN] }];
    const saved = await saveRules(a.db, rules, T0);
    expect(saved.ok).toBe(true);
    await a.sync();
    await b.sync();
    expect((await loadRules(b.db)).rules).toEqual(rules);
    expect((await loadReps(a.db)).map((r) => r.name)).toEqual(['Ana', 'Ben']);

    await importContacts(a.db, {
      drafts: [1, 2, 3, 4].map((i) => draft(i)),
      mode: 'skip',
      enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
      via: 'import',
      now: T0,
    });
    const owners = Object.values(await ownersByEmail(a.db));
    expect(owners.filter((o) => o === 'ana')).toHaveLength(2);
    expect(owners.filter((o) => o === 'ben')).toHaveLength(2);
    await a.sync();
    await b.sync();
    expect(await ownersByEmail(b.db)).toEqual(await ownersByEmail(a.db));

    // Each badge counts its own rep's leads: the same touches are planned on both devices.
    const later = T0 + 60_000;
    // As the engine plans them: the import stored no step on Ana's side (lib/db/horizon.ts).
    const dueOf = async (db: TouchbaseDb, owner: string) => {
      const mine = new Set(
        (await db.contacts.toArray()).filter((c) => c.owner?.id === owner).map((c) => c.id),
      );
      let due = 0;
      for (const e of await db.enrolments.toArray())
        if (mine.has(e.contactId)) due += pendingTouches(e).filter((p) => p.dueAt.getTime() <= later).length;
      return due;
    };
    const benDue = await dueOf(b.db, 'ben');
    expect(benDue).toBeGreaterThanOrEqual(2);
    expect((await dueSummary(b.db, later)).due).toBe(benDue);
    expect((await dueSummary(a.db, later)).due).toBe(await dueOf(a.db, 'ana'));
    // The new-lead alert rings the browser of the rep each lead went to (seed 003).
    const alerted = async (db: TouchbaseDb) =>
      (await claimNewLeads(db, later)).map((l) => l.contact.owner?.id).sort();
    expect(await alerted(b.db)).toEqual(['ben', 'ben']);
    expect(await alerted(a.db)).toEqual(['ana', 'ana']);
    // Two days on without the alarm: most due touches are computed, not rows (lib/db/horizon.ts),
    // and each badge still counts only its own rep's, as the engine plans them.
    const days = T0 + 2 * 86_400_000;
    const plannedDueOf = async (db: TouchbaseDb, owner: string) => {
      const mine = new Set(
        (await db.contacts.toArray()).filter((c) => c.owner?.id === owner).map((c) => c.id),
      );
      let due = 0;
      for (const e of await db.enrolments.toArray())
        if (mine.has(e.contactId)) due += pendingTouches(e).filter((p) => p.dueAt.getTime() <= days).length;
      return due;
    };
    const benLater = await plannedDueOf(b.db, 'ben');
    expect(benLater).toBeGreaterThan(benDue);
    expect((await dueSummary(b.db, days)).due).toBe(benLater);
    expect((await dueSummary(a.db, days)).due).toBe(await plannedDueOf(a.db, 'ana'));
    // Sync off: the badge is every due touch again, as before teams.
    await b.db.meta.delete(SYNC_ON_KEY);
    expect((await dueSummary(b.db, later)).due).toBe(benDue + (await dueOf(b.db, 'ana')));
  });

  it('routes by lead source and by score; a lead no rule takes stays with the rep who added it', async () => {
    const a = await rep('ana');
    await saveSettings(a.db, {
      scoring: {
        base: 20,
        decayPerDay: 1,
        maxDecay: 30,
        high: 70,
        medium: 40,
        notifyAt: 70,
        rules: [
          {
            id: 'budget',
            label: 'budget',
            when: { kind: 'custom', field: 'Budget', op: 'at-least', value: '10000' },
            points: 60,
          },
        ],
      },
    });
    const saved = await saveRules(
      a.db,
      [
        { id: 'ref', sources: ['referral'], reps: [BEN] },
        { id: 'hot', minScore: 70, reps: [BEN] },
      ],
      T0,
    );
    expect(saved.ok).toBe(true);
    await importContacts(a.db, {
      drafts: [
        draft(1, { leadSource: 'referral' }),
        draft(2, { leadSource: 'web-form', custom: { Budget: '25000' } }),
        draft(3, { leadSource: 'web-form', custom: { Budget: '500' } }),
      ],
      mode: 'skip',
      via: 'import',
      now: T0,
    });
    expect(await ownersByEmail(a.db)).toEqual({
      'lead1@example.com': 'ben',
      'lead2@example.com': 'ben',
      'lead3@example.com': 'ana',
    });
    // Enrolled from a page: the same rules.
    await enrolContact(a.db, {
      contact: { email: 'page@example.com', firstName: 'Page' },
      playbookId: 'speed-to-lead-90',
      source: 'referral',
      via: 'sidebar',
      now: T0,
    });
    expect((await a.db.contacts.where('emailLower').equals('page@example.com').first())?.owner).toEqual({
      ...BEN,
      since: T0,
    });
  });

  it('two reps edit the rules offline: after syncing both hold the later edit', async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    await saveRules(a.db, [{ id: 'x', reps: [ANA] }], T0 + 1_000);
    await saveRules(b.db, [{ id: 'y', reps: [BEN] }], T0 + 2_000);
    await a.sync();
    await b.sync();
    await a.sync();
    expect((await loadRules(a.db)).rules).toEqual([{ id: 'y', reps: [BEN] }]);
    expect(await loadRules(b.db)).toEqual(await loadRules(a.db));
  });

  it('invalid rules are refused with their issues and nothing is written', async () => {
    const a = await rep('ana');
    const res = await saveRules(a.db, [{ id: 'x', reps: [], minScore: 90, maxScore: 10 }], T0);
    expect(res).toEqual({
      ok: false,
      issues: [
        { rule: 0, field: 'reps', code: 'no-reps' },
        { rule: 0, field: 'score', code: 'score-order' },
      ],
    });
    expect((await loadRules(a.db)).rules).toEqual([]);
  });

  it('with sync off, an import gives no owner and routes nothing, even with rules stored', async () => {
    const a = await rep('ana');
    await saveRules(a.db, [{ id: 'rr', reps: [ANA, BEN] }], T0);
    await a.db.meta.delete(SYNC_ON_KEY);
    await importContacts(a.db, { drafts: [1, 2].map((i) => draft(i)), mode: 'skip', via: 'import', now: T0 });
    expect(Object.values(await ownersByEmail(a.db))).toEqual([undefined, undefined]);
    expect(await a.db.meta.get('assign.counters')).toBeUndefined();
  });
});
