/**
 * What a send from the host page does to the database. A send counts only for the contact it was
 * addressed to (To, Cc or Bcc): a draft drawn for Bob and sent to Carol completes nothing.
 */
import type { Purpose } from '@/lib/cadence/types';
import { applyEvent, completeTouch, materialiseTouch, normaliseEmail, writeTables } from './repo';
import type { ActivityRow, TouchbaseDb } from './schema';

/** What a sent draft was for, read from the token it carried. */
export type SendTarget =
  | { kind: 'touch'; touchId: number }
  /** A break-up or value email drawn outside the plan, for a contact. */
  | { kind: 'quick'; purpose: Extract<Purpose, 'breakup' | 'value'>; contactId: number };

export interface SendRecord {
  /** When Gmail confirmed the send, or the time it is scheduled to go out. */
  at: number;
  /** Every recipient, To, Cc and Bcc, as the compose showed them. */
  recipients: readonly string[];
  text?: string;
  via: string;
}

export type SendOutcome =
  | { recorded: true }
  | { recorded: false; reason: 'not-addressed' | 'already-done' | 'no-contact' };

/** Whether a contact is among the recipients (case-insensitive, whole address). */
export function isAddressed(email: string | undefined, recipients: readonly string[]): boolean {
  if (!email) return false;
  const want = normaliseEmail(email);
  return recipients.some((r) => typeof r === 'string' && normaliseEmail(r) === want);
}

/**
 * Records a confirmed (or scheduled) send, all or nothing. A planned touch is completed at `at`;
 * a break-up ends the contact's running sequence; a value email is logged as an extra touch that
 * spaces the next email. Nothing is written when the contact was not among the recipients.
 */
export async function recordSend(db: TouchbaseDb, target: SendTarget, rec: SendRecord): Promise<SendOutcome> {
  return db.transaction('rw', writeTables(db), async (): Promise<SendOutcome> => {
    if (target.kind === 'touch') {
      // A draft of a touch that was computed then (lib/db/horizon.ts) is credited to its row.
      const id = await materialiseTouch(db, target.touchId, rec.at);
      if (id === undefined) return { recorded: false, reason: 'already-done' };
      const touch = await db.touches.get(id);
      if (!touch) return { recorded: false, reason: 'already-done' };
      const contact = await db.contacts.get(touch.contactId);
      if (!contact) return { recorded: false, reason: 'no-contact' };
      if (!isAddressed(contact.email, rec.recipients)) return { recorded: false, reason: 'not-addressed' };
      if (touch.state !== 'planned' || touch.channel !== 'email')
        return { recorded: false, reason: 'already-done' };
      // Sent is sent: the record stands even if the lead changed hands since the draft went in.
      const res = await completeTouch(db, id, {
        now: rec.at,
        via: rec.via,
        text: rec.text,
        happened: true,
      });
      return res.alreadyDone ? { recorded: false, reason: 'already-done' } : { recorded: true };
    }
    const contact = await db.contacts.get(target.contactId);
    if (!contact) return { recorded: false, reason: 'no-contact' };
    if (!isAddressed(contact.email, rec.recipients)) return { recorded: false, reason: 'not-addressed' };
    const enrolments = await db.enrolments.where('contactId').equals(contact.id).toArray();
    const running = enrolments
      .filter((e) => e.state === 'active' || e.state === 'paused')
      .sort((a, b) => b.enrolledAt - a.enrolledAt)[0];
    if (!running) {
      // No sequence to end or space: the send is kept in the contact's history all the same.
      await db.activities.add({
        kind: 'sent-from-gmail',
        at: rec.at,
        contactId: contact.id,
        channel: 'email',
        purpose: target.purpose,
        source: rec.via,
        ...(rec.text ? { text: rec.text } : {}),
      } as ActivityRow);
      return { recorded: true };
    }
    await applyEvent(
      db,
      running,
      target.purpose === 'breakup'
        ? { type: 'breakup-sent', channel: 'email', at: rec.at, text: rec.text }
        : { type: 'extra-sent', channel: 'email', purpose: 'value', at: rec.at, text: rec.text },
      rec.at,
      rec.via,
    );
    return { recorded: true };
  });
}
