/**
 * A sync failure reads in the rep's language: the description is a message, rendered where it is
 * shown (settings and the status line); a status stored before it had one keeps its English.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import { describeSyncError } from '@/lib/sync/run';
import { syncStatusLine } from '@/lib/sync/status-text';

afterEach(() => resetI18n());

const where = { url: 'https://couch.example.com', database: 'team' };

describe('sync failures', () => {
  it.each([
    [
      { status: 401 },
      'de',
      'Der Server hat Benutzername und Passwort abgelehnt (401). Prüf beides und speichere noch einmal.',
    ],
    [
      { status: 404 },
      'es',
      'No existe la base de datos "team" en https://couch.example.com (404). Revisa el nombre o pide a quien gestiona el servidor que la cree.',
    ],
    [
      { status: 0 },
      'fr',
      'Impossible de joindre https://couch.example.com. Vérifiez l’adresse et votre connexion ; les modifications sont gardées et envoyées à la prochaine synchronisation.',
    ],
    [
      { status: 502 },
      'pt-BR',
      'A sincronização parou: o servidor respondeu 502. As alterações ficam guardadas e são enviadas na próxima sincronização.',
    ],
    // The server's own words pass through as they are.
    [
      { status: 500, message: 'compaction running' },
      'de',
      'Der Abgleich wurde abgebrochen: compaction running. Änderungen bleiben erhalten und gehen beim nächsten Abgleich raus.',
    ],
  ])('%j in %s', async (err, lang, want) => {
    const f = describeSyncError(err, where);
    await applyChoice(lang);
    expect(renderMsg(f.msg!)).toBe(want);
  });

  it('the status line renders the stored message, or the English a status stored before kept', async () => {
    await applyChoice('es');
    const f = describeSyncError({ status: 401 }, where);
    const line = (error: typeof f) => syncStatusLine({ state: 'error', error, pending: 0 }, Date.now());
    expect(line(f)).toContain('El servidor rechazó este usuario y contraseña (401).');
    expect(line({ code: 'unauthorized', message: 'Old English text.' })).toContain('Old English text.');
  });
});
