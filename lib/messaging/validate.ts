/**
 * Payload checks for runtime requests, run in the background before any handler touches the
 * database. The pages are ours, but a message is still input: a wrong type, a NaN id or a
 * megabyte "name" must come back as a clean refusal instead of a half-written row.
 *
 * A problem the rep can cause (a field they typed too long, no playbook picked) is a message,
 * answered in their language. Every other problem means one of our pages sent a malformed
 * request: it is worded in English for the log, and the rep reads `request_malformed`.
 */
import { LEAD_SOURCES } from '@/lib/cadence/types';
import { MAX_ASSIGN_RULES, MAX_RULE_REPS } from '@/lib/sync/assign';
import type { RuntimeMessage } from './protocol';
import { isTouchId } from '@/lib/db/touch-id';
import { isLanguage } from '@/lib/templates/language';
import { EN } from '@/lib/i18n/catalogue';
import { isMsg, type Msg, msg } from '@/lib/i18n/msg';

/** Longest free text (notes, the text of a sent touch, a mail body) a message may carry. */
export const MAX_TEXT = 1_000_000;
/** Longest single contact field (names, company, phone, URLs). */
export const MAX_FIELD = 2_000;
/** Longest "via" tag (where an action came from). */
const MAX_VIA = 64;
/** A snooze longer than a year is a typo, and would push touches past any sane date. */
const MAX_SNOOZE_MINUTES = 366 * 24 * 60;

const CALL_OUTCOMES: ReadonlySet<string> = new Set(['answered', 'voicemail', 'no-answer']);
const ENROLMENT_ACTIONS: ReadonlySet<string> = new Set([
  'pause',
  'resume',
  'booked',
  'missed-appointment',
  'confirm-proposal',
  'dismiss-proposal',
  'opted-out',
  'withdraw-opt-out',
  'remove',
]);
const BULK_ACTIONS: ReadonlySet<string> = new Set([
  'enrol',
  'pause',
  'resume',
  'remove',
  'delete',
  'opt-out',
]);
/** Longest reply text a page may report (the extractor keeps 280 characters). */
const MAX_REPLY_TEXT = 2_000;
/** Longest opt-out or withdrawal reason. */
const MAX_REASON = 500;
const CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'company',
  'phone',
  'title',
  'timeZone',
  'topic',
  'linkedinUrl',
] as const;

type Payload = Record<string, unknown>;

/**
 * Why a request cannot be handled: a message the rep can act on, or English describing a
 * payload only our own bug can produce (logged; the rep is told the request failed).
 */
export type PayloadProblem = Msg | string;

/** How each contact field is named when the rep typed too much into it. */
const CONTACT_FIELD_LABELS: Record<(typeof CONTACT_FIELDS)[number] | 'email', Msg> = {
  email: msg('field_email'),
  firstName: msg('field_first_name'),
  lastName: msg('field_last_name'),
  company: msg('field_company'),
  phone: msg('field_phone'),
  title: msg('field_title'),
  timeZone: msg('field_their_zone'),
  topic: msg('tpl_help_topic'),
  linkedinUrl: msg('field_linkedin_url'),
};

/**
 * An optional text the rep typed: English when it is no text at all (our bug), `tooLong` when
 * it is longer than `max`.
 */
function typedText(v: unknown, max: number, tooLong: Msg, notText: string): PayloadProblem | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return notText;
  return v.length > max ? tooLong : undefined;
}

/** The shape of an assignment rule list (its meaning is checked by `checkRules` when saved). */
function isAssignRules(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > MAX_ASSIGN_RULES) return false;
  const optScore = (n: unknown) => n === undefined || (typeof n === 'number' && Number.isFinite(n));
  return v.every((r: Payload) => {
    if (!r || typeof r !== 'object' || !isText(r.id, 80)) return false;
    if (r.sources !== undefined && !(Array.isArray(r.sources) && r.sources.length <= LEAD_SOURCES.length))
      return false;
    if (r.sources !== undefined && !(r.sources as unknown[]).every((x) => typeof x === 'string'))
      return false;
    if (!optScore(r.minScore) || !optScore(r.maxScore)) return false;
    return (
      Array.isArray(r.reps) &&
      r.reps.length <= MAX_RULE_REPS &&
      r.reps.every(
        (x: Payload) =>
          !!x &&
          typeof x === 'object' &&
          isText(x.id, 80) &&
          typeof x.name === 'string' &&
          x.name.length <= 80,
      )
    );
  });
}

