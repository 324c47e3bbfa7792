/**
 * Renders a template against a contact, a rep and the activity log, and reports what a rep
 * should check before sending. Values are inserted as plain text in a single pass: a value is
 * never parsed as template syntax or HTML, and no input string makes the renderer throw.
 */
import '@/lib/i18n/english';
import { englishText, type Msg, msg } from '@/lib/i18n/msg';
import { LEAD_SOURCES, type LeadSource } from '@/lib/cadence';
import { isLanguage, type Language, languageOr } from './language';
import { describeLastTouch } from './last-touch';
import { findMeetingSlots, formatMeetingSlots, isValidTimeZone } from './slots';
import { type SmsCount, countSms } from './sms';
import type { Problem, ProblemCode, RenderContext, Segment, Template } from './types';
import { type SpeakingTime, VOICEMAIL_MAX_SECONDS, extractVoicemailScript, speakingTime } from './voicemail';
import { OPT_OUT_TEXTS } from './words';

/** Subjects longer than this get cut off in most inboxes. */
export const SUBJECT_MAX_CHARS = 60;
/** LinkedIn caps connection-request notes at this many characters. */
export const LINKEDIN_NOTE_MAX_CHARS = 300;
/** Appended to a first text that lacks opt-out wording. */
export const OPT_OUT_TEXT = OPT_OUT_TEXTS.en;

/** The result of a render. */
export interface RenderResult {
  /** Email only. Line breaks inside values are flattened to spaces (no header injection). */
  subject?: string;
  body: string;
  problems: Problem[];
  /** The body split into plain text, filled values and highlighted placeholders. */
  segments: Segment[];
  subjectSegments?: Segment[];
  /** True when a placeholder could not be filled: the rep must look before sending. */
  needsConfirm: boolean;
  /** SMS length accounting (sms channel only). */
  sms?: SmsCount;
  /** Speaking time of the voicemail (voicemail channel, or the voicemail part of a call script). */
  speaking?: SpeakingTime;
}

const CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'company',
  'title',
  'topic',
  'leadSource',
  'email',
  'phone',
] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

const REP_FIELDS = ['name', 'company', 'phone', 'signature', 'reconnectLink', 'bookingLink'] as const;
type RepField = (typeof REP_FIELDS)[number];

/** Every merge field name a template may use (besides `custom.<key>`). */
export const MERGE_FIELDS: readonly string[] = [
  ...CONTACT_FIELDS,
  ...REP_FIELDS.map((f) => `rep.${f}`),
  'meetingSlots',
  'lastTouch',
];

/** How a merge field is named in a problem, in the reader's language. */
const LABELS: Record<string, Msg> = {
  firstName: msg('tpl_label_first_name'),
  lastName: msg('tpl_label_last_name'),
  fullName: msg('tpl_label_name'),
  company: msg('tpl_label_company'),
  title: msg('tpl_label_job_title'),
  topic: msg('tpl_label_topic'),
  leadSource: msg('tpl_label_lead_source'),
  email: msg('tpl_label_email'),
  phone: msg('tpl_label_phone'),
  'rep.name': msg('tpl_label_name'),
  'rep.company': msg('tpl_label_company_name'),
  'rep.phone': msg('tpl_label_phone'),
  'rep.signature': msg('tpl_label_signature'),
  'rep.reconnectLink': msg('tpl_label_reconnect_link'),
  'rep.bookingLink': msg('tpl_label_booking_link'),
};

const LEAD_SOURCE_WORDS: Record<LeadSource, string> = {
  'google-lsa': 'Google',
  'facebook-lead-ad': 'Facebook',
  referral: 'a referral',
  'web-form': 'our website',
  'cold-outbound': 'outreach',
  other: 'other',
};

