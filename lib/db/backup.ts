import type { TouchbaseDb } from './schema';

/** Backup file format. Bumped only when the layout of the file itself changes. */
export const BACKUP_FORMAT = 'touchbase-backup';
export const BACKUP_VERSION = 1;

const TABLES = [
  'contacts',
  'enrolments',
  'touches',
  'activities',
  'playbooks',
  'templates',
  'settings',
  'meta',
] as const;
type TableName = (typeof TABLES)[number];

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** Dexie schema version that wrote it. */
  schemaVersion: number;
  exportedAt: number;
  tables: Record<TableName, unknown[]>;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

/** The whole database as one JSON document. */
export async function exportBackup(db: TouchbaseDb, now: number): Promise<string> {
  return db.transaction(
    'r',
    TABLES.map((t) => db.table(t)),
    async () => {
      const tables = {} as Record<TableName, unknown[]>;
      for (const t of TABLES) tables[t] = await db.table(t).toArray();
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

const KEY_FIELD: Record<TableName, string> = {
  contacts: 'id',
  enrolments: 'id',
  touches: 'id',
  activities: 'id',
  playbooks: 'id',
  templates: 'id',
  settings: 'key',
  meta: 'key',
};

/** Checks a file completely before anything is written; throws a BackupError a rep can read. */
export function parseBackup(text: string, currentSchemaVersion: number): BackupFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BackupError(
      'This file is not a Touchbase backup: it is not valid JSON (it may be cut short or corrupted).',
    );
  }
  if (typeof data !== 'object' || data === null)
    throw new BackupError('This file is not a Touchbase backup.');
  const f = data as Partial<BackupFile>;
  if (f.format !== BACKUP_FORMAT)
    throw new BackupError('This file is not a Touchbase backup (it was made by something else).');
  if (f.version !== BACKUP_VERSION)
    throw new BackupError(
      `This backup uses file version ${String(f.version)}, which this Touchbase cannot read.`,
    );
  if (typeof f.schemaVersion !== 'number' || f.schemaVersion > currentSchemaVersion) {
    throw new BackupError('This backup comes from a newer Touchbase. Update the extension, then restore it.');
  }
  if (typeof f.tables !== 'object' || f.tables === null)
    throw new BackupError('This backup has no data tables.');
  for (const t of TABLES) {
    const rows = (f.tables as Record<string, unknown>)[t];
    if (!Array.isArray(rows)) throw new BackupError(`This backup is damaged: the "${t}" table is missing.`);
    rows.forEach((row, i) => {
      if (typeof row !== 'object' || row === null || !(KEY_FIELD[t] in row)) {
        throw new BackupError(`This backup is damaged: row ${i + 1} of "${t}" has no ${KEY_FIELD[t]}.`);
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
    if (!hasEmail && !hasIds)
      throw new BackupError('This backup is damaged: a contact has neither an email address nor a record.');
    if (c.externalIds !== undefined && !Array.isArray(c.externalIds))
      throw new BackupError('This backup is damaged: a contact has unreadable record ids.');
  }
  return f as BackupFile;
}

/**
 * Replaces everything with the backup, in one transaction: either all of it lands or nothing
 * changes (a failed restore leaves the current data exactly as it was).
 */
export async function restoreBackup(db: TouchbaseDb, text: string): Promise<{ rows: number }> {
  const file = parseBackup(text, db.verno);
  let rows = 0;
  await db.transaction(
    'rw',
    TABLES.map((t) => db.table(t)),
    async () => {
      for (const t of TABLES) {
        await db.table(t).clear();
        const data =
          t === 'contacts' && file.schemaVersion < 6 ? file.tables[t].map(withExternalIds) : file.tables[t];
        await db.table(t).bulkAdd(data);
        rows += data.length;
      }
    },
  );
  return { rows };
}

/** A contact from a backup older than v6 gets the field that version added. */
function withExternalIds(row: unknown): unknown {
  const c = row as { externalIds?: unknown };
  return Array.isArray(c.externalIds) ? row : { ...c, externalIds: [] };
}
