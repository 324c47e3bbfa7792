/**
 * What the Gmail sidebar shows, read in the background and sent to it in one answer. The sidebar
 * is an extension page framed by mail.google.com: where the browser blocks third-party storage
 * it cannot open IndexedDB itself, so it asks the background instead.
 */
import type { Playbook } from '@/lib/cadence/types';
import { emailKeysOf, otherEmailId } from '@/lib/contacts/record';
import { listPlaybooks, normaliseEmail, normaliseExternalId } from '@/lib/db/repo';
import { withLaterTouches } from '@/lib/db/horizon';
import type {
  ActivityRow,
  ContactRow,
  EnrolmentRow,
  RepSettings,
  TouchbaseDb,
  TouchRow,
} from '@/lib/db/schema';
import { syncMe, type TeamMe } from '@/lib/db/ownership';
import { getSettings } from '@/lib/db/settings';
import type { Template } from '@/lib/templates/types';

/** The request: who is in view, and who only wrote something the page lists. */
export interface SidebarQuery {
  /** People the sidebar can follow: full detail (touches, activities). */
  people: string[];
  /** Other authors in view (message-list rows): contacts and enrolments only, for reply detection. */
  senders?: string[];
  /**
   * Records in view (a CRM record, a LinkedIn profile), as `<site>:<key>`: their contacts get full
   * detail like `people`, whether or not they have an email.
   */
  externalIds?: string[];
}

export interface SidebarData {
  contacts: ContactRow[];
  enrolments: EnrolmentRow[];
  /** Touches of the `people` contacts, by due time. */
  touches: TouchRow[];
  /** Activities of the `people` contacts, oldest first. */
  activities: ActivityRow[];
  settings: RepSettings;
  /** The rep's stored templates (built-ins fill the gaps when drafting). */
  library: Template[];
  playbooks: Playbook[];
  /** Team sync: this rep as the team knows them (absent with sync off), for ownership. */
  me?: TeamMe;
}

/** At most this many addresses are looked up per request (a message list shows ~50 rows). */
const MAX_EMAILS = 200;

function clean(list: readonly string[] | undefined): string[] {
  return [...new Set((list ?? []).map(normaliseEmail).filter(Boolean))].slice(0, MAX_EMAILS);
}

/** Reads everything the sidebar needs for the people and senders in view. */
export async function loadSidebarData(db: TouchbaseDb, q: SidebarQuery): Promise<SidebarData> {
  const people = clean(q.people);
  const emails = [...new Set([...people, ...clean(q.senders)])];
  const records = [
    ...new Set(
      (q.externalIds ?? []).map((id) => (typeof id === 'string' ? normaliseExternalId(id) : undefined)),
    ),
  ]
    .filter((id): id is string => id !== undefined)
    .slice(0, MAX_EMAILS);
  return db.transaction(
    'r',
    [db.contacts, db.enrolments, db.touches, db.activities, db.templates, db.playbooks, db.settings, db.meta],
    async () => {
      // A contact's other addresses find them too (a lead writing from their second address).
      const [byEmail, byRecord] = await Promise.all([
        emails.length ? db.contacts.where('emailLower').anyOf(emails).toArray() : [],
        records.length || emails.length
          ? db.contacts
              .where('externalIds')
              .anyOf([...records, ...emails.map(otherEmailId)])
              .toArray()
          : [],
      ]);
      const contacts = [...new Map([...byEmail, ...byRecord].map((c) => [c.id, c])).values()];
      const ids = contacts.map((c) => c.id);
      const recordIds = new Set(
        byRecord.filter((c) => (c.externalIds ?? []).some((id) => records.includes(id))).map((c) => c.id),
      );
      const detailIds = contacts
        .filter((c) => recordIds.has(c.id) || emailKeysOf(c).some((e) => people.includes(e)))
        .map((c) => c.id);
      const [enrolments, touches, activities, settings, library, playbooks] = await Promise.all([
        ids.length ? db.enrolments.where('contactId').anyOf(ids).toArray() : Promise.resolve([]),
        detailIds.length ? db.touches.where('contactId').anyOf(detailIds).toArray() : Promise.resolve([]),
        Promise.all(
          detailIds.map((id) =>
            db.activities.where('[contactId+at]').between([id, -Infinity], [id, Infinity]).toArray(),
          ),
        ).then((lists) => lists.flat()),
        getSettings(db),
        db.templates.toArray(),
        listPlaybooks(db),
      ]);
      // Planned touches beyond the stored horizon come from the engine (lib/db/horizon.ts).
      const all = withLaterTouches(
        touches,
        enrolments.filter((e) => detailIds.includes(e.contactId)),
      );
      all.sort((a, b) => a.dueAt - b.dueAt || a.step - b.step);
      activities.sort((a, b) => a.at - b.at);
      const me = await syncMe(db);
      return {
        contacts,
        enrolments,
        touches: all,
        activities,
        settings,
        library,
        playbooks,
        ...(me ? { me } : {}),
      };
    },
  );
}
