import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { LEAD_SOURCES, type LeadSource } from '@/lib/cadence/types';
import { useSyncStatus } from '@/components/shared/useSyncStatus';
import { getDb } from '@/lib/db';
import { loadReps, loadRules } from '@/lib/db/assignment';
import { syncMe } from '@/lib/db/ownership';
import { t } from '@/lib/i18n';
import { LEAD_SOURCE_LABELS } from '@/lib/labels';
import { request } from '@/lib/messaging/client';
import { type AssignIssue, type AssignRule, checkRules, type RepRef } from '@/lib/sync/assign';

/** A rule as the form holds it: scores as typed, so a half-typed number is not lost. */
interface DraftRule {
  id: string;
  sources: LeadSource[];
  min: string;
  max: string;
  reps: RepRef[];
}

function toDraft(r: AssignRule): DraftRule {
  return {
    id: r.id,
    sources: r.sources ?? [],
    min: r.minScore === undefined ? '' : String(r.minScore),
    max: r.maxScore === undefined ? '' : String(r.maxScore),
    reps: r.reps,
  };
}

/** An empty box is no bound; anything else is checked as a score (NaN fails the check). */
function score(v: string): number | undefined {
  return v.trim() === '' ? undefined : Number(v);
}

function toRule(d: DraftRule): AssignRule {
  const r: AssignRule = { id: d.id, reps: d.reps };
  if (d.sources.length) r.sources = d.sources;
  const min = score(d.min);
  const max = score(d.max);
  if (min !== undefined) r.minScore = min;
  if (max !== undefined) r.maxScore = max;
  return r;
}

function issueText(i: AssignIssue): string {
  switch (i.code) {
    case 'no-reps':
      return t('assign_issue_no_reps');
    case 'duplicate-rep':
      return t('assign_issue_duplicate_rep');
    case 'too-many-reps':
      return t('assign_issue_too_many_reps');
    case 'score-range':
      return t('assign_issue_score_range');
    case 'score-order':
      return t('assign_issue_score_order');
    case 'unknown-source':
      return t('assign_issue_unknown_source');
    case 'unreachable':
      return t('assign_issue_unreachable', { n: (i.above ?? 0) + 1 });
    case 'too-many-rules':
      return t('assign_issue_too_many_rules');
  }
}

