/**
 * Editing a contact's record (dashboard drawer, Gmail sidebar), and replanning its sequences
 * when the contact's zone or window changes, all in one transaction.
 */
import { joinMsgs, type Msg, msg, msgClock } from '@/lib/i18n/msg';
import { pendingTouches } from '@/lib/cadence';
import { DEFAULT_WINDOW } from '@/lib/cadence/types';
import {
  type ContactPatch,
  contactPatchProblems,
  emailKeysOf,
  otherEmailId,
  otherEmailsOf,
  sameWindow,
} from '@/lib/contacts/record';
import { applyEvent, normaliseEmail, RepoError, writeTables } from './repo';
import type { ContactRow, EnrolmentRow, TouchbaseDb, TouchRow } from './schema';
import { getSettings } from './settings';
import { displayName } from './contacts';

/** States whose future touches follow the contact's zone and window. */
const REPLANNABLE = new Set<EnrolmentRow['state']>(['active', 'paused', 'booked', 'completed']);

/** Planned touches whose due time differs between two plans of the same enrolment (by step). */
export function movedTouches(
  before: readonly Pick<TouchRow, 'step' | 'dueAt'>[],
  after: readonly Pick<TouchRow, 'step' | 'dueAt'>[],
): number {
  const was = new Map(before.map((t) => [t.step, t.dueAt]));
  let moved = 0;
  for (const t of after) {
    const prev = was.get(t.step);
    if (prev === undefined || prev !== t.dueAt) moved++;
    was.delete(t.step);
  }
  return moved + was.size;
}

/** Every planned touch of the enrolment, from the engine (rows exist only inside the horizon). */
function plannedOf(e: EnrolmentRow): Pick<TouchRow, 'step' | 'dueAt'>[] {
  return pendingTouches(e).map((t) => ({ step: t.step, dueAt: t.dueAt.getTime() }));
}

/**
 * Replans one enrolment in a new zone and window through the engine (the `set-schedule` event),
 * inside the caller's transaction. Done touches never move. Returns how many planned touches moved.
 */
export async function replanEnrolment(
  db: TouchbaseDb,
  e: EnrolmentRow,
  schedule: { timeZone: string; window: NonNullable<EnrolmentRow['window']>; note: Msg },
  opts: { now: number; via: string },
): Promise<number> {
  const before = plannedOf(e);
  const after = await applyEvent(
    db,
    e,
    { type: 'set-schedule', timeZone: schedule.timeZone, window: schedule.window, msg: schedule.note },
    opts.now,
    opts.via,
  );
  return movedTouches(before, plannedOf(after));
}

function clean(v: string | undefined): string | undefined {
  return v === undefined ? undefined : v.trim();
}

/**
 * Applies a rep's edit to a contact. Every address stays unique across contacts,
 * case-insensitively; a new zone or window replans the contact's sequences (future touches only).
 * All or nothing.
 */
export async function updateContact(
  db: TouchbaseDb,
  contactId: number,
  patch: ContactPatch,
  opts: { now: number; via: string },
): Promise<{ contact: ContactRow; moved: number }> {
  if (typeof patch !== 'object' || patch === null) throw new RepoError(msg('err_nothing_to_change'));
  const problems = contactPatchProblems(patch);
  if (problems.length) throw new RepoError(joinMsgs(problems.map((p) => p.msg)));
  return db.transaction('rw', writeTables(db), async () => {
    const cur = await db.contacts.get(contactId);
    if (!cur) throw new RepoError(msg('err_contact_gone'));
    const next: ContactRow = { ...cur, updatedAt: opts.now };
    for (const f of ['firstName', 'lastName', 'company', 'title', 'phone', 'notes'] as const) {
      const v = f === 'notes' ? patch.notes : clean(patch[f]);
      if (v !== undefined) next[f] = v;
    }
    if (patch.email !== undefined) {
      next.email = patch.email.trim();
      next.emailLower = normaliseEmail(next.email);
    }
    if (patch.otherEmails !== undefined || patch.email !== undefined) {
      const seen = new Set(next.emailLower ? [next.emailLower] : []);
      const others: string[] = [];
      for (const raw of patch.otherEmails ?? otherEmailsOf(cur)) {
        const e = raw.trim();
        const lower = normaliseEmail(e);
        if (!e || seen.has(lower)) continue;
        seen.add(lower);
        others.push(e);
      }
      next.otherEmails = others;
      // The other addresses live in the external-id index as `email:` ids; other ids stay.
      next.externalIds = [
        ...(cur.externalIds ?? []).filter((id) => !id.startsWith('email:')),
        ...others.map((e) => otherEmailId(normaliseEmail(e))),
      ];
    }
    if (patch.otherPhones !== undefined) {
      const primary = next.phone;
      next.otherPhones = [...new Set(patch.otherPhones.map((p) => p.trim()))].filter(
        (p) => p && p !== primary,
      );
    }
    if (patch.timeZone !== undefined) next.timeZone = patch.timeZone.trim();
    if (patch.window === null) delete next.window;
    else if (patch.window !== undefined) next.window = { ...patch.window, days: [...patch.window.days] };
    if (patch.linkedinUrl !== undefined) {
      const url = patch.linkedinUrl.trim();
      if (url) next.linkedinUrl = url;
      else delete next.linkedinUrl;
    }
    if (patch.language === null) delete next.language;
    else if (patch.language !== undefined) next.language = patch.language;
    if (patch.custom !== undefined) {
      next.custom = {};
      for (const [k, v] of Object.entries(patch.custom)) {
        // Own properties only, whatever the key ("__proto__" included).
        Object.defineProperty(next.custom, k.trim(), {
          value: v.trim(),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }

    // Every address, primary or other, belongs to one contact only.
    for (const email of emailKeysOf(next)) {
      const owners = [
        ...(await db.contacts.where('emailLower').equals(email).toArray()),
        ...(await db.contacts.where('externalIds').equals(otherEmailId(email)).toArray()),
      ].filter((c) => c.id !== contactId);
      const owner = owners[0];
      if (owner) throw new RepoError(msg('err_address_taken', { email, name: displayName(owner) }));
    }
    await db.contacts.put(next);

    const settings = await getSettings(db);
    const window = next.window ?? settings.window ?? DEFAULT_WINDOW;
    const oldWindow = cur.window ?? settings.window ?? DEFAULT_WINDOW;
    if (next.timeZone === cur.timeZone && sameWindow(window, oldWindow)) return { contact: next, moved: 0 };
    const zone = next.timeZone !== cur.timeZone ? next.timeZone : undefined;
    const hours = sameWindow(window, oldWindow)
      ? undefined
      : { start: msgClock(window.start), end: msgClock(window.end) };
    const note =
      zone && hours
        ? msg('activity_replanned_zone_window', { zone, ...hours })
        : zone
          ? msg('activity_replanned_zone', { zone })
          : msg('activity_replanned_window', hours ?? { start: '', end: '' });
    let moved = 0;
    const enrolments = await db.enrolments.where('contactId').equals(contactId).toArray();
    for (const e of enrolments) {
      if (!REPLANNABLE.has(e.state)) continue;
      if (e.timeZone === next.timeZone && sameWindow(e.window ?? DEFAULT_WINDOW, window)) continue;
      moved += await replanEnrolment(db, e, { timeZone: next.timeZone, window, note }, opts);
    }
    return { contact: next, moved };
  });
}
