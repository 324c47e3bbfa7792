/**
 * The one typed protocol between extension contexts.
 *
 * - runtime messages: extension pages and the host-page content scripts -> background (writes,
 *   badge, page reports).
 * - the page channel: a content script reports what its page shows (`page.report`); the background
 *   keeps it in session storage keyed by the sender's tab; the sidebar (an extension page framed in
 *   that tab) reads it (`page.state`) and watches that key, and sends commands back (`page.command`),
 *   which the background forwards to the tab's top frame with `tabs.sendMessage`. Nothing crosses
 *   `window.postMessage`, which any script in the host page could forge.
 *
 * Payloads are JSON-safe: ids and epoch-ms numbers, never Date objects.
 */
import type { Msg } from '@/lib/i18n/msg';
import type { CallOutcome, LeadSource } from '@/lib/cadence/types';
import type { PlaybookIssue } from '@/lib/cadence/validate';
import type { RuleIssue } from '@/lib/cadence/rules';
import type { ContactDraft } from '@/lib/csv/import';
import type { BulkAction, BulkResult } from '@/lib/db/contacts';
import type { ImportSummary } from '@/lib/db/import';
import type { PageValueField } from '@/lib/db/repo';
import type { PlaybookInput } from '@/lib/db/playbooks';
import type { ContactRow, RepSettings } from '@/lib/db/schema';
import type { ContactPatch } from '@/lib/contacts/record';
import type { SidebarData, SidebarQuery } from '@/lib/sidebar/query';
import { OPTIONAL_HOST_PATTERNS } from '@/lib/sites/optional-sites';
import type { PageView, SiteCapabilities } from '@/lib/sites/types';
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { TemplateChanges } from '@/lib/templates/library';
import type { Language } from '@/lib/templates/language';
import type { Template } from '@/lib/templates/types';
import type { AssignIssue, AssignRule } from '@/lib/sync/assign';
import type { SyncFailure } from '@/lib/sync/run';
import type { SyncSetupInput, SyncStatus } from '@/lib/sync/setup';

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
  /** The language to write to them in (picked or confirmed by the rep when enrolling). */
  language?: Language;
}

export type EnrolmentAction =
  | { kind: 'pause' }
  | { kind: 'resume' }
  /** `meetingAt` (epoch ms): the meeting's start; the booked rule hangs reminders and the recap off it. */
  | { kind: 'booked'; meetingAt?: number }
  /** The contact missed the booked meeting: the re-book rule takes over. */
  | { kind: 'missed-appointment' }
  /** Confirm or dismiss what a reply rule proposed (never applied silently). */
  | { kind: 'confirm-proposal'; id: number }
  | { kind: 'dismiss-proposal'; id: number }
  /** They asked not to be contacted: every channel, kept as a suppression entry. */
  | { kind: 'opted-out'; reason?: string }
  /** The rep withdraws the opt-out; the reason is required and logged. */
  | { kind: 'withdraw-opt-out'; reason?: string }
  | { kind: 'remove' };

/** What a host page's content script last reported, kept per tab by the background. */
export interface PageState {
  /** Random per content-script start, so a reloaded page never shows the previous page's view. */
  session: string;
  /** Undefined until the adapter has read the page once. */
  view?: PageView;
  /** The host page's light or dark look, so the sidebar can match it. */
  theme?: 'light' | 'dark';
  collapsed: boolean;
  /** What the page's adapter can do (insert into a compose, see sends and replies). */
  capabilities?: SiteCapabilities;
}

/** A request to put a drafted message into the host page's compose. */
export interface InsertCommand {
  kind: 'insert';
  /**
   * What this draft is for (lib/messaging/send-token.ts: a planned touch, or a break-up or value
   * email for a contact); stamped on the compose, it attributes the send. Absent for a one-off.
   */
  token?: string;
  /** Used when no compose is open and one has to be opened for the contact. */
  to?: string;
  subject?: string;
  body: string;
  /** Target compose; absent means the focused (or last focused) one. */
  composeId?: string;
}

/**
 * What the sidebar may ask the content script of its own tab to do. `ping` is the background's
 * own (never accepted from a page): "is the script that made this report still there?", answered
 * with its session.
 */
export type PageCommand = InsertCommand | { kind: 'collapse'; collapsed: boolean } | { kind: 'ping' };

/** The content script's answer to a command; never thrown. */
export interface PageCommandResult {
  ok: boolean;
  /** Why not, in the rep's language (the background renders `problem` into it). */
  reason?: string;
  /**
   * Why not, as the content script says it (a message, `Msg`): unchecked until the background
   * validates it (`isPageProblem`) and renders it into `reason`.
   */
  problem?: unknown;
  composeId?: string;
  /** The answering content script's session (to `ping`). */
  session?: string;
}

