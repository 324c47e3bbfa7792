/**
 * Bookkeeping for notifications, kept in IndexedDB because the service worker keeps nothing in
 * memory: which speed-to-lead touches were announced (TouchRow.notifiedAt) and the day of the
 * last daily nudge (`meta`). Each claim is one transaction, so two overlapping alarm ticks can
 * never announce the same thing twice.
 */
import { earliestTouch } from './horizon';
import { teamMeId } from './ownership';
import { computedDue, isOthersLead, ownWork } from './queries';
import type { ContactRow, EnrolmentRow, TouchbaseDb, TouchRow } from './schema';

/** `meta` key holding the 'YYYY-MM-DD' (rep's zone) of the last daily nudge. */
export const LAST_NUDGE_KEY = 'notify.lastNudgeDay';

/** How far back a just-due touch is still news; older ones were missed, not "becoming due". */
export const SPEED_LOOKBACK_MS = 3_600_000;

/**
 * Finds speed-to-lead touches (those with `withinMinutes`) that fell due in the last
 * `lookbackMs` and were never announced, marks them announced at `now`, and returns them.
 * Reads only the `[state+dueAt]` key range of that window.
 */
export async function claimSpeedToLeadDue(
  db: TouchbaseDb,
  now: number,
  lookbackMs = SPEED_LOOKBACK_MS,
): Promise<TouchRow[]> {
  return db.transaction('rw', db.touches, db.contacts, db.meta, async () => {
    const recent = await db.touches
      .where('[state+dueAt]')
      .between(['planned', now - lookbackMs], ['planned', now], true, true)
      .filter((t) => t.withinMinutes !== undefined && t.notifiedAt === undefined)
      .toArray();
    if (recent.length === 0) return [];
    await db.touches.bulkUpdate(recent.map((t) => ({ key: t.id, changes: { notifiedAt: now } })));
    // Team sync: a teammate's lead rings their browser, not this one (marked all the same).
    const me = await teamMeId(db);
    const mine = me ? await ownWork(db, me, recent) : recent;
    return mine.map((t) => ({ ...t, notifiedAt: now }));
  });
}

/** `meta` key holding the highest enrolment id already looked at for the new-lead notice. */
export const LEAD_WATERMARK_KEY = 'notify.leadWatermark';

/** A lead that just came in: its first enrolment, its contact and its next planned touch. */
export interface ClaimedLead {
  enrolment: EnrolmentRow;
  contact: ContactRow;
  next?: TouchRow;
}

/**
 * The leads that came in since the last look: enrolments newer than the watermark (enrolment
 * ids only grow) whose contact is itself new (created within `lookbackMs`, so re-enrolling an
 * old contact is not a new lead) and still running. Moves the watermark past them in the same
 * transaction, so each enrolment is looked at once, whatever its score, and two overlapping
 * ticks never both get it. Reads only the new enrolments and their rows.
 */
export async function claimNewLeads(
  db: TouchbaseDb,
  now: number,
  lookbackMs = SPEED_LOOKBACK_MS,
): Promise<ClaimedLead[]> {
  return db.transaction('rw', db.meta, db.enrolments, db.contacts, db.touches, async () => {
    const mark = await db.meta.get(LEAD_WATERMARK_KEY);
    const after = typeof mark?.value === 'number' ? mark.value : 0;
    const fresh = await db.enrolments.where(':id').above(after).toArray();
    if (fresh.length === 0) return [];
    await db.meta.put({ key: LEAD_WATERMARK_KEY, value: Math.max(...fresh.map((e) => e.id)) });
    const running = fresh.filter(
      (e) => e.enrolledAt >= now - lookbackMs && (e.state === 'active' || e.state === 'paused'),
    );
    if (running.length === 0) return [];
    const contacts = await db.contacts.bulkGet([...new Set(running.map((e) => e.contactId))]);
    // Team sync: a lead assigned to a teammate is news for them (seed 003: the alert goes to the
    // rep the lead was routed to), not for whoever imported it.
    const me = await teamMeId(db);
    const byId = new Map(
      contacts
        .filter((c) => c !== undefined && !(me && isOthersLead(c, me)))
        .map((c) => [c?.id as number, c as ContactRow]),
    );
    const touches = await db.touches
      .where('enrolmentId')
      .anyOf(running.map((e) => e.id))
      .filter((t) => t.state === 'planned')
      .toArray();
    const next = new Map<number, TouchRow>();
    for (const t of touches) {
      const cur = next.get(t.enrolmentId);
      if (!cur || t.dueAt < cur.dueAt) next.set(t.enrolmentId, t);
    }
    const out: ClaimedLead[] = [];
    const seen = new Set<number>();
    for (const e of running) {
      const contact = byId.get(e.contactId);
      // One notice per person, even when an import enrolled them twice.
      if (!contact || contact.createdAt < now - lookbackMs || seen.has(contact.id)) continue;
      seen.add(contact.id);
      // An import stores no step (lib/db/horizon.ts): its next touch may be computed still.
      const t = earliestTouch(next.get(e.id), [e]);
      out.push(t ? { enrolment: e, contact, next: t } : { enrolment: e, contact });
    }
    return out;
  });
}

