/**
 * Repositories: every change is one Dexie transaction that records the activity, replans the
 * enrolment through the engine and rewrites its planned touches, all or nothing.
 */
import {
  BUILT_IN_PLAYBOOKS,
  CHANNELS,
  type CallOutcome,
  type Enrolment,
  type EnrolmentEvent,
  enrol as engineEnrol,
  isLeadSource,
  isValidTimeZone,
  type LeadSource,
  type Playbook,
  transition,
} from '@/lib/cadence';
import { otherEmailId } from '@/lib/contacts/record';
import { englishText, type Msg, MsgError, msg, msgOf, storedMsg } from '@/lib/i18n/msg';
import type { ContactInput, EnrolmentAction } from '@/lib/messaging/protocol';
import { isLanguage } from '@/lib/templates/language';
import type { ActivityRow, ContactRow, EnrolmentRow, RepSettings, TouchbaseDb, TouchRow } from './schema';
import { isValidEmail as isPlausibleEmail, normaliseEmail } from '@/lib/email';
// Circular on purpose (optout.ts applies events through this module); both sides use the other
// only inside functions, never at load time.
import { optOutContact, withdrawOptOut } from './optout';
import { ownersForNewLeads } from './assignment';
import { notMine, refuseTheirs, syncMe } from './ownership';
import { getSettings } from './settings';
import { type SuppressionIndex, suppressedMessage, suppressionsOf } from './suppressions';
import {
  earliestTouch,
  laterTouches,
  parseComputedTouchId,
  rowKey,
  STORE_AHEAD_MS,
  storedTouchRows,
} from './horizon';
import { deleteKeys } from './delete-keys';
import { holdDueCounts } from './due-counts-guard';
import { distinctById, rowsPerKey } from './per-key';
import { rememberBefore } from './undo';

/** A refusal a rep can read ("This contact opted out…"); nothing was written. */
export class RepoError extends MsgError {
  override name = 'RepoError';
}

/** The importer's e-mail check and normal form: one rule for every way a contact comes in. */
export { isValidEmail as isPlausibleEmail, normaliseEmail } from '@/lib/email';

/**
 * Every table a write may touch, so each repository call is one transaction (suppressions: an
 * enrol checks them, an opt-out writes one).
 */
export function writeTables(db: TouchbaseDb) {
  // meta: team sync's "who am I" (a new contact's owner, the take-over check).
  return [
    db.contacts,
    db.enrolments,
    db.touches,
    db.activities,
    db.playbooks,
    db.settings,
    db.suppressions,
    db.meta,
  ];
}

/** Built-ins first, then the rep's own. */
export async function findPlaybook(db: TouchbaseDb, id: string): Promise<Playbook | undefined> {
  return BUILT_IN_PLAYBOOKS.find((p) => p.id === id) ?? (await db.playbooks.get(id));
}

export async function listPlaybooks(db: TouchbaseDb): Promise<Playbook[]> {
  return [...BUILT_IN_PLAYBOOKS, ...(await db.playbooks.toArray())];
}

/** Longest external id kept (a record key, a profile URL). */
const MAX_EXTERNAL_ID = 500;
const EXTERNAL_ID_RE = /^[a-z][a-z0-9-]*:\S+$/;

/**
 * An external id as stored: trimmed, `<site>:<key>`. Left otherwise as given, since some record
 * ids are case-sensitive (Salesforce's 15-character ids). `undefined` when it is not one.
 */
export function normaliseExternalId(id: string): string | undefined {
  const t = id.trim();
  return t.length <= MAX_EXTERNAL_ID && EXTERNAL_ID_RE.test(t) ? t : undefined;
}

