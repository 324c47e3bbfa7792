/**
 * The built-in playbooks' and rules' words are in the catalogue: every name, description, step
 * note and rule name has a key whose English message is that exact text (so English reads as
 * before), and reads in the rep's language; anything a rep typed stays as typed.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_PLAYBOOKS } from '@/lib/cadence';
import { BUILT_IN_TEXT } from '@/lib/cadence/builtin-text';
import { BUILT_IN_RULES } from '@/lib/cadence/rules';
import { applyChoice, resetI18n } from '@/lib/i18n';
import type { Catalogue } from '@/lib/i18n/catalogue';
import { builtInText } from '@/lib/labels';

afterEach(() => resetI18n());

const en: Catalogue = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8'));
const triggers = readFileSync('lib/cadence/triggers.ts', 'utf8');

const shipped = [
  ...BUILT_IN_PLAYBOOKS.flatMap((p) => [
    p.name,
    p.description,
    ...p.steps.flatMap((s) => (s.note ? [s.note] : [])),
  ]),
  ...BUILT_IN_RULES.map((r) => r.name),
  // The note a voicemail rule writes on the next text, and the one on a text after an unanswered call.
  ...[...triggers.matchAll(/step\.note = '([^']+)'/g)].map((m) => m[1]!),
  ...[...triggers.matchAll(/_NOTE = '([^']+)'/g)].map((m) => m[1]!),
];

describe('built-in playbook and rule words', () => {
  it('finds them', () => {
    expect(shipped.length).toBeGreaterThan(40);
  });

  it.each(shipped)('"%s" has a key whose English is exactly it', (text) => {
    const key = BUILT_IN_TEXT[text];
    expect(key, text).toBeDefined();
    expect(en[key!]?.message).toBe(text);
  });

  it('reads in the interface language; the rep’s own words stay as typed', async () => {
    await applyChoice('de');
    expect(builtInText('7 touches in 14 days')).toBe('7 Kontaktpunkte in 14 Tagen');
    expect(builtInText('Offer an easy no.')).toBe('Mach ein Nein leicht.');
    expect(builtInText('Call not answered: text within 10 minutes')).toBe(
      'Anruf nicht angenommen: SMS innerhalb von 10 Minuten',
    );
    expect(builtInText('7 touches in 14 days (my copy)')).toBe('7 touches in 14 days (my copy)');
    expect(builtInText('The call went unanswered: a short text to go with it.')).toBe(
      'Der Anruf blieb unbeantwortet: eine kurze SMS hinterher.',
    );
    expect(builtInText(undefined)).toBeUndefined();
    await applyChoice('es');
    expect(builtInText('Speed to lead, 90 days')).toBe('Respuesta rápida, 90 días');
  });
});
