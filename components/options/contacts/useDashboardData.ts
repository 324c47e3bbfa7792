import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Playbook } from '@/lib/cadence/types';
import { getDb, getSettings, listPlaybooks, type RepSettings } from '@/lib/db';
import { buildContactRows, type ContactListRow } from '@/lib/db/contacts';

/** How many rows the first paint shows before the full list has loaded. */
const FIRST_SCREEN = 60;

/** The contacts table's data: `rows` is the full list once `complete`, a first screenful before. */
export interface ContactRowsState {
  rows: ContactListRow[];
  total: number;
  complete: boolean;
}

/**
 * The first screen of the default order (next touch first), from small indexed reads: the
 * earliest planned touches name the contacts that sort first, then only those contacts and their
 * enrolments are read. Lets the table paint long before 10,000 rows have been loaded.
 */
async function firstScreen(): Promise<ContactRowsState> {
  const db = getDb();
  const total = await db.contacts.count();
  const planned = await db.touches
    .where('[state+dueAt]')
    .between(['planned', -Infinity], ['planned', Infinity])
    .limit(FIRST_SCREEN * 10)
    .toArray();
  const ids: number[] = [];
  for (const t of planned) {
    if (!ids.includes(t.contactId)) ids.push(t.contactId);
    if (ids.length === FIRST_SCREEN) break;
  }
  const exhausted = planned.length < FIRST_SCREEN * 10;
  let contacts = (await db.contacts.bulkGet(ids)).filter((c) => c !== undefined);
  if (exhausted && contacts.length < FIRST_SCREEN) {
    // Everyone with a planned touch is listed; the rest follow in id order, as the full sort does.
    const more = await db.contacts
      .filter((c) => !ids.includes(c.id))
      .limit(FIRST_SCREEN - contacts.length)
      .toArray();
    contacts = [...contacts, ...more];
  }
  const enrolments = await db.enrolments
    .where('contactId')
    .anyOf(contacts.map((c) => c.id))
    .toArray();
  return { rows: buildContactRows(contacts, enrolments, planned), total, complete: total <= contacts.length };
}

/** Every contact joined with its latest enrolment and next planned touch: three bulk reads. */
async function allRows(): Promise<ContactRowsState> {
  const db = getDb();
  const [contacts, enrolments, planned] = await Promise.all([
    db.contacts.toArray(),
    db.enrolments.toArray(),
    db.touches.where('[state+dueAt]').between(['planned', -Infinity], ['planned', Infinity]).toArray(),
  ]);
  return { rows: buildContactRows(contacts, enrolments, planned), total: contacts.length, complete: true };
}

/**
 * Every contact joined with its latest enrolment and next planned touch, live, with no per-row
 * queries. A first screenful arrives from small indexed reads; the full list is read right after
 * that first paint and then stays live.
 */
export function useContactRows(): ContactRowsState | undefined {
  const [wantAll, setWantAll] = useState(false);
  const first = useLiveQuery(firstScreen, []);
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
  return useLiveQuery(() => getSettings(getDb()), []);
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
