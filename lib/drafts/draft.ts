/**
 * Drafts the message for a touch: picks the template (the rep's edited copy first, then the
 * built-in) and renders it against the contact, the rep and the real activity log. Pure.
 */
import type { Channel, Purpose } from '@/lib/cadence/types';
import type { ContactRow, RepSettings } from '@/lib/db/schema';
import { pickTemplate, type RenderActivity, type RenderResult, render, type Template } from '@/lib/templates';

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

export function draftFor(input: DraftInput): Draft {
  const template = pickTemplate(
    input.purpose,
    input.channel,
    input.variant,
    input.library.length ? input.library : undefined,
  );
  const { contact, settings } = input;
  const result = render(template, {
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
    isFirstSms: input.channel === 'sms' && isFirstSms(input.activities),
  });
  return { template, result };
}
