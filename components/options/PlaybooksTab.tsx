import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { BUILT_IN_PLAYBOOKS, type Playbook } from '@/lib/cadence';
import { builtInRules, type CadenceRule } from '@/lib/cadence/rules';
import { getDb, getSettings } from '@/lib/db';
import type { PlaybookRow } from '@/lib/db/schema';
import { nameList, t, tn } from '@/lib/i18n';
import { builtInText, LEAD_SOURCE_LABELS } from '@/lib/labels';
import { request } from '@/lib/messaging/client';
import { copyName } from '@/lib/playbook-editor';
import { describeRule } from '@/lib/playbook-editor/rules';
import { PlaybookEditor, type PlaybookDraft } from './playbooks/PlaybookEditor';
import { SchedulePreview } from './playbooks/SchedulePreview';
import { StepTimeline } from './playbooks/StepTimeline';
import { isTheirs, ShareSwitch, TeamChip, useTeamView } from './team/TeamLibrary';
import './playbooks/playbooks.css';

/** A playbook's rules to edit: its own, or a copy of the built-ins it runs by when it has none. */
/** A playbook's rules; the built-in rules' names in the rep's language (they edit from there). */
function rulesOf(p: Playbook): CadenceRule[] {
  return (p.rules ? structuredClone(p.rules) : builtInRules()).map((r) => ({
    ...r,
    name: builtInText(r.name),
  }));
}

function span(p: Playbook): string {
  const last = p.steps.reduce((m, s) => Math.max(m, s.day), 0);
  return `${tn('pb_span_steps', p.steps.length)} · ${tn('pb_span_days', last)}`;
}

