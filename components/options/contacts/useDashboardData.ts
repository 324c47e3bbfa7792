import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Playbook } from '@/lib/cadence/types';
import { getDb, getSettings, listPlaybooks, type RepSettings } from '@/lib/db';
import { buildContactRows, type ContactListRow } from '@/lib/db/contacts';
import { withComputedNext } from '@/lib/db/horizon';
import { scoringOf } from '@/lib/scoring';

/** How many rows the first paint shows before the full list has loaded. */
const FIRST_SCREEN = 60;

/** The contacts table's data: `rows` is the full list once `complete`, a first screenful before. */
export interface ContactRowsState {
  rows: ContactListRow[];
  /** -1 until the full list has been read. */
  total: number;
  complete: boolean;
}

/**
 * The first screen of the default order (next touch first), from small indexed reads: the
 * earliest planned touches name the contacts that sort first, then only those contacts and their
 * enrolments are read. Lets the table paint long before 10,000 rows have been loaded.
 */
async function firstScreen(settingsRead?: Promise<RepSettings>): Promise<ContactRowsState> {
  const db = getDb();
  // Two rounds of small reads: what sorts first, then those rows by primary key (in parallel).
  // No count here: counting 10,000 rows costs more than the whole first screen. The total
  // arrives with the full list a moment later.
  const wanted = FIRST_SCREEN * 8;
  const [stored, computing] = await Promise.all([
    db.touches
      .where('[state+dueAt]')
      .between(['planned', -Infinity], ['planned', Infinity])
      .limit(wanted)
      .toArray(),
    // Steps a bulk write left to compute (lib/db/horizon.ts), by their first due time.
    db.enrolments.where('laterDueAt').above(-Infinity).limit(wanted).toArray(),
  ]);
  const planned = withComputedNext(stored, computing).sort((a, b) => a.dueAt - b.dueAt);
  // Past the end of either read the merged order is not known: cut there.
  const knownUntil = Math.min(
    stored.length === wanted ? stored[wanted - 1]!.dueAt : Infinity,
    computing.length === wanted ? computing[wanted - 1]!.laterDueAt! : Infinity,
  );
  if (knownUntil < Infinity) {
    const cut = planned.findIndex((t) => t.dueAt > knownUntil);
    if (cut >= 0) planned.length = cut;
  }
  const ids: number[] = [];
  const enrolmentIds = new Set<number>();
  for (const t of planned) {
    if (ids.length === FIRST_SCREEN) break;
    if (!ids.includes(t.contactId)) {
      ids.push(t.contactId);
      // A planned touch belongs to the contact's running sequence: the one the table shows.
      enrolmentIds.add(t.enrolmentId);
    }
  }
  const exhausted = stored.length < wanted && computing.length < wanted;
  const [found, running, settings] = await Promise.all([
    db.contacts.bulkGet(ids),
    db.enrolments.bulkGet([...enrolmentIds]),
    settingsRead ?? getSettings(db),
  ]);
  let contacts = found.filter((c) => c !== undefined);
  const enrolments = running.filter((e) => e !== undefined);
  if (exhausted && contacts.length < FIRST_SCREEN) {
    // Everyone with a planned touch is listed; the rest follow in id order, as the full sort does.
    const more = await db.contacts
      .filter((c) => !ids.includes(c.id))
      .limit(FIRST_SCREEN - contacts.length)
      .toArray();
    contacts = [...contacts, ...more];
    if (more.length) {
      enrolments.push(
        ...(await db.enrolments
          .where('contactId')
          .anyOf(more.map((c) => c.id))
          .toArray()),
      );
    }
  }
  // Fewer rows than a screenful after looking everywhere: that is everyone.
  const complete = exhausted && contacts.length < FIRST_SCREEN;
  return {
    rows: buildContactRows(contacts, enrolments, planned, { settings: scoringOf(settings), now: Date.now() }),
    total: complete ? contacts.length : -1,
    complete,
  };
}

/**
 * Every contact joined with its latest enrolment, next planned touch and lead score: three bulk
 * reads and the settings.
 */
async function allRows(): Promise<ContactRowsState> {
  const db = getDb();
  const [contacts, enrolments, planned, settings] = await Promise.all([
    db.contacts.toArray(),
    db.enrolments.toArray(),
    db.touches.where('[state+dueAt]').between(['planned', -Infinity], ['planned', Infinity]).toArray(),
    getSettings(db),
  ]);
  const scoring = { settings: scoringOf(settings), now: Date.now() };
  return {
    rows: buildContactRows(contacts, enrolments, withComputedNext(planned, enrolments), scoring),
    total: contacts.length,
    complete: true,
  };
}

/**
 * Every contact joined with its latest enrolment and next planned touch, live, with no per-row
 * queries. A first screenful arrives from small indexed reads; the full list is read right after
 * that first paint and then stays live.
 */
export function useContactRows(): ContactRowsState | undefined {
  const [wantAll, setWantAll] = useState(false);
  const [initial] = useState(() => takePrimed()?.rows);
  const first = useLiveQuery(() => firstScreen(), [], initial);
  const all = useLiveQuery(() => (wantAll ? allRows() : undefined), [wantAll]);
  useEffect(() => {
    if (!first || wantAll) return;
    if (first.complete) return setWantAll(true);
    // Let the first screen paint before the big read competes with it.
    const id = requestAnimationFrame(() => setTimeout(() => setWantAll(true), 0));
    return () => cancelAnimationFrame(id);
  }, [first, wantAll]);
  return all ?? first;
}

/** The rep's settings, live. */
export function useSettings(): RepSettings | undefined {
  const [initial] = useState(() => primed?.settings);
  return useLiveQuery(() => getSettings(getDb()), [], initial);
}

/** Data read while the page was still loading its code, used once by the first render. */
let primed: { rows: ContactRowsState; settings: RepSettings } | undefined;

/**
 * Reads the first screen while the tab's code loads, so the very first render already shows
 * rows (the live queries take over right after). Used once: a later visit reads live.
 */
export async function primeContactRows(): Promise<void> {
  const db = getDb();
  // One settings read serves both the scores of the first screen and the settings hook.
  const settingsRead = getSettings(db);
  const [rows, settings] = await Promise.all([firstScreen(settingsRead), settingsRead]);
  primed = { rows, settings };
}

function takePrimed(): typeof primed {
  const p = primed;
  // The settings hook reads it in the same render; drop it after this frame.
  if (p) queueMicrotask(() => (primed = undefined));
  return p;
}

/** Built-in and own playbooks, live. */
export function usePlaybooks(): Playbook[] | undefined {
  return useLiveQuery(() => listPlaybooks(getDb()), []);
}

/** The current time, refreshed every `everyMs` (overdue marks move on while the page is open). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
