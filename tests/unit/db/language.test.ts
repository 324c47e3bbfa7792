import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactPatchProblems } from '@/lib/contacts/record';
import type { ContactDraft } from '@/lib/csv/import';
import { UNKNOWN_LANGUAGE_FIELD } from '@/lib/csv/import/map';
import { enrolContact, saveSettings, TouchbaseDb } from '@/lib/db';
import { updateContact } from '@/lib/db/contact-record';
import { contactExportRows } from '@/lib/db/export';
import { importContacts } from '@/lib/db/import';
import type { ContactPatch } from '@/lib/contacts/record';
import { english } from '@/lib/i18n/english';

const T0 = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-language-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function draft(email: string, extra: Partial<ContactDraft> = {}): ContactDraft {
  return { email, firstName: 'F', lastName: 'L', company: 'Co', title: '', phone: '', custom: {}, ...extra };
}

async function byEmail(email: string) {
  return db.contacts.where('emailLower').equals(email).first();
}

describe('a contact language set by hand', () => {
  it('is stored by an enrol that carries it, and by an edit; null goes back to none', async () => {
    const { contactId } = await enrolContact(db, {
      contact: { email: 'ana@example.com', firstName: 'Ana', language: 'es' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: T0,
    });
    expect((await db.contacts.get(contactId))?.language).toBe('es');
    await updateContact(db, contactId, { language: 'pt-BR' }, { now: T0 + 1, via: 'test' });
    expect((await db.contacts.get(contactId))?.language).toBe('pt-BR');
    await updateContact(db, contactId, { language: null }, { now: T0 + 2, via: 'test' });
    const row = await db.contacts.get(contactId);
    expect(row?.language).toBeUndefined();
    expect(row && 'language' in row).toBe(false);
  });

  it('refuses a language Touchbase does not write in, naming the ones it does, and changes nothing', async () => {
    const { contactId } = await enrolContact(db, {
      contact: { email: 'ana@example.com', firstName: 'Ana', language: 'es' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: T0,
    });
    const bad = { language: 'it' } as unknown as ContactPatch;
    expect(contactPatchProblems(bad).map((p) => [p.field, english(p.msg)])).toEqual([
      [
        'language',
        '"it" is not a language Touchbase writes in (English, Español, Deutsch, Français, Português (Brasil)).',
      ],
    ]);
    await expect(updateContact(db, contactId, bad, { now: T0 + 1, via: 'test' })).rejects.toThrow(
      /not a language Touchbase writes in/,
    );
    expect((await db.contacts.get(contactId))?.language).toBe('es');
  });
});

describe('importing languages', () => {
  it('stores the file language, else guesses from the phone, else none; says so for unknown values', async () => {
    const res = await importContacts(db, {
      drafts: [
        draft('ana@example.com', { language: 'es', phone: '+49 30 1234567' }),
        draft('hans@example.com', { phone: '+49 30 1234567' }),
        draft('kirk@example.com', {
          phone: '+33 1 23 45 67 89',
          custom: { [UNKNOWN_LANGUAGE_FIELD]: 'Klingon' },
        }),
        draft('spock@example.com', {
          phone: '+1 212 555 0100',
          custom: { [UNKNOWN_LANGUAGE_FIELD]: 'Vulcan' },
        }),
        draft('bo@example.com'),
      ],
      mode: 'skip',
      via: 'import',
      now: T0,
    });
    expect((await byEmail('ana@example.com'))?.language).toBe('es');
    expect((await byEmail('hans@example.com'))?.language).toBe('de');
    expect((await byEmail('kirk@example.com'))?.language).toBe('fr');
    expect((await byEmail('spock@example.com'))?.language).toBeUndefined();
    expect((await byEmail('bo@example.com'))?.language).toBeUndefined();
    // The value stays visible on the contact, and the summary says what happened.
    expect((await byEmail('kirk@example.com'))?.custom[UNKNOWN_LANGUAGE_FIELD]).toBe('Klingon');
    expect(res.problems?.map(english)).toEqual([
      'kirk@example.com: "Klingon" is not a language Touchbase writes in (English, Español, Deutsch, Français or Português (Brasil)); used Français, from the phone\'s country code.',
      'spock@example.com: "Vulcan" is not a language Touchbase writes in (English, Español, Deutsch, Français or Português (Brasil)); their drafts are in English until you pick one.',
    ]);
  });

  it('in update mode a file language overwrites, an unknown one keeps what is stored', async () => {
    await importContacts(db, {
      drafts: [draft('ana@example.com', { language: 'es' }), draft('jo@example.com', { language: 'de' })],
      mode: 'skip',
      via: 'import',
      now: T0,
    });
    const res = await importContacts(db, {
      drafts: [
        draft('ana@example.com', { language: 'fr' }),
        draft('jo@example.com', { custom: { [UNKNOWN_LANGUAGE_FIELD]: '??' } }),
      ],
      mode: 'update',
      via: 'import',
      now: T0 + 1,
    });
    expect((await byEmail('ana@example.com'))?.language).toBe('fr');
    expect((await byEmail('jo@example.com'))?.language).toBe('de');
    expect(english(res.problems![0]!)).toMatch(
      /^jo@example\.com: "\?\?" is not a language .*; kept Deutsch\.$/,
    );
  });

  it('exports the stored language code', async () => {
    await importContacts(db, {
      drafts: [draft('ana@example.com', { language: 'pt-BR' }), draft('bo@example.com')],
      mode: 'skip',
      via: 'import',
      now: T0,
    });
    const rows = await contactExportRows(db);
    expect(rows.map((r) => [r.email, r.language])).toEqual([
      ['ana@example.com', 'pt-BR'],
      ['bo@example.com', undefined],
    ]);
  });
});
