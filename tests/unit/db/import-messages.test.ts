/**
 * The import summary's problem lines are messages: the background words nothing, the Import tab
 * renders each line (and the "…and N more" count) in the rep's language. English stays as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactDraft } from '@/lib/csv/import';
import { UNKNOWN_LANGUAGE_FIELD } from '@/lib/csv/import/map';
import { saveSettings, TouchbaseDb } from '@/lib/db';
import { type ImportSummary, importContacts } from '@/lib/db/import';
import { applyChoice, resetI18n, tn } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import { importInBatches } from '@/lib/import/batches';

const T0 = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-import-messages-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  resetI18n();
  db.close();
  await db.delete();
});

function draft(email: string, extra: Partial<ContactDraft> = {}): ContactDraft {
  return { email, firstName: 'F', lastName: 'L', company: 'Co', title: '', phone: '', custom: {}, ...extra };
}

const drafts = [
  draft('mars@example.com', { timeZone: 'Mars/Phobos' }),
  draft('kirk@example.com', { phone: '+33 1 23 45 67 89', custom: { [UNKNOWN_LANGUAGE_FIELD]: 'Klingon' } }),
  draft('spock@example.com', { custom: { [UNKNOWN_LANGUAGE_FIELD]: 'Vulcan' } }),
];

/** The summary's lines as the Import tab shows them. */
const lines = (s: ImportSummary) => [
  ...(s.problems ?? []).map((p) => renderMsg(p)),
  ...(s.problemsMore ? [tn('import_problems_more', s.problemsMore)] : []),
];

describe('import summary problems in the rep’s language', () => {
  it.each([
    [
      'en',
      [
        'mars@example.com: unknown time zone "Mars/Phobos"; used your own zone (America/New_York).',
        'kirk@example.com: "Klingon" is not a language Touchbase writes in (English, Español, Deutsch, Français or Português (Brasil)); used Français, from the phone\'s country code.',
        'spock@example.com: "Vulcan" is not a language Touchbase writes in (English, Español, Deutsch, Français or Português (Brasil)); their drafts are in English until you pick one.',
      ],
    ],
    [
      'de',
      [
        'mars@example.com: unbekannte Zeitzone „Mars/Phobos“; stattdessen deine eigene Zeitzone (America/New_York).',
        'kirk@example.com: „Klingon“ ist keine Sprache, in der Touchbase schreibt (English, Español, Deutsch, Français oder Português (Brasil)); verwendet wird Français (nach der Ländervorwahl der Telefonnummer).',
        'spock@example.com: „Vulcan“ ist keine Sprache, in der Touchbase schreibt (English, Español, Deutsch, Français oder Português (Brasil)); die Entwürfe sind auf Englisch, bis du eine Sprache wählst.',
      ],
    ],
    [
      'fr',
      [
        'mars@example.com : fuseau horaire inconnu « Mars/Phobos » ; utilisé à la place : votre propre fuseau (America/New_York).',
        'kirk@example.com : Touchbase n’écrit pas en « Klingon » (English, Español, Deutsch, Français ou Português (Brasil)) ; Français utilisé, d’après l’indicatif du téléphone.',
        'spock@example.com : Touchbase n’écrit pas en « Vulcan » (English, Español, Deutsch, Français ou Português (Brasil)) ; ses brouillons sont en anglais tant que vous n’en choisissez pas une.',
      ],
    ],
  ])('%s', async (lang, want) => {
    const res = await importContacts(db, { drafts, mode: 'skip', via: 'import', now: T0 });
    await applyChoice(lang);
    expect(lines(res)).toEqual(want);
  });

  it('a stored contact kept its zone and language: said in Spanish', async () => {
    await importContacts(db, {
      drafts: [draft('jo@example.com', { timeZone: 'Europe/Madrid', language: 'es' })],
      mode: 'skip',
      via: 'import',
      now: T0,
    });
    const res = await importContacts(db, {
      drafts: [
        draft('jo@example.com', { timeZone: 'Luna/Base', custom: { [UNKNOWN_LANGUAGE_FIELD]: '??' } }),
      ],
      mode: 'update',
      via: 'import',
      now: T0 + 1,
    });
    await applyChoice('es');
    expect(lines(res)).toEqual([
      'jo@example.com: zona horaria desconocida «Luna/Base»; se usó la zona ya guardada (Europe/Madrid).',
      'jo@example.com: Touchbase no escribe en «??» (English, Español, Deutsch, Français o Português (Brasil)); se mantuvo Español.',
    ]);
  });

  it('past the cap the rest is a count, said with the language’s plural', async () => {
    const many = Array.from({ length: 103 }, (_, i) =>
      draft(`z${i}@example.com`, { timeZone: 'Mars/Phobos' }),
    );
    const run = await importInBatches(many, {
      batchSize: 40,
      send: (batch) => importContacts(db, { drafts: batch, mode: 'skip', via: 'import', now: T0 }),
    });
    expect(run.summary.problems).toHaveLength(100);
    expect(run.summary.problemsMore).toBe(3);
    expect(lines(run.summary).at(-1)).toBe('…and 3 more.');
    await applyChoice('de');
    expect(lines(run.summary).at(-1)).toBe('…und 3 weitere.');
    expect(tn('import_problems_more', 1)).toBe('…und 1 weiteres.');
    await applyChoice('fr');
    expect(lines(run.summary).at(-1)).toBe('…et 3 autres.');
  });
});
