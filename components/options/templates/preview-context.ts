/**
 * What the template preview renders against: a real contact with their activity log, or a
 * made-up sample contact, plus the rep's own settings. Mirrors `draftFor` (lib/drafts), but
 * for a template the rep picked rather than the one a touch would pick.
 */
import type { ActivityRow, ContactRow, RepSettings } from '@/lib/db/schema';
import { isFirstSms } from '@/lib/drafts/draft';
import { type RenderActivity, type RenderResult, render, type Template } from '@/lib/templates';

/** A believable contact with every standard field filled in, so gaps come from the template. */
export const SAMPLE_CONTACT: ContactRow = {
  id: -1,
  email: 'jordan.rivera@example.com',
  emailLower: 'jordan.rivera@example.com',
  firstName: 'Jordan',
  lastName: 'Rivera',
  company: 'Rivera Roofing',
  phone: '+1 555 0134',
  title: 'Operations manager',
  timeZone: 'America/Chicago',
  leadSource: 'web-form',
  topic: 'a roof inspection',
  notes: '',
  optOut: {},
  custom: {},
  createdAt: 0,
  updatedAt: 0,
};

const CALL_OUTCOMES = new Set(['answered', 'voicemail', 'no-answer']);

/** The activity log as the renderer reads it (call outcomes narrowed to the known ones). */
export function toRenderActivities(rows: readonly ActivityRow[]): RenderActivity[] {
  return rows.map((a) => {
    const out: RenderActivity = { kind: a.kind, at: a.at };
    if (a.channel) out.channel = a.channel;
    if (a.outcome && CALL_OUTCOMES.has(a.outcome)) out.outcome = a.outcome as RenderActivity['outcome'];
    return out;
  });
}

export function renderPreview(
  template: Template,
  contact: ContactRow,
  settings: RepSettings,
  activities: RenderActivity[],
  now: Date,
): RenderResult {
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
    now,
    timeZone: contact.timeZone || settings.timeZone,
    repTimeZone: settings.timeZone,
    window: settings.workingHours,
    activities,
    isFirstSms: template.channel === 'sms' && isFirstSms(activities),
  });
}
