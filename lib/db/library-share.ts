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
import { msg } from '@/lib/i18n/msg';

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
  if (typeof id !== 'string' || id === '') throw new RepoError(msg('err_share_pick'));
  const table = kind === 'playbook' ? db.playbooks : db.templates;
  return db.transaction('rw', table, db.meta, async () => {
    const me = await syncMe(db);
    const on = (await db.meta.get(SYNC_ON_KEY))?.value;
    if (!me || !on) throw new RepoError(msg('err_share_sync_off'));
    const builtIn =
      kind === 'playbook' ? BUILT_IN_PLAYBOOKS.some((p) => p.id === id) : getBuiltIn(id) !== undefined;
    if (builtIn)
      throw new RepoError(
        msg(kind === 'playbook' ? 'err_share_builtin_playbook' : 'err_share_builtin_template'),
      );
    const row = (await table.get(id)) as PlaybookRow | TemplateRow | undefined;
    if (!row) throw new RepoError(msg('err_share_gone'));
    if (row.team && row.team.by.id !== me.id)
      throw new RepoError(msg('err_share_not_author', { author: row.team.by.name }));
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
  throw new RepoError(msg('err_share_remove_not_author', { author: row.team.by.name }));
}
