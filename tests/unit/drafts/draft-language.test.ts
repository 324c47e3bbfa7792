import { describe, expect, it } from 'vitest';
import type { ContactRow } from '@/lib/db/schema';
import { defaultSettings } from '@/lib/db/settings';
import { draftFor } from '@/lib/drafts/draft';
import { editTemplate, getBuiltIn } from '@/lib/templates';

const NOW = new Date('2026-03-03T15:00:00Z');

function contact(language?: ContactRow['language']): ContactRow {
  const c: ContactRow = {
    id: 1,
    email: 'lucia@example.com',
    emailLower: 'lucia@example.com',
    externalIds: [],
    firstName: 'Lucía',
    lastName: 'Gómez',
    company: 'Tejados Sur',
    phone: '',
    title: '',
    timeZone: 'Europe/Madrid',
    leadSource: 'web-form',
    topic: 'la reparación del tejado',
    notes: '',
    optOut: {},
    custom: {},
    createdAt: 0,
    updatedAt: 0,
  };
  if (language) c.language = language;
  return c;
}

const settings = { ...defaultSettings('Europe/Madrid'), name: 'Sam', company: 'Brightline' };
import type { DraftInput } from '@/lib/drafts/draft';

const input: Omit<DraftInput, 'contact'> = {
  purpose: 'meeting-ask',
  channel: 'email',
  settings,
  activities: [],
  library: [],
  now: NOW,
};

describe('draftFor in the contact language', () => {
  it('drafts a Spanish contact in Spanish, meeting times included', () => {
    const d = draftFor({ ...input, contact: contact('es') });
    expect(d.template.id).toBe('meeting-ask.email.default.es');
    expect(d.result.body).toMatch(/^Hola, Lucía:/);
    expect(d.result.body).toMatch(
      /¿Te viene bien el \p{L}+ a las \d{1,2}:\d{2} o el \p{L}+ a las \d{1,2}:\d{2}\?/u,
    );
  });

  it('drafts a contact with no language (every row before #14) in English', () => {
    const d = draftFor({ ...input, contact: contact() });
    expect(d.template.id).toBe('meeting-ask.email.default');
    expect(d.result.body).toMatch(/Would \w+ at \d{1,2}( AM| PM|:\d{2} [AP]M) or \w+ at/);
  });

  it('writes slots in the language of the template the rep chose, not the contact’s', () => {
    const english = editTemplate(getBuiltIn('meeting-ask.email.default')!, {});
    const d = draftFor({ ...input, contact: contact('de'), library: [english] });
    // No German copy of their own: the German built-in beats the rep's English edit.
    expect(d.template.language).toBe('de');
    expect(d.result.body).toMatch(/Passt Ihnen \p{L}+ um \d{1,2}(:\d{2})? Uhr oder/u);
  });
});