/** The five built-ins and the rep's own playbooks: read, copy and edit, preview the schedule. */
export function PlaybooksTab() {
  const data = useLiveQuery(async () => {
    const db = getDb();
    const [own, settings] = await Promise.all([db.playbooks.toArray(), getSettings(db)]);
    own.sort((a, b) => a.name.localeCompare(b.name));
    return { own, settings };
  });
  const [selectedId, setSelectedId] = useState<string>(BUILT_IN_PLAYBOOKS[0]!.id);
  const [editing, setEditing] = useState<PlaybookDraft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const team = useTeamView();

  if (!data) return <p className="tb-muted">{t('common_loading')}</p>;
  const { settings } = data;
  // Teammates' shared playbooks get their own list; the rep's own (shared or not) stay "Yours".
  const own = data.own.filter((p) => !isTheirs(p.team, team));
  const teams = data.own.filter((p) => isTheirs(p.team, team));
  const all: (Playbook | PlaybookRow)[] = [...BUILT_IN_PLAYBOOKS, ...own, ...teams];
  const shareOf = (p: Playbook | PlaybookRow) => (p as PlaybookRow).team;
  const selected = all.find((p) => p.id === selectedId) ?? BUILT_IN_PLAYBOOKS[0]!;
  const usedAsDefault = Object.entries(settings.defaultPlaybookBySource)
    .filter(([, id]) => id === selected.id)
    .map(([src]) => LEAD_SOURCE_LABELS[src as keyof typeof LEAD_SOURCE_LABELS] ?? src);

  const select = (id: string) => {
    if (editing && !window.confirm(t('pb_confirm_discard'))) return;
    setEditing(null);
    setNotice(null);
    setSelectedId(id);
  };

  const startCopy = (p: Playbook) => {
    setNotice(null);
    setEditing({
      // A copy of a built-in starts from its words in the rep's language; from then on they are the rep's.
      name: copyName(
        builtInText(p.name),
        all.map((x) => builtInText(x.name)),
        (n) =>
          n === 1
            ? t('pb_copy_name', { name: builtInText(p.name).trim() })
            : t('pb_copy_name_n', { name: builtInText(p.name).trim(), n }),
      ),
      description: builtInText(p.description),
      steps: p.steps.map((s) => (s.note === undefined ? { ...s } : { ...s, note: builtInText(s.note) })),
      rules: rulesOf(p),
    });
  };

  const remove = async (p: Playbook) => {
    if (!window.confirm(t('pb_delete_confirm', { name: p.name }))) return;
    try {
      const res = await request('playbook.delete', { id: p.id });
      const parts = [t('pb_deleted', { name: p.name })];
      if (res.runningEnrolments) parts.push(tn('pb_deleted_running', res.runningEnrolments));
      if (res.defaultsReset.length)
        parts.push(
          t('pb_defaults_reset', {
            sources: nameList(
              res.defaultsReset.map((s) => LEAD_SOURCE_LABELS[s]),
              res.defaultsReset.length,
            ),
          }),
        );
      setNotice(parts.join(' '));
      setSelectedId(BUILT_IN_PLAYBOOKS[0]!.id);
    } catch (err) {
      setNotice(err instanceof Error ? err.message : String(err));
    }
  };

  const item = (p: Playbook) => (
    <li key={p.id}>
      <button
        type="button"
        className={p.id === selected.id ? 'active' : ''}
        aria-current={p.id === selected.id ? 'true' : undefined}
        onClick={() => select(p.id)}
        data-testid={`playbook-item-${p.id}`}
      >
        <span className="tb-pb-item-name">{builtInText(p.name)}</span>
        <span className="tb-muted tb-pb-item-meta">{span(p)}</span>
        <TeamChip share={shareOf(p)} team={team} />
      </button>
    </li>
  );

  return (
    <div className="tb-pb">
      <aside className="tb-pb-list" aria-label={t('tab_playbooks')}>
        <div className="tb-section-title">{t('pb_built_in')}</div>
        <ul>{BUILT_IN_PLAYBOOKS.map(item)}</ul>
        <div className="tb-section-title">{t('pb_yours')}</div>
        {own.length ? (
          <ul data-testid="own-playbooks">{own.map(item)}</ul>
        ) : (
          <p className="tb-muted tb-pb-empty">{t('pb_empty_own')}</p>
        )}
        {teams.length > 0 && (
          <>
            <div className="tb-section-title">{t('team_library_section')}</div>
            <ul data-testid="team-playbooks">{teams.map(item)}</ul>
          </>
        )}
      </aside>

      <section className="tb-pb-detail">
        {notice && (
          <p className="tb-pb-notice" role="status" data-testid="playbook-notice">
            {notice}
          </p>
        )}
        {editing ? (
          <>
            <h2>
              {editing.id
                ? t('pb_edit_title', { name: selected.name })
                : t('pb_new_from', { name: selected.name })}
            </h2>
            <PlaybookEditor
              key={editing.id ?? `copy-${selected.id}`}
              initial={editing}
              settings={settings}
              onCancel={() => setEditing(null)}
              onSaved={(id, warnings) => {
                setEditing(null);
                setSelectedId(id);
                setNotice(warnings ? tn('pb_saved_warnings', warnings) : t('pb_saved'));
              }}
            />
          </>
        ) : (
          <>
            <div className="tb-pb-head">
              <div>
                <h2 data-testid="playbook-title">{builtInText(selected.name)}</h2>
                <p className="tb-pb-desc">{builtInText(selected.description)}</p>
                <div className="tb-row">
                  {shareOf(selected) ? (
                    <TeamChip share={shareOf(selected)} team={team} />
                  ) : (
                    <span className="tb-chip">{selected.builtIn ? t('pb_built_in') : t('pb_yours')}</span>
                  )}
                  <span className="tb-chip">{span(selected)}</span>
                  {usedAsDefault.length > 0 && (
                    <span className="tb-chip">
                      {t('pb_default_for', { sources: nameList(usedAsDefault, usedAsDefault.length) })}
                    </span>
                  )}
                </div>
              </div>
              <div className="tb-row tb-pb-head-actions">
                {!selected.builtIn && (
                  <button
                    type="button"
                    onClick={() =>
                      setEditing({
                        id: selected.id,
                        name: selected.name,
                        description: selected.description,
                        steps: selected.steps.map((s) => ({ ...s })),
                        rules: rulesOf(selected),
                      })
                    }
                    data-testid="playbook-edit"
                  >
                    {t('common_edit')}
                  </button>
                )}
                <button
                  type="button"
                  className={selected.builtIn ? 'primary' : ''}
                  onClick={() => startCopy(selected)}
                  data-testid="playbook-copy"
                >
                  {t('pb_copy_edit')}
                </button>
                {!selected.builtIn && !isTheirs(shareOf(selected), team) && (
                  <button type="button" className="danger" onClick={() => remove(selected)}>
                    {t('common_delete')}
                  </button>
                )}
              </div>
            </div>
            {!selected.builtIn && (
              <ShareSwitch
                kind="playbook"
                id={selected.id}
                share={shareOf(selected)}
                team={team}
                onNotice={setNotice}
              />
            )}
            <div className="tb-pb-columns">
              <StepTimeline steps={selected.steps} />
              <SchedulePreview key={selected.id} steps={selected.steps} settings={settings} />
            </div>
            <section className="tb-rules" data-testid="playbook-rules">
              <h3>{t('pb_rules')}</h3>
              {rulesOf(selected).length === 0 ? (
                <p className="tb-muted">{t('pb_no_rules')}</p>
              ) : (
                <ul className="tb-rule-read">
                  {rulesOf(selected).map((r) => (
                    <li
                      key={r.id}
                      className={r.enabled === false ? 'off' : undefined}
                      data-testid="playbook-rule"
                    >
                      <strong>{r.name}</strong>
                      {r.enabled === false ? <span className="tb-chip">{t('pb_rule_off')}</span> : null}
                      <span className="tb-muted"> {describeRule(r)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </section>
    </div>
  );
}
