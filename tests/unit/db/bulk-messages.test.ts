/**
 * The bulk bar's "skipped" reasons are messages: counted in the rep's language, English as before.
 */
import { afterEach, expect, it } from 'vitest';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { msgN, renderMsg } from '@/lib/i18n/message';

afterEach(() => resetI18n());

it.each([
  ['en', 1, '1 already in a running sequence', '1 had already opted out'],
  ['de', 3, '3 bereits in einer laufenden Sequenz', '3 bereits abgemeldet'],
  ['es', 1, '1 ya en una secuencia en curso', '1 ya se había dado de baja'],
  ['es', 2, '2 ya en una secuencia en curso', '2 ya se habían dado de baja'],
])('%s, %i skipped', async (lang, n, running, out) => {
  await applyChoice(lang);
  expect(renderMsg(msgN('bulk_skip_running', n))).toBe(running);
  expect(renderMsg(msgN('bulk_skip_already_out', n))).toBe(out);
});
