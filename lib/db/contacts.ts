/**
 * The dashboard's contact list: one joined row per contact (latest enrolment, next planned touch)
 * built from three bulk reads, and the bulk actions on a selection, each one transaction.
 */
import { type Msg, msg, msgN, type PluralKey } from '@/lib/i18n/msg';
import type { Table } from 'dexie';
import { type EnrolmentEvent, type EnrolmentState, isLeadSource, type LeadSource } from '@/lib/cadence';
import { deleteKeys } from './delete-keys';
import { optOutContact } from './optout';
import {
  applyBatch,
  enrolContactsBatch,
  enrolmentsOfContacts,
  findPlaybook,
  RepoError,
  writeTables,
} from './repo';
import { factsOf, type Score, type ScoringSettings, scoreLead } from '@/lib/scoring';
import { type DueTimes, urgencyOrder } from '@/lib/touches/due-groups';
import type { ContactOwner, ContactRow, EnrolmentRow, TouchbaseDb, TouchRow } from './schema';
import { getSettings } from './settings';
import { loadSuppressions } from './suppressions';
import { rememberBefore } from './undo';

/** One line of the contacts table. */
export interface ContactListRow {
  id: number;
  name: string;
  company: string;
  email: string;
  source: LeadSource;
  /** Name of the playbook of the latest enrolment; '' when never enrolled. */
  playbook: string;
  /** State of the latest enrolment, or 'none'. */
  state: EnrolmentState | 'none';
  /** Due time of the next planned touch (epoch ms), if any. */
  nextDueAt?: number;
  /** The next planned touch's timing, for the urgency order the popup uses too. */
  next?: DueTimes;
  /** The lead's score with the rep's rules, when the rows were built with scoring. */
  score?: Score;
  /** Lower-cased name, company and email, for searching without re-lowering on every keystroke. */
  haystack: string;
  /** Team sync: who the lead belongs to (absent while sync never set an owner). */
  owner?: ContactOwner;
}

/**
 * Columns the table sorts by; `urgency` is the popup's order (overdue, due now with a
 * speed-to-lead clock running, then by score) applied to each contact's next touch.
 */
export type ContactSortKey =
  | 'name'
  | 'company'
  | 'email'
  | 'source'
  | 'playbook'
  | 'state'
  | 'nextDueAt'
  | 'score'
  | 'urgency';

/**
 * "Ada Lovelace", or the email when the contact has no name, or the LinkedIn profile when it has
 * neither (a contact seen only there).
 */
export function displayName(
  c: Pick<ContactRow, 'firstName' | 'lastName' | 'email'> & { linkedinUrl?: string },
): string {
  const name = `${c.firstName} ${c.lastName}`.trim();
  return name || c.email || c.linkedinUrl || 'Unnamed contact';
}

/** What the table reads of a planned touch (a stored row, or the first computed one). */
type NextTouchFields = Pick<TouchRow, 'contactId' | 'dueAt' | 'deadlineAt' | 'withinMinutes'>;

/**
 * Joins contacts with their latest enrolment and their next planned touch. `planned` must hold
 * only planned touches; any order. Linear in the inputs: maps, no per-row queries.
 */
