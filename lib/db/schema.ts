import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Template } from '@/lib/templates/types';
import type { Language } from '@/lib/templates/language';
import type { ScoringSettings } from '@/lib/scoring';
import { markApplying, type OutboxRow, outboxId, outboxMiddleware } from './outbox';
import { undoMiddleware } from './undo';
import { dueCountsMiddleware } from './due-counts-guard';
import type {
  Activity,
  Channel,
  ContactWindow,
  Enrolment,
  LeadSource,
  Playbook,
  Purpose,
  TouchState,
} from '@/lib/cadence/types';
import type { Msg } from '@/lib/i18n/msg';

/**
 * A person a rep follows up with. A contact is known by its email (unique, case-insensitive, when
 * there is one) and by any of its `externalIds` (CRM record keys, the LinkedIn profile): a
 * contact seen only on LinkedIn has no email yet.
 */
export interface ContactRow {
  id: number;
  /** As the rep or the page wrote it; '' when the contact has no email yet. */
  email: string;
  /**
   * The unique key. Absent (never '') when there is no email: Dexie's unique index skips rows
   * whose key is undefined, while two '' keys would collide.
   */
  emailLower?: string;
  /**
   * Team sync: the global id of this row's document (\`{kind}:{id}\`), once it has one (pushed or
   * received). Indexed (v10): the replicator finds a received document's row by it.
   */
  gid?: string;
  /**
   * Where else this person lives, one opaque key per record (`hubspot:<portal>:<id>`,
   * `salesforce:<org>:<id>`, `linkedin:<profile>` …). Indexed multiEntry (v6).
   */
  externalIds: string[];
  firstName: string;
  lastName: string;
  company: string;
  /** The primary number: texts and calls go to it. */
  phone: string;
  /** More numbers (desk, mobile…), shown on the record. */
  otherPhones?: string[];
  /**
   * More addresses of the same person, as the rep wrote them. Each is also an external id
   * `email:<lower-cased>`, so the `*externalIds` index finds the contact by it and keeps it unique.
   */
  otherEmails?: string[];
  title: string;
  linkedinUrl?: string;
  /** IANA zone of the contact; falls back to the rep's zone when unknown. */
  timeZone: string;
  /** The contact's own window for texts and calls; the rep's default window when absent. */
  window?: ContactWindow;
  leadSource: LeadSource;
  topic?: string;
  /**
   * The language to write to them in (guessed from the page or set by hand); English when absent.
   * Not indexed, so no schema version: rows without it read as English.
   */
  language?: Language;
  notes: string;
  /** Team sync: the rep whose lead this is (absent with sync off). Not indexed: no schema change. */
  owner?: ContactOwner;
  /** Channels the contact asked us to stop using. */
  optOut: Partial<Record<Channel, boolean>>;
  custom: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

/** The rep a contact belongs to on a team. */
export interface ContactOwner {
  /** The rep's replica id (stable, from team sync setup). */
  id: string;
  name: string;
  /** Since when (epoch ms). */
  since: number;
}

/**
 * One contact in one playbook: the engine's plain `Enrolment` plus the name of the playbook at
 * enrolment time. `steps` is a snapshot already adjusted for the lead source.
 */
export interface EnrolmentRow extends Enrolment {
  id: number;
  playbookName: string;
  /** Latest touch done for this enrolment, for "last touch" views. */
  lastTouchAt?: number;
  /**
   * Due time of its first planned touch that is not stored as a touch row yet (beyond the stored
   * horizon, lib/db/horizon.ts); absent when every planned touch is a row. Indexed (v7), so the
   * minute alarm finds the enrolments whose touches come within the horizon.
   */
  laterDueAt?: number;
  /**
   * The first computed touch itself (the one due at `laterDueAt`), kept with it so the contacts
   * table shows a next touch without planning 10,000 enrolments after an import. Not indexed: no
   * schema version; absent on rows written before it, which are planned instead.
   */
  laterNext?: { step: number; deadlineAt: number; withinMinutes?: number };
  /**
   * Team sync: the global id of this row's document (\`{kind}:{id}\`), once it has one (pushed or
   * received). Indexed (v10): the replicator finds a received document's row by it.
   */
  gid?: string;
}

/**
 * A planned or completed step. Only touches of active enrolments are `planned`: pausing or
 * stopping an enrolment deletes its planned touches, so the `[state+dueAt]` index alone answers
 * "what is due now" without joins. Planned rows exist only inside the stored horizon (plus each
 * enrolment's next step, lib/db/horizon.ts); the engine computes the ones further out.
 */
export interface TouchRow {
  id: number;
  enrolmentId: number;
  contactId: number;
  /** 1-based step number within the enrolment; 0 for extra touches (after-meeting, re-engage). */
  step: number;
  totalSteps: number;
  channel: Channel;
  purpose: Purpose;
  dueAt: number;
  deadlineAt: number;
  withinMinutes?: number;
  /** Step-0 touches a playbook rule added (meeting reminders, a requested call): its key. */
  extraKey?: number;
  state: TouchState;
  doneAt?: number;
  /** The rendered text that went out, kept so later template edits never rewrite history. */
  text?: string;
  notifiedAt?: number;
}

/** A rep as the team knows them: their replica id (from team sync setup) and name. */
export interface TeamRep {
  id: string;
  name: string;
}

/** Append-only log of everything that happened: the engine's `Activity` plus its ids. */
export interface ActivityRow extends Activity {
  id: number;
  touchId?: number;
  /**
   * Team sync: the rep who logged it, stamped as it is written while sync is on (lib/db/outbox.ts),
   * so the weekly review can show the team rep by rep. Absent with sync off and on activities
   * logged before; not indexed, so no schema version.
   */
  rep?: TeamRep;
  /**
   * Team sync: the global id of this row's document (\`{kind}:{id}\`), once it has one (pushed or
   * received). Indexed (v10): the replicator finds a received document's row by it.
   */
  gid?: string;
}

/**
 * A playbook or template in the team library (team sync): who shared it, and who edited it last.
 * Absent on the rep's private ones, which never leave the browser. Not indexed: no schema version.
 */
export interface LibraryShare {
  by: TeamRep;
  editedBy?: TeamRep;
}

export interface PlaybookRow extends Playbook {
  updatedAt: number;
  team?: LibraryShare;
}

/** A template the rep edited or added; built-ins without a row come from lib/templates. */
export interface TemplateRow extends Template {
  updatedAt: number;
  team?: LibraryShare;
}

export interface RepSettings {
  name: string;
  company: string;
  phone: string;
  signature: string;
  reconnectLink: string;
  bookingLink: string;
  /** The rep's own zone: every time in the UI is shown in it. */
  timeZone: string;
  /** When interruptive touches (SMS, calls, voicemail) may reach a contact, in the contact's zone. */
  window: ContactWindow;
  /** The rep's working days and hours, for proposing meeting times. */
  workingHours: ContactWindow;
  defaultPlaybookBySource: Partial<Record<LeadSource, string>>;
  defaultSource: LeadSource;
  reengageDays: number;
  notifications: boolean;
  dailyNudge: boolean;
  /** The first-run setup was finished or skipped: it is not offered again. */
  setupDone?: boolean;
  /**
   * The rep's lead scoring rules (Settings → Lead scoring). Absent until they change them, so
   * a rep who never did follows the built-in defaults as those improve. Not indexed: no version.
   */
  scoring?: ScoringSettings;
}

export interface SettingsRow {
  key: 'rep';
  value: RepSettings;
}

/** Keeps the last-run bookkeeping of the background (daily nudge) out of memory. */
export interface MetaRow {
  key: string;
  value: number | string;
}

/**
 * A promise not to contact someone again: written when they opt out, kept when the contact is
 * deleted, checked by every enrol and import. Keyed by the lower-cased email; the phone (digits
 * only), LinkedIn URL (normalised) and external ids are indexed too, so a re-import under another
 * email but the same number, profile or CRM record is still caught.
 */
export interface SuppressionRow {
  /** The lower-cased email, or for a person without one `linkedin:…`, `phone:…` or `ext:…`. */
  key: string;
  emailLower?: string;
  /** Phone as digits only (see `normalisePhone`), when the contact had one. */
  phone?: string;
  /** LinkedIn profile URL without scheme, `www.` or trailing slash, lower-cased. */
  linkedin?: string;
  /** The contact's external ids (CRM records), so a CRM re-sync is caught too. */
  externalIds?: string[];
  /** Channels the person asked us to stop using (today always all of them). */
  channels: Channel[];
  /** Why, in the rep's words ("asked by email", "unsubscribe link"); may be empty. */
  reason: string;
  /** Why, when Touchbase said it (a reply asked to stop): read in each rep's language; `reason` keeps its English. */
  reasonMsg?: Msg;
  at: number;
  /** Surface that recorded it ("sidebar", "dashboard", "import"). */
  via: string;
}

/** What one undoable action changed: the rows to put back and the keys it added, per table. */
export interface UndoChange {
  table: string;
  /** Rows as they were before the action (deleted rows; modified ones in entries older than `patched`). */
  before: unknown[];
  /**
   * Modified rows, as what undo changes back: `[key, fields with their values before, fields
   * the action added]`. Applied to the row as it is after the action (its fingerprint checked),
   * it gives the row before: a bulk pause keeps a few fields per sequence, not 10,000 whole rows.
   */
  patched?: [unknown, Record<string, unknown>, string[]][];
  /** Primary keys of rows the action created, deleted again on undo. */
  added: unknown[];
  /** Fingerprint of every touched row right after the action; a mismatch means a later change. */
  after: Record<string, string>;
}

/**
 * One undoable action, written in the same transaction as the action itself, so an undo asked
 * for after the popup closed (or the worker restarted) still finds it. Expired rows are swept.
 */
export interface UndoRow {
  id: number;
  /**
   * What the toast says: a message ({key: 'undo_marked_done'}), rendered in the rep's language
   * when shown; entries written before messages had keys hold the English text ("Marked done").
   */
  label: Msg | string;
  via: string;
  at: number;
  expiresAt: number;
  changes: UndoChange[];
}

/**
 * A shared playbook's or template's global id (the sync document's `_id`) against its local key:
 * the team needs ids every replica agrees on. Kept when sync is turned off, so turning it on again
 * meets the same documents. Contacts, sequences and activities carry theirs on the row (`gid`,
 * v10); their rows here before v10 were moved there.
 */
export interface SyncIdRow {
  gid: string;
  table: string;
  local: number | string;
}

export const DB_NAME = 'touchbase';

/**
 * The schema history, oldest first. Append-only: a released version is never edited; a change
 * is a new entry whose `upgrade` moves the data.
 */
export const SCHEMA_VERSIONS: {
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<void>;
}[] = [
  {
    version: 1,
    stores: {
      contacts: '++id, &emailLower, company, updatedAt',
      enrolments: '++id, contactId, [contactId+state], state, playbookId',
      touches: '++id, enrolmentId, contactId, [state+dueAt], [state+deadlineAt], [enrolmentId+step]',
      activities: '++id, at, [contactId+at], [enrolmentId+at], kind',
      playbooks: 'id',
      templates: 'id, [purpose+channel]',
      settings: 'key',
      meta: 'key',
    },
  },
  {
    // v2: "a contact's next touch" straight from an index, and older contacts get the fields
    // added since (custom fields, per-channel opt-outs).
    version: 2,
    stores: {
      touches:
        '++id, enrolmentId, contactId, [state+dueAt], [state+deadlineAt], [enrolmentId+step], [contactId+state+dueAt]',
    },
    upgrade: async (tx) => {
      await tx
        .table('contacts')
        .toCollection()
        .modify((c: Partial<ContactRow>) => {
          c.custom ??= {};
          c.optOut ??= {};
          c.notes ??= '';
        });
    },
  },
  {
    // v3: opt-outs outlive the contact (suppressions), and the last actions can be undone.
    // Contacts already opted out become suppression entries, so the promise holds from day one.
    version: 3,
    stores: {
      suppressions: 'key, emailLower, phone, linkedin, *externalIds, at',
      undo: '++id, expiresAt',
    },
    upgrade: async (tx) => {
      const rows: SuppressionRow[] = [];
      const now = Date.now();
      await tx
        .table('contacts')
        .toCollection()
        .each((c: ContactRow) => {
          const channels = (Object.keys(c.optOut ?? {}) as Channel[]).filter((k) => c.optOut[k]);
          if (!channels.length) return;
          rows.push(
            suppressionFor(c, channels, 'Opted out before this version', c.updatedAt || now, 'upgrade'),
          );
        });
      if (rows.length) await tx.table('suppressions').bulkPut(rows);
    },
  },
  {
    // v6: a contact is found by any of its external ids (CRM records, LinkedIn profile) as well
    // as by email; a contact may have no email at all (LinkedIn-only).
    version: 6,
    stores: {
      contacts: '++id, &emailLower, company, updatedAt, *externalIds',
    },
    upgrade: async (tx) => {
      await tx
        .table('contacts')
        .toCollection()
        .modify((c: Partial<ContactRow>) => {
          c.externalIds ??= [];
          // Never stored before v6, but a '' key would make the second email-less contact collide.
          if (c.emailLower === '') delete c.emailLower;
        });
    },
  },
  {
    // v7: planned touches are rows only inside the stored horizon (lib/db/horizon.ts); an
    // enrolment's `laterDueAt` marks when its next unstored touch is due, for the minute alarm.
    // The single `enrolmentId` index goes: `[enrolmentId+step]` answers the same queries, and
    // one index fewer is one write fewer per touch. Rows stay as they are: every planned touch
    // of an older version is a row already, which the horizon rule allows (the next write of an
    // enrolment trims it to the horizon).
    version: 7,
    stores: {
      enrolments: '++id, contactId, [contactId+state], state, playbookId, laterDueAt',
      touches:
        '++id, contactId, [state+dueAt], [state+deadlineAt], [enrolmentId+step], [contactId+state+dueAt]',
    },
  },
  {
    // v9: team sync (optional). `outbox` holds one entry per shared row changed since it was
    // pushed, written in the change's own transaction; `syncIds` maps global ids to local ones.
    // Nothing to move: both start empty, and the outbox records only once sync is turned on.
    version: 9,
    stores: {
      outbox: 'id',
      syncIds: 'gid, &[table+local]',
    },
  },
  {
    // v10: contacts, sequences and activities carry their global id on the row (`gid`, indexed)
    // instead of a `syncIds` link row each: a team's first sync wrote 110,000 link rows, a store
    // and a unique index of their own, on top of the rows. Links made before move onto their rows
    // (a link whose row is gone goes: a deletion already pushed needs it no more, and one not
    // pushed yet has no row to name anyway); playbooks' and templates' links stay.
    version: 10,
    stores: {
      contacts: '++id, &emailLower, company, updatedAt, *externalIds, gid',
      enrolments: '++id, contactId, [contactId+state], state, playbookId, laterDueAt, gid',
      activities: '++id, at, [contactId+at], [enrolmentId+at], kind, gid',
    },
    upgrade: async (tx) => {
      // Bookkeeping, not an edit: nothing to push back or to recount.
      markApplying(tx);
      const links = tx.table('syncIds');
      for (const table of ROW_GID_TABLES) {
        const rows = (await links
          .where('[table+local]')
          .between([table, Dexie.minKey], [table, Dexie.maxKey])
          .toArray()) as SyncIdRow[];
        if (!rows.length) continue;
        const found = (await tx.table(table).bulkGet(rows.map((r) => r.local))) as
          | { gid?: string }[]
          | undefined[];
        const stamped: object[] = [];
        const gone: SyncIdRow[] = [];
        found.forEach((row, i) => {
          const link = rows[i] as SyncIdRow;
          if (!row) gone.push(link);
          else if (row.gid === undefined) stamped.push({ ...row, gid: link.gid });
        });
        if (stamped.length) await tx.table(table).bulkPut(stamped);
        // A deletion not pushed yet: its outbox entry carries the id now (lib/db/outbox.ts).
        const outbox = tx.table('outbox');
        const pending = (await outbox.bulkGet(gone.map((l) => outboxId(table, l.local)))) as (
          | OutboxRow
          | undefined
        )[];
        const carried = pending.flatMap((e, i) => (e ? [{ ...e, gid: gone[i]?.gid }] : []));
        if (carried.length) await outbox.bulkPut(carried);
        await links.bulkDelete(rows.map((r) => r.gid));
      }
    },
  },
];

/** The tables whose rows carry their global id (`gid`, v10); playbooks and templates keep `syncIds`. */
export const ROW_GID_TABLES = ['contacts', 'enrolments', 'activities'] as const;
export type RowGidTable = (typeof ROW_GID_TABLES)[number];

/** The first schema version with the sync outbox (its middleware needs the table). */
export const OUTBOX_VERSION = 9;

/** Digits only, so "+1 (555) 010-2000" and "15550102000" match; '' when too short to mean anything. */
export function normalisePhone(phone: string | undefined): string {
  const digits = (phone ?? '').replace(/\D+/g, '');
  return digits.length >= 7 ? digits : '';
}

/** "https://www.LinkedIn.com/in/ada/" -> "linkedin.com/in/ada"; '' when empty. */
export function normaliseLinkedIn(url: string | undefined): string {
  return (url ?? '')
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}

/** The suppression entry for a contact (or an import draft) opting out. */
export function suppressionFor(
  c: { id?: number; email?: string; phone?: string; linkedinUrl?: string; externalIds?: string[] },
  channels: Channel[],
  reason: string,
  at: number,
  via: string,
): SuppressionRow {
  const emailLower = (c.email ?? '').trim().toLowerCase();
  const phone = normalisePhone(c.phone);
  const linkedin = normaliseLinkedIn(c.linkedinUrl);
  const ext = c.externalIds?.length ? c.externalIds : undefined;
  const key =
    emailLower ||
    (linkedin && `linkedin:${linkedin}`) ||
    (phone && `phone:${phone}`) ||
    (ext && `ext:${ext[0]}`) ||
    `contact:${c.id ?? at}`;
  const row: SuppressionRow = { key, channels, reason, at, via };
  if (emailLower) row.emailLower = emailLower;
  if (phone) row.phone = phone;
  if (linkedin) row.linkedin = linkedin;
  if (ext) row.externalIds = [...ext];
  return row;
}

export class TouchbaseDb extends Dexie {
  contacts!: EntityTable<ContactRow, 'id'>;
  enrolments!: EntityTable<EnrolmentRow, 'id'>;
  touches!: EntityTable<TouchRow, 'id'>;
  activities!: EntityTable<ActivityRow, 'id'>;
  playbooks!: EntityTable<PlaybookRow, 'id'>;
  templates!: EntityTable<TemplateRow, 'id'>;
  settings!: EntityTable<SettingsRow, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;
  suppressions!: EntityTable<SuppressionRow, 'key'>;
  undo!: EntityTable<UndoRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  syncIds!: EntityTable<SyncIdRow, 'gid'>;

  /** `upTo` exists for the upgrade test, which opens the database as an older release did. */
  constructor(name = DB_NAME, upTo = Number.POSITIVE_INFINITY) {
    super(name);
    this.use(undoMiddleware);
    this.use(dueCountsMiddleware);
    if (upTo >= OUTBOX_VERSION) this.use(outboxMiddleware);
    for (const v of SCHEMA_VERSIONS) {
      if (v.version > upTo) break;
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}