/** The envelope the background sends to a tab's top frame (`tabs.sendMessage`). */
export interface TabCommandMessage {
  tbCommand: PageCommand;
}

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
    /** `text`: the reply's visible words as the page showed them (plain text, never HTML). */
    req: { contactId: number; at?: number; threadId?: string; text?: string; via: string };
    res: { paused: number };
  };
  'enrolment.action': {
    req: { enrolmentId: number; action: EnrolmentAction; via: string };
    res: { state: string };
  };
  /**
   * The rep accepted the record page's newer values (phone, title, …) for a known contact; the
   * record's keys are linked to it at the same time. Only what is listed is written.
   */
  'contact.fromPage': {
    req: {
      contactId: number;
      values: Partial<Record<PageValueField, string>>;
      externalIds: string[];
      via: string;
    };
    res: { ok: true };
  };
  'note.add': {
    req: { contactId: number; enrolmentId?: number; text: string; via: string };
    res: { ok: true };
  };
  /**
   * Gmail confirmed the send of a compose holding one of our drafts (after its undo window), or
   * scheduled it (`scheduledAt`). The background credits it only when the token's contact is among
   * the recipients (To, Cc or Bcc).
   */
  'gmail.sent': {
    req: {
      token: string;
      to: string[];
      cc: string[];
      bcc: string[];
      subject: string;
      bodyText: string;
      scheduledAt?: number;
    };
    res: { recorded: boolean; reason?: string };
  };
  /**
   * A content script's report of its page (top frame only). The background stores it for the
   * sender's tab; the tab id comes from the browser, never from the payload.
   */
  'page.report': { req: PageState; res: { ok: true } };
  /** The sidebar asks what its own tab's page shows (the tab is the sender's). */
  'page.state': { req: Record<string, never>; res: { tabId: number; state: PageState | null } };
  /** The sidebar asks the content script of its own tab to act (insert a draft, collapse). */
  'page.command': { req: { command: PageCommand }; res: PageCommandResult };
  /**
   * Chrome's side panel asks what a tab's page shows: it lives in no tab, so it names the tab it
   * follows (the active one of its window). Only an extension page outside any tab may ask.
   */
  'panel.state': { req: { tabId: number }; res: { tabId: number; state: PageState | null } };
  /** The side panel asks the content script of the tab it follows to act (insert a draft). */
  'panel.command': { req: { tabId: number; command: PageCommand }; res: PageCommandResult };
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
    res: { id: string; warnings: PlaybookIssue[]; ruleWarnings?: RuleIssue[] };
  };
  /** Delete a custom playbook; running enrolments keep their own copy of its steps. */
  'playbook.delete': {
    req: { id: string };
    res: { runningEnrolments: number; defaultsReset: LeadSource[] };
  };
  /**
   * Edit a template as a new version (`mode: 'edit'`), copy one into a new own template
   * (`mode: 'duplicate'`, with optional changes to the copy), or start the version of one of the
   * rep's own templates in another language (`mode: 'translate'`: a copy to rewrite).
   */
  'template.save': {
    req:
      | { mode: 'edit'; id: string; changes: TemplateChanges }
      | { mode: 'duplicate'; fromId: string; changes?: TemplateChanges }
      | { mode: 'translate'; fromId: string; language: Language };
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
  /**
   * Validate and save a change to the rep's settings. With `replan`, running sequences move onto
   * a new default window or re-engage delay in the same transaction; `moved` counts their touches.
   */
  'settings.save': {
    req: { patch: Partial<RepSettings>; replan?: boolean };
    res: { settings: RepSettings; moved?: number };
  };
  /**
   * Edit a contact's record (names, addresses, phones, zone, window, links, custom fields). A new
   * zone or window replans their future touches in the same transaction; `moved` counts them.
   */
  'contact.update': {
    req: { contactId: number; patch: ContactPatch; via: string };
    res: { contact: ContactRow; moved: number };
  };
  /** Replace everything with a backup file's content (checked completely first). */
  'backup.restore': { req: { text: string }; res: { rows: number } };
  /** Delete every contact, sequence, touch, activity, own playbook and template, and the settings. */
  'data.deleteAll': { req: { confirm: string }; res: { ok: true } };
  /**
   * The contact asked not to be contacted (confirmed by the rep): suppression entry, every
   * channel off, every running sequence stopped.
   */
  'contact.optOut': { req: { contactId: number; reason?: string; via: string }; res: { stopped: number } };
  /**
   * Withdraw an opt-out, by contact or (contact deleted) by its suppression key; the reason is
   * required and kept in the history.
   */
  'contact.withdrawOptOut': {
    req: { contactId?: number; suppressionKey?: string; reason: string; via: string };
    res: { resumable: number };
  };
  /** Put back exactly what an undoable action changed (answered with what was undone). */
  undo: { req: { undoId: number }; res: { label: Msg | string } };
  /**
   * Team sync: try the server with these settings (the page already asked for its host
   * permission); kept and turned on only when the server answers, else the failure in words.
   */
  'sync.connect': {
    req: SyncSetupInput;
    res: { status: SyncStatus } | { failure: SyncFailure };
  };
  /** Team sync: this rep takes another rep's lead over (logged in the shared history). */
  'contact.takeOver': { req: { contactId: number; via: string }; res: { contact: ContactRow } };
  /**
   * Team sync: save the team's assignment rules (shared, the latest edit wins). Checked again in
   * the background: issues come back and nothing is written.
   */
  'assign.save': { req: { rules: AssignRule[] }; res: { saved: true } | { issues: AssignIssue[] } };
  /** Team sync: run now (a no-op answering the status while sync is off). */
  'sync.now': { req: Record<string, never>; res: SyncStatus };
  /** Team sync off: nothing more recorded or sent, the password forgotten. */
  'sync.off': { req: Record<string, never>; res: SyncStatus };
  /** Team sync: share one of the rep's playbooks or templates with the team, or stop sharing it. */
  'library.share': {
    req: { kind: 'playbook' | 'template'; id: string; shared: boolean };
    res: { shared: boolean };
  };
}

