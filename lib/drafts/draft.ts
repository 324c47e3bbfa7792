/**
 * Drafts the message for a touch: picks the template (the rep's edited copy first, then the
 * built-in) and renders it against the contact, the rep and the real activity log. Pure.
 */
import type { CallOutcome, Channel, Purpose } from '@/lib/cadence/types';
import type { ActivityRow, ContactRow, RepSettings } from '@/lib/db/schema';
import {
  type Language,
  languageOr,
  pickTemplate,
  templateLanguage,
  type RenderActivity,
  type RenderResult,
  render,
  type Template,
} from '@/lib/templates';

export interface DraftInput {
  purpose: Purpose;
  channel: Channel;
  contact: ContactRow;
  settings: RepSettings;
  /** The contact's activity log. */
  activities: RenderActivity[];
  /** The rep's edited and added templates (stored); built-ins fill the gaps. */
  library: Template[];
  variant?: string;
  now: Date;
}

export interface Draft {
  template: Template;
  result: RenderResult;
}

/** True until an SMS has actually gone out to this contact. */
export function isFirstSms(activities: readonly RenderActivity[]): boolean {
  return !activities.some(
    (a) => (a.kind === 'touch-done' || a.kind === 'sent-from-gmail') && a.channel === 'sms',
  );
}

const CALL_OUTCOMES: ReadonlySet<string> = new Set<CallOutcome>(['answered', 'voicemail', 'no-answer']);

/** The activity log as the renderer reads it: the log keeps free-text outcomes, drafting only call outcomes. */
export function toRenderActivities(
  rows: readonly Pick<ActivityRow, 'kind' | 'at' | 'channel' | 'outcome'>[],
): RenderActivity[] {
  return rows.map((a) => {
    const r: RenderActivity = { kind: a.kind, at: a.at };
    if (a.channel) r.channel = a.channel;
    if (a.outcome && CALL_OUTCOMES.has(a.outcome)) r.outcome = a.outcome as CallOutcome;
    return r;
  });
}

/** Renders one template for a contact, as the rep would send it. */
export function renderFor(
  template: Template,
  input: { contact: ContactRow; settings: RepSettings; activities: RenderActivity[]; now: Date },
): RenderResult {
  const { contact, settings } = input;
  return render(template, {
    contact: {
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      company: contact.company,
      title: contact.title,
      topic: contact.topic,
      leadSource: contact.leadSource,
      phone: contact.phone,
      custom: contact.custom,
    },
    rep: {
      name: settings.name,
      company: settings.company,
      phone: settings.phone,
      signature: settings.signature,
      reconnectLink: settings.reconnectLink,
      bookingLink: settings.bookingLink,
    },
    now: input.now,
    timeZone: contact.timeZone || settings.timeZone,
    repTimeZone: settings.timeZone,
    window: settings.workingHours,
    activities: input.activities,
    language: languageOr(contact.language),
    isFirstSms: template.channel === 'sms' && isFirstSms(input.activities),
  });
}

export function draftFor(input: DraftInput): Draft {
  const template = pickTemplate(
    input.purpose,
    input.channel,
    input.variant,
    input.library.length ? input.library : undefined,
    languageOr(input.contact.language),
  );
  return { template, result: renderFor(template, input) };
}

/**
 * The contact's language when the draft's template is not written in it (no version in their
 * language, so it was drafted in English): the surfaces say so next to the draft.
 */
export function missingLanguage(template: Template, contactLanguage: unknown): Language | undefined {
  const wanted = languageOr(contactLanguage);
  return templateLanguage(template) === wanted ? undefined : wanted;
}
