import { liveQuery, type Subscription } from 'dexie';
import { useObservable } from 'dexie-react-hooks';
import { DAY_MS, nextLocalMidnight } from '@/lib/cadence/zoned';
import {
  type ContactRow,
  type DueGroupCounts,
  dueGroupCounts,
  getDb,
  getSettings,
  type RepSettings,
  type TouchbaseDb,
  type TouchRow,
} from '@/lib/db';
import {
  readStoredDueCounts,
  type StoredCountsRead,
  usableDueCounts,
  usablePopupRows,
} from '@/lib/db/due-summary';
import { joinDueTouches, readDueTouches } from '@/lib/db/popup-rows';
import { request } from '@/lib/messaging/client';
import { scoredContacts } from './first-paint';
import type { Score } from '@/lib/scoring';
import { UPCOMING_DAYS } from '@/lib/touches/due-groups';

export { POPUP_LIMIT } from '@/lib/db/popup-rows';

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
   * When truncated, the true size of each group from index counts (as of the read), so the
   * header never shows the cap as the number due. With team sync on, the rep's own work only
   * (teammates' leads left out, as in the badge).
   */
  counts?: DueGroupCounts;
  /** The first planned touch after the horizon, for "nothing this week" (only read then). */
  nextLater: TouchRow | undefined;
  /** The counts had to be taken from the indexes (none stored, or stale): slow with thousands. */
  countedHere?: boolean;
}

/**
 * Reads the planned touches from the `[state+dueAt]` index, adds those the engine computes for
 * the enrolments with touches not stored yet (lib/db/horizon.ts), and joins their contacts by id
 * (lib/db/popup-rows.ts). The first round trip asks for the touches, the settings and what the
 * background stored with its last recount (lib/db/due-summary.ts: the header counts and these
 * same rows with their contacts, a few key reads); when those still hold, that is all. Otherwise
 * a second round trip reads the touches' contacts and sequences, and, past the cap, index counts
 * (the slow part with thousands due), asked for last since Chromium answers one database's
 * requests in the order they were made.
 */
export function loadPopupData(db: TouchbaseDb, minute: number, now: number): Promise<PopupData> {
  // One read transaction for the few hundred key lookups, rather than one each.
  // `meta`: past the cap, the stored counts, whether team sync is on and who this rep is.
  return db.transaction('r', [db.touches, db.contacts, db.enrolments, db.settings, db.meta], () =>
    readPopupData(db, minute, now),
  );
}

async function readPopupData(db: TouchbaseDb, minute: number, now: number): Promise<PopupData> {
  const at = minute * 60_000;
  const horizon = at + UPCOMING_DAYS * DAY_MS;
  const [due, settings, storedCounts] = await Promise.all([
    readDueTouches(db, horizon),
    getSettings(db),
    readStoredDueCounts(db),
  ]);
  // The touches just read are the list; the stored rows give their contacts and score facts when
  // they hold and have every contact the list needs.
  const stored = usablePopupRows(storedCounts, now, settings.timeZone, horizon);
  const known = stored && new Set(stored.contacts.map((c) => c.id));
  // An empty week shows the next touch after it, kept only with rows that were empty too (a
  // sync page keeps the rows through its writes: lib/db/due-keep.ts).
  const kept =
    known &&
    (due.touches.length > 0 || stored.touches.length === 0) &&
    due.touches.every((t) => known.has(t.contactId))
      ? stored
      : undefined;
  const [counts, rows] = kept
    ? [
        due.truncated ? storedGroupCounts(storedCounts, now, settings.timeZone, horizon) : undefined,
        { ...kept, ...due },
      ]
    : await Promise.all([
        due.truncated
          ? groupCounts(db, storedCounts, now, settings.timeZone, horizon)
          : Promise.resolve(undefined),
        joinDueTouches(db, horizon, due),
      ]);
  const { contacts, scores } = scoredContacts(rows, settings, at);
  return {
    touches: rows.touches,
    contacts,
    scores,
    settings,
    truncated: rows.truncated,
    nextLater: rows.nextLater,
    ...(counts ? { counts: counts.counts, countedHere: counts.countedHere } : {}),
  };
}

