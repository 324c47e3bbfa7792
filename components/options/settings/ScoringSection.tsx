import { useMemo } from 'react';
import { LEAD_SOURCES } from '@/lib/cadence/types';
import { LEAD_SOURCE_LABELS } from '@/lib/labels';
import {
  CUSTOM_OP_LABELS,
  CUSTOM_OPS,
  type CustomOp,
  DEFAULT_SCORING,
  ENGAGEMENT_LABELS,
  ENGAGEMENT_SIGNALS,
  type EngagementSignal,
  newScoreRule,
  type ScoreCondition,
  type ScoreFacts,
  type ScoreRule,
  type ScoringSettings,
  scoreLead,
  starterCondition,
  suggestLabel,
  validateScoring,
} from '@/lib/scoring';
import { t } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import type { MessageKey } from '@/lib/i18n/msg';
import { scoreExplanation } from '@/lib/labels/score';

const DAY = 86_400_000;

/** Leads a rep recognises, scored live with the draft rules so a change shows what it does. */
const EXAMPLES: { who: MessageKey; facts: (now: number) => ScoreFacts }[] = [
  {
    who: 'scoring_example_referral',
    facts: (now) => ({
      leadSource: 'referral',
      custom: { budget: '$25,000' },
      replied: true,
      lastResponseAt: now - 2 * DAY,
      createdAt: now - 4 * DAY,
    }),
  },
  {
    who: 'scoring_example_web_form',
    facts: (now) => ({ leadSource: 'web-form', custom: { 'product interest': 'solar' }, createdAt: now }),
  },
  {
    who: 'scoring_example_cold_outbound',
    facts: (now) => ({ leadSource: 'cold-outbound', createdAt: now - 21 * DAY }),
  },
];

/** An empty box is "no value" (validation says so), not zero. */
function num(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}
const shown = (n: number) => (Number.isFinite(n) ? n : '');

function ConditionEditor({
  n,
  when,
  onChange,
}: {
  n: number;
  when: ScoreCondition;
  onChange(w: ScoreCondition): void;
}) {
  if (when.kind === 'source')
    return (
      <fieldset
        className="tb-days tb-plain"
        aria-label={t('scoring_rule_part', { n, part: t('scoring_part_sources') })}
      >
        {LEAD_SOURCES.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              checked={when.sources.includes(s)}
              onChange={(e) =>
                onChange({
                  kind: 'source',
                  sources: e.target.checked
                    ? LEAD_SOURCES.filter((x) => x === s || when.sources.includes(x))
                    : when.sources.filter((x) => x !== s),
                })
              }
            />
            {LEAD_SOURCE_LABELS[s]}
          </label>
        ))}
      </fieldset>
    );
  if (when.kind === 'engagement')
    return (
      <select
        aria-label={t('scoring_rule_part', { n, part: t('scoring_part_engagement') })}
        value={when.signal}
        onChange={(e) => onChange({ kind: 'engagement', signal: e.target.value as EngagementSignal })}
      >
        {ENGAGEMENT_SIGNALS.map((s) => (
          <option key={s} value={s}>
            {ENGAGEMENT_LABELS[s]}
          </option>
        ))}
      </select>
    );
  if (when.kind !== 'custom') return <span className="tb-problem error">{t('dash_unknown_condition')}</span>;
  return (
    <div className="tb-score-custom">
      <input
        aria-label={t('scoring_rule_part', { n, part: t('scoring_part_field') })}
        placeholder={t('dash_field_e_g_budget_location')}
        value={when.field}
        onChange={(e) => onChange({ ...when, field: e.target.value })}
      />
      <select
        aria-label={t('scoring_rule_part', { n, part: t('scoring_part_comparison') })}
        value={when.op}
        onChange={(e) => {
          const op = e.target.value as CustomOp;
          const next: ScoreCondition = { ...when, op };
          if (op === 'present') delete next.value;
          onChange(next);
        }}
      >
        {CUSTOM_OPS.map((op) => (
          <option key={op} value={op}>
            {CUSTOM_OP_LABELS[op]}
          </option>
        ))}
      </select>
      {when.op !== 'present' ? (
        <input
          aria-label={t('scoring_rule_part', { n, part: t('scoring_part_value') })}
          placeholder={
            when.op === 'at-least' || when.op === 'at-most'
              ? t('scoring_number_example')
              : t('dash_e_g_austin')
          }
          value={when.value ?? ''}
          onChange={(e) => onChange({ ...when, value: e.target.value })}
        />
      ) : null}
    </div>
  );
}

/**
 * Settings → Lead scoring: the numbers and rules behind every lead's score, edited as part of
 * the settings draft (the Save bar saves them), checked as the rep types, with live examples.
 */