const newId = () => `rule-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;

/**
 * Settings → Team sync → Assignment: the team's routing rules for new leads. Shared with every
 * rep (the latest save wins), checked as the rep edits, saved through the background.
 */
export function AssignmentSection() {
  const { config } = useSyncStatus();
  const data = useLiveQuery(async () => {
    const db = getDb();
    const [stored, reps, me] = await Promise.all([loadRules(db), loadReps(db), syncMe(db)]);
    return { stored, reps, me };
  });
  const [draft, setDraft] = useState<DraftRule[]>();
  const [issues, setIssues] = useState<AssignIssue[]>([]);
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  // A save from another rep arriving at a sync replaces the form unless the rep is mid-edit.
  const [editing, setEditing] = useState(false);
  const storedRules = data?.stored.rules;
  useEffect(() => {
    if (storedRules && !editing) setDraft(storedRules.map(toDraft));
  }, [storedRules, editing]);

  /** Everyone the rules can name: announced reps, this rep, and any rep the rules still name. */
  const roster = useMemo(() => {
    const byId = new Map<string, RepRef>();
    if (data?.me) byId.set(data.me.id, data.me);
    for (const r of data?.reps ?? []) byId.set(r.id, { id: r.id, name: r.name });
    for (const rule of draft ?? []) for (const r of rule.reps) if (!byId.has(r.id)) byId.set(r.id, r);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [data, draft]);

  // Routing only exists on a team: with sync off the section is not there at all.
  if (!config?.enabled || !data || !draft) return null;

  const edit = (next: DraftRule[]) => {
    setEditing(true);
    setMessage(undefined);
    setDraft(next);
    // Once the rep has tried to save, the issues follow their edits.
    if (issues.length) setIssues(checkRules(next.map(toRule)));
  };
  const setRule = (i: number, patch: Partial<DraftRule>) =>
    edit(draft.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...draft];
    const [r] = next.splice(i, 1);
    if (r) next.splice(i + by, 0, r);
    edit(next);
  };
  const toggle = <T,>(list: T[], x: T, on: boolean, same: (a: T, b: T) => boolean) =>
    on ? [...list.filter((y) => !same(y, x)), x] : list.filter((y) => !same(y, x));

  async function save() {
    if (!draft) return;
    const rules = draft.map(toRule);
    const found = checkRules(rules);
    setIssues(found);
    if (found.length) {
      setMessage({ text: t('assign_fix_first'), error: true });
      return;
    }
    setBusy(true);
    try {
      const res = await request('assign.save', { rules });
      if ('issues' in res) {
        setIssues(res.issues);
        setMessage({ text: t('assign_fix_first'), error: true });
        return;
      }
      setEditing(false);
      setMessage({ text: t('assign_saved') });
    } catch (err) {
      setMessage({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
    }
  }

  const problemsOf = (i: number, field: AssignIssue['field']) =>
    issues
      .filter((x) => x.rule === i && x.field === field)
      .map((x) => (
        <span key={x.code} className="tb-problem error" role="alert" data-testid={`assign-problem-${i + 1}`}>
          {issueText(x)}
        </span>
      ));

  return (
    <section data-testid="settings-assignment">
      <h4 style={{ marginBottom: 4 }}>{t('assign_title')}</h4>
      <p className="tb-muted" style={{ marginTop: 0 }}>
        {t('assign_intro')}
      </p>
      {issues
        .filter((x) => x.code === 'too-many-rules')
        .map((x) => (
          <p key={x.code} className="tb-problem error" role="alert">
            {issueText(x)}
          </p>
        ))}
      {draft.length === 0 && (
        <p className="tb-muted" data-testid="assign-empty">
          {t('assign_none')}
        </p>
      )}
      <ol style={{ paddingLeft: 0, listStyle: 'none', display: 'grid', gap: 8 }}>
        {draft.map((r, i) => {
          const n = i + 1;
          return (
            <li key={r.id} className="tb-card" data-testid={`assign-rule-${n}`}>
              <div className="tb-row" style={{ justifyContent: 'space-between' }}>
                <strong>{t('assign_rule_n', { n })}</strong>
                <span className="tb-row">
                  <button
                    type="button"
                    onClick={() => move(i, -1)}
                    disabled={i === 0}
                    aria-label={t('assign_move_up', { n })}
                    title={t('assign_move_up', { n })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    onClick={() => move(i, 1)}
                    disabled={i === draft.length - 1}
                    aria-label={t('assign_move_down', { n })}
                    title={t('assign_move_down', { n })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() => edit(draft.filter((_, j) => j !== i))}
                    data-testid={`assign-remove-${n}`}
                  >
                    {t('assign_remove')}
                  </button>
                </span>
              </div>
              {problemsOf(i, 'order')}
              <fieldset style={{ border: 0, padding: 0, margin: '6px 0' }}>
                <legend>{t('assign_sources')}</legend>
                <div className="tb-row">
                  {LEAD_SOURCES.map((s) => (
                    <label key={s} className="tb-row" style={{ gap: 3 }}>
                      <input
                        type="checkbox"
                        checked={r.sources.includes(s)}
                        onChange={(e) =>
                          setRule(i, { sources: toggle(r.sources, s, e.target.checked, (a, b) => a === b) })
                        }
                        data-testid={`assign-${n}-source-${s}`}
                      />
                      {LEAD_SOURCE_LABELS[s]}
                    </label>
                  ))}
                </div>
                <span className="tb-muted">{r.sources.length ? '' : t('assign_any_source')}</span>
                {problemsOf(i, 'sources')}
              </fieldset>
              <div className="tb-row">
                <label className="tb-row" style={{ gap: 4 }}>
                  {t('assign_score_from')}
                  <input
                    type="number"
                    min={0}
                    max={100}
                    style={{ width: 70 }}
                    value={r.min}
                    placeholder="0"
                    aria-invalid={issues.some((x) => x.rule === i && x.field === 'score') || undefined}
                    onChange={(e) => setRule(i, { min: e.target.value })}
                    data-testid={`assign-${n}-min`}
                  />
                </label>
                <label className="tb-row" style={{ gap: 4 }}>
                  {t('assign_score_to')}
                  <input
                    type="number"
                    min={0}
                    max={100}
                    style={{ width: 70 }}
                    value={r.max}
                    placeholder="100"
                    aria-invalid={issues.some((x) => x.rule === i && x.field === 'score') || undefined}
                    onChange={(e) => setRule(i, { max: e.target.value })}
                    data-testid={`assign-${n}-max`}
                  />
                </label>
                <span className="tb-muted">{t('assign_score_hint')}</span>
              </div>
              {problemsOf(i, 'score')}
              <fieldset style={{ border: 0, padding: 0, margin: '6px 0 0' }}>
                <legend>{t('assign_reps')}</legend>
                <div className="tb-row">
                  {roster.map((p) => (
                    <label key={p.id} className="tb-row" style={{ gap: 3 }}>
                      <input
                        type="checkbox"
                        checked={r.reps.some((x) => x.id === p.id)}
                        onChange={(e) =>
                          setRule(i, {
                            reps: roster.filter((x) =>
                              x.id === p.id ? e.target.checked : r.reps.some((y) => y.id === x.id),
                            ),
                          })
                        }
                        data-testid={`assign-${n}-rep-${p.name}`}
                      />
                      {p.id === data.me?.id ? t('assign_rep_me', { name: p.name }) : p.name}
                    </label>
                  ))}
                </div>
                <span className="tb-muted">
                  {r.reps.length > 1 ? t('assign_round_robin', { count: r.reps.length }) : ''}
                </span>
                {problemsOf(i, 'reps')}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p className="tb-muted">{t('assign_fallback')}</p>
      <div className="tb-row">
        <button
          type="button"
          onClick={() => edit([...draft, { id: newId(), sources: [], min: '', max: '', reps: [] }])}
          data-testid="assign-add"
        >
          {t('assign_add')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void save()}
          disabled={busy}
          data-testid="assign-save"
        >
          {t('assign_save')}
        </button>
        {editing && (
          <button
            type="button"
            onClick={() => {
              setEditing(false);
              setIssues([]);
              setMessage(undefined);
            }}
          >
            {t('common_discard')}
          </button>
        )}
        {message && (
          <span
            className={message.error ? 'tb-problem error' : 'tb-muted'}
            role={message.error ? 'alert' : 'status'}
            data-testid="assign-message"
          >
            {message.text}
          </span>
        )}
      </div>
    </section>
  );
}