function storedGroupCounts(
  storedCounts: StoredCountsRead,
  now: number,
  timeZone: string,
  horizon: number,
): { counts: DueGroupCounts; countedHere: boolean } | undefined {
  const counts = usableDueCounts(storedCounts, now, timeZone, horizon);
  return counts && { counts, countedHere: false };
}

async function groupCounts(
  db: TouchbaseDb,
  storedCounts: StoredCountsRead,
  now: number,
  timeZone: string,
  horizon: number,
): Promise<{ counts: DueGroupCounts; countedHere: boolean }> {
  const stored = usableDueCounts(storedCounts, now, timeZone, horizon);
  if (stored) return { counts: stored, countedHere: false };
  return {
    counts: await dueGroupCounts(db, now, nextLocalMidnight(timeZone, now), horizon),
    countedHere: true,
  };
}

/**
 * One live query per minute, kept at module level: the first one starts as this module loads,
 * so IndexedDB works while React is still starting, and the hook picks up what it has read.
 * `first`, when given, is a read already under way: it answers first, and the live query (whose
 * own first read waits for a timer, which the page's first frame holds back 30-40 ms under load)
 * starts once it has, to follow the changes from there.
 */
class SharedLiveQuery<T> {
  private has = false;
  private value: T | undefined;
  private failure: unknown;
  private readonly listeners = new Set<{ next: (v: T) => void; error?: (e: unknown) => void }>();
  private sub: Subscription | undefined;
  private closed = false;

  constructor(
    private readonly querier: () => Promise<T>,
    first?: Promise<T>,
  ) {
    if (!first) {
      this.follow();
      return;
    }
    first.then(
      (v) => this.next(v),
      // The live query's own read reports a failure, or recovers from a passing one.
      () => undefined,
    );
    void first.finally(() => this.follow());
  }

  private follow(): void {
    if (this.closed) return;
    this.sub = liveQuery(this.querier).subscribe({
      next: (v) => this.next(v),
      error: (e) => {
        this.failure = e;
        for (const l of this.listeners) l.error?.(e);
      },
    });
  }

  private next(v: T): void {
    if (this.closed) return;
    this.has = true;
    this.value = v;
    for (const l of this.listeners) l.next(v);
  }

  hasValue(): boolean {
    return this.has;
  }

  getValue(): T {
    return this.value as T;
  }

  /** Settles once a first value (or failure) is in. */
  ready(): Promise<void> {
    if (this.has || this.failure !== undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const l = this.subscribe(
        () => {
          l.unsubscribe();
          resolve();
        },
        () => {
          l.unsubscribe();
          resolve();
        },
      );
    });
  }

  subscribe(next: (v: T) => void, error?: (e: unknown) => void): { unsubscribe(): void } {
    const l = { next, ...(error ? { error } : {}) };
    this.listeners.add(l);
    if (this.failure !== undefined) error?.(this.failure);
    else if (this.has) next(this.value as T);
    return { unsubscribe: () => this.listeners.delete(l) };
  }

  close(): void {
    this.closed = true;
    this.sub?.unsubscribe();
    this.listeners.clear();
  }
}

let current: { minute: number; query: SharedLiveQuery<PopupData> } | undefined;
let recountAsked = false;

function popupQuery(minute: number, first = false): SharedLiveQuery<PopupData> {
  if (current?.minute === minute) return current.query;
  current?.query.close();
  const read = async () => {
    const data = await loadPopupData(getDb(), minute, Date.now());
    // The background stores the counts after every write it makes; rows written some other
    // way (or a day gone by) leave none: ask it once to store them for the next opening.
    if (data.countedHere && !recountAsked) {
      recountAsked = true;
      void request('badge.refresh', {}).catch(() => undefined);
    }
    return data;
  };
  current = { minute, query: new SharedLiveQuery(read, first ? read() : undefined) };
  return current.query;
}

/**
 * Starts reading before React renders; the popup's first render then finds the reads under way.
 * Answers when the first read is in (or failed), so the first render can draw the rows at once.
 */
export function startPopupQuery(now = Date.now()): Promise<void> {
  return popupQuery(Math.floor(now / 60_000), true).ready();
}

/**
 * The popup's data, live: re-read whenever the touches, contacts, enrolments or settings it read
 * change. `minute` (now rounded to the minute) moves the horizon without re-reading every second.
 */
export function usePopupData(minute: number): PopupData | undefined {
  return useObservable(() => popupQuery(minute), [minute]);
}
