import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { BUILT_IN_PLAYBOOKS, type Playbook } from '@/lib/cadence';
import { builtInRules, type CadenceRule, describeRule } from '@/lib/cadence/rules';
import { getDb, getSettings } from '@/lib/db';
import type { PlaybookRow } from '@/lib/db/schema';
import { LEAD_SOURCE_LABELS } from '@/lib/labels';
import { request } from '@/lib/messaging/client';
import { copyName } from '@/lib/playbook-editor';
import { PlaybookEditor, type PlaybookDraft } from './playbooks/PlaybookEditor';
import { SchedulePreview } from './playbooks/SchedulePreview';
import { StepTimeline } from './playbooks/StepTimeline';
import './playbooks/playbooks.css';

/** A playbook's rules to edit: its own, or a copy of the built-ins it runs by when it has none. */
function rulesOf(p: Playbook): CadenceRule[] {
  return p.rules ? structuredClone(p.rules) : builtInRules();
}

function span(p: Playbook): string {
  const last = p.steps.reduce((m, s) => Math.max(m, s.day), 0);
  return `${p.steps.length} steps · ${last} days`;
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

  if (!data) return <p className="tb-muted">Loading…</p>;
  const { own, settings } = data;
  const all: (Playbook | PlaybookRow)[] = [...BUILT_IN_PLAYBOOKS, ...own];
  const selected = all.find((p) => p.id === selectedId) ?? BUILT_IN_PLAYBOOKS[0]!;
  const usedAsDefault = Object.entries(settings.defaultPlaybookBySource)
    .filter(([, id]) => id === selected.id)
    .map(([src]) => LEAD_SOURCE_LABELS[src as keyof typeof LEAD_SOURCE_LABELS] ?? src);

  const select = (id: string) => {
    if (editing && !window.confirm('Discard the changes to this playbook?')) return;
    setEditing(null);
    setNotice(null);
    setSelectedId(id);
  };

  const startCopy = (p: Playbook) => {
    setNotice(null);
    setEditing({
      name: copyName(
        p.name,
        all.map((x) => x.name),
      ),
      description: p.description,
      steps: p.steps.map((s) => ({ ...s })),
      rules: rulesOf(p),
    });
  };

  const remove = async (p: Playbook) => {
    if (!window.confirm(`Delete "${p.name}"? Contacts already in it keep their schedule.`)) return;
    try {
      const res = await request('playbook.delete', { id: p.id });
      const parts = [`Deleted "${p.name}".`];
      if (res.runningEnrolments)
        parts.push(
          `${res.runningEnrolments} running sequence${res.runningEnrolments > 1 ? 's keep' : ' keeps'} its own copy of the steps.`,
        );
      if (res.defaultsReset.length)
        parts.push(
          `Default for ${res.defaultsReset.map((s) => LEAD_SOURCE_LABELS[s]).join(', ')} went back to the built-in.`,
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
        <span className="tb-pb-item-name">{p.name}</span>
        <span className="tb-muted tb-pb-item-meta">{span(p)}</span>
      </button>
    </li>
  );

  return (
    <div className="tb-pb">
      <aside className="tb-pb-list" aria-label="Playbooks">
        <div className="tb-section-title">Built-in</div>
        <ul>{BUILT_IN_PLAYBOOKS.map(item)}</ul>
        <div className="tb-section-title">Yours</div>
        {own.length ? (
          <ul data-testid="own-playbooks">{own.map(item)}</ul>
        ) : (
          <p className="tb-muted tb-pb-empty">Copy a built-in playbook to make your own.</p>
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
            <h2>{editing.id ? `Edit “${selected.name}”` : `New playbook from “${selected.name}”`}</h2>
            <PlaybookEditor
              key={editing.id ?? `copy-${selected.id}`}
              initial={editing}
              settings={settings}
              onCancel={() => setEditing(null)}
              onSaved={(id, warnings) => {
                setEditing(null);
                setSelectedId(id);
                setNotice(
                  warnings
                    ? `Saved with ${warnings} warning${warnings > 1 ? 's' : ''}. It's ready to pick when you enrol a contact.`
                    : "Saved. It's ready to pick when you enrol a contact.",
                );
              }}
            />
          </>
        ) : (
          <>
            <div className="tb-pb-head">
              <div>
                <h2 data-testid="playbook-title">{selected.name}</h2>
                <p className="tb-pb-desc">{selected.description}</p>
                <div className="tb-row">
                  <span className="tb-chip">{selected.builtIn ? 'Built-in' : 'Yours'}</span>
                  <span className="tb-chip">{span(selected)}</span>
                  {usedAsDefault.length > 0 && (
                    <span className="tb-chip">Default for {usedAsDefault.join(', ')}</span>
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
                    Edit
                  </button>
                )}
                <button
                  type="button"
                  className={selected.builtIn ? 'primary' : ''}
                  onClick={() => startCopy(selected)}
                  data-testid="playbook-copy"
                >
                  Copy and edit
                </button>
                {!selected.builtIn && (
                  <button type="button" className="danger" onClick={() => remove(selected)}>
                    Delete
                  </button>
                )}
              </div>
            </div>
            <div className="tb-pb-columns">
              <StepTimeline steps={selected.steps} />
              <SchedulePreview key={selected.id} steps={selected.steps} settings={settings} />
            </div>
            <section className="tb-rules" data-testid="playbook-rules">
              <h3>Rules</h3>
              {rulesOf(selected).length === 0 ? (
                <p className="tb-muted">No rules: this playbook runs its steps by the calendar only.</p>
              ) : (
                <ul className="tb-rule-read">
                  {rulesOf(selected).map((r) => (
                    <li
                      key={r.id}
                      className={r.enabled === false ? 'off' : undefined}
                      data-testid="playbook-rule"
                    >
                      <strong>{r.name}</strong>
                      {r.enabled === false ? <span className="tb-chip">Off</span> : null}
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
