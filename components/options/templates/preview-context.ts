/**
 * What the template preview renders against: a real contact with their activity log, or a
 * made-up sample contact, plus the rep's own settings. Mirrors `draftFor` (lib/drafts), but
 * for a template the rep picked rather than the one a touch would pick.
 */
import type { ContactRow, RepSettings } from '@/lib/db/schema';
import { renderFor, toRenderActivities } from '@/lib/drafts/draft';
import type { RenderActivity, RenderResult, Template } from '@/lib/templates';

/** A believable contact with every standard field filled in, so gaps come from the template. */
export const SAMPLE_CONTACT: ContactRow = {
  id: -1,
  email: 'jordan.rivera@example.com',
  emailLower: 'jordan.rivera@example.com',
  externalIds: [],
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

export { toRenderActivities };

export function renderPreview(
  template: Template,
  contact: ContactRow,
  settings: RepSettings,
  activities: RenderActivity[],
  now: Date,
): RenderResult {
  // Meeting times and "last touch" read in the template's language, whoever the sample contact is.
  const language = template.language;
  const inLanguage: ContactRow = { ...contact };
  if (language) inLanguage.language = language;
  else delete inLanguage.language;
  return renderFor(template, { contact: inLanguage, settings, activities, now });
}
