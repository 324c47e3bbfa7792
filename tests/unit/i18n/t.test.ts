import { afterEach, describe, expect, it } from 'vitest';
import { fillMessage } from '@/lib/i18n/catalogue';
import { applyChoice, matchUiLocale, nameList, resetI18n, t, tn, uiLanguage, uiLocale } from '@/lib/i18n';
import { initI18n } from '@/lib/i18n';

afterEach(() => resetI18n());

describe('t()', () => {
  it('reads English when the browser has no i18n (the bundled fallback)', () => {
    expect(t('badge_nothing_due')).toBe('Touchbase: nothing due');
    expect(t('badge_due_overdue', { due: 12, overdue: 3 })).toBe('Touchbase: 12 due, 3 overdue');
  });

  it('switches language with the rep override, numbers in that locale', async () => {
    await applyChoice('de');
    expect(uiLocale()).toBe('de');
    expect(t('badge_due_overdue', { due: 1234, overdue: 3 })).toBe('Touchbase: 1.234 fällig, 3 überfällig');
    await applyChoice('pt-BR');
    expect(t('nudge_open_list')).toBe('Abra o Touchbase para dar conta da lista.');
    await applyChoice('auto');
    expect(t('nudge_open_list')).toBe('Open Touchbase to work through the list.');
  });

  it('reads the stored override on init, and ignores a corrupt one', async () => {
    await uiLanguage.setValue('fr');
    await initI18n();
    expect(t('badge_nothing_due')).toBe('Touchbase : rien à faire');
    resetI18n();
    await uiLanguage.setValue('klingon' as never);
    await initI18n();
    expect(t('badge_nothing_due')).toBe('Touchbase: nothing due');
    await uiLanguage.removeValue();
  });

  it.each([
    ['en', 1, 'Touchbase: 1 due now'],
    ['en', 2, 'Touchbase: 2 due now'],
    ['es', 1, 'Touchbase: 1 pendiente ahora'],
    ['es', 5, 'Touchbase: 5 pendientes ahora'],
    // Portuguese counts 0 as singular; French 0 and 1.
    ['pt-BR', 0, 'Touchbase: 0 pendente agora'],
    ['fr', 0, 'Touchbase : 0 à faire maintenant'],
    // "many" (a million in es/fr/pt) falls back to _other, with the locale's grouping.
    ['es', 1_000_000, 'Touchbase: 1.000.000 pendientes ahora'],
  ])('plural in %s for %i', async (locale, n, text) => {
    await applyChoice(locale);
    expect(tn('badge_due_now', n)).toBe(text);
  });

  it('fills substitutions once: a value that looks like a placeholder stays as written', () => {
    const entry = { message: 'Hi $NAME$, $$5 off', placeholders: { name: { content: '$1' } } };
    expect(fillMessage(entry, ['$1 $NAME$'])).toBe('Hi $1 $NAME$, $5 off');
  });

  it('lists names the locale way, counting the rest', async () => {
    expect(nameList(['Ada', 'Bo'])).toBe('Ada and Bo');
    await applyChoice('es');
    expect(nameList(['Ada', 'Bo', 'Cy'])).toBe('Ada, Bo y Cy');
    expect(nameList(['A', 'B', 'C', 'D'])).toBe('A, B, C y 1 más');
  });

  it.each([
    ['es-419', 'es'],
    ['de-AT', 'de'],
    ['pt-BR', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'en'],
    ['it', 'en'],
    ['fr_CA', 'fr'],
    [undefined, 'en'],
  ])('maps the browser language %s to %s', (tag, lang) => {
    expect(matchUiLocale(tag)).toBe(lang);
  });
});
