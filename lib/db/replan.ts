/**
 * A change of the rep's default contact window or re-engage delay, applied to the sequences
 * already running: counted first ("42 future touches will move"), then saved with the settings
 * in one transaction when the rep accepts.
 */
import {
  DEFAULT_REENGAGE_DAYS,
  DEFAULT_WINDOW,
  type EnrolmentEvent,
  pendingTouches,
  transition,
} from '@/lib/cadence';
import { sameWindow } from '@/lib/contacts/record';
import { msg } from '@/lib/i18n/msg';
import { movedTouches } from './contact-record';
import { saveRepSettings } from './maintenance';
import { applyEvent, writeTables } from './repo';
import type { EnrolmentRow, RepSettings, TouchbaseDb, TouchRow } from './schema';
import { getSettings } from './settings';

/** What accepting the replan would do. */
export interface ReplanPreview {
  /** Planned touches whose due time would change. */
  moved: number;
  /** Sequences that would take the new window or delay. */
  enrolments: number;
}

interface Change {
  e: EnrolmentRow;
  events: EnrolmentEvent[];
}

/**
 * The engine events that bring running sequences in line with `next` settings. Contacts with a
 * window of their own keep it; booked sequences only have their recap left, which neither changes.
 */
async function changesFor(db: TouchbaseDb, prev: RepSettings, next: RepSettings): Promise<Change[]> {
  const windowChanged = !sameWindow(prev.window, next.window);
  const daysChanged = prev.reengageDays !== next.reengageDays;
  if (!windowChanged && !daysChanged) return [];
  const enrolments = await db.enrolments.where('state').anyOf(['active', 'paused', 'completed']).toArray();
  const contactIds = [...new Set(enrolments.map((e) => e.contactId))];
  const contacts = await db.contacts.bulkGet(contactIds);
  const ownWindow = new Set(contacts.filter((c) => c?.window).map((c) => c?.id));
  const out: Change[] = [];
  for (const e of enrolments) {
    const events: EnrolmentEvent[] = [];
    if (
      windowChanged &&
      e.state !== 'completed' &&
      !ownWindow.has(e.contactId) &&
      !sameWindow(e.window ?? DEFAULT_WINDOW, next.window)
    ) {
      events.push({
        type: 'set-schedule',
        timeZone: e.timeZone,
        window: next.window,
        msg: msg('activity_replanned_default_window'),
      });
    }
    if (daysChanged && (e.reengageDays ?? DEFAULT_REENGAGE_DAYS) !== next.reengageDays) {
      events.push({ type: 'set-reengage-days', days: next.reengageDays });
    }
    if (events.length) out.push({ e, events });
  }
  return out;
}

/** Every planned touch of an enrolment, from the engine (rows exist only inside the horizon). */
function plannedOf(e: EnrolmentRow): Pick<TouchRow, 'step' | 'dueAt'>[] {
  return pendingTouches(e).map((t) => ({ step: t.step, dueAt: t.dueAt.getTime() }));
}

/** Counts what the pure engine would move, without writing. */
function countMoved(changes: readonly Change[], now: number): number {
  let moved = 0;
  for (const { e, events } of changes) {
    let cur = e as EnrolmentRow;
    for (const ev of events) {
      const r = transition(cur, ev, now);
      if (r.ok) cur = { ...cur, ...r.enrolment } as EnrolmentRow;
    }
    moved += movedTouches(plannedOf(e), plannedOf(cur));
  }
  return moved;
}

/** How many future touches a settings change would move if running sequences follow it. */
export async function previewSettingsReplan(
  db: TouchbaseDb,
  patch: Partial<RepSettings>,
  now: number,
): Promise<ReplanPreview> {
  return db.transaction('r', [db.enrolments, db.contacts, db.settings], async () => {
    const prev = await getSettings(db);
    const changes = await changesFor(db, prev, { ...prev, ...patch });
    if (!changes.length) return { moved: 0, enrolments: 0 };
    return { moved: countMoved(changes, now), enrolments: changes.length };
  });
}

/**
 * Saves the settings and, when `replan` is set, moves the running sequences onto them through
 * the engine, all in one transaction: either the settings and every replanned touch land, or
 * nothing does.
 */
export async function saveSettingsWithReplan(
  db: TouchbaseDb,
  patch: Partial<RepSettings>,
  opts: { now: number; via: string; replan: boolean },
): Promise<{ settings: RepSettings; moved: number }> {
  if (!opts.replan) return { settings: await saveRepSettings(db, patch), moved: 0 };
  return db.transaction('rw', writeTables(db), async () => {
    const prev = await getSettings(db);
    const settings = await saveRepSettings(db, patch);
    const changes = await changesFor(db, prev, settings);
    let moved = 0;
    for (const { e, events } of changes) {
      let cur = e;
      for (const ev of events) cur = await applyEvent(db, cur, ev, opts.now, opts.via);
      moved += movedTouches(plannedOf(e), plannedOf(cur));
    }
    return { settings, moved };
  });
}
