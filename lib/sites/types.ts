/**
 * Site-agnostic view of a host page (Gmail today, CRMs later).
 * Everything here is plain JSON-safe data (strings, numbers, booleans, arrays), so it can cross
 * runtime messages and the sidebar iframe unchanged. Times are epoch milliseconds.
 * This module is imported by content scripts: keep it type-only.
 */
import type { Msg } from '@/lib/i18n/msg';

/** Sites that have an adapter. */
export type SiteId = 'gmail' | CrmSiteId;

/** Sites whose pages show one person's record (CRMs and LinkedIn). */
export type CrmSiteId = 'hubspot' | 'salesforce' | 'pipedrive' | 'linkedin';

/** Sites the rep turns on one by one (Gmail is always on). */
export type OptionalSiteId = CrmSiteId;

/**
 * What the extension itself needs to know about a site it can be turned on for: its name and the
 * hosts its content script runs on. Data only, so wxt.config.ts (the manifest's optional host
 * permissions) and the background (script registration) read the same list.
 */
export interface SiteInfo {
  id: OptionalSiteId;
  /** The site's name as a rep knows it. */
  label: string;
  /** Match patterns of its pages: the optional host permissions asked for, and where its script runs. */
  matches: readonly string[];
}

/** A person as a host page shows them. `email` is lower-case; `name` may be '' when the page shows none. */
export interface Person {
  email: string;
  name: string;
}

/** One message of an open conversation. */
export interface MessageView {
  /** Site message id without a leading '#', e.g. `msg-f:1840…`. */
  id?: string;
  from: Person;
  /** Epoch ms, only when the page shows a full date we could parse. */
  at?: number;
  /** Auto-reply / out-of-office, decided from the subject and the first lines of the body. */
  isAutoReply: boolean;
  /** First characters of the visible body (quoted history left out). */
  snippet?: string;
}

/** The conversation in view. */
export interface ThreadView {
  /** Preferred id (`thread-f:<decimal>` style); falls back to the legacy hex id. */
  id?: string;
  /** Legacy hex thread id when the page exposes it. */
  legacyId?: string;
  subject: string;
  messages: MessageView[];
  /** Everyone on the conversation except the signed-in account, deduplicated by email. */
  participants: Person[];
}

/** One open compose window (pop-up "mole", full screen, or inline reply). */
export interface ComposeView {
  /** Stable for the life of the compose element (stamped on it as a data attribute). */
  id: string;
  /** Holds focus now, or held it last when focus has moved elsewhere (e.g. into our sidebar). */
  focused: boolean;
  to: Person[];
  cc: Person[];
  /** Blind copies (Gmail shows the Bcc row only once the rep opened it). */
  bcc?: Person[];
  subject: string;
  /** Body as plain text, lines separated by '\n', quoted history left out. */
  bodyText: string;
  /** Inline reply/forward inside a conversation rather than a separate window. */
  inline: boolean;
  /**
   * A reply, as the site can tell (Gmail: the subject's reply prefix, in any of our languages:
   * "Re:", "AW:", "RES:", "R:" …). Absent where the site cannot tell.
   */
  isReply?: boolean;
  /** Token of a draft we inserted into this compose, if any. */
  draftToken?: string;
}

/** One row of a message list (inbox, label, search results). */
export interface InboxRow {
  threadId?: string;
  /** The sender shown last in the row, which is the author of the newest message. */
  from: Person;
  subject: string;
  at?: number;
  unread: boolean;
  /** The start of the newest message as the list previews it, plain text. */
  snippet?: string;
}

