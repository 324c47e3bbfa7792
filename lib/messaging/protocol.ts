/**
 * The one typed protocol between extension contexts.
 *
 * - runtime messages: extension pages and the Gmail content script -> background (writes, badge).
 * - frame messages: Gmail content script <-> sidebar iframe, over window.postMessage with the
 *   origin and source checked on both ends (no `tabs` permission needed).
 *
 * Payloads are JSON-safe: ids and epoch-ms numbers, never Date objects.
 */
import type { CallOutcome, LeadSource } from '@/lib/cadence/types';
import type { PlaybookIssue } from '@/lib/cadence/validate';
import type { ContactDraft } from '@/lib/csv/import';
import type { BulkAction, BulkResult } from '@/lib/db/contacts';
import type { ImportSummary } from '@/lib/db/import';
import type { PlaybookInput } from '@/lib/db/playbooks';
import type { RepSettings } from '@/lib/db/schema';
import type { SidebarData, SidebarQuery } from '@/lib/sidebar/query';
import type { PageView } from '@/lib/sites/types';
import type { TemplateChanges } from '@/lib/templates/library';
import type { Template } from '@/lib/templates/types';

/**
 * Fields a rep or a page can supply for a new contact. A contact needs an email or at least one
 * external id (a CRM record key, a LinkedIn profile); either finds it again later.
 */
export interface ContactInput {
  email?: string;
  /** `<site>:<record key>` of every record this person was seen on. */
  externalIds?: string[];
  firstName?: string;
  lastName?: string;
  company?: string;
  phone?: string;
  title?: string;
  timeZone?: string;
  topic?: string;
  linkedinUrl?: string;
}

export type EnrolmentAction =
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'booked' }
  | { kind: 'opted-out' }
  | { kind: 'withdraw-opt-out' }
  | { kind: 'remove' };

/** Every runtime request, by type, with its payload and response. */
export interface RuntimeRequests {
  /** Recompute the badge now (after any write done outside the background). */
  'badge.refresh': { req: Record<string, never>; res: { due: number; overdue: number } };
  /** Create (or reuse) the contact and enrol it in a playbook. */
  enrol: {
    req: { contact: ContactInput; playbookId: string; source: LeadSource; via: string };
    res: { enrolmentId: number; contactId: number };
  };
  'touch.complete': {
    req: { touchId: number; text?: string; via: string };
    res: { alreadyDone: boolean };
  };
  'touch.skip': { req: { touchId: number; via: string }; res: { ok: true } };
  'touch.snooze': { req: { touchId: number; minutes: number; via: string }; res: { dueAt: number } };
  'call.outcome': {
    req: { touchId: number; outcome: CallOutcome; via: string };
    res: { ok: true };
  };
  'reply.log': {
    req: { contactId: number; at?: number; threadId?: string; via: string };
    res: { paused: number };
  };
  'enrolment.action': {
    req: { enrolmentId: number; action: EnrolmentAction; via: string };
    res: { state: string };
  };
  'note.add': {
    req: { contactId: number; enrolmentId?: number; text: string; via: string };
    res: { ok: true };
  };
  /** The content script saw a compose holding an inserted draft being sent. */
  'gmail.sent': {
    req: { touchId: number; to: string[]; subject: string; bodyText: string };
    res: { recorded: boolean };
  };
  /**
   * Everything the Gmail sidebar shows for the people in view (read-only). The sidebar asks the
   * background because a framed extension page may be refused IndexedDB (third-party storage).
   */
  'sidebar.data': { req: SidebarQuery; res: SidebarData };
  /**
   * Create (no `id`) or replace a custom playbook. Validated again in the background: errors
   * refuse the save, warnings come back.
   */
  'playbook.save': {
    req: { playbook: PlaybookInput };
    res: { id: string; warnings: PlaybookIssue[] };
  };
  /** Delete a custom playbook; running enrolments keep their own copy of its steps. */
  'playbook.delete': {
    req: { id: string };
    res: { runningEnrolments: number; defaultsReset: LeadSource[] };
  };
  /**
   * Edit a template as a new version (`mode: 'edit'`), or copy one into a new own template
   * (`mode: 'duplicate'`, with optional changes to the copy).
   */
  'template.save': {
    req:
      | { mode: 'edit'; id: string; changes: TemplateChanges }
      | { mode: 'duplicate'; fromId: string; changes?: TemplateChanges };
    res: { template: Template };
  };
  /** Put an edited built-in template back to its shipped text (as a new version). */
  'template.reset': { req: { id: string }; res: { template: Template } };
  /** Delete one of the rep's own templates (built-ins are reset, not deleted). */
  'template.delete': { req: { id: string }; res: { ok: true } };
  /**
   * The rep turned desktop notifications on or off (the page asks for the optional permission
   * first, inside the click, since only a page can show that prompt).
   */
  'settings.notifications': { req: { enabled: boolean }; res: { enabled: boolean } };
  /** One action on many contacts of the dashboard, in one transaction. */
  'contacts.bulk': {
    req: { contactIds: number[]; action: BulkAction; via: string };
    res: BulkResult;
  };
  /** Write the drafts of a CSV import (and optionally enrol them), all or nothing. */
  'contacts.import': {
    req: {
      drafts: ContactDraft[];
      mode: 'skip' | 'update';
      enrol?: { playbookId: string; source: LeadSource };
      via: string;
    };
    res: ImportSummary;
  };
  /** Validate and save a change to the rep's settings. */
  'settings.save': { req: { patch: Partial<RepSettings> }; res: { settings: RepSettings } };
  /** Replace everything with a backup file's content (checked completely first). */
  'backup.restore': { req: { text: string }; res: { rows: number } };
  /** Delete every contact, sequence, touch, activity, own playbook and template, and the settings. */
  'data.deleteAll': { req: { confirm: string }; res: { ok: true } };
}

