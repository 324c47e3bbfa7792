/**
 * What travels through CouchDB: one JSON document per contact, enrolment, activity and
 * suppression, keyed by ids every replica agrees on (never Dexie's local auto-increment ids).
 * Touches, undo journals and settings stay local, and so do playbooks and templates the rep has not
 * shared with the team (see README "Team sync").
 */
import type { Stamp } from './hlc';

/** The document kinds, also the prefix of every `_id` (`contact:<gid>`). */
export const DOC_KINDS = [
  'contact',
  'enrolment',
  'activity',
  'suppression',
  'assign',
  'playbook',
  'template',
] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** One field of a contact with the stamp of the edit that wrote it. */
export interface StampedValue {
  v: unknown;
  t: Stamp;
}

/** Who a contact belongs to on the team. */
export interface Owner {
  /** The rep's replica id (stable per rep, chosen at setup). */
  id: string;
  name: string;
  /** Since when (epoch ms). */
  since: number;
}

interface DocBase {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  kind: DocKind;
}

/**
 * A contact, field by field. `fields` keys are the contact row's fields (firstName, phone…) plus
 * `owner` (an {@link Owner}) and `deleted` (true once a rep deleted it); each keeps the stamp of
 * its latest edit, so two reps editing different fields offline both keep their edit.
 */
export interface ContactDoc extends DocBase {
  kind: 'contact';
  fields: Record<string, StampedValue>;
}

/** Ordering data of an enrolment version: the stamp of the change that wrote it. */
export interface EnrolmentDoc extends DocBase {
  kind: 'enrolment';
  /** The contact's gid. */
  contact: string;
  t: Stamp;
  /** The enrolment row without its local ids (`id`, `contactId`). */
  row: Record<string, unknown>;
}

/** An activity: written once, never edited; `deleted` only when its own action was undone. */
export interface ActivityDoc extends DocBase {
  kind: 'activity';
  contact?: string;
  enrolment?: string;
  t: Stamp;
  /** The activity row without its local ids (`id`, `contactId`, `enrolmentId`, `touchId`). */
  row: Record<string, unknown>;
  deleted?: boolean;
}

/**
 * An opt-out, keyed by the suppression key (lower-cased email, `phone:`…). `at` is the latest
 * opt-out, `withdrawnAt` the latest deliberate withdrawal: the person is suppressed while
 * `withdrawnAt` is absent or older than `at`, so no merge can lift an opt-out.
 */
export interface SuppressionDoc extends DocBase {
  kind: 'suppression';
  t: Stamp;
  /** The suppression row (without nothing removed: its key is the doc's key). */
  row: Record<string, unknown>;
  at: number;
  withdrawnAt?: number;
}

/**
 * Team-wide assignment settings (lib/sync/assign-sync.ts): `assign:rules` (the routing rules) and
 * `assign:rep:<replica>` (each rep's name, so the rules can name reps who own nothing yet). The
 * whole body is one value: the latest edit (greatest stamp) wins.
 */
export interface AssignDoc extends DocBase {
  kind: 'assign';
  t: Stamp;
  body: Record<string, unknown>;
}

/**
 * A playbook or template shared with the team, field by field like a contact (lib/sync/library.ts
 * lists the fields): `author` ({id, name}) who shared it, `editedBy` who changed it last, `id` the
 * author's local id, `deleted` true once it was unshared or deleted (a tombstone: later edits
 * elsewhere do not bring it back, only sharing it again does).
 */
export interface LibraryDoc extends DocBase {
  kind: 'playbook' | 'template';
  fields: Record<string, StampedValue>;
}

export type SyncDoc = ContactDoc | EnrolmentDoc | ActivityDoc | SuppressionDoc | AssignDoc | LibraryDoc;

export function docId(kind: DocKind, key: string): string {
  return `${kind}:${key}`;
}

/** `[kind, key]` of a document id, `undefined` for ids that are not ours (`_design/…`). */
export function parseDocId(id: string): [DocKind, string] | undefined {
  const i = id.indexOf(':');
  if (i <= 0) return undefined;
  const kind = id.slice(0, i) as DocKind;
  return DOC_KINDS.includes(kind) && i < id.length - 1 ? [kind, id.slice(i + 1)] : undefined;
}