/** What an adapter can see on the page right now. */
export interface PageView {
  site: SiteId;
  kind: 'thread' | 'compose' | 'inbox' | 'record' | 'unknown';
  url: string;
  thread?: ThreadView;
  /** The person on a CRM / LinkedIn record page; set exactly when `kind` is 'record'. */
  record?: RecordView;
  /**
   * The record the URL names, even when its person could not be read (then `kind` is 'unknown'
   * and `problems` says why); absent on pages that are not records.
   */
  recordRef?: RecordRef;
  composes: ComposeView[];
  inboxRows: InboxRow[];
  accountEmail?: string;
  /**
   * What could not be found, as messages (`page_*` keys) the sidebar renders in the rep's
   * language; the background lets only known keys with short parameters through.
   */
  problems: Msg[];
}

/**
 * The stable identity of a record page, read from its URL (and, for a Pipedrive deal, from the
 * deal's person link). `key` is usable as a contact's external id: unique across sites, free of
 * host variants (regional HubSpot hosts, Salesforce 15/18-char ids, LinkedIn URL spellings).
 */
export type RecordRef = HubSpotRef | SalesforceRef | PipedriveRef | LinkedInRef;

interface RecordRefBase {
  /** e.g. `hubspot:<portal>:<id>`, `salesforce:<org>:<id18>`, `pipedrive:<company>:<personId>`, `linkedin:<slug>`. */
  key: string;
  /**
   * Whether `key` names a person (usable as a contact's external id). False only for a Pipedrive
   * deal whose person is not known yet (its key is then `pipedrive:<company>:deal:<dealId>`).
   */
  isPerson: boolean;
}

/** HubSpot contact (object type 0-1; companies, deals and tickets are not people). */
export interface HubSpotRef extends RecordRefBase {
  site: 'hubspot';
  /** Portal (hub) id, digits. */
  portal: string;
  objectType: '0-1';
  /** Contact id, digits. */
  id: string;
}

/** Salesforce Lightning Contact or Lead. */
export interface SalesforceRef extends RecordRefBase {
  site: 'salesforce';
  /** Org's My Domain name, lower-case: the host's first label (`acme`, `acme--uat`). */
  org: string;
  sobject: 'Contact' | 'Lead';
  /** Record id, normalised to the 18-character case-safe form. */
  id: string;
}

/** Pipedrive person, or a deal (whose person the page may name). */
export interface PipedriveRef extends RecordRefBase {
  site: 'pipedrive';
  /** Company subdomain, lower-case (`acme` of acme.pipedrive.com). */
  company: string;
  /** Person id, digits; absent on a deal page until the deal's person is found. */
  personId?: string;
  /** Deal id, digits, when the page is a deal. */
  dealId?: string;
}

/** LinkedIn profile or Sales Navigator lead. */
export interface LinkedInRef extends RecordRefBase {
  site: 'linkedin';
  kind: 'profile' | 'sales';
  /** Canonical public profile URL `https://www.linkedin.com/in/<slug>/` when known. */
  profileUrl?: string;
  /** Sales Navigator lead id (the profile URN id, e.g. `ACwAAA…`) on Sales Navigator pages. */
  leadId?: string;
}

/**
 * The person a record page shows. Text fields are '' when the page shows none; lists may be empty.
 * Only the record's own person: never the signed-in user, a colleague in an activity feed or a record
 * in a hidden background tab.
 */
export interface RecordView {
  ref: RecordRef;
  /** Every external id the page proves for this person, `ref.key` first (e.g. a Sales Navigator lead and its public profile). */
  keys: string[];
  name: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  /** Lower-case, deduplicated. */
  emails: string[];
  /** As the page shows them, deduplicated by digits. */
  phones: string[];
  /** Canonical `https://www.linkedin.com/in/<slug>/`, or ''. */
  linkedinUrl: string;
  /**
   * The record's language / preferred-language field as the page shows it ("Spanish", "de-AT"),
   * when it has one. Page text: only ever matched against our five languages, never stored as is.
   */
  language?: string;
}

/** Options for putting a drafted touch into a compose window. */
export interface InsertOptions {
  /** Target compose; when absent: the focused one, else the only one, else the last one. */
  composeId?: string;
  /** Set only when the compose's subject field is empty and visible. */
  subject?: string;
  body: string;
  /** Attribution token stamped on the compose (e.g. the planned touch id); generated when absent. */
  token?: string;
}