export function buildContactRows(
  contacts: readonly ContactRow[],
  enrolments: readonly EnrolmentRow[],
  planned: readonly NextTouchFields[],
  scoring?: { settings: ScoringSettings; now: number },
): ContactListRow[] {
  const latest = new Map<number, EnrolmentRow>();
  const byContact = new Map<number, EnrolmentRow[]>();
  for (const e of enrolments) {
    if (scoring) {
      const list = byContact.get(e.contactId);
      if (list) list.push(e);
      else byContact.set(e.contactId, [e]);
    }
    const cur = latest.get(e.contactId);
    if (!cur || e.enrolledAt > cur.enrolledAt || (e.enrolledAt === cur.enrolledAt && e.id > cur.id)) {
      latest.set(e.contactId, e);
    }
  }
  const next = new Map<number, NextTouchFields>();
  for (const t of planned) {
    const cur = next.get(t.contactId);
    if (cur === undefined || t.dueAt < cur.dueAt) next.set(t.contactId, t);
  }
  return contacts.map((c) => {
    const e = latest.get(c.id);
    const name = displayName(c);
    const row: ContactListRow = {
      id: c.id,
      name,
      company: c.company,
      email: c.email,
      source: c.leadSource,
      playbook: e?.playbookName ?? '',
      state: e?.state ?? 'none',
      haystack: `${name}\n${c.company}\n${c.email}`.toLowerCase(),
    };
    if (c.owner) row.owner = c.owner;
    const t = next.get(c.id);
    if (t !== undefined) {
      row.nextDueAt = t.dueAt;
      row.next = { dueAt: t.dueAt, deadlineAt: t.deadlineAt };
      if (t.withinMinutes !== undefined) row.next.withinMinutes = t.withinMinutes;
    }
    if (scoring) row.score = scoreLead(factsOf(c, byContact.get(c.id) ?? []), scoring.settings, scoring.now);
    return row;
  });
}

/**
 * Rows whose name, company or email contain every word of `query` (case-insensitive), sorted by
 * `key`. Empty values sort last whatever the direction, so "next touch" ascending starts with
 * the most urgent contact rather than the ones with nothing planned.
 */
export function filterAndSortRows(
  rows: readonly ContactListRow[],
  query: string,
  key: ContactSortKey,
  dir: 'asc' | 'desc',
  at?: { now: number; timeZone: string },
): ContactListRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out = words.length ? rows.filter((r) => words.every((w) => r.haystack.includes(w))) : [...rows];
  const sign = dir === 'asc' ? 1 : -1;
  const scoreOf = (r: ContactListRow) => r.score?.score ?? 0;
  if (key === 'urgency' || key === 'score') {
    // Urgency: the popup's one order on each next touch; nothing planned goes last, best lead
    // first. Score: the best lead first (desc) whatever is due.
    type Keyed = DueTimes & { row: ContactListRow };
    const order = at ? urgencyOrder<Keyed>(at.now, at.timeZone, (x) => scoreOf(x.row)) : undefined;
    // One wrapper per row, not one per comparison (10,000 rows sort in ~140k comparisons).
    const keyed = new Map<ContactListRow, Keyed>();
    if (key === 'urgency') for (const r of out) if (r.next) keyed.set(r, { ...r.next, row: r });
    out.sort((a, b) => {
      if (key === 'urgency' && order) {
        const ka = keyed.get(a);
        const kb = keyed.get(b);
        if (!ka || !kb) {
          if (ka || kb) return ka ? -1 : 1;
        } else {
          const cmp = order(ka, kb);
          if (cmp !== 0) return sign * cmp;
        }
      }
      const cmp = scoreOf(b) - scoreOf(a);
      return cmp === 0 ? a.id - b.id : (key === 'score' ? -sign : 1) * cmp;
    });
    return out;
  }
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  out.sort((a, b) => {
    const va = a[key];
    const vb = b[key];
    const ea = va === undefined || va === '' || va === 'none';
    const eb = vb === undefined || vb === '' || vb === 'none';
    if (ea || eb) return ea === eb ? a.id - b.id : ea ? 1 : -1;
    const cmp =
      typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return cmp === 0 ? a.id - b.id : sign * cmp;
  });
  return out;
}

/** What a bulk action does to every selected contact. */
export type BulkAction =
  | { kind: 'enrol'; playbookId: string; source: LeadSource }
  /** Pause every active sequence. */
  | { kind: 'pause' }
  /** Resume every paused sequence. */
  | { kind: 'resume' }
  /** Stop every running sequence (history kept). */
  | { kind: 'remove' }
  /** Delete the contacts with their sequences, touches and history (their opt-outs stay). */
  | { kind: 'delete' }
  /** They asked not to be contacted: suppression entries, every running sequence stopped. */
  | { kind: 'opt-out'; reason?: string };

