/**
 * Opting out and withdrawing it. An opt-out is a promise: it writes a suppression entry that
 * outlives the contact row (delete, re-import) and stops every running sequence, in one
 * transaction. Withdrawing needs a reason, which goes into the contact's history.
 */
import { englishText, type Msg, msg } from '@/lib/i18n/msg';
import { CHANNELS, type Channel } from '@/lib/cadence';
import { applyEvent, findContacts, RepoError, writeTables } from './repo';
import { type ActivityRow, type ContactRow, suppressionFor, type TouchbaseDb } from './schema';
import { suppressionsOf } from './suppressions';

/** Sequences an opt-out stops: anything that could still send a touch or be resumed. */
export const STOPPABLE: ReadonlySet<string> = new Set(['active', 'paused', 'booked', 'completed']);

const ALL_CHANNELS = (): Channel[] => [...CHANNELS];

/** A contact's flags once opted out: every channel off. */
export function allOptedOut(): ContactRow['optOut'] {
  return Object.fromEntries(CHANNELS.map((c) => [c, true])) as ContactRow['optOut'];
}

/** Whether a contact carries an opt-out's flags (every channel off, as `allOptedOut` sets them). */
export function optedOutEverywhere(c: Pick<ContactRow, 'optOut'>): boolean {
  return CHANNELS.every((ch) => c.optOut?.[ch]);
}

/**
 * The contact opted out: suppression entry, every channel off, every running sequence stopped
 * (or, with no sequence, an "opted out" line in their history). `enrolmentId` names the sequence
 * the rep was looking at, which is stopped even when it was already removed.
 */
export async function optOutContact(
  db: TouchbaseDb,
  contactId: number,
  opts: { now: number; via: string; reason?: string; enrolmentId?: number; note?: Msg },
): Promise<{ stopped: number }> {
  // Touchbase's own reason (a reply asked to stop) is a message in the history; the suppression
  // list keeps its English text.
  const reason = (opts.note ? englishText(opts.note) : (opts.reason ?? '')).trim().slice(0, 500);
  return db.transaction('rw', writeTables(db), async () => {
    const c = await db.contacts.get(contactId);
    if (!c) throw new RepoError(msg('err_contact_gone'));
    const enrolments = await db.enrolments.where('contactId').equals(contactId).toArray();
    const targets = enrolments.filter(
      (e) => STOPPABLE.has(e.state) || (e.id === opts.enrolmentId && e.state !== 'opted-out'),
    );
    const entry = suppressionFor(c, ALL_CHANNELS(), reason, opts.now, opts.via);
    if (opts.note) entry.reasonMsg = opts.note;
    const already = await db.suppressions.get(entry.key);
    if (already && !targets.length)
      throw new RepoError(msg('err_who_already_opted_out', { who: c.email || msg('err_this_contact') }));
    await db.suppressions.put(entry);
    await db.contacts.update(contactId, { optOut: allOptedOut(), updatedAt: opts.now });
    for (const e of targets) {
      await applyEvent(
        db,
        e,
        { type: 'opt-out', text: reason || undefined, msg: opts.note },
        opts.now,
        opts.via,
      );
    }
    if (!targets.length) {
      const row = { kind: 'opted-out', at: opts.now, contactId, source: opts.via } as ActivityRow;
      if (reason) row.text = reason;
      if (opts.note) row.msg = opts.note;
      await db.activities.add(row);
    }
    return { stopped: targets.length };
  });
}

/**
 * Withdraws an opt-out: removes every suppression entry that matches the contact, turns their
 * channels back on and puts opted-out sequences on hold (never straight back to sending), and
 * logs why. Refused without a reason.
 */
export async function withdrawOptOut(
  db: TouchbaseDb,
  contactId: number,
  opts: { now: number; via: string; reason: string },
): Promise<{ resumable: number }> {
  const reason = requireReason(opts.reason);
  return db.transaction('rw', writeTables(db), async () => {
    const c = await db.contacts.get(contactId);
    if (!c) throw new RepoError(msg('err_contact_gone'));
    const entries = await suppressionsOf(db, c);
    const enrolments = (await db.enrolments.where('contactId').equals(contactId).toArray()).filter(
      (e) => e.state === 'opted-out',
    );
    const flagged = Object.values(c.optOut ?? {}).some(Boolean);
    if (!entries.length && !enrolments.length && !flagged)
      throw new RepoError(msg('err_who_no_opt_out', { who: c.email || msg('err_this_contact') }));
    if (entries.length) await db.suppressions.bulkDelete(entries.map((s) => s.key));
    await db.contacts.update(contactId, { optOut: {}, updatedAt: opts.now });
    for (const e of enrolments) {
      await applyEvent(db, e, { type: 'withdraw-opt-out', text: reason }, opts.now, opts.via);
    }
    if (!enrolments.length) {
      await db.activities.add({
        kind: 'opt-out-withdrawn',
        at: opts.now,
        contactId,
        source: opts.via,
        text: reason,
      } as ActivityRow);
    }
    return { resumable: enrolments.length };
  });
}

/**
 * Withdraws a suppression entry by its key (the email, or `linkedin:…` for a person without
 * one), for a person whose contact row is gone. With a contact still there, this is
 * `withdrawOptOut` on it.
 */
export async function withdrawSuppression(
  db: TouchbaseDb,
  key: string,
  opts: { now: number; via: string; reason: string },
): Promise<{ resumable: number }> {
  const reason = requireReason(opts.reason);
  return db.transaction('rw', writeTables(db), async () => {
    const entry =
      (await db.suppressions.get(key.trim())) ?? (await db.suppressions.get(key.trim().toLowerCase()));
    if (!entry) throw new RepoError(msg('err_who_no_opt_out', { who: key }));
    const [contact] = await findContacts(db, {
      emails: entry.emailLower ? [entry.emailLower] : [],
      externalIds: entry.externalIds,
    });
    if (contact) return withdrawOptOut(db, contact.id, { ...opts, reason });
    await db.suppressions.delete(entry.key);
    // No contact to hang it on: contactId 0 keeps the reason in the activity log all the same.
    await db.activities.add({
      kind: 'opt-out-withdrawn',
      at: opts.now,
      contactId: 0,
      source: opts.via,
      text: `${entry.emailLower ?? entry.key}: ${reason}`,
    } as ActivityRow);
    return { resumable: 0 };
  });
}

function requireReason(reason: unknown): string {
  const r = typeof reason === 'string' ? reason.trim() : '';
  if (!r) throw new RepoError(msg('err_withdraw_reason'));
  return r.slice(0, 500);
}
