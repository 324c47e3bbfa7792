/**
 * The assignment documents through team sync: `assign:rules` (the team's routing rules) and
 * `assign:rep:<replica>` (each rep's name, announced by their own device). Both are one value
 * whose latest edit wins (`mergeAssign`), so every replica routes with the same rules once it
 * has seen the same edits. Kept apart from the row replication in engine.ts: these are `meta`
 * rows, not outbox-tracked tables.
 */
import {
  ASSIGN_REP_PREFIX,
  loadRules,
  nextStamp,
  putRep,
  putRules,
  type StoredRep,
} from '@/lib/db/assignment';
import { syncMe } from '@/lib/db/ownership';
import type { TouchbaseDb } from '@/lib/db/schema';
import { normaliseRules } from './assign';
import { type AssignDoc, docId } from './docs';
import type { SyncContext } from './engine';
import { ZERO_STAMP } from './hlc';

export const RULES_DOC_ID = docId('assign', 'rules');
const REP_KEY_PREFIX = 'rep:';

export function repDocId(replica: string): string {
  return docId('assign', `${REP_KEY_PREFIX}${replica}`);
}

/**
 * Writes this replica's newer rules edit and its rep announcement (missing, or renamed) into
 * the local PouchDB, for the replication that follows.
 */
export async function pushAssignDocs(ctx: SyncContext): Promise<number> {
  const { db } = ctx;
  const me = await syncMe(db);
  const rules = await loadRules(db);
  const repId = repDocId(ctx.replica);
  const got = await ctx.local.allDocs({ keys: [RULES_DOC_ID, repId], include_docs: true });
  const byId = new Map<string, AssignDoc>();
  for (const r of got.rows) if (r?.doc) byId.set(r.id, r.doc as AssignDoc);
  const docs: object[] = [];
  const prevRules = byId.get(RULES_DOC_ID);
  if (rules.t !== ZERO_STAMP && (!prevRules || rules.t > prevRules.t))
    docs.push({
      _id: RULES_DOC_ID,
      _rev: prevRules?._rev,
      kind: 'assign',
      t: rules.t,
      body: { rules: rules.rules },
      by: ctx.replica,
    });
  const prevRep = byId.get(repId);
  if (me && prevRep?.body.name !== me.name) {
    const rep = await db.transaction('rw', db.meta, async () => {
      const r: StoredRep = { id: me.id, name: me.name, t: await nextStamp(db, ctx.replica, ctx.now()) };
      await putRep(db, r);
      return r;
    });
    docs.push({
      _id: repId,
      _rev: prevRep?._rev,
      kind: 'assign',
      t: rep.t,
      body: { id: rep.id, name: rep.name },
      by: ctx.replica,
    });
  }
  if (docs.length) await ctx.local.bulkDocs(docs);
  return docs.length;
}

/** Applies a team document inside the replicator's transaction (which includes `meta`). */
export async function applyAssignDoc(db: TouchbaseDb, doc: AssignDoc): Promise<void> {
  const key = doc._id.slice('assign:'.length);
  if (key === 'rules') {
    const cur = await loadRules(db);
    if (doc.t > cur.t) await putRules(db, { rules: normaliseRules(doc.body.rules), t: doc.t });
    return;
  }
  if (key.startsWith(REP_KEY_PREFIX)) {
    const id = key.slice(REP_KEY_PREFIX.length);
    const name = doc.body.name;
    if (!id || typeof name !== 'string' || !name.trim()) return;
    const row = await db.meta.get(`${ASSIGN_REP_PREFIX}${id}`);
    const curT = row ? (JSON.parse(String(row.value)) as { t?: string }).t : undefined;
    if (!curT || doc.t > curT) await putRep(db, { id, name: name.trim().slice(0, 80), t: doc.t });
  }
}
