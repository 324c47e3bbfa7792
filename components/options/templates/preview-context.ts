/**
 * What the template preview renders against: a real contact with their activity log, or a
 * made-up sample contact, plus the rep's own settings. Mirrors `draftFor` (lib/drafts), but
 * for a template the rep picked rather than the one a touch would pick.
 */
import type { ContactRow, RepSettings } from '@/lib/db/schema';
import { renderFor, toRenderActivities } from '@/lib/drafts/draft';
import type { RenderActivity, RenderResult, Template } from '@/lib/templates';
import { type Language, languageOr } from '@/lib/templates/language';

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

/**
 * What the sample contact asked about and their job, in the template's own language, so a German
 * preview does not read "anrufen wegen a roof inspection". A bare noun phrase, because the
 * templates put the topic after different prepositions.
 */
const SAMPLE_WORDS: Readonly<Record<Language, { title: string; topic: string }>> = {
  en: { title: 'Operations manager', topic: 'a roof inspection' },
  es: { title: 'Jefe de operaciones', topic: 'reforma del tejado' },
  de: { title: 'Betriebsleiter', topic: 'Dachsanierung' },
  fr: { title: 'Responsable des opérations', topic: 'rénovation de toiture' },
  'pt-BR': { title: 'Gerente de operações', topic: 'reforma do telhado' },
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
  const inLanguage: ContactRow =
    contact === SAMPLE_CONTACT ? { ...contact, ...SAMPLE_WORDS[languageOr(language)] } : { ...contact };
  if (language) inLanguage.language = language;
  else delete inLanguage.language;
  return renderFor(template, { contact: inLanguage, settings, activities, now });
}
