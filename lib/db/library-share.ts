/**
 * The team library (team sync on): a rep shares one of their own playbooks or templates with the
 * team, or stops sharing it. Who may do what, the way a small sales team works:
 * - anyone on the team uses a shared playbook or template (enrols with it, drafts from it) and may
 *   edit it: the edit reaches every teammate at their next sync (the latest edit of each field wins);
 * - only the rep who shared it stops sharing it or deletes it; a teammate who wants their own
 *   version copies it ("Copy and edit" / "Duplicate"), and the copy is private until they share it.
 * Built-ins and edited built-ins are not shared: copy one to share it. The documents themselves
 * are made by the push (lib/sync/library.ts) from the `team` field written here.
 */
import { BUILT_IN_PLAYBOOKS } from '@/lib/cadence';
import { getBuiltIn } from '@/lib/templates/library';
import { syncMe } from './ownership';
import { RepoError } from './repo';
import { SYNC_ON_KEY } from './outbox';
import type { LibraryShare, PlaybookRow, TemplateRow, TouchbaseDb } from './schema';

export type LibraryItemKind = 'playbook' | 'template';

/**
 * Shares (or stops sharing) one of this rep's playbooks or templates. Refused while team sync is
 * off, for built-ins, and for a teammate's shared one (only its author stops sharing it).
 */
export async function shareLibraryItem(
  db: TouchbaseDb,
  kind: LibraryItemKind,
  id: string,
  shared: boolean,
): Promise<{ shared: boolean }> {
  if (typeof id !== 'string' || id === '') throw new RepoError('Pick a playbook or template to share.');
  const table = kind === 'playbook' ? db.playbooks : db.templates;
  return db.transaction('rw', table, db.meta, async () => {
    const me = await syncMe(db);
    const on = (await db.meta.get(SYNC_ON_KEY))?.value;
    if (!me || !on) throw new RepoError('Turn on team sync in Settings first: sharing goes through it.');
    const builtIn =
      kind === 'playbook' ? BUILT_IN_PLAYBOOKS.some((p) => p.id === id) : getBuiltIn(id) !== undefined;
    if (builtIn)
      throw new RepoError(
        kind === 'playbook'
          ? 'Built-in playbooks are already in everyone’s library; copy one to share your version.'
          : 'Built-in templates are already in everyone’s library; duplicate one to share your version.',
      );
    const row = (await table.get(id)) as PlaybookRow | TemplateRow | undefined;
    if (!row) throw new RepoError('This no longer exists; it may have been deleted in another tab.');
    if (row.team && row.team.by.id !== me.id)
      throw new RepoError(`Only ${row.team.by.name} can stop sharing this; copy it to make your own.`);
    if (shared === !!row.team) return { shared };
    if (shared) {
      const team: LibraryShare = { by: { id: me.id, name: me.name } };
      await table.put({ ...row, team } as PlaybookRow & TemplateRow);
    } else {
      const { team: _team, ...own } = row;
      await table.put(own as PlaybookRow & TemplateRow);
    }
    return { shared };
  });
}

/**
 * Deleting a shared playbook or template takes it out of the whole team's library, so only the
 * rep who shared it may (inside the caller's transaction, which must include `meta`).
 */
export async function assertMayRemove(db: TouchbaseDb, row: PlaybookRow | TemplateRow): Promise<void> {
  if (!row.team) return;
  const me = await syncMe(db);
  if (me && row.team.by.id === me.id) return;
  throw new RepoError(
    `${row.team.by.name} shared this with the team: only ${row.team.by.name} can remove it. Copy it to make your own.`,
  );
}
