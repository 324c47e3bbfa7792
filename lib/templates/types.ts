/**
 * Vocabulary of the template layer: stored templates, the data a draft is rendered against,
 * and what a render reports back. Plain data, JSON-safe except `RenderContext.now`.
 */
import type { ActivityKind, CallOutcome, Channel, ContactWindow, Purpose } from '@/lib/cadence';
import type { Language } from './language';
import type { Msg } from '@/lib/i18n/msg';

/** One drafting template. Built-ins ship with the product; reps can edit or duplicate them. */
export interface Template {
  /** Stable id; built-ins use `<purpose>.<channel>.<variant>`. */
  id: string;
  purpose: Purpose;
  channel: Channel;
  /** Distinguishes templates of the same purpose and channel ('default', 'case-study', ...). */
  variant: string;
  /** Human name shown in pickers. */
  name: string;
  /** Email only; may contain merge fields. */
  subject?: string;
  /** Text with `{{field}}` / `{{field|fallback}}` merge fields. */
  body: string;
  /** The language the text is written in; absent means English (every template before #14). */
  language?: Language;
  /** Bumped on every edit so stale drafts can be spotted. */
  version: number;
  /** True only for the shipped, unedited text. */
  builtIn: boolean;
}

/**
 * What we know about the contact. Absent, empty and whitespace-only values all count as missing.
 * `leadSource` may be a `LeadSource` id (rendered in words) or free text.
 */
export interface ContactFields {
  firstName?: string;
  lastName?: string;
  email?: string;
  company?: string;
  title?: string;
  /** What the contact asked about ("roof repair", "the AI ebook"). */
  topic?: string;
  leadSource?: string;
  phone?: string;
  /** Imported or rep-defined extras, merged as `{{custom.<key>}}`. */
  custom?: Record<string, string>;
}

/** What we know about the rep sending the message. */
export interface RepFields {
  name?: string;
  company?: string;
  phone?: string;
  /** Email sign-off. When empty, `{{rep.signature}}` falls back to name and company. */
  signature?: string;
  /** Where a contact who went quiet can pick things up again (breakup messages). */
  reconnectLink?: string;
  /** Self-service booking page. */
  bookingLink?: string;
}

/** One entry of the contact's activity log, as far as drafting needs it. */
export interface RenderActivity {
  kind: ActivityKind;
  /** Epoch milliseconds. */
  at: number;
  channel?: Channel;
  /** For `call-outcome` entries (and call touches that record one). */
  outcome?: CallOutcome;
}

/** Everything a render needs. The renderer never reads the clock: `now` is the reference instant. */
export interface RenderContext {
  contact: ContactFields;
  rep: RepFields;
  now: Date;
  /** The contact's IANA time zone: the zone the contact reads times in. */
  timeZone: string;
  /** The rep's IANA time zone: the zone `window` is expressed in. */
  repTimeZone: string;
  /** The rep's working days and hours, used for `{{meetingSlots}}`. */
  window: ContactWindow;
  /** The contact's activity log (any order), used for `{{lastTouch}}`. */
  activities: RenderActivity[];
  /**
   * The contact's language: `{{meetingSlots}}`, `{{lastTouch}}` and an added opt-out line are
   * written in it. English when absent.
   */
  language?: Language;
  /** True when this text would be the first SMS ever sent to the contact (needs opt-out wording). */
  isFirstSms?: boolean;
}

/** Machine-readable problem codes, stable for UI logic. */
export type ProblemCode =
  | 'unknown-field'
  | 'missing-value'
  | 'impersonal-first-line'
  | 'empty-body'
  | 'subject-missing'
  | 'subject-too-long'
  | 'voicemail-too-long'
  | 'sms-segments'
  | 'sms-unicode'
  | 'opt-out-added'
  | 'filler-phrase'
  | 'more-than-one-ask'
  | 'linkedin-note-too-long';

/**
 * Something a rep should look at before sending: `msg` in their language (rendered where it is
 * shown), `message` its English (logs, tests; the only text of a problem stored before messages).
 */
export interface Problem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  message: string;
  msg?: Msg;
  /** The merge field concerned, where there is one. */
  field?: string;
}

/**
 * A run of rendered text. Concatenating the `text` of all segments gives the rendered string.
 * `missing` and `unknown` segments hold a visible `[field]` marker for the UI to highlight.
 */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'value'; text: string; field: string }
  | { kind: 'missing'; text: string; field: string }
  | { kind: 'unknown'; text: string; field: string };

/** A built-in template's wording in another language, keyed by the English built-in's id. */
export interface TemplateWording {
  name: string;
  body: string;
  /** Email only, like the English original. */
  subject?: string;
}