/** Options for opening (or reusing) a compose window. */
export interface OpenComposeOptions {
  to: string[];
  subject?: string;
  body: string;
  token?: string;
  /** How long to wait for a new compose window after clicking Compose (default 3000 ms). */
  timeoutMs?: number;
}

/** Result of an insertion; never thrown. */
export type InsertResult =
  | { ok: true; composeId: string; token: string; via: 'execCommand' | 'range' }
  | { ok: false; reason: Msg };

/**
 * Reported once when the page confirms the send of a compose holding one of our drafts (after
 * its undo window), or schedules it. A send the rep undid is never reported.
 */
export interface SendEvent {
  composeId: string;
  token: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  bodyText: string;
  /** Epoch ms the page scheduled the send for ("Schedule send"); absent for a send now. */
  scheduledAt?: number;
}

/** An enrolled contact as reply detection needs it. */
export interface EnrolledContact {
  email: string;
  /** Epoch ms of the last touch we sent; only messages after it count as replies. */
  lastTouchAt: number;
}

/** A reply found on the page. */
export interface ReplyHit {
  email: string;
  at?: number;
  threadId?: string;
  source: 'thread' | 'inbox';
  /** The reply's visible words (plain text, quoted history left out), for the keyword rules. */
  text?: string;
}

/** Options for watching a page. */
export interface WatchOptions {
  /** Minimum gap between two extractions (default 150 ms). */
  debounceMs?: number;
  /** Injected clock (e.g. `performance.now`) used only to time extractions. */
  now?: () => number;
  /** Called with the duration of each extraction in ms when `now` is given. */
  onTiming?: (ms: number) => void;
}

/** Abilities a site's pages may or may not have. */
export interface SiteCapabilities {
  /** Drafts go straight into a compose window on the page (`insert`, `openCompose`). */
  insert: boolean;
  /** Sends of our drafts are seen on the page (`watchSends`). */
  sends: boolean;
  /** Replies from enrolled contacts are seen on the page (`findReplies`). */
  replies: boolean;
}

/**
 * What every site adapter offers. All methods catch their own errors and answer "not here"
 * (an `unknown` view, `{ ok: false }`, an empty list) instead of throwing into the host page.
 */
export interface SiteAdapter {
  site: SiteId;
  /** What the page lets us do; the sidebar asks these instead of knowing sites. */
  capabilities: SiteCapabilities;
  /**
   * Whether the page at this URL is worth a sidebar (a record page, not a list or the home page).
   * The shell mounts nothing until it is. Absent: every page of the site is.
   */
  isRelevant?(url: string): boolean;
  /** Whether this adapter handles the URL. */
  matches(url: string): boolean;
  /** Reads the page once. */
  extract(doc: Document, url?: string): PageView;
  /** Emits a view on navigation and DOM changes, only when it changed. Returns a stop function. */
  watch(win: Window, onView: (view: PageView) => void, opts?: WatchOptions): () => void;
  /** Inserts text into an open compose window. */
  insert(doc: Document, opts: InsertOptions): InsertResult;
  /** Inserts into an open compose, or opens a new one first. */
  openCompose(doc: Document, win: Window, opts: OpenComposeOptions): Promise<InsertResult>;
  /** A URL that opens a prefilled compose page, for when the page offers no compose button. */
  composeUrl(opts: { to: string[]; subject?: string; body?: string }): string;
  /**
   * Reports confirmed (or scheduled) sends of composes that hold one of our drafts; a send the rep
   * undoes is not reported. Returns a stop function.
   */
  watchSends(doc: Document, onSend: (e: SendEvent) => void, opts: { now: () => number }): () => void;
  /** Replies from enrolled contacts newer than their last touch, auto-replies excluded. */
  findReplies(view: PageView, enrolled: EnrolledContact[]): ReplyHit[];
}
