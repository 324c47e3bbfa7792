import Dexie from 'dexie';
import { MsgError, msg, msgOf } from '@/lib/i18n/msg';
import { SCHEMA_VERSIONS, TouchbaseDb } from './schema';

/** Backup file format. Bumped only when the layout of the file itself changes. */
export const BACKUP_FORMAT = 'touchbase-backup';
export const BACKUP_VERSION = 1;

/**
 * Tables that never go into a backup: pending undos and unpushed sync entries only mean something
 * in this database.
 */
const NOT_BACKED_UP = new Set(['undo', 'outbox']);

/** Every table a backup written at `schemaVersion` holds, with the field that is its key. */
export function backupTables(schemaVersion: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > schemaVersion) break;
    for (const [table, spec] of Object.entries(v.stores)) {
      if (NOT_BACKED_UP.has(table)) continue;
      // "++id, &emailLower, …": the first entry is the primary key.
      out.set(table, (spec.split(',')[0] ?? '').trim().replace(/^[+&*]+/, ''));
    }
  }
  return out;
}

type TableName = string;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** Dexie schema version that wrote it. */
  schemaVersion: number;
  exportedAt: number;
  tables: Record<TableName, unknown[]>;
}

export class BackupError extends MsgError {
  override name = 'BackupError';
}

/** The whole database as one JSON document. */
export async function exportBackup(db: TouchbaseDb, now: number): Promise<string> {
  const names = [...backupTables(db.verno).keys()];
  return db.transaction(
    'r',
    names.map((t) => db.table(t)),
    async () => {
      const tables = {} as Record<TableName, unknown[]>;
      for (const t of names) tables[t] = await db.table(t).toArray();
      const file: BackupFile = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        schemaVersion: db.verno,
        exportedAt: now,
        tables,
      };
      return JSON.stringify(file);
    },
  );
}

/** Checks a file completely before anything is written; throws a BackupError a rep can read. */
export function parseBackup(text: string, currentSchemaVersion: number): BackupFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BackupError(msg('err_backup_not_json'));
  }
  if (typeof data !== 'object' || data === null) throw new BackupError(msg('err_backup_not_backup'));
  const f = data as Partial<BackupFile>;
  if (f.format !== BACKUP_FORMAT) throw new BackupError(msg('err_backup_other_format'));
  if (f.version !== BACKUP_VERSION)
    throw new BackupError(msg('err_backup_version', { version: String(f.version) }));
  if (typeof f.schemaVersion !== 'number' || f.schemaVersion > currentSchemaVersion) {
    throw new BackupError(msg('err_backup_newer'));
  }
  if (typeof f.tables !== 'object' || f.tables === null) throw new BackupError(msg('err_backup_no_tables'));
  // Only the tables that existed when it was written: a v2 backup has no suppressions yet.
  for (const [t, key] of backupTables(f.schemaVersion)) {
    const rows = (f.tables as Record<string, unknown>)[t];
    if (!Array.isArray(rows)) throw new BackupError(msg('err_backup_table_missing', { table: t }));
    rows.forEach((row, i) => {
      if (typeof row !== 'object' || row === null || !(key in row)) {
        throw new BackupError(msg('err_backup_row_key', { row: i + 1, table: t, key }));
      }
    });
  }
  for (const c of f.tables.contacts as { emailLower?: unknown; externalIds?: unknown }[]) {
    // Since v6 a contact may be known by its records alone (LinkedIn), with no email.
    const hasEmail = typeof c.emailLower === 'string' && c.emailLower !== '';
    const hasIds =
      Array.isArray(c.externalIds) &&
      c.externalIds.length > 0 &&
      c.externalIds.every((id) => typeof id === 'string');
    if (!hasEmail && !hasIds) throw new BackupError(msg('err_backup_contact_no_id'));
    if (c.externalIds !== undefined && !Array.isArray(c.externalIds))
      throw new BackupError(msg('err_backup_contact_ids'));
  }
  return f as BackupFile;
}

/**
 * Brings the rows of an older backup up to the current schema through the very upgrades the live
 * database went through: they are written into a scratch database opened at the backup's
 * version, which is then reopened at the current one (running every later `upgrade`) and read
 * back. One upgrade path, no second copy of it.
 */
async function upgradeRows(file: BackupFile, current: number): Promise<Record<TableName, unknown[]>> {
  const name = `touchbase-restore-${file.exportedAt}-${Math.random().toString(36).slice(2)}`;
  const tables = [...backupTables(file.schemaVersion).keys()];
  try {
    const old = new TouchbaseDb(name, file.schemaVersion);
    await old.open();
    await old.transaction(
      'rw',
      tables.map((t) => old.table(t)),
      async () => {
        for (const t of tables) await old.table(t).bulkAdd(file.tables[t] ?? []);
      },
    );
    old.close();
    const upgraded = new TouchbaseDb(name, current);
    await upgraded.open();
    const out: Record<TableName, unknown[]> = {};
    for (const t of backupTables(current).keys()) out[t] = await upgraded.table(t).toArray();
    upgraded.close();
    return out;
  } finally {
    await Dexie.delete(name);
  }
}

/**
 * Replaces everything with the backup, in one transaction: either all of it lands or nothing
 * changes (a failed restore leaves the current data exactly as it was). A backup from an older
 * schema is upgraded first; pending undos are dropped (they describe the replaced data).
 */
export async function restoreBackup(db: TouchbaseDb, text: string): Promise<{ rows: number }> {
  const file = parseBackup(text, db.verno);
  let data: Record<TableName, unknown[]>;
  try {
    data = file.schemaVersion < db.verno ? await upgradeRows(file, db.verno) : file.tables;
  } catch (err) {
    throw new BackupError(
      msg('err_backup_upgrade', {
        reason: msgOf(err) ?? (err instanceof Error ? err.message : String(err)),
      }),
    );
  }
  const names = [...backupTables(db.verno).keys()];
  let rows = 0;
  await db.transaction(
    'rw',
    [...names, 'undo'].map((t) => db.table(t)),
    async () => {
      await db.undo.clear();
      for (const t of names) {
        await db.table(t).clear();
        const list = data[t] ?? [];
        await db.table(t).bulkAdd(list);
        rows += list.length;
      }
    },
  );
  return { rows };
}
