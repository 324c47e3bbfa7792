import { useMemo, useState } from 'react';
import {
  type CadenceStep,
  CHANNELS,
  type Channel,
  PURPOSES,
  type Purpose,
  validatePlaybook,
} from '@/lib/cadence';
import { type CadenceRule, validateRules } from '@/lib/cadence/rules';
import type { RepSettings } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import { CHANNEL_LABELS, PURPOSE_LABELS } from '@/lib/labels';
import { request } from '@/lib/messaging/client';
import { moveStep, newStepAfter, removeStep } from '@/lib/playbook-editor';
import { RuleEditor } from './RuleEditor';
import { SchedulePreview } from './SchedulePreview';
import { renderMsg } from '@/lib/i18n/message';

export interface PlaybookDraft {
  /** Absent for a new copy. */
  id?: string;
  name: string;
  description: string;
  steps: CadenceStep[];
  /** The rules edited with the steps (a copy of the built-ins for a playbook that never had its own). */
  rules: CadenceRule[];
}

interface Props {
  initial: PlaybookDraft;
  settings: RepSettings;
  onCancel(): void;
  onSaved(id: string, warnings: number): void;
}

/** Number inputs hold what the rep typed; an empty box is "no value", not zero. */
function toNumber(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}

/** Edits a copy of a playbook: steps, name, description; errors block saving, warnings do not. */
export function PlaybookEditor({ initial, settings, onCancel, onSaved }: Props) {
  const [draft, setDraft] = useState<PlaybookDraft>(initial);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const validation = useMemo(() => validatePlaybook(draft), [draft]);
  const ruleChecks = useMemo(() => validateRules(draft.rules), [draft.rules]);
  const blocked = validation.errors.length > 0 || ruleChecks.errors.length > 0;
  const issuesByStep = useMemo(() => {
    const m = new Map<number, 'error' | 'warning'>();
    for (const w of validation.warnings) if (w.step) m.set(w.step, 'warning');
    for (const e of validation.errors) if (e.step) m.set(e.step, 'error');
    return m;
  }, [validation]);

  const setStep = (i: number, patch: Partial<CadenceStep>) =>
    setDraft((d) => ({
      ...d,
      steps: d.steps.map((s, j) => {
        if (j !== i) return s;
        const next = { ...s, ...patch };
        for (const k of Object.keys(patch) as (keyof CadenceStep)[]) {
          if (patch[k] === undefined) delete next[k];
        }
        return next;
      }),
    }));

  async function save() {
    setSaving(true);
    setSaveError(null);
    try {
      const payload = {
        ...(draft.id ? { id: draft.id } : {}),
        name: draft.name,
        description: draft.description,
        steps: draft.steps,
        rules: draft.rules,
      };
      const res = await request('playbook.save', { playbook: payload });
      onSaved(res.id, res.warnings.length + (res.ruleWarnings?.length ?? 0));
    } catch (err) {
      setSaveError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="tb-pb-editor" data-testid="playbook-editor">
      <div className="tb-pb-fields">
        <label>
          <span>{t('field_name')}</span>
          <input
            value={draft.name}
            maxLength={80}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            data-testid="playbook-name"
          />
        </label>
        <label>
          <span>{t('pb_description')}</span>
          <textarea
            rows={2}
            value={draft.description}
            maxLength={500}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        </label>
      </div>

      <table className="tb-table tb-pb-steps" data-testid="playbook-steps">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('pb_col_day')}</th>
            <th>{t('common_channel')}</th>
            <th>{t('pb_col_purpose')}</th>
            <th title={t('pb_col_within_title')}>{t('pb_col_within')}</th>
            <th title={t('pb_col_after_two_title')}>{t('pb_col_after_two')}</th>
            <th>{t('pb_col_note')}</th>
            <th>
              <span className="tb-sr-only">{t('pb_col_order')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.steps.map((s, i) => {
            const n = i + 1;
            const issue = issuesByStep.get(n);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; their position is their identity.
              <tr key={i} className={issue ? `has-${issue}` : ''} data-testid={`step-row-${n}`}>
                <td>{n}</td>
                <td>
                  <input
                    type="number"
                    min={0}
                    step={1}
                    className="tb-pb-num"
                    aria-label={t('pb_step_day', { step: n })}
                    value={Number.isNaN(s.day) ? '' : s.day}
                    onChange={(e) => setStep(i, { day: toNumber(e.target.value) })}
                  />
                </td>
                <td>
                  <select
                    aria-label={t('pb_step_channel', { step: n })}
                    value={s.channel}
                    onChange={(e) => setStep(i, { channel: e.target.value as Channel })}
                  >
                    {CHANNELS.map((c) => (
                      <option key={c} value={c}>
                        {CHANNEL_LABELS[c]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    aria-label={t('pb_step_purpose', { step: n })}
                    value={s.purpose}
                    onChange={(e) => setStep(i, { purpose: e.target.value as Purpose })}
                  >
                    {PURPOSES.map((p) => (
                      <option key={p} value={p}>
                        {PURPOSE_LABELS[p]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    className="tb-pb-num"
                    aria-label={t('pb_step_within', { step: n })}
                    placeholder="–"
                    value={
                      s.withinMinutes === undefined || Number.isNaN(s.withinMinutes) ? '' : s.withinMinutes
                    }
                    onChange={(e) =>
                      setStep(i, {
                        withinMinutes: e.target.value.trim() === '' ? undefined : toNumber(e.target.value),
                      })
                    }
                  />
                </td>
                <td className="tb-pb-center">
                  <input
                    type="checkbox"
                    aria-label={t('pb_step_after_two', { step: n })}
                    checked={s.requiresTwoUnanswered === true}
                    onChange={(e) => setStep(i, { requiresTwoUnanswered: e.target.checked || undefined })}
                  />
                </td>
                <td>
                  <input
                    className="tb-pb-note-input"
                    aria-label={t('pb_step_note', { step: n })}
                    value={s.note ?? ''}
                    maxLength={300}
                    onChange={(e) => setStep(i, { note: e.target.value || undefined })}
                  />
                </td>
                <td className="tb-pb-order">
                  <button
                    type="button"
                    aria-label={t('pb_step_up', { step: n })}
                    disabled={i === 0}
                    onClick={() => setDraft({ ...draft, steps: moveStep(draft.steps, i, -1) })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={t('pb_step_down', { step: n })}
                    disabled={i === draft.steps.length - 1}
                    onClick={() => setDraft({ ...draft, steps: moveStep(draft.steps, i, 1) })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="danger"
                    aria-label={t('pb_step_remove', { step: n })}
                    onClick={() => setDraft({ ...draft, steps: removeStep(draft.steps, i) })}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => setDraft({ ...draft, steps: [...draft.steps, newStepAfter(draft.steps)] })}
      >
        {t('pb_add_step')}
      </button>

      {(validation.errors.length > 0 || validation.warnings.length > 0) && (
        <ul className="tb-pb-issues" data-testid="playbook-issues">
          {validation.errors.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages can repeat; order is stable per render.
            <li key={`e${i}`} className="tb-problem error" data-testid="playbook-error">
              {renderMsg(e.msg)}
            </li>
          ))}
          {validation.warnings.map((w, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages can repeat; order is stable per render.
            <li key={`w${i}`} className="tb-problem" data-testid="playbook-warning">
              {renderMsg(w.msg)}
            </li>
          ))}
        </ul>
      )}
      <RuleEditor
        rules={draft.rules}
        onChange={(rules) => setDraft((d) => ({ ...d, rules }))}
        errors={ruleChecks.errors}
        warnings={ruleChecks.warnings}
      />

      {saveError && (
        <p className="tb-problem error" role="alert">
          {saveError}
        </p>
      )}
      <div className="tb-row tb-pb-actions">
        <button
          type="button"
          className="primary"
          disabled={saving || blocked}
          onClick={save}
          data-testid="playbook-save"
        >
          {saving ? t('common_saving') : t('pb_save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common_cancel')}
        </button>
        {blocked && <span className="tb-muted">{t('pb_fix_errors')}</span>}
        {!blocked && validation.warnings.length + ruleChecks.warnings.length > 0 && (
          <span className="tb-muted">{t('pb_warnings_ok')}</span>
        )}
      </div>

      <SchedulePreview steps={draft.steps} settings={settings} />
    </div>
  );
}