/** Longest text parameter of a page's message (a compose id): anything longer is not ours. */
const MAX_PAGE_PARAM = 200;

/**
 * Whether `v` is a message a content script may answer or report with: a key of the catalogue's
 * `page_` area, with short text, numbers or another such message (a part of the page: "the
 * name") as parameters. The page's script runs beside the host's code, so what it posts is
 * input: anything else is not rendered.
 */
export function isPageProblem(v: unknown, depth = 0): v is Msg {
  if (depth > 2 || !isMsg(v) || !v.key.startsWith('page_') || !Object.hasOwn(EN, v.key)) return false;
  return Object.values(v.params ?? {}).every(
    (p) =>
      (typeof p === 'string' && p.length <= MAX_PAGE_PARAM) ||
      typeof p === 'number' ||
      isPageProblem(p, depth + 1),
  );
}

/**
 * A page view's problem: a page message, or plain text from a content script older than the
 * messages (the sidebar shows it as written).
 */
function isViewProblem(v: unknown): boolean {
  return isPageProblem(v) || isText(v, MAX_FIELD);
}

const PAGE_VALUE_FIELDS: ReadonlySet<string> = new Set(['phone', 'title', 'company', 'email', 'linkedinUrl']);

const VIEW_KINDS: ReadonlySet<string> = new Set(['thread', 'compose', 'inbox', 'record', 'unknown']);
/** More rows, messages or composes than any page shows: a report this big is refused whole. */
const MAX_VIEW_ITEMS = 1_000;

function isList(v: unknown, max = MAX_VIEW_ITEMS): v is unknown[] {
  return Array.isArray(v) && v.length <= max;
}

function isPerson(v: unknown): boolean {
  return isObject(v) && isText(v.email, MAX_FIELD) && isText(v.name, MAX_FIELD);
}

/**
 * Why a reported page view cannot be stored, or `undefined`. Checks what the sidebar reads
 * (lists and the fields it renders or matches on), so a garbled report is refused, not half-used.
 */