/**
 * How to take back the write a request just made: the id of its undo entry, what the toast says,
 * and until when the background keeps it.
 */
export interface UndoTicket {
  id: number;
  /** A message (render with renderMsg); text from an entry stored by an older version. */
  label: Msg | string;
  expiresAt: number;
}

export type RuntimeType = keyof RuntimeRequests;

export type RuntimeMessage = {
  [K in RuntimeType]: { type: K; payload: RuntimeRequests[K]['req'] };
}[RuntimeType];

export type RuntimeResponse<K extends RuntimeType> =
  | { ok: true; data: RuntimeRequests[K]['res']; undo?: UndoTicket }
  /** `error` is in the rep's language already; `msg` is the same as data, when it has a key. */
  | { ok: false; error: string; msg?: Msg };

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
  'contact.fromPage',
  'gmail.sent',
  'page.report',
  'page.state',
  'page.command',
  'panel.state',
  'panel.command',
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
  'contact.update',
  'backup.restore',
  'data.deleteAll',
  'contact.optOut',
  'contact.withdrawOptOut',
  'undo',
  'sync.connect',
  'contact.takeOver',
  'assign.save',
  'sync.now',
  'sync.off',
  'library.share',
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

const COMMAND_KINDS: ReadonlySet<string> = new Set(['insert', 'collapse', 'ping']);

/** Shape check for a command arriving in a content script (its sender is checked separately). */
export function isTabCommandMessage(value: unknown): value is TabCommandMessage {
  if (typeof value !== 'object' || value === null) return false;
  const c = (value as { tbCommand?: unknown }).tbCommand;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof (c as { kind?: unknown }).kind === 'string' &&
    COMMAND_KINDS.has((c as { kind: string }).kind)
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
  return (
    origin === originOf(extensionOrigin) ||
    ALLOWED_CONTENT_ORIGINS.includes(origin) ||
    isOptionalSiteUrl(sender.url ?? '')
  );
}

/**
 * A page of a site the rep can turn on (a CRM, LinkedIn). Our script runs there only once the
 * rep granted that site, so the browser already vouches for it; this keeps every other host out.
 */
function isOptionalSiteUrl(url: string): boolean {
  return OPTIONAL_HOST_PATTERNS.some((p) => {
    try {
      return new MatchPattern(p).includes(url);
    } catch {
      return false;
    }
  });
}

/**
 * What a content script itself may ask for. It runs inside the host page's renderer, so it gets
 * only what it needs (reporting its page and a send); everything else comes from the extension's
 * own pages.
 */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<RuntimeType> = new Set<RuntimeType>([
  'gmail.sent',
  'page.report',
]);

/** What only an extension page framed in a tab (the sidebar) may ask: it is about that tab. */
export const IN_TAB_PAGE_TYPES: ReadonlySet<RuntimeType> = new Set<RuntimeType>([
  'page.state',
  'page.command',
]);

/**
 * What only an extension page outside any tab (Chrome's side panel) may ask: it names the tab, so
 * no page framed in a site gets to reach into another tab.
 */
export const PANEL_TYPES: ReadonlySet<RuntimeType> = new Set<RuntimeType>(['panel.state', 'panel.command']);

/** The parts of a runtime sender the checks read. */
export interface SenderInfo {
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/**
 * Whether a trusted sender may send this type. Extension pages may send anything but a page
 * report (only a content script reads a host page); the tab-bound requests need a tab. Content
 * scripts may only report, and only from the top frame of a tab, so no embedded frame speaks for
 * the page.
 */
export function senderMayRequest(sender: SenderInfo, type: RuntimeType, extensionOrigin: string): boolean {
  const origin = originOf(sender.url);
  const hasTab = typeof sender.tab?.id === 'number' && sender.tab.id >= 0;
  if (origin !== '' && origin === originOf(extensionOrigin)) {
    if (type === 'page.report') return false;
    if (PANEL_TYPES.has(type)) return !hasTab;
    return IN_TAB_PAGE_TYPES.has(type) ? hasTab : true;
  }
  return CONTENT_SCRIPT_TYPES.has(type) && hasTab && sender.frameId === 0;
}
