/**
 * The message catalogues stay complete: every shipped language has exactly English's keys, the
 * same placeholders, well-formed `$` syntax, and a Chrome-valid key. A key added in English only
 * (or left behind in one language) fails here, naming the language and the key.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '@/lib/i18n/catalogue';
import { localeFolder, UI_LOCALES } from '@/lib/i18n/locales';

const ROOT = path.resolve('public/_locales');
const read = (folder: string): Catalogue =>
  JSON.parse(readFileSync(path.join(ROOT, folder, 'messages.json'), 'utf8'));
const catalogues = Object.fromEntries(UI_LOCALES.map((l) => [l, read(localeFolder(l))])) as Record<
  string,
  Catalogue
>;
const en = catalogues.en as Catalogue;

/** The $NAME$ placeholders a message uses, upper-cased. */
const used = (message: string) =>
  [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] ?? '').toUpperCase());

describe('message catalogues', () => {
  it('ship every interface language', () => {
    expect(Object.keys(en).length).toBeGreaterThan(0);
  });

  it.each(UI_LOCALES.filter((l) => l !== 'en'))('%s has exactly the English keys', (locale) => {
    const cat = catalogues[locale] as Catalogue;
    const missing = Object.keys(en).filter((k) => !(k in cat));
    const extra = Object.keys(cat).filter((k) => !(k in en));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(UI_LOCALES)('%s: placeholders match English and every one is used', (locale) => {
    const cat = catalogues[locale] as Catalogue;
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(cat)) {
      const ref = en[key];
      if (!ref) continue;
      const mine = Object.fromEntries(
        Object.entries(entry.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p.content]),
      );
      const theirs = Object.fromEntries(
        Object.entries(ref.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p.content]),
      );
      if (JSON.stringify(Object.entries(mine).sort()) !== JSON.stringify(Object.entries(theirs).sort()))
        problems.push(`${key}: placeholders ${JSON.stringify(mine)} vs English ${JSON.stringify(theirs)}`);
      const names = new Set(Object.keys(mine).map((n) => n.toUpperCase()));
      const inText = used(entry.message);
      for (const n of inText)
        if (!names.has(n)) problems.push(`${key}: $${n}$ is not a declared placeholder`);
      for (const n of names) if (!inText.includes(n)) problems.push(`${key}: placeholder ${n} is never used`);
      // A lone "$" must be written "$$"; "$1" directly would skip the named placeholders.
      const rest = entry.message.replace(/\$\$/g, '').replace(/\$([A-Za-z0-9_@]+)\$/g, '');
      if (rest.includes('$')) problems.push(`${key}: stray "$" (write "$$" for a dollar sign)`);
      if (!entry.message.trim()) problems.push(`${key}: empty message`);
    }
    expect(problems).toEqual([]);
  });

  it('uses keys Chrome accepts and never collide when case is ignored', () => {
    const keys = Object.keys(en);
    for (const k of keys) expect(k).toMatch(/^[a-z0-9_]+$/);
    expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(keys.length);
    // "@@" is Chrome's own prefix (@@ui_locale…).
    expect(keys.filter((k) => k.startsWith('@@'))).toEqual([]);
  });

  it('pairs every plural: _one with _other', () => {
    const keys = new Set(Object.keys(en));
    for (const k of keys) {
      const m = /^(.*)_(one|few|many)$/.exec(k);
      if (m) expect(keys.has(`${m[1]}_other`), `${k} has no ${m[1]}_other`).toBe(true);
    }
  });

  it('translates: a language other than English is not a copy of it', () => {
    for (const locale of UI_LOCALES.filter((l) => l !== 'en')) {
      const cat = catalogues[locale] as Catalogue;
      const differ = Object.keys(en).filter((k) => cat[k]?.message !== en[k]?.message).length;
      // Brand names and symbols may read the same; most messages may not.
      expect(differ / Object.keys(en).length, locale).toBeGreaterThan(0.8);
    }
  });
});