export type RuntimeType = keyof RuntimeRequests;

export type RuntimeMessage = {
  [K in RuntimeType]: { type: K; payload: RuntimeRequests[K]['req'] };
}[RuntimeType];

export type RuntimeResponse<K extends RuntimeType> =
  | { ok: true; data: RuntimeRequests[K]['res'] }
  | { ok: false; error: string };

/** Messages the content script posts into the sidebar iframe. */
export type ToSidebar =
  | { tb: 'view'; view: PageView }
  | { tb: 'insert-result'; requestId: string; ok: boolean; reason?: string; composeId?: string }
  | { tb: 'collapsed'; collapsed: boolean }
  /** Gmail's light or dark look, read from its computed background, so the sidebar matches it. */
  | { tb: 'theme'; theme: 'light' | 'dark' };

/** Messages the sidebar iframe posts to the content script. */
export type FromSidebar =
  | { tb: 'ready' }
  | { tb: 'collapse'; collapsed: boolean }
  | {
      tb: 'insert';
      requestId: string;
      /** The planned touch this draft is for; it becomes the draft token that attributes the send. */
      touchId?: number;
      /** Used when no compose is open and one has to be opened for the contact. */
      to?: string;
      subject?: string;
      body: string;
      /** Target compose; absent means the focused (or last focused) one. */
      composeId?: string;
    };

const RUNTIME_TYPES: ReadonlySet<string> = new Set<RuntimeType>([
  'badge.refresh',
  'enrol',
  'touch.complete',
  'touch.skip',
  'touch.snooze',
  'call.outcome',
  'reply.log',
  'enrolment.action',
  'note.add',
  'gmail.sent',
  'sidebar.data',
  'playbook.save',
  'playbook.delete',
  'template.save',
  'template.reset',
  'template.delete',
  'settings.notifications',
  'contacts.bulk',
  'contacts.import',
  'settings.save',
  'backup.restore',
  'data.deleteAll',
]);

/** Shape check for an incoming runtime message (handlers validate payload fields themselves). */
export function isRuntimeMessage(value: unknown): value is RuntimeMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; payload?: unknown };
  return (
    typeof v.type === 'string' &&
    RUNTIME_TYPES.has(v.type) &&
    typeof v.payload === 'object' &&
    v.payload !== null
  );
}

function isTagged(value: unknown): value is { tb: string } {
  return typeof value === 'object' && value !== null && typeof (value as { tb?: unknown }).tb === 'string';
}

export function isFromSidebar(value: unknown): value is FromSidebar {
  if (!isTagged(value)) return false;
  return value.tb === 'ready' || value.tb === 'collapse' || value.tb === 'insert';
}

export function isToSidebar(value: unknown): value is ToSidebar {
  if (!isTagged(value)) return false;
  return (
    value.tb === 'view' || value.tb === 'insert-result' || value.tb === 'collapsed' || value.tb === 'theme'
  );
}

/** Hosts whose content scripts may talk to the background. */
export const ALLOWED_CONTENT_ORIGINS: readonly string[] = ['https://mail.google.com'];

/**
 * Scheme and host of a URL, or '' when it has none. Built by hand because `URL.origin` is
 * "null" for non-web schemes outside the browser (chrome-extension:, moz-extension:).
 */
function originOf(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : '';
  } catch {
    return '';
  }
}

/**
 * A runtime message is accepted only from this extension: its own pages (no tab, or a tab URL
 * under the extension origin) or its content scripts on an allowed host. Origins are compared
 * whole, so a look-alike host or a longer extension id never passes as a prefix.
 */
export function isTrustedSender(
  sender: { id?: string; url?: string; origin?: string; tab?: unknown },
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (!extensionId || sender.id !== extensionId) return false;
  const origin = originOf(sender.url);
  if (origin === '') return false;
  return origin === originOf(extensionOrigin) || ALLOWED_CONTENT_ORIGINS.includes(origin);
}

/**
 * What the content script itself may ask for. It runs inside Gmail's renderer, so it gets only
 * what it needs (reporting a send); everything else comes from the extension's own pages.
 */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<RuntimeType> = new Set<RuntimeType>(['gmail.sent']);

/** Whether a trusted sender may send this type: extension pages anything, content scripts little. */
export function senderMayRequest(
  sender: { url?: string },
  type: RuntimeType,
  extensionOrigin: string,
): boolean {
  const origin = originOf(sender.url);
  if (origin !== '' && origin === originOf(extensionOrigin)) return true;
  return CONTENT_SCRIPT_TYPES.has(type);
}