export function ScoringSection({
  value,
  onChange,
  now,
}: {
  value: ScoringSettings;
  onChange(next: ScoringSettings): void;
  now: number;
}) {
  const issues = useMemo(() => validateScoring(value), [value]);
  const general = issues.filter((i) => i.rule === undefined);
  const byRule = (n: number) => issues.filter((i) => i.rule === n);
  const examples = useMemo(
    () =>
      issues.length
        ? []
        : EXAMPLES.map((e) => ({ who: t(e.who), score: scoreLead(e.facts(now), value, now) })),
    [issues.length, value, now],
  );
  const set = <K extends keyof ScoringSettings>(key: K, v: ScoringSettings[K]) =>
    onChange({ ...value, [key]: v });
  const setRule = (i: number, patch: Partial<ScoreRule>) =>
    set(
      'rules',
      value.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)),
    );
  const setWhen = (i: number, when: ScoreCondition) => {
    const r = value.rules[i];
    if (!r) return;
    // A label the rep never changed follows the condition; one they wrote stays theirs.
    const followed = r.label === suggestLabel(r.when);
    setRule(i, followed ? { when, label: suggestLabel(when) } : { when });
  };
  const numberField = (
    key: 'base' | 'high' | 'medium' | 'notifyAt' | 'decayPerDay' | 'maxDecay',
    label: string,
    min: number,
    max?: number,
  ) => (
    <label className="tb-field">
      {label}
      <input
        type="number"
        min={min}
        max={max}
        value={shown(value[key])}
        onChange={(e) => set(key, num(e.target.value))}
        data-testid={`scoring-${key}`}
      />
    </label>
  );

  return (
    <section data-testid="scoring-section">
      <h3>{t('dash_lead_scoring')}</h3>
      <p className="tb-muted" style={{ marginTop: 0 }}>
        {t('dash_every_lead_gets_a_score')}
      </p>
      <div className="tb-form-grid tb-score-numbers">
        {numberField('base', t('scoring_field_base'), 0, 100)}
        {numberField('notifyAt', t('scoring_field_notify_at'), 0, 100)}
        {numberField('high', t('scoring_field_high'), 0, 100)}
        {numberField('medium', t('scoring_field_medium'), 0, 100)}
        {numberField('decayPerDay', t('scoring_field_decay_per_day'), 0)}
        {numberField('maxDecay', t('scoring_field_max_decay'), 0)}
      </div>
      {general.map((i) => (
        <p key={renderMsg(i.msg)} className="tb-problem error" data-testid="scoring-problem">
          {renderMsg(i.msg)}
        </p>
      ))}

      <table className="tb-table tb-score-rules" data-testid="scoring-rules">
        <thead>
          <tr>
            <th style={{ width: 36 }}>{t('dash_on')}</th>
            <th style={{ width: 140 }}>{t('dash_when')}</th>
            <th>{t('dash_condition')}</th>
            <th style={{ width: 160 }}>{t('dash_shown_as')}</th>
            <th style={{ width: 70 }}>{t('dash_points')}</th>
            <th style={{ width: 48 }}>
              <span className="tb-sr-only">{t('dash_remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {value.rules.map((r, i) => {
            const n = i + 1;
            const problems = byRule(n);
            return [
              <tr
                key={r.id || `row-${n}`}
                data-testid={`score-rule-${n}`}
                className={`${problems.length ? 'has-error' : ''}${r.enabled === false ? ' tb-off' : ''}`}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('scoring_rule_part', { n, part: t('scoring_part_on') })}
                    checked={r.enabled !== false}
                    onChange={(e) => setRule(i, { enabled: e.target.checked ? undefined : false })}
                  />
                </td>
                <td>
                  <select
                    aria-label={t('scoring_rule_part', { n, part: t('scoring_part_kind') })}
                    value={r.when?.kind}
                    onChange={(e) => setWhen(i, starterCondition(e.target.value as ScoreCondition['kind']))}
                  >
                    <option value="source">{t('field_lead_source')}</option>
                    <option value="custom">{t('dash_custom_field')}</option>
                    <option value="engagement">{t('dash_engagement')}</option>
                  </select>
                </td>
                <td>
                  <ConditionEditor n={n} when={r.when} onChange={(w) => setWhen(i, w)} />
                </td>
                <td>
                  <input
                    aria-label={t('scoring_rule_part', { n, part: t('scoring_part_label') })}
                    value={r.label}
                    maxLength={60}
                    onChange={(e) => setRule(i, { label: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={-100}
                    max={100}
                    className="tb-pb-num"
                    aria-label={t('scoring_rule_part', { n, part: t('scoring_part_points') })}
                    value={shown(r.points)}
                    onChange={(e) => setRule(i, { points: num(e.target.value) })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    aria-label={t('scoring_remove_rule', { n })}
                    onClick={() =>
                      set(
                        'rules',
                        value.rules.filter((_, j) => j !== i),
                      )
                    }
                  >
                    ✕
                  </button>
                </td>
              </tr>,
              problems.length ? (
                <tr key={`${r.id || n}-problems`} className="tb-score-problems">
                  <td colSpan={6}>
                    {problems.map((p) => (
                      <p
                        key={renderMsg(p.msg)}
                        className="tb-problem error"
                        data-testid="scoring-rule-problem"
                      >
                        {renderMsg(p.msg)}
                      </p>
                    ))}
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
      <div className="tb-row" style={{ marginTop: 8 }}>
        <button
          type="button"
          onClick={() => set('rules', [...value.rules, newScoreRule('custom', value.rules)])}
          data-testid="scoring-add"
        >
          {t('dash_add_rule')}
        </button>
        <button
          type="button"
          onClick={() => onChange(structuredClone(DEFAULT_SCORING))}
          data-testid="scoring-reset"
        >
          {t('dash_back_to_the_built_in')}
        </button>
      </div>

      {examples.length ? (
        <div className="tb-score-examples" data-testid="scoring-examples">
          <h4>{t('dash_with_these_rules')}</h4>
          <ul>
            {examples.map((e) => (
              <li key={e.who}>
                {e.who}:{' '}
                <span className={`tb-priority ${e.score.priority.toLowerCase()}`}>{e.score.priority}</span>{' '}
                <span className="tb-muted" data-testid="scoring-example">
                  {scoreExplanation(e.score)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