function cleanExternalIds(ids: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const id of ids ?? []) {
    const n = typeof id === 'string' ? normaliseExternalId(id) : undefined;
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/**
 * Every stored contact known by one of these emails or external ids, oldest first, each once.
 * Two or more means the identifiers were kept on different contacts that are one person.
 */
export async function findContacts(
  db: TouchbaseDb,
  keys: { emails?: readonly string[]; externalIds?: readonly string[] },
): Promise<ContactRow[]> {
  const emails = [...new Set((keys.emails ?? []).map(normaliseEmail).filter(Boolean))];
  // An email may be another address of a stored contact (its `email:` external id).
  const ids = cleanExternalIds([...(keys.externalIds ?? []), ...emails.map(otherEmailId)]);
  const [byEmail, byId] = await Promise.all([
    emails.length ? db.contacts.where('emailLower').anyOf(emails).toArray() : Promise.resolve([]),
    ids.length ? db.contacts.where('externalIds').anyOf(ids).toArray() : Promise.resolve([]),
  ]);
  const seen = new Map<number, ContactRow>();
  for (const c of [...byEmail, ...byId]) seen.set(c.id, c);
  return [...seen.values()].sort((a, b) => a.id - b.id);
}

/** Fields a merge or an upsert fills in when the contact has none (never overwriting a value). */
const FILLABLE = [
  'firstName',
  'lastName',
  'company',
  'phone',
  'title',
  'timeZone',
  'topic',
  'linkedinUrl',
] as const;

/**
 * Folds `mergedId` into `survivorId`: enrolments, touches and activities move to the survivor,
 * its blank fields take the other's values, external ids and opt-outs are united (an opt-out is
 * never lost), and the other row is deleted. One transaction: all of it or nothing.
 */
export async function mergeContacts(
  db: TouchbaseDb,
  survivorId: number,
  mergedId: number,
  opts: { now: number; via: string },
): Promise<ContactRow> {
  if (survivorId === mergedId) throw new RepoError(msg('err_merge_self'));
  return db.transaction('rw', writeTables(db), async () => {
    const [survivor, merged] = await db.contacts.bulkGet([survivorId, mergedId]);
    if (!survivor || !merged) throw new RepoError(msg('err_merge_gone'));
    await db.enrolments.where('contactId').equals(mergedId).modify({ contactId: survivorId });
    await db.touches.where('contactId').equals(mergedId).modify({ contactId: survivorId });
    await db.activities
      .where('[contactId+at]')
      .between([mergedId, -Infinity], [mergedId, Infinity])
      .modify({ contactId: survivorId });
    const patch: Partial<ContactRow> = { updatedAt: opts.now };
    for (const k of FILLABLE) {
      const cur = survivor[k];
      const other = merged[k];
      if ((cur === undefined || cur === '') && other) patch[k] = other;
    }
    const ids = cleanExternalIds([...(survivor.externalIds ?? []), ...(merged.externalIds ?? [])]);
    if (ids.length !== (survivor.externalIds ?? []).length) patch.externalIds = ids;
    const optOut = { ...merged.optOut, ...survivor.optOut };
    for (const [ch, v] of Object.entries(merged.optOut)) if (v) optOut[ch as keyof typeof optOut] = true;
    patch.optOut = optOut;
    patch.custom = { ...merged.custom, ...survivor.custom };
    if (merged.notes && merged.notes !== survivor.notes)
      patch.notes = survivor.notes ? `${survivor.notes}\n\n${merged.notes}` : merged.notes;
    // The merged row goes first so its email is free for the survivor under the unique index.
    await db.contacts.delete(mergedId);
    if (!survivor.emailLower && merged.emailLower) {
      patch.email = merged.email;
      patch.emailLower = merged.emailLower;
    }
    await db.contacts.update(survivorId, patch);
    const other = displayLabel(merged);
    await db.activities.add({
      kind: 'note',
      at: opts.now,
      contactId: survivorId,
      ...storedMsg(msg('activity_merged_with', { other })),
      source: opts.via,
    } as ActivityRow);
    return { ...survivor, ...patch };
  });
}

function displayLabel(c: ContactRow): string {
  return `${c.firstName} ${c.lastName}`.trim() || c.email || c.externalIds?.[0] || `contact ${c.id}`;
}

/**
 * Creates the contact, or fills in the blanks of the one already known by its email or any of
 * its external ids (never overwriting with empties; `update` overwrites with non-empty values).
 * When the email and an external id point at two stored contacts, they are one person: merged
 * into the oldest, inside the same transaction.
 */
export async function upsertContact(
  db: TouchbaseDb,
  input: ContactInput & { leadSource?: LeadSource; notes?: string; custom?: Record<string, string> },
  now: number,
  mode: 'fill' | 'update' = 'fill',
): Promise<ContactRow> {
  const email = (input.email ?? '').trim();
  if (email && !isPlausibleEmail(email)) throw new RepoError(msg('err_not_email', { value: email }));
  const emailLower = email ? normaliseEmail(email) : undefined;
  const externalIds = cleanExternalIds(input.externalIds);
  if (!emailLower && !externalIds.length) throw new RepoError(msg('err_contact_needs_email'));
  const zone = input.timeZone?.trim();
  // Stored, an unknown zone would make every later plan of this contact throw.
  if (zone && !isValidTimeZone(zone)) throw new RepoError(msg('err_time_zone_unknown', { zone }));
  return db.transaction('rw', writeTables(db), async () => {
    const found = await findContacts(db, { emails: emailLower ? [emailLower] : [], externalIds });
    // Prefer the contact holding the email as survivor: it is the one the rep knows by it.
    let existing = found.find((c) => emailLower && c.emailLower === emailLower) ?? found[0];
    for (const other of found) {
      if (existing && other.id !== existing.id)
        existing = await mergeContacts(db, existing.id, other.id, { now, via: 'identity' });
    }
    const fields = {
      firstName: input.firstName?.trim(),
      lastName: input.lastName?.trim(),
      company: input.company?.trim(),
      phone: input.phone?.trim(),
      title: input.title?.trim(),
      timeZone: zone,
      topic: input.topic?.trim(),
      linkedinUrl: input.linkedinUrl?.trim(),
      leadSource: input.leadSource,
      notes: input.notes,
      language: isLanguage(input.language) ? input.language : undefined,
    };
    if (existing) {
      const patch: Partial<ContactRow> = { updatedAt: now };
      for (const [k, v] of Object.entries(fields) as [keyof typeof fields, string | undefined][]) {
        if (v === undefined || v === '') continue;
        const cur = existing[k];
        if (mode === 'update' || cur === undefined || cur === '') (patch as Record<string, unknown>)[k] = v;
      }
      if (input.custom) patch.custom = { ...existing.custom, ...input.custom };
      // An email found for a contact known only by its records (LinkedIn) is its email now.
      if (emailLower && !existing.emailLower) {
        patch.email = email;
        patch.emailLower = emailLower;
      }
      const ids = cleanExternalIds([...(existing.externalIds ?? []), ...externalIds]);
      if (ids.length !== (existing.externalIds ?? []).length) patch.externalIds = ids;
      await db.contacts.update(existing.id, patch);
      return { ...existing, ...patch };
    }
    const settings = await getSettings(db);
    const row: Omit<ContactRow, 'id'> = {
      email,
      firstName: fields.firstName ?? '',
      lastName: fields.lastName ?? '',
      company: fields.company ?? '',
      phone: fields.phone ?? '',
      title: fields.title ?? '',
      timeZone: fields.timeZone || settings.timeZone,
      leadSource: fields.leadSource ?? settings.defaultSource,
      notes: fields.notes ?? '',
      optOut: {},
      custom: input.custom ?? {},
      externalIds,
      createdAt: now,
      updatedAt: now,
    };
    if (emailLower) row.emailLower = emailLower;
    // Team sync on: the assignment rules pick the owner; else whoever brought the lead in.
    const [routed] = (await ownersForNewLeads(db, [row], settings, now)) ?? [];
    const me = routed ? undefined : await syncMe(db);
    if (routed) row.owner = routed;
    else if (me) row.owner = { id: me.id, name: me.name, since: now };
    if (fields.topic) row.topic = fields.topic;
    if (fields.linkedinUrl) row.linkedinUrl = fields.linkedinUrl;
    if (fields.language) row.language = fields.language;
    const id = await db.contacts.add(row as ContactRow);
    return { ...row, id } as ContactRow;
  });
}

/**
 * Rewrites the planned touch rows of an enrolment to `rows` (from {@link storedTouchRows}). Rows
 * are updated in place by step so a touch keeps its id across replans (a draft inserted in Gmail
 * still points at it).
 */
async function syncTouches(db: TouchbaseDb, e: EnrolmentRow, rows: Omit<TouchRow, 'id'>[]): Promise<void> {
  const existing = await db.touches.where('enrolmentId').equals(e.id).toArray();
  const planned = existing.filter((t) => t.state === 'planned');
  rememberBefore(db.touches, planned);
  const plannedByStep = new Map(planned.map((t) => [rowKey(t), t]));
  const deletes: number[] = [];
  const writes: TouchRow[] = [];
  diffTouches(rows, plannedByStep, deletes, writes);
  if (deletes.length) await db.touches.bulkDelete(deletes);
  // One batch: rows with an id are replaced in place, rows without one are added.
  if (writes.length) await db.touches.bulkPut(writes);
}

/**
 * What changes between the planned rows stored (`plannedByStep`, consumed) and the ones wanted:
 * rows to write, each keeping the id of the planned row of its step, and ids to delete.
 */
function diffTouches(
  wanted: Omit<TouchRow, 'id'>[],
  plannedByStep: Map<string, TouchRow>,
  deletes: number[],
  writes: TouchRow[],
): void {
  for (const row of wanted) {
    const prev = plannedByStep.get(rowKey(row));
    if (prev) {
      plannedByStep.delete(rowKey(row));
      // A touch already announced keeps its notification mark unless it moved.
      if (prev.notifiedAt !== undefined && prev.dueAt === row.dueAt) row.notifiedAt = prev.notifiedAt;
      // Unchanged: no write (a pause or a stop leaves most rows of other enrolments as they are).
      if (sameRow(prev, row)) continue;
      writes.push({ ...row, id: prev.id } as TouchRow);
    } else writes.push(row as TouchRow);
  }
  for (const t of plannedByStep.values()) deletes.push(t.id);
}

/** A stored planned row already holds exactly `row` (same fields, same values). */
function sameRow(prev: TouchRow, row: Omit<TouchRow, 'id'>): boolean {
  const keys = Object.keys(row) as (keyof typeof row)[];
  if (Object.keys(prev).length !== keys.length + 1) return false;
  return keys.every((k) => prev[k] === row[k]);
}

/**
 * {@link syncTouches} for many enrolments at once: one read of their touches, one batch of deletes
 * (a key-range delete per run of neighbouring ids, lib/db/delete-keys.ts) and one bulkPut, the
 * same rows per enrolment as one call each would leave (ids kept by step).
 */
export async function syncTouchesBatch(
  db: TouchbaseDb,
  items: readonly { e: EnrolmentRow; rows: Omit<TouchRow, 'id'>[] }[],
): Promise<{ planned: TouchRow[]; deletes: number[]; writes: TouchRow[] }> {
  if (!items.length) return { planned: [], deletes: [], writes: [] };
  const existing = await touchesOfEnrolments(
    db,
    items.map((i) => i.e.id),
  );
  const plannedByEnrolment = new Map<number, Map<string, TouchRow>>();
  const planned = existing.filter((t) => t.state === 'planned');
  // Read just now in this transaction: the undo journal takes them as they are, no second read.
  rememberBefore(db.touches, planned);
  for (const t of planned) {
    const m = plannedByEnrolment.get(t.enrolmentId) ?? new Map<string, TouchRow>();
    m.set(rowKey(t), t);
    plannedByEnrolment.set(t.enrolmentId, m);
  }
  const deletes: number[] = [];
  const writes: TouchRow[] = [];
  for (const { e, rows } of items)
    diffTouches(rows, plannedByEnrolment.get(e.id) ?? new Map(), deletes, writes);
  await deleteKeys(db.touches, deletes);
  if (writes.length) await db.touches.bulkPut(writes);
  return { planned, deletes, writes };
}

/**
 * Brings the stored planned touches (and `laterDueAt`) of enrolment rows written by other means
 * (team sync applying a teammate's change) in line with the engine at `now`, in the caller's
 * transaction: the enrolment rows are rewritten only where `laterDueAt` moved.
 */
export async function syncPlannedTouches(
  db: TouchbaseDb,
  enrolments: readonly EnrolmentRow[],
  now: number,
): Promise<void> {
  const changed: EnrolmentRow[] = [];
  const items = enrolments.map((e) => {
    const before = e.laterDueAt;
    const rows = storedTouchRows(e, now);
    if (e.laterDueAt !== before) changed.push(e);
    return { e, rows };
  });
  if (changed.length) await db.enrolments.bulkPut(changed);
  await syncTouchesBatch(db, items);
}

/** Every touch of the given enrolments, in one pass whatever the number of ids. */
async function touchesOfEnrolments(db: TouchbaseDb, enrolmentIds: readonly number[]): Promise<TouchRow[]> {
  if (enrolmentIds.length <= ANY_OF_LIMIT)
    return db.touches.where('enrolmentId').anyOf(enrolmentIds).toArray();
  const wanted = new Set(enrolmentIds);
  const { lo, hi } = bounds(wanted);
  const rows = await db.touches.where('enrolmentId').between(lo, hi, true, true).toArray();
  return rows.filter((t) => wanted.has(t.enrolmentId));
}

function bounds(ids: Iterable<number>): { lo: number; hi: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  return { lo, hi };
}

/** An enrolment the engine refused an event for, with its reason. */
export interface EventRefusal {
  enrolment: EnrolmentRow;
  msg: Msg;
}

/**
 * {@link apply} for many enrolments inside the caller's transaction: the engine runs per
 * enrolment in memory, then three bulk writes (enrolments, activities, touches) replace the
 * handful of queries per enrolment a loop of `apply` would make. Refused events come back as
 * refusals and write nothing for that enrolment. `enrolments` must be rows read in the caller's
 * transaction, unchanged since (the undo journal keeps them as the rows to restore).
 */
export async function applyBatch(
  db: TouchbaseDb,
  enrolments: readonly EnrolmentRow[],
  event: EnrolmentEvent,
  now: number,
  via: string,
  opts: {
    /**
     * Store no step as a row (lib/db/horizon.ts `splitPlanned`): a bulk resume of 10,000 writes
     * the enrolments and their activities, and the steps are computed until the minute alarm or
     * an action stores them.
     */
    defer?: boolean;
  } = {},
): Promise<{ applied: EnrolmentRow[]; refused: EventRefusal[] }> {
  const applied: EnrolmentRow[] = [];
  const refused: EventRefusal[] = [];
  const activities: ActivityRow[] = [];
  rememberBefore(db.enrolments, enrolments);
  for (const e of enrolments) {
    const res = transition(e, event, now, { via });
    if (!res.ok) {
      refused.push({ enrolment: e, msg: res.msg });
      continue;
    }
    const next = nextRow(e, res.enrolment, event, now);
    applied.push(next);
    for (const a of res.activities) {
      activities.push({ ...a, contactId: next.contactId, enrolmentId: next.id } as ActivityRow);
    }
  }
  const items = applied.map((e) => ({ e, rows: storedTouchRows(e, now, undefined, opts.defer) }));
  if (applied.length) await db.enrolments.bulkPut(applied);
  if (activities.length) await db.activities.bulkAdd(activities);
  await syncTouchesBatch(db, items);
  return { applied, refused };
}

/**
 * Writes the planned touches that came within the stored horizon since their enrolment was last
 * written (lib/db/horizon.ts): the minute alarm's job, also run when the worker starts. Batches
 * of `batch` enrolments, one transaction each; answers how many enrolments it extended. Only
 * planned rows and `laterDueAt` change: no activity, nothing for undo.
 */
export async function storeLaterTouches(db: TouchbaseDb, now: number, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction('rw', [db.enrolments, db.touches, db.meta], async (tx) => {
      const due = await db.enrolments
        .where('laterDueAt')
        .below(now + STORE_AHEAD_MS)
        .limit(batch)
        .toArray();
      if (!due.length) return 0;
      // Computed touches becoming rows change no count: the popup's stored counts stay (a recount
      // reads every due row, seconds at 20,000 with team sync on, most minutes at that volume).
      const kept = await holdDueCounts(db, tx);
      const from = new Map(due.map((e) => [e.id, e.laterDueAt ?? Number.POSITIVE_INFINITY]));
      const items = due.map((e) => ({ e, rows: storedTouchRows(e, now) }));
      await db.enrolments.bulkPut(due);
      const { planned, deletes, writes } = await syncTouchesBatch(db, items);
      // Just that when only new rows were written, each of a step that was computed (due at or
      // after its sequence's `laterDueAt` then), and no stored row was there too.
      await kept(
        !deletes.length &&
          writes.every((t) => t.id === undefined && t.step > 0 && t.dueAt >= from.get(t.enrolmentId)!) &&
          planned.every((t) => t.dueAt < from.get(t.enrolmentId)!),
      );
      return due.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

async function logActivities(
  db: TouchbaseDb,
  e: { id?: number; contactId: number },
  acts: Omit<ActivityRow, 'id'>[],
  touchId?: number,
): Promise<void> {
  if (!acts.length) return;
  await db.activities.bulkAdd(
    acts.map((a) => {
      const row = { ...a, contactId: e.contactId } as ActivityRow;
      if (e.id !== undefined) row.enrolmentId = e.id;
      if (touchId !== undefined && (a.kind === 'touch-done' || a.kind === 'touch-skipped'))
        row.touchId = touchId;
      return row;
    }),
  );
}

/** The stored row after the engine accepted `event`: its enrolment plus what only the row keeps. */
function nextRow(e: EnrolmentRow, enrolment: Enrolment, event: EnrolmentEvent, now: number): EnrolmentRow {
  const next: EnrolmentRow = { ...e, ...enrolment, id: e.id, playbookName: e.playbookName };
  if (event.type === 'touch-done' || event.type === 'follow-up-done') {
    next.lastTouchAt = event.type === 'touch-done' ? (event.at ?? now) : now;
  } else if (event.type === 'extra-sent' || event.type === 'breakup-sent') {
    // A reply is one that follows our latest touch, the extra ones included.
    next.lastTouchAt = Math.max(next.lastTouchAt ?? Number.NEGATIVE_INFINITY, event.at ?? now);
  }
  // Fields the engine deleted must disappear from the stored row too.
  for (const k of ['notBefore', 'pauseReason', 'followUp', 'extras', 'proposals', 'meetingAt'] as const) {
    if (!(k in enrolment)) delete next[k];
  }
  return next;
}

/**
 * Applies one engine event inside the caller's transaction (records the activity, replans and
 * rewrites the planned touches); refusals become a RepoError.
 */
export async function applyEvent(
  db: TouchbaseDb,
  e: EnrolmentRow,
  event: EnrolmentEvent,
  now: number,
  via: string,
  touchId?: number,
): Promise<EnrolmentRow> {
  const res = transition(e, event, now, { via });
  if (!res.ok) throw new RepoError(res.msg);
  const next = nextRow(e, res.enrolment, event, now);
  const rows = storedTouchRows(next, now);
  await db.enrolments.put(next);
  await logActivities(db, next, res.activities, touchId);
  await syncTouches(db, next, rows);
  return next;
}

async function mustGetEnrolment(db: TouchbaseDb, id: number): Promise<EnrolmentRow> {
  const e = await db.enrolments.get(id);
  if (!e) throw new RepoError(msg('err_sequence_gone'));
  return e;
}

export interface EnrolRequest {
  contact: ContactInput;
  playbookId: string;
  source: LeadSource;
  via: string;
  now: number;
}

/** Creates (or reuses) the contact and enrols it; refused for opted-out or already-running contacts. */
export async function enrolContact(
  db: TouchbaseDb,
  req: EnrolRequest,
): Promise<{ enrolmentId: number; contactId: number }> {
  if (!isLeadSource(req.source))
    throw new RepoError(msg('err_lead_source_unknown', { source: String(req.source) }));
  return db.transaction('rw', writeTables(db), async () => {
    const playbook = await findPlaybook(db, req.playbookId);
    if (!playbook) throw new RepoError(msg('err_no_playbook', { id: req.playbookId }));
    const settings = await getSettings(db);
    // Checked before the contact is created, so a refused enrol leaves no trace.
    const [stored] = await findContacts(db, {
      emails: req.contact.email ? [req.contact.email] : [],
      externalIds: req.contact.externalIds,
    });
    const [hit] = await suppressionsOf(db, {
      email: req.contact.email || stored?.email,
      phone: req.contact.phone || stored?.phone,
      linkedinUrl: req.contact.linkedinUrl || stored?.linkedinUrl,
      externalIds: [...(req.contact.externalIds ?? []), ...(stored?.externalIds ?? [])],
    });
    if (hit)
      throw new RepoError(suppressedMessage(hit, req.contact.email?.trim() || stored?.email || undefined));
    // Another rep's lead is theirs to work until it is taken over (logged, they see it).
    const theirs = stored && notMine(stored, await syncMe(db));
    if (theirs) throw new RepoError(theirs);
    const contact = await upsertContact(db, { ...req.contact, leadSource: req.source }, req.now);
    const existing = await db.enrolments.where('contactId').equals(contact.id).toArray();
    const optedOut = CHANNELS.some((c) => contact.optOut[c]);
    let res: ReturnType<typeof engineEnrol>;
    try {
      res = engineEnrol(
        {
          contactId: contact.id,
          playbook,
          source: req.source,
          timeZone: contact.timeZone || settings.timeZone,
          // The contact's own window when the rep set one, else the rep's default.
          window: contact.window ?? settings.window,
          reengageDays: settings.reengageDays,
          contactOptedOut: optedOut,
          existing,
        },
        req.now,
        { via: req.via },
      );
    } catch (err) {
      throw new RepoError(
        msgOf(err) ?? msg('err_plain', { text: err instanceof Error ? err.message : String(err) }),
      );
    }
    if (!res.ok) throw new RepoError(res.msg);
    const row = { ...res.enrolment, playbookName: playbook.name } as EnrolmentRow;
    const touches = storedTouchRows(row, req.now);
    const id = await db.enrolments.add(row);
    row.id = id;
    await logActivities(db, row, res.activities);
    for (const t of touches) t.enrolmentId = id;
    await db.touches.bulkAdd(touches as TouchRow[]);
    return { enrolmentId: id, contactId: contact.id };
  });
}

/**
 * Above this many keys, `anyOf` (one cursor seek per key; 35 s for 10,000 contacts under
 * fake-indexeddb) loses to reading one key range and filtering in memory.
 */
const ANY_OF_LIMIT = 200;

/** Every enrolment of the given contacts, in one pass whatever the number of ids. */
export async function enrolmentsOfContacts(
  db: TouchbaseDb,
  contactIds: readonly number[],
): Promise<EnrolmentRow[]> {
  if (!contactIds.length) return [];
  if (contactIds.length <= ANY_OF_LIMIT) return db.enrolments.where('contactId').anyOf(contactIds).toArray();
  const wanted = new Set(contactIds);
  const { lo, hi } = bounds(wanted);
  // No Dexie filter(): that walks a cursor, while a plain range is one getAll.
  const rows = await db.enrolments.where('contactId').between(lo, hi, true, true).toArray();
  return rows.filter((e) => wanted.has(e.contactId));
}

/**
 * Which of `keys` (sorted, distinct) the contacts index `index` holds, from one key-range read
 * between the first and the last (index keys only, no rows) when that range holds at most four
 * entries per key; past that, all of `keys` (each is then looked up). For an import into a new
 * or a differently named list, the range is empty and no row is read.
 */
async function presentKeys(
  db: TouchbaseDb,
  index: 'emailLower' | 'externalIds',
  keys: readonly string[],
): Promise<readonly string[]> {
  if (!keys.length) return keys;
  const cap = keys.length * 4;
  const inRange = (await db.contacts
    .where(index)
    .between(keys[0]!, keys[keys.length - 1]!, true, true)
    .limit(cap)
    .keys()) as string[];
  if (inRange.length >= cap) return keys;
  const stored = new Set(inRange);
  return keys.filter((k) => stored.has(k));
}

/** Stored contacts with any address (primary or other) in `emailsLower`, in one pass. */
export async function contactsByEmails(
  db: TouchbaseDb,
  emailsLower: readonly string[],
): Promise<ContactRow[]> {
  if (!emailsLower.length) return [];
  if (emailsLower.length <= ANY_OF_LIMIT) {
    const keys = [...new Set(emailsLower)].sort();
    // Most addresses of an import are new: first ask which are stored at all, from index keys
    // alone, then read only those rows, one exact lookup each, all issued at once (`anyOf` walks
    // a cursor that seeks key by key, about 0.3 s for a batch of 200 in Chromium).
    const [primary, other] = await Promise.all([
      presentKeys(db, 'emailLower', keys),
      presentKeys(db, 'externalIds', keys.map(otherEmailId)),
    ]);
    const lists = await Promise.all([
      rowsPerKey(db.contacts, 'emailLower', primary),
      rowsPerKey(db.contacts, 'externalIds', other),
    ]);
    return distinctById(lists.flat());
  }
  const wanted = new Set(emailsLower);
  const wantedIds = new Set(emailsLower.map(otherEmailId));
  return (await db.contacts.toArray()).filter(
    (c) =>
      (c.emailLower !== undefined && wanted.has(c.emailLower)) ||
      (c.externalIds ?? []).some((id) => wantedIds.has(id)),
  );
}

/**
 * Stored contacts that have one of `emailsLower` as an other address (not their primary one):
 * what an import batch still has to read when the unique email index answers for the rest.
 */
export async function contactsByOtherEmails(
  db: TouchbaseDb,
  emailsLower: readonly string[],
): Promise<ContactRow[]> {
  if (!emailsLower.length) return [];
  const keys = [...new Set(emailsLower)].sort().map(otherEmailId);
  const other = await presentKeys(db, 'externalIds', keys);
  return distinctById(await rowsPerKey(db.contacts, 'externalIds', other));
}

/**
 * Reserves enrolment ids inside the caller's write transaction: a placeholder row takes the
 * store's next generated id, so that id and the ones after it are free (a generated id is never
 * given twice, even for a row deleted since); {@link enrolContactsBatch} removes the placeholder
 * and gives its id to the first enrolment. Lets a batch write enrolments, activities and touches
 * in one go instead of waiting for the enrolments' ids first.
 */
export function reserveEnrolmentId(db: TouchbaseDb): Promise<number> {
  // Dexie's own promise, not an async function's: it may be awaited after other requests of the
  // transaction without leaving it (a native promise awaited there loses Dexie's zone).
  return db.enrolments.add({} as EnrolmentRow) as Promise<number>;
}

/** Why one contact of a batch was not enrolled. */
export interface BatchRefusal {
  contactId: number;
  email: string;
  code: 'opted-out' | 'already-enrolled' | 'unknown-time-zone' | 'bad-input';
  /** Why, for the rep (rendered in their language). */
  msg: Msg;
  /** The same in English (logs, tests). */
  message: string;
}

/**
 * Enrols many stored contacts inside the caller's transaction with three bulk writes (enrolments,
 * activities, touches) instead of a handful of queries per contact, so 10,000 contacts stay
 * linear. `existing` must hold every enrolment of those contacts. A contact the engine refuses or
 * cannot plan (opted out, already running, unknown time zone) comes back as a refusal with its
 * reason and the others still land; nothing is thrown for them, since a throw would abort the
 * whole transaction.
 */
export async function enrolContactsBatch(
  db: TouchbaseDb,
  contacts: readonly ContactRow[],
  existing: readonly EnrolmentRow[],
  playbook: Playbook,
  source: LeadSource,
  settings: RepSettings,
  opts: {
    now: number;
    via: string;
    suppressions?: SuppressionIndex;
    /**
     * An id from {@link reserveEnrolmentId} in this transaction: the enrolments take it and the
     * ids after it, so their activities and touches are written with them at once (one wait
     * instead of two).
     */
    reserved?: number;
  },
): Promise<{ enrolled: number[]; refused: BatchRefusal[] }> {
  const byContact = new Map<number, EnrolmentRow[]>();
  for (const e of existing) {
    const list = byContact.get(e.contactId) ?? [];
    list.push(e);
    byContact.set(e.contactId, list);
  }
  const refused: BatchRefusal[] = [];
  const accepted: { row: EnrolmentRow; acts: Omit<ActivityRow, 'id'>[] }[] = [];
  const seen = new Set<number>();
  for (const c of contacts) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const timeZone = c.timeZone || settings.timeZone;
    if (!isValidTimeZone(timeZone)) {
      const why = msg('err_batch_time_zone', { zone: timeZone });
      refused.push({
        contactId: c.id,
        email: c.email,
        code: 'unknown-time-zone',
        msg: why,
        message: englishText(why),
      });
      continue;
    }
    let res: ReturnType<typeof engineEnrol>;
    try {
      res = engineEnrol(
        {
          contactId: c.id,
          playbook,
          source,
          timeZone,
          window: c.window ?? settings.window,
          reengageDays: settings.reengageDays,
          contactOptedOut: CHANNELS.some((ch) => c.optOut[ch]) || opts.suppressions?.match(c) !== undefined,
          existing: byContact.get(c.id) ?? [],
        },
        opts.now,
        { via: opts.via },
      );
    } catch (err) {
      refused.push({
        contactId: c.id,
        email: c.email,
        code: 'bad-input',
        msg: msgOf(err) ?? msg('err_plain', { text: err instanceof Error ? err.message : String(err) }),
        message: err instanceof Error ? err.message : String(err),
      });
      continue;
    }
    if (!res.ok) {
      refused.push({
        contactId: c.id,
        email: c.email,
        code: res.code === 'opted-out' ? 'opted-out' : 'already-enrolled',
        msg: res.msg,
        message: res.message,
      });
      continue;
    }
    accepted.push({
      row: { ...res.enrolment, playbookName: playbook.name } as EnrolmentRow,
      acts: res.activities as Omit<ActivityRow, 'id'>[],
    });
  }
  const reserved = opts.reserved;
  if (!accepted.length) {
    if (reserved !== undefined) await db.enrolments.delete(reserved);
    return { enrolled: [], refused };
  }
  // Before the add: it sets each row's laterDueAt. No step is a row yet (lib/db/horizon.ts): every
  // reader computes them from laterDueAt until the minute alarm stores the hour ahead, so a batch
  // writes its enrolments and activities only (and a rule's step-0 touches, rare).
  const planned = accepted.map((a) => storedTouchRows(a.row, opts.now, undefined, true));
  let ids: number[];
  let added: Promise<unknown> | undefined;
  if (reserved !== undefined) {
    ids = accepted.map((_, i) => reserved + i);
    accepted.forEach((a, i) => {
      a.row.id = ids[i]!;
    });
    // Requests run in order: the placeholder goes before its id is given to the first row.
    added = Promise.all([db.enrolments.delete(reserved), db.enrolments.bulkAdd(accepted.map((a) => a.row))]);
  } else {
    ids = (await db.enrolments.bulkAdd(
      accepted.map((a) => a.row),
      { allKeys: true },
    )) as number[];
  }
  const activities: ActivityRow[] = [];
  const touches: Omit<TouchRow, 'id'>[] = [];
  accepted.forEach((a, i) => {
    a.row.id = ids[i] as number;
    for (const act of a.acts) {
      activities.push({ ...act, contactId: a.row.contactId, enrolmentId: a.row.id } as ActivityRow);
    }
    for (const t of planned[i]!) {
      t.enrolmentId = a.row.id;
      touches.push(t);
    }
  });
  // Both need only the enrolment ids: one wait for the two (three with reserved ids).
  await Promise.all([
    added,
    db.activities.bulkAdd(activities),
    touches.length ? db.touches.bulkAdd(touches as TouchRow[]) : undefined,
  ]);
  return { enrolled: accepted.map((a) => a.row.contactId), refused };
}

/**
 * The stored id of the touch `touchId` names, inside the caller's transaction. A computed touch
 * (negative id, one the engine plans but no row holds yet: lib/db/horizon.ts) is written first,
 * with every touch of its enrolment due no later than it, so the stored rows stay the ones due
 * before one cut. Undefined when it is no longer planned (the sequence changed since it was read).
 */
export async function materialiseTouch(
  db: TouchbaseDb,
  touchId: number,
  now: number,
): Promise<number | undefined> {
  const named = parseComputedTouchId(touchId);
  if (!named) return touchId;
  const planned = async () =>
    (await db.touches.where('[enrolmentId+step]').equals([named.enrolmentId, named.step]).toArray()).find(
      (t) => t.state === 'planned',
    );
  // Written meanwhile (the alarm, another surface): that row is the touch.
  const stored = await planned();
  if (stored) return stored.id;
  const e = await db.enrolments.get(named.enrolmentId);
  const touch = e && named.step > 0 ? laterTouches(e).find((t) => t.step === named.step) : undefined;
  if (!e || !touch) return undefined;
  const rows = storedTouchRows(e, now, touch.dueAt);
  await db.enrolments.put(e);
  await syncTouches(db, e, rows);
  return (await planned())?.id;
}

/**
 * Marks a touch done. Idempotent: completing it again (two Gmail tabs, a double click) records
 * nothing and answers `alreadyDone`.
 */
export async function completeTouch(
  db: TouchbaseDb,
  touchId: number,
  opts: {
    now: number;
    via: string;
    text?: string;
    outcome?: CallOutcome;
    /** A send the page already confirmed: a fact to record, whoever owns the lead now. */
    happened?: boolean;
  },
): Promise<{ alreadyDone: boolean }> {
  return db.transaction('rw', writeTables(db), async () => {
    const id = await materialiseTouch(db, touchId, opts.now);
    if (id === undefined) throw new RepoError(msg('err_touch_replanned'));
    touchId = id;
    const touch = await db.touches.get(touchId);
    if (!touch) throw new RepoError(msg('err_touch_replanned'));
    if (touch.state !== 'planned') return { alreadyDone: true };
    if (!opts.happened) await refuseTheirs(db, touch.contactId);
    const e = await mustGetEnrolment(db, touch.enrolmentId);
    // Keep this row as the record of what went out; the replan then fills the rest.
    await db.touches.update(touchId, {
      state: 'done',
      doneAt: opts.now,
      ...(opts.text ? { text: opts.text } : {}),
    });
    const event: EnrolmentEvent =
      touch.extraKey !== undefined
        ? { type: 'extra-done', key: touch.extraKey, text: opts.text }
        : touch.step === 0
          ? { type: 'follow-up-done', text: opts.text }
          : { type: 'touch-done', step: touch.step, at: opts.now, text: opts.text, outcome: opts.outcome };
    const next = await applyEvent(db, e, event, opts.now, opts.via, touchId);
    if (opts.outcome === 'answered' && next.state === 'active') {
      // Someone picked up: that is a response, so the sequence stops like it does for a reply.
      await applyEvent(
        db,
        next,
        { type: 'reply', at: opts.now, channel: touch.channel, msg: msg('activity_answered_call') },
        opts.now,
        opts.via,
      );
    }
    return { alreadyDone: false };
  });
}

/** Logs a call attempt's outcome and completes the call touch. */
export async function logCallOutcome(
  db: TouchbaseDb,
  touchId: number,
  outcome: CallOutcome,
  opts: { now: number; via: string },
): Promise<void> {
  await db.transaction('rw', writeTables(db), async () => {
    const id = await materialiseTouch(db, touchId, opts.now);
    if (id === undefined) throw new RepoError(msg('err_call_not_planned'));
    touchId = id;
    const touch = await db.touches.get(touchId);
    if (!touch) throw new RepoError(msg('err_call_not_planned'));
    // Logged already (double click, second tab): a second outcome would count the call twice.
    if (touch.state !== 'planned') return;
    await refuseTheirs(db, touch.contactId);
    await db.activities.add({
      kind: 'call-outcome',
      at: opts.now,
      contactId: touch.contactId,
      enrolmentId: touch.enrolmentId,
      touchId,
      step: touch.step,
      channel: touch.channel,
      purpose: touch.purpose,
      outcome,
      source: opts.via,
    } as ActivityRow);
    await completeTouch(db, touchId, { ...opts, outcome });
  });
}

export async function skipTouch(
  db: TouchbaseDb,
  touchId: number,
  opts: { now: number; via: string },
): Promise<void> {
  await db.transaction('rw', writeTables(db), async () => {
    const id = await materialiseTouch(db, touchId, opts.now);
    if (id === undefined) return;
    touchId = id;
    const touch = await db.touches.get(touchId);
    if (touch?.state !== 'planned') return;
    await refuseTheirs(db, touch.contactId);
    const e = await mustGetEnrolment(db, touch.enrolmentId);
    if (touch.extraKey !== undefined) {
      await db.touches.update(touchId, { state: 'skipped', doneAt: opts.now });
      await applyEvent(
        db,
        e,
        { type: 'extra-done', key: touch.extraKey, skipped: true },
        opts.now,
        opts.via,
        touchId,
      );
      return;
    }
    if (touch.step === 0) {
      // A follow-up outside the steps: skipping it simply closes it.
      await db.touches.update(touchId, { state: 'skipped', doneAt: opts.now });
      await applyEvent(
        db,
        e,
        { type: 'follow-up-done', msg: msg('activity_follow_up_skipped') },
        opts.now,
        opts.via,
        touchId,
      );
      return;
    }
    await db.touches.update(touchId, { state: 'skipped', doneAt: opts.now });
    await applyEvent(db, e, { type: 'touch-skipped', step: touch.step }, opts.now, opts.via, touchId);
  });
}

/** Moves the next touch to `now + minutes`; the steps after it keep their spacing. */
export async function snoozeTouch(
  db: TouchbaseDb,
  touchId: number,
  minutes: number,
  opts: { now: number; via: string },
): Promise<{ dueAt: number }> {
  if (!Number.isFinite(minutes) || minutes <= 0) throw new RepoError(msg('err_snooze_minutes'));
  return db.transaction('rw', writeTables(db), async () => {
    const id = await materialiseTouch(db, touchId, opts.now);
    if (id === undefined) throw new RepoError(msg('err_touch_not_planned'));
    touchId = id;
    const touch = await db.touches.get(touchId);
    if (touch?.state !== 'planned') throw new RepoError(msg('err_touch_not_planned'));
    await refuseTheirs(db, touch.contactId);
    const e = await mustGetEnrolment(db, touch.enrolmentId);
    const until = opts.now + minutes * 60_000;
    // A rule's extra touch and the follow-up move on their own (the engine's snooze moves the
    // sequence's next step); a reminder's deadline (the meeting) stays.
    let next: EnrolmentRow | undefined;
    if (touch.extraKey !== undefined) {
      const extras = (e.extras ?? []).map((x) =>
        x.key === touch.extraKey
          ? { ...x, dueAt: until, deadlineAt: Math.max(x.deadlineAt, until + 600_000) }
          : x,
      );
      next = { ...e, extras };
    } else if (touch.step === 0 && e.followUp) {
      const followUp = {
        ...e.followUp,
        dueAt: until,
        deadlineAt: Math.max(e.followUp.deadlineAt, until + 3_600_000),
      };
      next = { ...e, followUp };
    }
    if (next) {
      const rows = storedTouchRows(next, opts.now);
      await db.enrolments.put(next);
      await logActivities(db, e, [
        {
          kind: 'touch-snoozed',
          at: opts.now,
          step: 0,
          channel: touch.channel,
          purpose: touch.purpose,
          source: opts.via,
        },
      ]);
      await syncTouches(db, next, rows);
    } else {
      await applyEvent(db, e, { type: 'snooze', until }, opts.now, opts.via);
    }
    const after = await db.touches.get(touchId);
    return { dueAt: after?.dueAt ?? until };
  });
}

/** A reply from the contact pauses every running sequence of theirs (or is logged on its own). */
export async function logReply(
  db: TouchbaseDb,
  contactId: number,
  opts: { now: number; at?: number; via: string; text?: string },
): Promise<{ paused: number }> {
  return db.transaction('rw', writeTables(db), async () => {
    const enrolments = await db.enrolments.where('contactId').equals(contactId).toArray();
    const running = enrolments.filter((e) => e.state === 'active' || e.state === 'paused');
    let paused = 0;
    for (const e of running) {
      // The same reply seen twice (inbox row, then the thread) is recorded once.
      if (opts.at !== undefined && e.lastReplyAt !== undefined && opts.at <= e.lastReplyAt) continue;
      const next = await applyEvent(
        db,
        e,
        { type: 'reply', at: opts.at ?? opts.now, text: opts.text },
        opts.now,
        opts.via,
      );
      if (e.state === 'active' && next.state === 'paused') paused++;
    }
    if (!running.length) {
      await db.activities.add({
        kind: 'reply',
        at: opts.at ?? opts.now,
        contactId,
        source: opts.via,
        text: opts.text,
      } as ActivityRow);
    }
    return { paused };
  });
}

export async function enrolmentAction(
  db: TouchbaseDb,
  enrolmentId: number,
  action: EnrolmentAction,
  opts: { now: number; via: string },
): Promise<{ state: string }> {
  return db.transaction('rw', writeTables(db), async () => {
    const e = await mustGetEnrolment(db, enrolmentId);
    if (action.kind === 'opted-out' || action.kind === 'withdraw-opt-out') {
      // The opt-out belongs to the person, not the sequence: one path for every surface.
      if (action.kind === 'opted-out') {
        if (e.state === 'opted-out') throw new RepoError(msg('err_already_opted_out'));
        await optOutContact(db, e.contactId, { ...opts, reason: action.reason, enrolmentId });
      } else {
        await withdrawOptOut(db, e.contactId, { ...opts, reason: action.reason ?? '' });
      }
      const after = await mustGetEnrolment(db, enrolmentId);
      return { state: after.state };
    }
    if (action.kind === 'confirm-proposal') {
      const p = (e.proposals ?? []).find((x) => x.id === action.id);
      if (!p) throw new RepoError(msg('err_proposal_handled'));
      if (p.action === 'opt-out') {
        // The same opt-out path as the button: suppression entry, every sequence stops.
        await optOutContact(db, e.contactId, {
          ...opts,
          note: p.matched
            ? msg('activity_opt_out_reply', { matched: p.matched })
            : msg('activity_opt_out_asked'),
          enrolmentId,
        });
        await logActivities(db, e, [
          {
            kind: 'proposal-confirmed',
            at: opts.now,
            ...storedMsg(msg('activity_proposal_opt_out')),
            rule: p.rule,
            source: opts.via,
          },
        ]);
        const after = await mustGetEnrolment(db, enrolmentId);
        if (after.proposals?.length) {
          const rest = after.proposals.filter((x) => x.id !== p.id);
          const row = { ...after, proposals: rest };
          if (!rest.length) delete (row as Partial<EnrolmentRow>).proposals;
          await db.enrolments.put(row);
        }
        return { state: after.state };
      }
    }
    const event: EnrolmentEvent =
      action.kind === 'pause'
        ? { type: 'pause' }
        : action.kind === 'resume'
          ? { type: 'resume' }
          : action.kind === 'booked'
            ? { type: 'book', meetingAt: action.meetingAt }
            : action.kind === 'missed-appointment'
              ? { type: 'missed-appointment' }
              : action.kind === 'confirm-proposal'
                ? { type: 'confirm-proposal', id: action.id }
                : action.kind === 'dismiss-proposal'
                  ? { type: 'dismiss-proposal', id: action.id }
                  : { type: 'remove' };
    const next = await applyEvent(db, e, event, opts.now, opts.via);
    return { state: next.state };
  });
}

export async function addNote(
  db: TouchbaseDb,
  contactId: number,
  text: string,
  opts: { now: number; via: string; enrolmentId?: number },
): Promise<void> {
  const trimmed = text.trim();
  if (!trimmed) throw new RepoError(msg('err_note_empty'));
  const row = { kind: 'note', at: opts.now, contactId, text: trimmed, source: opts.via } as ActivityRow;
  if (opts.enrolmentId !== undefined) row.enrolmentId = opts.enrolmentId;
  await db.activities.add(row);
}

/**
 * The touch a rep should act on next for a contact: the earliest stored one (`[contactId+state+dueAt]`
 * index) or, when one of the contact's enrolments has an earlier computed one (`laterDueAt`, after
 * a bulk write stored no step), that one.
 */
export async function nextTouchFor(db: TouchbaseDb, contactId: number): Promise<TouchRow | undefined> {
  const [stored, enrolments] = await Promise.all([
    db.touches
      .where('[contactId+state+dueAt]')
      .between([contactId, 'planned', -Infinity], [contactId, 'planned', Infinity])
      .first(),
    db.enrolments.where('contactId').equals(contactId).toArray(),
  ]);
  return earliestTouch(stored, enrolments);
}

export async function contactByEmail(db: TouchbaseDb, email: string): Promise<ContactRow | undefined> {
  const key = normaliseEmail(email);
  if (!key) return undefined;
  // Another address of a contact finds that contact too.
  return (
    (await db.contacts.where('emailLower').equals(key).first()) ??
    (await db.contacts.where('externalIds').equals(otherEmailId(key)).first())
  );
}

/** The contact known by this external id (a CRM record, a LinkedIn profile), if any. */
export async function contactByExternalId(db: TouchbaseDb, id: string): Promise<ContactRow | undefined> {
  const key = normaliseExternalId(id);
  return key ? db.contacts.where('externalIds').equals(key).first() : undefined;
}

/** Planned touches due up to `until`, most urgent first (popup, notifications). */
export async function touchesDueBy(db: TouchbaseDb, until: number, limit = 500): Promise<TouchRow[]> {
  return db.touches
    .where('[state+dueAt]')
    .between(['planned', -Infinity], ['planned', until], true, true)
    .limit(limit)
    .toArray();
}

export { isLeadSource };

/** Fields a rep may take over from a record page. */
export type PageValueField = 'phone' | 'title' | 'company' | 'email' | 'linkedinUrl';

/**
 * Writes the page's values the rep accepted (and links the record's keys), overwriting what was
 * stored for exactly those fields. An email already held by another contact means the two are one
 * person: they are merged into this one. One transaction.
 */
export async function applyPageValues(
  db: TouchbaseDb,
  contactId: number,
  values: Partial<Record<PageValueField, string>>,
  externalIds: readonly string[],
  opts: { now: number; via: string },
): Promise<ContactRow> {
  const email = values.email?.trim();
  if (email && !isPlausibleEmail(email)) throw new RepoError(msg('err_not_email', { value: email }));
  return db.transaction('rw', writeTables(db), async () => {
    let contact = await db.contacts.get(contactId);
    if (!contact) throw new RepoError(msg('err_contact_gone'));
    if (email) {
      const holder = await contactByEmail(db, email);
      if (holder && holder.id !== contactId) contact = await mergeContacts(db, contactId, holder.id, opts);
    }
    const patch: Partial<ContactRow> = { updatedAt: opts.now };
    for (const f of ['phone', 'title', 'company', 'linkedinUrl'] as const) {
      const v = values[f]?.trim();
      if (v) patch[f] = v;
    }
    if (email && normaliseEmail(email) !== contact.emailLower) {
      patch.email = email;
      patch.emailLower = normaliseEmail(email);
    }
    const ids = cleanExternalIds([...(contact.externalIds ?? []), ...externalIds]);
    if (ids.length !== (contact.externalIds ?? []).length) patch.externalIds = ids;
    await db.contacts.update(contactId, patch);
    return { ...contact, ...patch };
  });
}
