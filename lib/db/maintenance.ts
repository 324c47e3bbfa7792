/**
 * Settings saves and whole-database operations the dashboard asks the background for.
 */
import { joinMsgs, msg } from '@/lib/i18n/msg';
import { cleanScoring } from '@/lib/scoring';
import { validateSettings } from '@/lib/settings/validate';
import { findPlaybook, RepoError } from './repo';
import type { RepSettings, TouchbaseDb } from './schema';
import { saveSettings } from './settings';

/** Validates, then saves; a refused change writes nothing and names the problem. */
export async function saveRepSettings(db: TouchbaseDb, patch: Partial<RepSettings>): Promise<RepSettings> {
  if (typeof patch !== 'object' || patch === null) throw new RepoError(msg('err_nothing_to_save'));
  const clean: Partial<RepSettings> = { ...patch };
  if (typeof clean.timeZone === 'string') clean.timeZone = clean.timeZone.trim();
  if (clean.scoring !== undefined) clean.scoring = cleanScoring(clean.scoring);
  const problems = validateSettings(clean);
  if (problems.length) throw new RepoError(joinMsgs(problems.map((p) => p.msg)));
  for (const id of Object.values(clean.defaultPlaybookBySource ?? {})) {
    if (id && !(await findPlaybook(db, id))) throw new RepoError(msg('err_no_playbook', { id }));
  }
  return saveSettings(db, clean);
}

/** The phrase the rep must type before everything is deleted. */
export const DELETE_ALL_PHRASE = 'DELETE';

/** Empties every table in one transaction (settings go back to their defaults). */
export async function deleteAllData(db: TouchbaseDb, confirm: string): Promise<void> {
  if (confirm !== DELETE_ALL_PHRASE)
    throw new RepoError(msg('err_type_to_confirm', { phrase: DELETE_ALL_PHRASE }));
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) await t.clear();
  });
}