/** Outcome of a bulk action: how many contacts changed, and why the others did not. */
export interface BulkResult {
  changed: number;
  skipped: number;
  /** Why the others did not, most common first, e.g. "3 already in a running sequence". */
  reasons: Msg[];
}

/**
 * Deletes the rows of `table` that belong to `contactIds` through the index `index` (`contactId`,
 * or a compound index starting with it). Selections are mostly runs of neighbouring ids (an
 * import, "select all"), so each run is one key-range delete; a scattered selection reads the
 * range once and deletes by primary key instead of one query per contact.
 */
async function deleteOfContacts<T extends { contactId?: number }>(
  table: Table<T, number>,
  index: 'contactId' | '[contactId+at]',
  contactIds: readonly number[],
): Promise<void> {
  if (!contactIds.length) return;
  const sorted = [...contactIds].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const id of sorted) {
    const last = runs[runs.length - 1];
    if (last && id === last[1] + 1) last[1] = id;
    else runs.push([id, id]);
  }
  const compound = index !== 'contactId';
  const range = (lo: number, hi: number) =>
    compound
      ? table.where(index).between([lo, -Infinity], [hi, Infinity], true, true)
      : table.where(index).between(lo, hi, true, true);
  // Primary keys straight from the index (one getAllKeys per run); recorded for undo, the
  // journal then reads each run of neighbouring keys as one primary-key range (lib/db/undo.ts),
  // cheaper than fetching every row through the index.
  const keys: number[] = [];
  if (runs.length <= 50) {
    for (const [lo, hi] of runs) for (const k of await range(lo, hi).primaryKeys()) keys.push(k as number);
  } else {
    const wanted = new Set(sorted);
    const rows = (await range(sorted[0]!, sorted[sorted.length - 1]!).toArray()).filter(
      (r) => r.contactId !== undefined && wanted.has(r.contactId),
    );
    rememberBefore(table, rows);
    for (const r of rows) keys.push((r as T & { id: number }).id);
  }
  // Rows written together have neighbouring keys: a few range deletes, not one per row.
  await deleteKeys(table, keys);
}

function summarise(changed: number, skips: Map<PluralKey, number>): BulkResult {
  let skipped = 0;
  for (const n of skips.values()) skipped += n;
  const reasons = [...skips.entries()].sort((a, b) => b[1] - a[1]).map(([why, n]) => msgN(why, n));
  return { changed, skipped, reasons };
}

/** The stored contacts among `ids`, in the order given. */
async function contactRows(db: TouchbaseDb, ids: readonly number[]): Promise<ContactRow[]> {
  return (await db.contacts.bulkGet([...ids])).filter((c): c is ContactRow => c !== undefined);
}

/**
 * Which of `ids` are stored contacts, as `{ id }`, from primary keys alone (one key-range read
 * for a large selection, no row values).
 */