const FILLER = /\bjust (checking in|touching base|following up|circling back|bumping)\b|\bbump(ing)? this\b/i;
const HAS_OPT_OUT =
  /\b(reply|text|send|respond)(\s+with)?\s+["'“‘]?stop\b|\bstop\b[^\n]{0,12}\b(opt[\s-]?out|unsubscribe|end|cancel)\b/i;
/** The same ask in the other languages: "Responde STOP", "Antworten Sie STOP", "Répondez STOP". */
const HAS_OPT_OUT_INTL =
  /(^|[^\p{L}])(responde|responda|responder|envía|envia|antworten sie|antworte|senden sie|répondez|réponds|envoyez)\s+["'“‘«„]?\s?stop\b/iu;

const TOKEN = /\{\{([^{}]*)\}\}/g;

type Resolution =
  | { kind: 'value'; value: string; personal: boolean }
  | { kind: 'missing' }
  | { kind: 'unknown' };

/** A segment plus whether its text came from the contact (for the first-line check). */
type Piece = Segment & { personal?: boolean };

function present(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

class Resolver {
  private slots: string | null | undefined;
  private last: string | null | undefined;
  private readonly zone: string;

  constructor(
    private readonly ctx: RenderContext,
    /** The language of the text around the fields: what `{{meetingSlots}}` and `{{lastTouch}}` speak. */
    private readonly language: Language,
  ) {
    this.zone = [ctx.timeZone, ctx.repTimeZone].find((z) => isValidTimeZone(z)) ?? 'UTC';
  }

  resolve(name: string): Resolution {
    const c = this.ctx.contact ?? {};
    const r = this.ctx.rep ?? {};
    const value = (v: unknown, personal: boolean): Resolution =>
      present(v) ? { kind: 'value', value: v.trim(), personal } : { kind: 'missing' };

    if ((CONTACT_FIELDS as readonly string[]).includes(name)) {
      const f = name as ContactField;
      if (f === 'fullName') {
        const full = [c.firstName, c.lastName]
          .filter(present)
          .map((s) => s.trim())
          .join(' ');
        return value(full, true);
      }
      if (f === 'leadSource' && present(c.leadSource)) {
        const id = c.leadSource.trim() as LeadSource;
        if (LEAD_SOURCES.includes(id)) return value(LEAD_SOURCE_WORDS[id], true);
      }
      return value(c[f], true);
    }
    if (name.startsWith('rep.')) {
      const f = name.slice(4);
      if (!(REP_FIELDS as readonly string[]).includes(f)) return { kind: 'unknown' };
      if (f === 'signature' && !present(r.signature)) {
        // No signature saved: sign with name (and company) rather than leave a hole.
        if (!present(r.name)) return { kind: 'missing' };
        return value([r.name, r.company].filter(present).join('\n'), false);
      }
      return value(r[f as RepField], false);
    }
    if (name.startsWith('custom.')) {
      const key = name.slice(7);
      if (key === '') return { kind: 'unknown' };
      const custom = c.custom ?? {};
      return value(Object.hasOwn(custom, key) ? custom[key] : undefined, true);
    }
    if (name === 'meetingSlots') {
      if (this.slots === undefined) this.slots = this.computeSlots();
      return this.slots === null ? { kind: 'missing' } : value(this.slots, false);
    }
    if (name === 'lastTouch') {
      if (this.last === undefined) this.last = this.computeLastTouch();
      return this.last === null ? { kind: 'missing' } : value(this.last, true);
    }
    return { kind: 'unknown' };
  }

  private computeSlots(): string | null {
    try {
      const { now, repTimeZone, window } = this.ctx;
      const slots = findMeetingSlots({ now, repTimeZone, timeZone: this.zone, window });
      return slots ? formatMeetingSlots(slots, now, this.zone, this.language) : null;
    } catch {
      return null;
    }
  }

  private computeLastTouch(): string | null {
    try {
      return describeLastTouch(this.ctx.activities ?? [], this.ctx.now, this.zone, this.language) ?? null;
    } catch {
      return null;
    }
  }
}

interface Filled {
  text: string;
  pieces: Piece[];
  missing: string[];
  unknown: string[];
}

/**
 * Fills one template string in a single left-to-right pass, so inserted values are never scanned
 * again. A fallback covers a missing value only: an unknown field stays marked even with a
 * fallback, since it is most likely a typo.
 */
function fill(source: string, resolver: Resolver): Filled {
  const pieces: Piece[] = [];
  const missing: string[] = [];
  const unknown: string[] = [];
  const push = (p: Piece) => {
    if (p.text === '') return;
    const prev = pieces[pieces.length - 1];
    if (p.kind === 'text' && prev?.kind === 'text') prev.text += p.text;
    else pieces.push(p);
  };
  let last = 0;
  for (const m of source.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    push({ kind: 'text', text: source.slice(last, start) });
    last = start + m[0].length;
    const inner = m[1] ?? '';
    const bar = inner.indexOf('|');
    const name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
    const fallback = bar === -1 ? undefined : inner.slice(bar + 1).trim();
    const res: Resolution = name === '' ? { kind: 'unknown' } : resolver.resolve(name);
    if (res.kind === 'value') {
      push({ kind: 'value', text: res.value, field: name, personal: res.personal });
    } else if (res.kind === 'unknown') {
      unknown.push(name);
      push({ kind: 'unknown', text: `[${name}]`, field: name });
    } else if (fallback !== undefined) {
      push({ kind: 'text', text: fallback });
    } else {
      missing.push(name);
      push({ kind: 'missing', text: `[${name}]`, field: name });
    }
  }
  push({ kind: 'text', text: source.slice(last) });
  return { text: pieces.map((p) => p.text).join(''), pieces, missing, unknown };
}

/** True when the first non-blank line contains a value taken from the contact's data. */
function firstLineIsPersonal(pieces: readonly Piece[]): boolean {
  let hasContent = false;
  let personal = false;
  for (const p of pieces) {
    const parts = p.text.split('\n');
    for (const [i, part] of parts.entries()) {
      if (i > 0) {
        if (hasContent) return personal;
        personal = false;
      }
      if (part.trim() !== '') {
        hasContent = true;
        if (p.kind === 'value' && p.personal) personal = true;
      }
    }
  }
  return personal;
}

function strip(pieces: readonly Piece[]): Segment[] {
  return pieces.map(({ personal: _personal, ...s }) => s as Segment);
}

function missingMessage(field: string): Msg {
  const marker = `[${field}]`;
  if (field === 'meetingSlots') return msg('tpl_problem_missing_slots', { marker });
  if (field === 'lastTouch') return msg('tpl_problem_missing_last_touch', { marker });
  if (field.startsWith('rep.'))
    return msg('tpl_problem_missing_rep', { field: LABELS[field] ?? field.slice(4), marker });
  if (field.startsWith('custom.')) return msg('tpl_problem_missing_custom', { name: field.slice(7), marker });
  return msg('tpl_problem_missing_contact', { field: LABELS[field] ?? field, marker });
}

/**
 * Renders `template` for `ctx`. Never throws. Missing values without a fallback stay visible as
 * `[field]` markers (and set `needsConfirm`); unknown fields are errors. Checks: a personal first
 * line, the email subject, voicemail length (30 s at 150 wpm), SMS segments and encoding, and
 * opt-out wording on a first text (added automatically when absent, and reported), in the
 * template's language.
 */
export function render(template: Template, ctx: RenderContext): RenderResult {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  // `m` is what the rep reads (in their language); `message` keeps its English for logs and tests.
  const report = (code: ProblemCode, severity: Problem['severity'], m: Msg, field?: string) => {
    const key = `${code}|${field ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const message = englishText(m);
    problems.push(
      field === undefined ? { code, severity, message, msg: m } : { code, severity, message, msg: m, field },
    );
  };

  // A template that names its language speaks it; a rep's own template speaks the contact's.
  const language: Language = isLanguage(template.language) ? template.language : languageOr(ctx.language);
  const resolver = new Resolver(ctx, language);
  const channel = template.channel;
  const bodySource = typeof template.body === 'string' ? template.body : '';
  const body = fill(bodySource, resolver);
  const pieces = body.pieces;

  let subject: Filled | undefined;
  if (channel === 'email') {
    const subjectSource = typeof template.subject === 'string' ? template.subject : '';
    subject = fill(subjectSource, resolver);
    // A line break in a subject would start a new mail header.
    for (const p of subject.pieces) p.text = p.text.replace(/[\r\n]+/g, ' ');
    subject.text = subject.pieces.map((p) => p.text).join('');
  }

  for (const f of [...(subject?.unknown ?? []), ...body.unknown]) {
    const shown = f === '' ? '{{ }}' : `{{${f}}}`;
    report('unknown-field', 'error', msg('tpl_problem_unknown_field', { shown }), f);
  }
  for (const f of [...(subject?.missing ?? []), ...body.missing]) {
    report('missing-value', 'warning', missingMessage(f), f);
  }

  if (body.text.trim() === '') {
    report('empty-body', 'error', msg('tpl_problem_empty_body'));
  } else if (channel !== 'task' && !firstLineIsPersonal(pieces)) {
    report('impersonal-first-line', 'warning', msg('tpl_problem_impersonal'));
  }

  if (channel === 'email' && subject) {
    const len = Array.from(subject.text.trim()).length;
    if (len === 0) report('subject-missing', 'error', msg('tpl_problem_subject_missing'));
    else if (len > SUBJECT_MAX_CHARS) {
      report('subject-too-long', 'warning', msg('tpl_problem_subject_long', { len, max: SUBJECT_MAX_CHARS }));
    }
  }

  if (channel === 'email' || channel === 'sms' || channel === 'linkedin') {
    const literal = bodySource.replace(TOKEN, '');
    if ((literal.match(/\?/g)?.length ?? 0) > 1) {
      report('more-than-one-ask', 'warning', msg('tpl_problem_more_than_one_ask'));
    }
  }
  if (FILLER.test(bodySource.replace(TOKEN, ''))) {
    report('filler-phrase', 'warning', msg('tpl_problem_filler'));
  }

  let speaking: SpeakingTime | undefined;
  if (channel === 'voicemail' || channel === 'call') {
    const script = channel === 'voicemail' ? body.text : extractVoicemailScript(body.text);
    if (script !== undefined) {
      speaking = speakingTime(script);
      if (speaking.overLimit) {
        report(
          'voicemail-too-long',
          'warning',
          msg('tpl_problem_voicemail_long', {
            seconds: Math.round(speaking.seconds),
            max: VOICEMAIL_MAX_SECONDS,
          }),
        );
      }
    }
  }

  if (
    channel === 'sms' &&
    ctx.isFirstSms &&
    !HAS_OPT_OUT.test(body.text) &&
    !HAS_OPT_OUT_INTL.test(body.text)
  ) {
    const optOut = OPT_OUT_TEXTS[language];
    const sep = body.text === '' || body.text.endsWith('\n') ? '' : '\n\n';
    const added: Piece = { kind: 'text', text: `${sep}${optOut}` };
    const prev = pieces[pieces.length - 1];
    if (prev?.kind === 'text') prev.text += added.text;
    else pieces.push(added);
    body.text += added.text;
    report('opt-out-added', 'warning', msg('tpl_problem_opt_out_added', { text: optOut }));
  }

  let sms: SmsCount | undefined;
  if (channel === 'sms') {
    sms = countSms(body.text);
    if (sms.encoding === 'UCS-2') {
      const chars = sms.unicodeChars.slice(0, 5).join(' ');
      report('sms-unicode', 'warning', msg('tpl_problem_sms_unicode', { chars }));
    }
    if (sms.segments > 1) {
      report('sms-segments', 'warning', msg('tpl_problem_sms_segments', { count: sms.segments }));
    }
  }

  if (template.purpose === 'linkedin-connect' && channel === 'linkedin') {
    const len = Array.from(body.text).length;
    if (len > LINKEDIN_NOTE_MAX_CHARS) {
      report(
        'linkedin-note-too-long',
        'warning',
        msg('tpl_problem_linkedin_long', { max: LINKEDIN_NOTE_MAX_CHARS, len }),
      );
    }
  }

  const result: RenderResult = {
    body: body.text,
    problems,
    segments: strip(pieces),
    needsConfirm: problems.some((p) => p.code === 'missing-value' || p.code === 'unknown-field'),
  };
  if (subject) {
    result.subject = subject.text;
    result.subjectSegments = strip(subject.pieces);
  }
  if (sms) result.sms = sms;
  if (speaking) result.speaking = speaking;
  return result;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Plain text as safe HTML for a contenteditable: escapes & < > " ' and turns each line break
 * (\r\n, \r or \n) into <br>.
 */
export function toPlainTextHtml(text: string): string {
  return String(text)
    .replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch)
    .replace(/\r\n|\r|\n/g, '<br>');
}
