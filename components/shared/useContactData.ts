import { useLiveQuery } from 'dexie-react-hooks';
import {
  type ActivityRow,
  type ContactRow,
  type EnrolmentRow,
  getDb,
  getSettings,
  type RepSettings,
  type TouchRow,
  withLaterTouches,
} from '@/lib/db';
import type { Template } from '@/lib/templates';

export interface ContactData {
  contact: ContactRow;
  enrolments: EnrolmentRow[];
  touches: TouchRow[];
  activities: ActivityRow[];
  settings: RepSettings;
  library: Template[];
  /** Team sync: this rep as the team knows them (absent with sync off), for ownership. */
  me?: { id: string; name: string };
}

/**
 * Everything a surface needs to show and draft for one contact, read live from IndexedDB
 * (undefined while loading, null when there is no such contact).
 */
export function useContactData(contactId: number | undefined): ContactData | null | undefined {
  return useLiveQuery(async () => {
    if (contactId === undefined) return null;
    const db = getDb();
    const contact = await db.contacts.get(contactId);
    if (!contact) return null;
    const [enrolments, touches, activities, settings, library] = await Promise.all([
      db.enrolments.where('contactId').equals(contactId).toArray(),
      db.touches.where('contactId').equals(contactId).toArray(),
      db.activities.where('[contactId+at]').between([contactId, -Infinity], [contactId, Infinity]).toArray(),
      getSettings(db),
      db.templates.toArray(),
    ]);
    // Planned touches beyond the stored horizon come from the engine (lib/db/horizon.ts).
    const all = withLaterTouches(touches, enrolments);
    all.sort((a, b) => a.dueAt - b.dueAt);
    return { contact, enrolments, touches: all, activities, settings, library };
  }, [contactId]);
}