/** The day of the last daily nudge, if one was ever sent. */
export async function lastNudgeDay(db: TouchbaseDb): Promise<string | undefined> {
  const row = await db.meta.get(LAST_NUDGE_KEY);
  return typeof row?.value === 'string' ? row.value : undefined;
}

/**
 * Records `day` as nudged. Answers false when it already was (another tick won), so the caller
 * shows the nudge only when this returns true.
 */
export async function claimDailyNudge(db: TouchbaseDb, day: string): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(LAST_NUDGE_KEY);
    if (row?.value === day) return false;
    await db.meta.put({ key: LAST_NUDGE_KEY, value: day });
    return true;
  });
}

/** What the daily nudge summarises. */
export interface NudgeCounts {
  /** Planned touches due before `endOfToday` (overdue included). */
  dueToday: number;
  /** Planned touches past their deadline at `now`. */
  overdue: number;
  /** Contacts whose sequence is paused because they replied, oldest reply first. */
  replies: ContactRow[];
}

/**
 * Counts from the indexes plus the touches not stored yet (lib/db/horizon.ts), and the contacts
 * waiting for an answer. With team sync on, the counts are the rep's own work, as the badge's
 * (`ownWork`): the due rows and their contacts' owners are read then, and a teammate's lead's
 * reply waits for its owner.
 */
export async function nudgeCounts(db: TouchbaseDb, now: number, endOfToday: number): Promise<NudgeCounts> {
  return db.transaction('r', [db.touches, db.enrolments, db.contacts, db.meta], async () => {
    const [me, computedDueToday] = await Promise.all([teamMeId(db), computedDue(db, endOfToday, false)]);
    const computed = computedDueToday.touches;
    let dueToday: number;
    let overdue: number;
    if (me) {
      const stored = await db.touches
        .where('[state+dueAt]')
        .between(['planned', -Infinity], ['planned', endOfToday], true, false)
        .toArray();
      const mine = await ownWork(db, me, [...stored, ...computed]);
      dueToday = mine.length;
      overdue = mine.filter((t) => t.deadlineAt < now).length;
    } else {
      dueToday =
        computed.length +
        (await db.touches
          .where('[state+dueAt]')
          .between(['planned', -Infinity], ['planned', endOfToday], true, false)
          .count());
      overdue =
        computed.filter((t) => t.deadlineAt < now).length +
        (await db.touches
          .where('[state+deadlineAt]')
          .between(['planned', -Infinity], ['planned', now], true, false)
          .count());
    }
    const paused = await db.enrolments.where('state').equals('paused').toArray();
    const waiting = paused
      .filter((e) => e.pauseReason === 'replied')
      .sort((a, b) => (a.lastReplyAt ?? 0) - (b.lastReplyAt ?? 0));
    const ids = [...new Set((me ? await ownWork(db, me, waiting) : waiting).map((e) => e.contactId))];
    const contacts = await db.contacts.bulkGet(ids);
    return { dueToday, overdue, replies: contacts.filter((c): c is ContactRow => c !== undefined) };
  });
}
