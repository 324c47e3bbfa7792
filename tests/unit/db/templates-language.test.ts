import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missingLanguage } from '@/lib/drafts/draft';
import { TouchbaseDb } from '@/lib/db';
import {
  duplicateStoredTemplate,
  listTemplates,
  saveTemplate,
  translateStoredTemplate,
} from '@/lib/db/templates';
import { getBuiltIn, pickTemplate } from '@/lib/templates';

const T0 = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-templates-language-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('the template library per language', () => {
  it('lists each language its own built-ins and edits; an edited Spanish built-in stays Spanish', async () => {
    const es = await listTemplates(db, 'es');
    expect(es.length).toBe((await listTemplates(db, 'en')).length);
    expect(es.every((e) => e.template.language === 'es' && e.template.id.endsWith('.es'))).toBe(true);

    const saved = await saveTemplate(
      db,
      'follow-up.email.default.es',
      { body: 'Hola {{firstName}}, editado.' },
      T0,
    );
    expect(saved.language).toBe('es');
    expect((await db.templates.get('follow-up.email.default.es'))?.language).toBe('es');
    const esAfter = await listTemplates(db, 'es');
    expect(esAfter.find((e) => e.template.id === 'follow-up.email.default.es')).toMatchObject({
      origin: 'edited',
      template: { body: 'Hola {{firstName}}, editado.', language: 'es' },
    });
    // Never shown among the English ones (as a stray "yours").
    expect((await listTemplates(db, 'en')).some((e) => e.template.id.endsWith('.es'))).toBe(false);
    // The Spanish draft uses the edit; the English one does not.
    const lib = (await db.templates.toArray()).map(({ updatedAt: _u, ...t }) => t);
    expect(pickTemplate('follow-up', 'email', undefined, lib, 'es').body).toBe(
      'Hola {{firstName}}, editado.',
    );
    expect(pickTemplate('follow-up', 'email', undefined, lib, 'en').id).toBe('follow-up.email.default');
  });

  it('reads a row saved before languages were kept as the language of its built-in', async () => {
    const shipped = getBuiltIn('value.email.stat.de')!;
    const { language: _l, ...legacy } = shipped;
    await db.templates.put({
      ...legacy,
      body: 'Hallo {{firstName}}.',
      builtIn: false,
      version: 2,
      updatedAt: T0,
    });
    const de = await listTemplates(db, 'de');
    expect(de.find((e) => e.template.id === 'value.email.stat.de')?.template).toMatchObject({
      language: 'de',
      body: 'Hallo {{firstName}}.',
    });
  });

  it('the same merge-field checks in every language', async () => {
    await expect(
      saveTemplate(db, 'follow-up.email.default.fr', { body: 'Bonjour {{prenom}}' }, T0),
    ).rejects.toThrow('Unknown merge field {{prenom}}');
    expect(await db.templates.count()).toBe(0);
  });
});

describe("the rep's own template in another language", () => {
  it('starts as a copy with the same variant; a step naming it drafts Spanish contacts in Spanish', async () => {
    const own = await duplicateStoredTemplate(db, 'follow-up.email.default', T0, {
      name: 'My follow-up',
      body: 'Hi {{firstName}}, mine.',
    });
    const lib1 = (await db.templates.toArray()).map(({ updatedAt: _u, ...t }) => t);
    // No Spanish version yet: a Spanish contact gets the English one, and the draft says so.
    const before = pickTemplate('follow-up', 'email', own.variant, lib1, 'es');
    expect(before.id).toBe(own.id);
    expect(missingLanguage(before, 'es')).toBe('es');

    const es = await translateStoredTemplate(db, own.id, 'es', T0 + 1);
    expect(es).toMatchObject({ id: `${own.id}.es`, language: 'es', variant: own.variant, builtIn: false });
    await expect(translateStoredTemplate(db, own.id, 'es', T0 + 2)).rejects.toThrow('already');
    await saveTemplate(db, es.id, { body: 'Hola {{firstName}}, mío.' }, T0 + 3);
    const lib2 = (await db.templates.toArray()).map(({ updatedAt: _u, ...t }) => t);
    const after = pickTemplate('follow-up', 'email', own.variant, lib2, 'es');
    expect(after.body).toBe('Hola {{firstName}}, mío.');
    expect(missingLanguage(after, 'es')).toBeUndefined();
    // English contacts keep the English one; German ones fall back to it too.
    expect(pickTemplate('follow-up', 'email', own.variant, lib2, 'en').body).toBe('Hi {{firstName}}, mine.');
    expect(missingLanguage(pickTemplate('follow-up', 'email', own.variant, lib2, 'de'), 'de')).toBe('de');
    expect((await listTemplates(db, 'es')).find((e) => e.template.id === es.id)?.origin).toBe('custom');
  });

  it('a built-in variant stays in the contact language', () => {
    expect(pickTemplate('value', 'email', 'stat', undefined, 'fr').id).toBe('value.email.stat.fr');
    expect(missingLanguage(pickTemplate('value', 'email', 'stat', undefined, 'fr'), 'fr')).toBeUndefined();
    expect(missingLanguage(pickTemplate('value', 'email', 'stat'), undefined)).toBeUndefined();
  });
});