async function existingIds(db: TouchbaseDb, ids: readonly number[]): Promise<{ id: number }[]> {
  if (!ids.length) return [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  const stored = new Set(await db.contacts.where(':id').between(lo, hi, true, true).primaryKeys());
  return ids.filter((id) => stored.has(id)).map((id) => ({ id }));
}

/**
 * Applies one action to many contacts in ONE transaction: either every change lands or none.
 * Contacts the action does not apply to (already enrolled, nothing to pause) are counted as
 * skipped rather than failing the batch; they are checked before anything is written because a
 * refusal inside the transaction would abort it.
 */
export async function bulkContacts(
  db: TouchbaseDb,
  contactIds: readonly number[],
  action: BulkAction,
  opts: { now: number; via: string },
): Promise<BulkResult> {
  const ids = [...new Set(contactIds)].filter((id) => Number.isInteger(id));
  if (action.kind === 'enrol' && !isLeadSource(action.source))
    throw new RepoError(msg('err_lead_source_unknown', { source: String(action.source) }));
  // Pause, resume, stop and delete need only to know which contacts exist: their keys, not
  // their rows (a delete's undo journal reads the rows it removes by key range, lib/db/undo.ts).
  const keysOnly =
    action.kind === 'pause' ||
    action.kind === 'resume' ||
    action.kind === 'remove' ||
    action.kind === 'delete';
  return db.transaction('rw', writeTables(db), async () => {
    const [found, enrolments] = await Promise.all([
      keysOnly ? existingIds(db, ids) : contactRows(db, ids),
      enrolmentsOfContacts(db, ids),
    ]);
    // Whole rows unless keysOnly; the branches that read more than `id` are not keysOnly.
    const contacts = found as ContactRow[];
    const byContact = new Map<number, EnrolmentRow[]>();
    for (const e of enrolments) {
      const list = byContact.get(e.contactId) ?? [];
      list.push(e);
      byContact.set(e.contactId, list);
    }
    const skips = new Map<PluralKey, number>();
    const skip = (why: PluralKey) => skips.set(why, (skips.get(why) ?? 0) + 1);
    if (contacts.length < ids.length) {
      for (let i = contacts.length; i < ids.length; i++) skip('bulk_skip_gone');
    }
    let changed = 0;

    if (action.kind === 'delete') {
      const found = contacts.map((c) => c.id);
      await deleteOfContacts(db.touches, 'contactId', found);
      // Read just now in this transaction: the undo journal takes them as they are.
      rememberBefore(db.enrolments, enrolments);
      await deleteOfContacts(db.enrolments, 'contactId', found);
      await deleteOfContacts(db.activities, '[contactId+at]', found);
      await deleteKeys(db.contacts, found);
      return summarise(found.length, skips);
    }

    if (action.kind === 'enrol') {
      const playbook = await findPlaybook(db, action.playbookId);
      if (!playbook) throw new RepoError(msg('err_no_playbook', { id: action.playbookId }));
      const settings = await getSettings(db);
      const suppressions = await loadSuppressions(db);
      const res = await enrolContactsBatch(db, contacts, enrolments, playbook, action.source, settings, {
        ...opts,
        suppressions,
      });
      for (const r of res.refused) {
        skip(
          r.code === 'opted-out'
            ? 'bulk_skip_opted_out'
            : r.code === 'already-enrolled'
              ? 'bulk_skip_running'
              : r.code === 'unknown-time-zone'
                ? 'bulk_skip_time_zone'
                : 'bulk_skip_bad_details',
        );
      }
      changed = res.enrolled.length;
      return summarise(changed, skips);
    }

    if (action.kind === 'opt-out') {
      const suppressions = await loadSuppressions(db);
      for (const c of contacts) {
        if (suppressions.match(c)) {
          skip('bulk_skip_already_out');
          continue;
        }
        await optOutContact(db, c.id, { ...opts, reason: action.reason });
        changed++;
      }
      return summarise(changed, skips);
    }

    const wanted: Record<'pause' | 'resume' | 'remove', EnrolmentState[]> = {
      pause: ['active'],
      resume: ['paused'],
      remove: ['active', 'paused'],
    };
    const applicable = wanted[action.kind];
    const targets: EnrolmentRow[] = [];
    for (const c of contacts) {
      const mine = (byContact.get(c.id) ?? []).filter((e) => applicable.includes(e.state));
      targets.push(...mine);
      if (!mine.length) {
        skip(
          action.kind === 'pause'
            ? 'bulk_skip_no_active'
            : action.kind === 'resume'
              ? 'bulk_skip_no_paused'
              : 'bulk_skip_no_running',
        );
        continue;
      }
      changed++;
    }
    // One engine pass in memory, then bulk writes: no per-enrolment reads or queries.
    const event: EnrolmentEvent = { type: action.kind === 'remove' ? 'remove' : action.kind };
    // A resume stores no step (lib/db/horizon.ts): they are computed until the alarm stores them.
    const res = await applyBatch(db, targets, event, opts.now, opts.via, { defer: true });
    // The states were checked above, so a refusal means the data changed under us: write nothing.
    if (res.refused.length) throw new RepoError(res.refused[0]!.msg);
    return summarise(changed, skips);
  });
}
