/**
 * The rows the popup's list is drawn from: the first planned touches up to its horizon, their
 * contacts, and what each contact's lead score is computed from. One function for the popup's
 * own read and for the copy the background keeps ready with the header counts
 * (lib/db/due-summary.ts), so the two cannot differ.
 */
import { factsOf, type ScoreFacts } from '@/lib/scoring';
import { rowsPerKey } from './per-key';
import { firstPlannedFrom, plannedDueBefore } from './queries';
import type { ContactRow, TouchbaseDb, TouchRow } from './schema';

/** More than a rep can work through from a popup; the dashboard has the rest. */
export const POPUP_LIMIT = 300;

export interface PopupRows {
  /** Planned touches up to the horizon, oldest due first (at most POPUP_LIMIT). */
  touches: TouchRow[];
  /** True when more touches fall inside the horizon than were read. */
  truncated: boolean;
  /** The first planned touch after the horizon, read only when none is inside it. */
  nextLater: TouchRow | undefined;
  /** The touches' contacts, in the order of their first touch. */
  contacts: ContactRow[];
  /** What each contact's score is computed from (its sequences' replies, calls, bookings). */
  facts: ScoreFacts[];
}

/** The first planned touches up to `horizon` (the popup's first round trip). */
export async function readDueTouches(
  db: TouchbaseDb,
  horizon: number,
): Promise<Pick<PopupRows, 'touches' | 'truncated'>> {
  const { touches, more } = await plannedDueBefore(db, horizon, POPUP_LIMIT);
  return { touches, truncated: more };
}

/** The rest of {@link PopupRows} for touches {@link readDueTouches} read (its second round trip). */
export async function joinDueTouches(
  db: TouchbaseDb,
  horizon: number,
  due: Pick<PopupRows, 'touches' | 'truncated'>,
): Promise<PopupRows> {
  const { touches } = due;
  // Only shown when the week is empty.
  const nextLater = touches.length ? undefined : await firstPlannedFrom(db, horizon);
  const ids = [...new Set(touches.map((t) => t.contactId))];
  const [rows, enrolments] = await Promise.all([
    db.contacts.bulkGet(ids),
    rowsPerKey(db.enrolments, 'contactId', ids),
  ]);
  const contacts: ContactRow[] = [];
  const facts: ScoreFacts[] = [];
  rows.forEach((c, i) => {
    if (!c) return;
    contacts.push(c);
    facts.push(factsOf(c, enrolments[i] ?? []));
  });
  return { ...due, nextLater, contacts, facts };
}

/**
 * The rows at `horizon`, run inside a transaction over touches, enrolments and contacts: every
 * read a key or key-range lookup.
 */
export async function readPopupRows(db: TouchbaseDb, horizon: number): Promise<PopupRows> {
  return joinDueTouches(db, horizon, await readDueTouches(db, horizon));
}