export function pageViewProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'The page view is missing.';
  if (!isText(v.site, MAX_VIA) || typeof v.kind !== 'string' || !VIEW_KINDS.has(v.kind))
    return 'The page view has no valid kind.';
  if (!isText(v.url, MAX_TEXT)) return 'The page view has no valid address.';
  if (
    !isList(v.composes) ||
    !isList(v.inboxRows) ||
    !isList(v.problems, 100) ||
    !v.problems.every(isViewProblem)
  )
    return 'The page view lists are not valid.';
  if (!isOptionalText(v.accountEmail, MAX_FIELD)) return 'The account is not valid.';
  for (const c of v.composes) {
    if (!isObject(c) || !isText(c.id, MAX_FIELD) || !isList(c.to) || !isList(c.cc))
      return 'A compose in the page view is not valid.';
    if (c.bcc !== undefined && !isList(c.bcc)) return 'A compose in the page view is not valid.';
    if (![...c.to, ...c.cc, ...((c.bcc as unknown[] | undefined) ?? [])].every(isPerson))
      return 'A recipient in the page view is not valid.';
    if (
      !isText(c.subject, MAX_TEXT) ||
      !isText(c.bodyText, MAX_TEXT) ||
      !isOptionalText(c.draftToken, MAX_FIELD)
    )
      return 'A compose in the page view is not valid.';
  }
  for (const r of v.inboxRows) {
    if (!isObject(r) || !isPerson(r.from) || !isText(r.subject, MAX_TEXT))
      return 'A message row is not valid.';
    if (r.at !== undefined && !isTime(r.at)) return 'A message row has no valid time.';
    if (!isOptionalText(r.snippet, MAX_TEXT)) return 'A message row is not valid.';
  }
  if (v.recordRef !== undefined && (!isObject(v.recordRef) || !isText(v.recordRef.key, MAX_FIELD)))
    return 'The record in the page view is not valid.';
  if (v.record !== undefined) {
    const r = v.record;
    if (
      !isObject(r) ||
      !isObject(r.ref) ||
      !isText(r.ref.key, MAX_FIELD) ||
      !isStringList(r.keys, 100, MAX_FIELD)
    )
      return 'The record in the page view is not valid.';
    for (const f of ['name', 'firstName', 'lastName', 'company', 'title', 'linkedinUrl'] as const) {
      if (!isText(r[f], MAX_FIELD)) return 'The record in the page view is not valid.';
    }
    if (!isStringList(r.emails, 100, MAX_FIELD) || !isStringList(r.phones, 100, MAX_FIELD))
      return 'The record in the page view is not valid.';
    if (!isOptionalText(r.language, MAX_FIELD)) return 'The record in the page view is not valid.';
  }
  if (v.thread !== undefined) {
    const t = v.thread;
    if (!isObject(t) || !isText(t.subject, MAX_TEXT) || !isList(t.messages) || !isList(t.participants))
      return 'The conversation in the page view is not valid.';
    if (!t.participants.every(isPerson)) return 'A participant in the page view is not valid.';
    for (const m of t.messages) {
      if (!isObject(m) || !isPerson(m.from) || typeof m.isAutoReply !== 'boolean')
        return 'A message in the page view is not valid.';
      if (m.at !== undefined && !isTime(m.at)) return 'A message in the page view has no valid time.';
      if (!isOptionalText(m.snippet, MAX_TEXT)) return 'A message in the page view is not valid.';
    }
  }
  return undefined;
}

function commandProblem(c: unknown): string | undefined {
  if (!isObject(c)) return 'The command is missing.';
  if (c.kind === 'collapse') return typeof c.collapsed === 'boolean' ? undefined : 'Say whether to collapse.';
  if (c.kind !== 'insert') return 'Unknown page command.';
  if (!isOptionalText(c.token, MAX_VIA)) return 'The draft token is not valid.';
  if (!isText(c.body, MAX_TEXT)) return 'The draft is not valid text.';
  if (!isOptionalText(c.subject, MAX_TEXT)) return 'The subject is not valid text.';
  if (!isOptionalText(c.to, MAX_FIELD) || !isOptionalText(c.composeId, MAX_FIELD))
    return 'The compose target is not valid.';
  return undefined;
}

