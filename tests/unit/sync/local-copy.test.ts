/**
 * Moving an older local copy (PouchDB's `idb` adapter) into the new one (lib/sync/local-copy.ts):
 * every document and revision arrives, conflicts included; the apply checkpoint moves to the end
 * of the new feed only when everything had been applied, and otherwise starts over without
 * doubling anything; the older copy is deleted and the move happens once. (Memory adapters stand
 * in for the two IndexedDB ones: the move is PouchDB's replication, whatever stores it.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { claimUnowned, SYNC_ON_KEY, saveSettings, TouchbaseDb } from '@/lib/db';
import { applyChanges, META_SEQ, type PouchLike, type SyncContext } from '@/lib/sync/engine';
import { COPY_KEY, copyMoved, type MovableCopy, moveLocalCopy } from '@/lib/sync/local-copy';
import { teamCounts, teamDocs } from '../../bench/sync-team';
import { NodePouchDB } from '../../e2e/support/pouchdb-node';

const NOW = Date.parse('2026-03-03T15:00:00Z');
const SHAPE = { contacts: 12, activities: 60, now: NOW };
const open: TouchbaseDb[] = [];
let n = 0;

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

// biome-ignore lint/suspicious/noExplicitAny: PouchDB is untyped in Node tests (tests/e2e/support/pouchdb-node.ts).
type Pouch = any;

async function rep() {
  const db = new TouchbaseDb(`copy-${n++}`);
  await db.open();
  open.push(db);
  await saveSettings(db, { timeZone: 'America/New_York', name: 'fay' });
  await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
  await claimUnowned(db, { id: 'rep-fay', name: 'fay' }, NOW);
  return db;
}

const pouch = (): Pouch => new NodePouchDB(`copy-pouch-${n++}`, { adapter: 'memory' });

/** An older copy holding the team, one document with two conflicting leaves. */
async function olderCopy(): Promise<Pouch> {
  const old = pouch();
  await old.bulkDocs([...teamDocs(SHAPE)]);
  await old.bulkDocs(
    [
      { _id: 'note:x', _rev: '1-aaaa', _revisions: { start: 1, ids: ['aaaa'] }, side: 'a' },
      { _id: 'note:x', _rev: '1-bbbb', _revisions: { start: 1, ids: ['bbbb'] }, side: 'b' },
    ],
    { new_edits: false },
  );
  return old;
}

const ctxOf = (db: TouchbaseDb, local: Pouch): SyncContext => ({
  db,
  local: local as PouchLike,
  replica: 'rep-fay',
  now: () => NOW,
});

async function counts(db: TouchbaseDb) {
  return {
    contacts: await db.contacts.count(),
    enrolments: await db.enrolments.count(),
    activities: await db.activities.count(),
    suppressions: await db.suppressions.count(),
  };
}

const expected = teamCounts(SHAPE);
const whole = {
  contacts: expected.contacts,
  enrolments: expected.enrolments,
  activities: expected.activities,
  suppressions: expected.suppressions,
};

describe('moving the local copy to the new adapter', () => {
  it('moves every document and revision, conflicts included; a copy fully applied stays applied', async () => {
    const db = await rep();
    const old = await olderCopy();
    await applyChanges(ctxOf(db, old));
    expect(await counts(db)).toEqual(whole);
    const oldInfo = await old.info();
    expect((await db.meta.get(META_SEQ))?.value).toBe(oldInfo.update_seq);

    const copy = pouch();
    const moved = await moveLocalCopy(db, old as MovableCopy, copy as MovableCopy);
    expect(moved).toBe(oldInfo.doc_count);
    expect((await copy.info()).doc_count).toBe(oldInfo.doc_count);
    const x = await copy.get('note:x', { conflicts: true });
    expect([x._rev, ...x._conflicts].sort()).toEqual(['1-aaaa', '1-bbbb']);
    // Nothing left to apply: the checkpoint is at the end of the new feed.
    expect((await db.meta.get(META_SEQ))?.value).toBe((await copy.info()).update_seq);
    expect(await copyMoved(db)).toBe(true);
    expect((await applyChanges(ctxOf(db, copy))).applied).toBe(0);
    expect(await counts(db)).toEqual(whole);
    // The older copy is gone.
    await expect(old.info()).rejects.toThrow();
  });

  it('a copy only partly applied is applied again from the start: what was missing arrives, nothing twice', async () => {
    const db = await rep();
    const old = await olderCopy();
    // The worker stopped after two pages of the older copy's feed.
    let reads = 0;
    const stopping: PouchLike = {
      allDocs: (o) => old.allDocs(o),
      bulkDocs: (d) => old.bulkDocs(d),
      get: (id, o) => old.get(id, o),
      changes: (o) => (++reads > 2 ? Promise.reject(new Error('worker stopped')) : old.changes(o)),
    };
    await expect(applyChanges({ ...ctxOf(db, stopping), pageSize: 25 })).rejects.toThrow('worker stopped');
    const partial = await counts(db);
    expect(partial.activities).toBeLessThan(expected.activities);
    const copy = pouch();
    await moveLocalCopy(db, old as MovableCopy, copy as MovableCopy);
    expect((await db.meta.get(META_SEQ))?.value).toBe(0);
    await applyChanges(ctxOf(db, copy));
    expect(await counts(db)).toEqual(whole);
  });

  it('with no older copy there is nothing to move: the apply starts at the beginning of the new feed', async () => {
    const db = await rep();
    const copy = pouch();
    expect(await db.meta.get(COPY_KEY)).toBeUndefined();
    expect(await moveLocalCopy(db, undefined, copy as MovableCopy)).toBe(0);
    expect(await copyMoved(db)).toBe(true);
    expect((await db.meta.get(META_SEQ))?.value).toBe(0);
  });
});
