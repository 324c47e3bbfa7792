import { useLiveQuery } from 'dexie-react-hooks';
import { DAY_MS, nextLocalMidnight } from '@/lib/cadence/zoned';
import {
  type ContactRow,
  type DueGroupCounts,
  dueGroupCounts,
  getDb,
  getSettings,
  type RepSettings,
  type TouchRow,
} from '@/lib/db';
import { factsOf, type Score, scoreLead, scoringOf } from '@/lib/scoring';
import { UPCOMING_DAYS } from '@/lib/touches';

/** More than a rep can work through from a popup; the dashboard has the rest. */
export const POPUP_LIMIT = 300;

export interface PopupData {
  /** Planned touches up to the horizon, oldest due first (at most POPUP_LIMIT). */
  touches: TouchRow[];
  contacts: Map<number, ContactRow>;
  /** Lead score per contact id (the rep's scoring rules), for the order and the priority chip. */
  scores: Map<number, Score>;
  settings: RepSettings;
  /** True when more touches fall inside the horizon than were read. */
  truncated: boolean;
  /**
   * When truncated, the true size of each group from index counts (as of `minute`), so the
   * header never shows the cap as the number due.
   */
  counts?: DueGroupCounts;
  /** The first planned touch after the horizon, for "nothing this week". */
  nextLater: TouchRow | undefined;
}

/**
 * Reads the planned touches live from the `[state+dueAt]` index and joins their contacts by id.
 * `minute` (now rounded to the minute) moves the horizon without re-reading every second.
 */
export function usePopupData(minute: number): PopupData | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const horizon = minute * 60_000 + UPCOMING_DAYS * DAY_MS;
    const range = db.touches.where('[state+dueAt]').between(['planned', -Infinity], ['planned', horizon]);
    const [touches, settings, nextLater] = await Promise.all([
      range.limit(POPUP_LIMIT + 1).toArray(),
      getSettings(db),
      db.touches.where('[state+dueAt]').between(['planned', horizon], ['planned', Infinity]).first(),
    ]);
    const truncated = touches.length > POPUP_LIMIT;
    if (truncated) touches.length = POPUP_LIMIT;
    const ids = [...new Set(touches.map((t) => t.contactId))];
    const at = minute * 60_000;
    const [rows, counts, enrolments] = await Promise.all([
      db.contacts.bulkGet(ids),
      truncated
        ? dueGroupCounts(db, at, nextLocalMidnight(settings.timeZone, at), horizon)
        : Promise.resolve(undefined),
      db.enrolments.where('contactId').anyOf(ids).toArray(),
    ]);
    const contacts = new Map<number, ContactRow>();
    for (const c of rows) if (c) contacts.set(c.id, c);
    const scores = new Map<number, Score>();
    const scoring = scoringOf(settings);
    for (const c of contacts.values()) {
      const mine = enrolments.filter((e) => e.contactId === c.id);
      scores.set(c.id, scoreLead(factsOf(c, mine), scoring, at));
    }
    return { touches, contacts, scores, settings, truncated, nextLater, ...(counts ? { counts } : {}) };
  }, [minute]);
}
