/**
 * Team sync settings: what the rep types in Settings → Team sync, checked; where it is kept
 * (extension `storage.local` only: the password never goes into IndexedDB, a backup or a sync
 * document); and the state a run leaves for the settings page and the popup to show.
 */
import { storage } from 'wxt/utils/storage';
import { type Msg, msg } from '@/lib/i18n/msg';
import { REPLICA_RE } from './hlc';
import type { SyncProgress } from './engine';
import type { SyncFailure } from './run';

/** What the rep types. */
export interface SyncSetupInput {
  url: string;
  database: string;
  username: string;
  password: string;
  /** How teammates see this rep ("Ana"). */
  repName: string;
}

/** What is kept once a connection worked. */
export interface SyncConfig extends SyncSetupInput {
  enabled: boolean;
  /** This rep's replica id: the last part of every stamp it issues; never changes. */
  replica: string;
}

export type SyncState = 'off' | 'ok' | 'syncing' | 'error';

/** What the last run left, for the settings page and the popup. */
export interface SyncStatus {
  state: SyncState;
  lastSyncedAt?: number;
  lastRunAt?: number;
  /** Local changes not yet sent. */
  pending: number;
  error?: SyncFailure;
  /** While a long run goes (a first sync): how far it has come. */
  progress?: SyncProgress;
  /**
   * At the last run, how many shared playbooks or templates the server refused to let this rep
   * stop sharing or delete (only their author's user may), put back as the team has them.
   */
  refused?: number;
}

export const syncConfig = storage.defineItem<SyncConfig | null>('local:syncConfig', {
  fallback: null,
  version: 1,
});

export const syncStatus = storage.defineItem<SyncStatus>('local:syncStatus', {
  fallback: { state: 'off', pending: 0 },
  version: 1,
});

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** CouchDB's rule for database names. */
const DB_NAME_RE = /^[a-z][a-z0-9_$()+/-]{0,237}$/;

export interface CheckedSetup {
  /** The server's base URL, without a trailing slash. */
  url: string;
  /** The host permission to ask for: that origin, any port (match patterns carry none). */
  originPattern: string;
  database: string;
  username: string;
  password: string;
  repName: string;
}

/** Checks what the rep typed; a message per field (rendered in their language) when something is wrong. */
export function checkSetup(
  input: SyncSetupInput,
): { ok: true; value: CheckedSetup } | { ok: false; errors: Partial<Record<keyof SyncSetupInput, Msg>> } {
  const errors: Partial<Record<keyof SyncSetupInput, Msg>> = {};
  let url: URL | undefined;
  try {
    url = new URL(input.url.trim());
  } catch {
    errors.url = msg('sync_check_url_missing');
  }
  if (url) {
    if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) errors.url = msg('sync_check_url_https');
    else if (url.protocol !== 'https:' && url.protocol !== 'http:') errors.url = msg('sync_check_url_scheme');
    else if (url.username || url.password) errors.url = msg('sync_check_url_credentials');
    else if (url.search || url.hash) errors.url = msg('sync_check_url_query');
  }
  const database = input.database.trim();
  if (!DB_NAME_RE.test(database)) errors.database = msg('sync_check_database');
  const username = input.username.trim();
  if (!username || username.length > 200) errors.username = msg('sync_check_username');
  if (!input.password || input.password.length > 1_000) errors.password = msg('sync_check_password');
  const repName = input.repName.trim();
  if (!repName || repName.length > 80) errors.repName = msg('sync_check_rep_name');
  if (Object.keys(errors).length || !url) return { ok: false, errors };
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return {
    ok: true,
    value: {
      url: base,
      originPattern: `${url.protocol}//${url.hostname}/*`,
      database,
      username,
      password: input.password,
      repName,
    },
  };
}

/** A new replica id: random, lower-case, fits a stamp. */
export function newReplicaId(random: () => number = Math.random): string {
  const id = `rep-${Array.from({ length: 10 }, () => Math.floor(random() * 36).toString(36)).join('')}`;
  if (!REPLICA_RE.test(id)) throw new Error('bad replica id');
  return id;
}
