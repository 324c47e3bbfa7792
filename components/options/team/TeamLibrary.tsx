import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb, type LibraryShare, SYNC_ON_KEY, syncMe, type TeamMe } from '@/lib/db';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import './team.css';

/** Team sync as the library sees it: on or off, and who this rep is on the team. */
export interface TeamView {
  on: boolean;
  me?: TeamMe;
}

/** Read live from the database, so the switch appears the moment sync is connected. */
export function useTeamView(): TeamView | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const [on, me] = await Promise.all([db.meta.get(SYNC_ON_KEY), syncMe(db)]);
    return { on: !!on?.value, me };
  });
}

/** Whether a shared item is a teammate's (not this rep's own). */
export function isTheirs(share: LibraryShare | undefined, team: TeamView | undefined): boolean {
  return !!share && share.by.id !== team?.me?.id;
}

/** "Team · by Ana" on a teammate's item, "Shared with the team" on this rep's own shared one. */
export function TeamChip({ share, team }: { share?: LibraryShare; team?: TeamView }) {
  if (!share) return null;
  return isTheirs(share, team) ? (
    <span className="tb-chip tb-team-chip" data-testid="team-chip">
      {t('team_library_by', { name: share.by.name })}
    </span>
  ) : (
    <span className="tb-chip tb-team-chip mine" data-testid="team-chip">
      {t('team_library_mine_shared')}
    </span>
  );
}

/**
 * The "Share with team" switch of one of the rep's playbooks or templates (team sync on), or, on a
 * teammate's, who shared it and what the rep may do with it.
 */
export function ShareSwitch(props: {
  kind: 'playbook' | 'template';
  id: string;
  share?: LibraryShare;
  team?: TeamView;
  onNotice: (text: string) => void;
}) {
  const { kind, id, share, team, onNotice } = props;
  const [busy, setBusy] = useState(false);
  if (!team?.on && !share) return null;
  if (share && isTheirs(share, team)) {
    return (
      <p className="tb-muted tb-team-hint" data-testid="team-theirs">
        {t('team_library_theirs_hint', { name: share.by.name })}
        {share.editedBy && share.editedBy.id !== share.by.id ? (
          <> · {t('team_library_edited_by', { name: share.editedBy.name })}</>
        ) : null}
      </p>
    );
  }
  const toggle = async (shared: boolean) => {
    setBusy(true);
    try {
      await request('library.share', { kind, id, shared });
      onNotice(t(shared ? 'team_library_shared_notice' : 'team_library_unshared_notice'));
    } catch (err) {
      onNotice(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tb-team-share">
      <label className="tb-toggle">
        <input
          type="checkbox"
          role="switch"
          checked={!!share}
          aria-checked={!!share}
          disabled={busy || !team?.on}
          onChange={(e) => void toggle(e.target.checked)}
          data-testid="team-share"
        />
        <span>{t('team_library_share')}</span>
      </label>
      <span className="tb-muted tb-team-hint">
        {t('team_library_share_hint')}
        {share?.editedBy && share.editedBy.id !== share.by.id ? (
          <> · {t('team_library_edited_by', { name: share.editedBy.name })}</>
        ) : null}
      </span>
    </div>
  );
}