function isObject(v: unknown): v is Payload {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** Chrome's tab ids are non-negative integers; -1 (TAB_ID_NONE) names no tab. */
function isTabId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

function isOptionalText(v: unknown, max: number): boolean {
  return v === undefined || isText(v, max);
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function isStringList(v: unknown, maxItems: number, maxLen: number): boolean {
  return Array.isArray(v) && v.length <= maxItems && v.every((s) => isText(s, maxLen));
}

function checkContact(c: unknown): PayloadProblem | undefined {
  if (!isObject(c)) return 'The contact is missing.';
  const email = typedText(
    c.email,
    MAX_FIELD,
    msg('problem_field_text', { field: CONTACT_FIELD_LABELS.email }),
    'The contact email is not valid text.',
  );
  if (email) return email;
  if (c.externalIds !== undefined && !isStringList(c.externalIds, 20, 500))
    return "The contact's record ids are not valid.";
  const hasEmail = typeof c.email === 'string' && c.email.trim() !== '';
  if (!hasEmail && !(Array.isArray(c.externalIds) && c.externalIds.length > 0))
    return msg('err_contact_needs_email');
  for (const f of CONTACT_FIELDS) {
    const field = CONTACT_FIELD_LABELS[f];
    const problem = typedText(
      c[f],
      MAX_FIELD,
      msg('problem_field_text', { field }),
      `The contact's ${f} is not valid text.`,
    );
    if (problem) return problem;
  }
  if (c.language !== undefined && !isLanguage(c.language))
    return 'That language is not one Touchbase writes in.';
  return undefined;
}

const PATCH_TEXT = ['firstName', 'lastName', 'company', 'title', 'email', 'phone', 'timeZone', 'linkedinUrl'];

/** Shape of a contact edit: known keys, text where text is expected, small lists and maps. */
function contactPatchShapeProblem(patch: Payload): string | undefined {
  for (const k of Object.keys(patch)) {
    if (![...PATCH_TEXT, 'notes', 'otherEmails', 'otherPhones', 'window', 'custom', 'language'].includes(k))
      return `Unknown contact field "${k}".`;
  }
  for (const f of PATCH_TEXT)
    if (!isOptionalText(patch[f], MAX_FIELD)) return `The contact's ${f} is not valid text.`;
  if (!isOptionalText(patch.notes, MAX_TEXT)) return 'The notes are not valid text.';
  if (patch.language !== undefined && patch.language !== null && !isLanguage(patch.language))
    return 'That language is not one Touchbase writes in.';
  for (const f of ['otherEmails', 'otherPhones'])
    if (patch[f] !== undefined && !isStringList(patch[f], 50, MAX_FIELD)) return `The ${f} are not valid.`;
  const w = patch.window;
  if (
    w !== undefined &&
    w !== null &&
    !(isObject(w) && Array.isArray(w.days) && typeof w.start === 'string' && typeof w.end === 'string')
  )
    return 'The contact window is not valid.';
  if (patch.custom !== undefined) {
    if (!isObject(patch.custom)) return 'The custom fields are not valid.';
    const entries = Object.entries(patch.custom);
    if (entries.length > 100 || entries.some(([k, v]) => k.length > 200 || !isText(v, MAX_FIELD)))
      return 'The custom fields are not valid.';
  }
  return undefined;
}

/**
 * Why a request's payload cannot be handled, or `undefined` when its shape is sound. Only
 * shapes are checked here; the repositories still apply the business rules.
 */
export function payloadProblem(request: RuntimeMessage): PayloadProblem | undefined {
  const p = request.payload as Payload;
  if ('via' in p && !isText(p.via, MAX_VIA)) return 'The request has no valid origin tag.';
  switch (request.type) {
    case 'badge.refresh':
      return undefined;
    case 'enrol':
      if (!isText(p.playbookId, MAX_FIELD) || p.playbookId === '') return msg('request_pick_playbook');
      if (typeof p.source !== 'string' || !(LEAD_SOURCES as readonly string[]).includes(p.source))
        return msg('request_pick_source');
      if (!isText(p.via, MAX_VIA)) return 'The request has no valid origin tag.';
      return checkContact(p.contact);
    case 'touch.complete':
      if (!isTouchId(p.touchId)) return 'That touch id is not valid.';
      if (!isOptionalText(p.text, MAX_TEXT)) return 'The text of the touch is not valid.';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'touch.skip':
      if (!isTouchId(p.touchId)) return 'That touch id is not valid.';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'touch.snooze':
      if (!isTouchId(p.touchId)) return 'That touch id is not valid.';
      if (typeof p.minutes !== 'number' || !Number.isFinite(p.minutes) || p.minutes <= 0)
        return 'Snooze needs a positive number of minutes.';
      if (p.minutes > MAX_SNOOZE_MINUTES) return 'Snooze for at most a year.';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'call.outcome':
      if (!isTouchId(p.touchId)) return 'That touch id is not valid.';
      if (typeof p.outcome !== 'string' || !CALL_OUTCOMES.has(p.outcome)) return 'Unknown call outcome.';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'reply.log':
      if (!isId(p.contactId)) return 'That contact id is not valid.';
      if (p.at !== undefined && !isTime(p.at)) return 'The reply time is not valid.';
      if (!isOptionalText(p.threadId, MAX_FIELD)) return 'The thread id is not valid.';
      if (!isOptionalText(p.text, MAX_REPLY_TEXT)) return 'The reply text is not valid (or is too long).';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'enrolment.action':
      if (!isId(p.enrolmentId)) return 'That sequence id is not valid.';
      if (!isObject(p.action) || typeof p.action.kind !== 'string' || !ENROLMENT_ACTIONS.has(p.action.kind))
        return 'Unknown sequence action.';
      if (!isOptionalText(p.action.reason, MAX_REASON))
        return 'The reason is not valid text (or is too long).';
      if (p.action.meetingAt !== undefined && !isTime(p.action.meetingAt))
        return 'The meeting time is not valid.';
      if (
        (p.action.kind === 'confirm-proposal' || p.action.kind === 'dismiss-proposal') &&
        !isId(p.action.id)
      )
        return 'That proposal id is not valid.';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'contact.fromPage': {
      if (!isId(p.contactId)) return 'That contact id is not valid.';
      if (!isObject(p.values)) return 'The values to update are missing.';
      for (const [k, v] of Object.entries(p.values)) {
        if (!PAGE_VALUE_FIELDS.has(k))
          return `The contact has no field "${k.slice(0, 40)}" to update from a page.`;
        if (!isText(v, MAX_FIELD)) return `The contact's ${k} is not valid text.`;
      }
      if (!isStringList(p.externalIds, 20, 500)) return "The contact's record ids are not valid.";
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    }
    case 'note.add':
      if (!isId(p.contactId)) return 'That contact id is not valid.';
      if (p.enrolmentId !== undefined && !isId(p.enrolmentId)) return 'That sequence id is not valid.';
      if (typeof p.text !== 'string') return 'The note is not valid text.';
      if (p.text.length > MAX_TEXT) return msg('request_note_too_long');
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'gmail.sent':
      if (!isText(p.token, MAX_VIA) || p.token === '') return 'The draft token is not valid.';
      if (
        !isStringList(p.to, 1_000, MAX_FIELD) ||
        !isStringList(p.cc, 1_000, MAX_FIELD) ||
        !isStringList(p.bcc, 1_000, MAX_FIELD)
      )
        return 'The recipients are not valid.';
      if (p.scheduledAt !== undefined && !isTime(p.scheduledAt)) return 'The scheduled time is not valid.';
      if (!isText(p.subject, MAX_TEXT)) return 'The subject is not valid text.';
      return isText(p.bodyText, MAX_TEXT) ? undefined : 'The body is not valid text.';
    case 'page.report':
      if (!isText(p.session, MAX_VIA) || p.session === '') return 'The report has no session.';
      if (typeof p.collapsed !== 'boolean') return 'Say whether the panel is collapsed.';
      if (p.theme !== undefined && p.theme !== 'light' && p.theme !== 'dark') return 'Unknown theme.';
      if (
        p.capabilities !== undefined &&
        (!isObject(p.capabilities) ||
          !['insert', 'sends', 'replies'].every((k) => typeof (p.capabilities as Payload)[k] === 'boolean'))
      )
        return 'The page capabilities are not valid.';
      return p.view === undefined ? undefined : pageViewProblem(p.view);
    case 'page.state':
      return undefined;
    case 'page.command':
      return commandProblem(p.command);
    case 'panel.state':
      return isTabId(p.tabId) ? undefined : 'That tab id is not valid.';
    case 'panel.command':
      return isTabId(p.tabId) ? commandProblem(p.command) : 'That tab id is not valid.';
    case 'sidebar.data':
      if (!isStringList(p.people, 1_000, MAX_FIELD)) return 'The people in view are not valid.';
      if (p.externalIds !== undefined && !isStringList(p.externalIds, 100, 500))
        return 'The records in view are not valid.';
      return p.senders === undefined || isStringList(p.senders, 1_000, MAX_FIELD)
        ? undefined
        : 'The senders in view are not valid.';
    case 'playbook.save':
      return isObject(p.playbook) ? undefined : 'The playbook is missing.';
    case 'playbook.delete':
    case 'template.reset':
    case 'template.delete':
      return isText(p.id, MAX_FIELD) && p.id !== '' ? undefined : 'That id is not valid.';
    case 'template.save':
      if (p.mode === 'edit')
        return isText(p.id, MAX_FIELD) && isObject(p.changes)
          ? undefined
          : 'The template change is not valid.';
      if (p.mode === 'duplicate')
        return isText(p.fromId, MAX_FIELD) && (p.changes === undefined || isObject(p.changes))
          ? undefined
          : 'The template copy is not valid.';
      if (p.mode === 'translate')
        return isText(p.fromId, MAX_FIELD) && isLanguage(p.language)
          ? undefined
          : 'The template translation is not valid.';
      return 'Unknown template save mode.';
    case 'settings.notifications':
      return typeof p.enabled === 'boolean' ? undefined : 'Say whether alerts are on or off.';
    case 'contacts.bulk':
      if (!Array.isArray(p.contactIds) || !p.contactIds.every(isId)) return 'The contact ids are not valid.';
      if (!isObject(p.action) || typeof p.action.kind !== 'string' || !BULK_ACTIONS.has(p.action.kind))
        return 'Unknown bulk action.';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'contacts.import':
      if (!Array.isArray(p.drafts)) return 'There are no contacts to import.';
      if (p.mode !== 'skip' && p.mode !== 'update') return 'Unknown import mode.';
      if (p.enrol !== undefined && !isObject(p.enrol)) return 'The enrolment of the import is not valid.';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'settings.save':
      if (p.replan !== undefined && typeof p.replan !== 'boolean') return 'Say whether to replan.';
      return isObject(p.patch) ? undefined : 'Nothing to save.';
    case 'contact.update':
      if (!isId(p.contactId)) return 'That contact id is not valid.';
      if (!isObject(p.patch)) return 'Nothing to change.';
      if (!isText(p.via, MAX_VIA)) return 'The request has no valid origin tag.';
      return contactPatchShapeProblem(p.patch);
    case 'backup.restore':
      return typeof p.text === 'string' ? undefined : 'The backup file is not text.';
    case 'data.deleteAll':
      return typeof p.confirm === 'string' ? undefined : 'Type the confirmation to delete everything.';
    case 'contact.optOut':
      if (!isId(p.contactId)) return 'That contact id is not valid.';
      if (!isOptionalText(p.reason, MAX_REASON)) return 'The reason is not valid text (or is too long).';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'contact.withdrawOptOut':
      if (p.contactId === undefined ? !isText(p.suppressionKey, MAX_FIELD) : !isId(p.contactId))
        return 'Say whose opt-out to withdraw.';
      if (!isText(p.reason, MAX_REASON)) return 'The reason is not valid text (or is too long).';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'undo':
      return isId(p.undoId) ? undefined : 'That undo id is not valid.';
    case 'sync.connect': {
      const fields = (['url', 'database', 'username', 'password', 'repName'] as const).map((k) => p[k]);
      if (!fields.every((v) => typeof v === 'string')) return 'The team sync settings are not valid text.';
      return fields.every((v) => isText(v, MAX_FIELD)) ? undefined : msg('request_sync_too_long');
    }
    case 'contact.takeOver':
      if (!isId(p.contactId)) return 'That contact id is not valid.';
      return isText(p.via, MAX_VIA) ? undefined : 'The request has no valid origin tag.';
    case 'assign.save':
      return isAssignRules(p.rules) ? undefined : 'The assignment rules are not valid.';
    case 'sync.now':
    case 'sync.off':
      return undefined;
    case 'library.share':
      if (p.kind !== 'playbook' && p.kind !== 'template') return 'Say what to share.';
      if (!isText(p.id, MAX_FIELD) || p.id === '') return 'That id is not valid.';
      return typeof p.shared === 'boolean' ? undefined : 'Say whether to share it.';
    default: {
      const never: never = request;
      return `Unknown request ${String((never as { type?: unknown }).type)}.`;
    }
  }
}
