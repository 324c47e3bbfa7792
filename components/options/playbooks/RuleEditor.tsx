import { CHANNELS, type Channel, LEAD_SOURCES, PURPOSES, type Purpose } from '@/lib/cadence';
import {
  ACTIONS_FOR_EVENT,
  type CadenceRule,
  type MeetingReminder,
  type MiniStep,
  REPLY_INTENTS,
  type ReplyIntent,
  type RuleActionKind,
  type RuleCondition,
  type RuleIssue,
  TRIGGER_EVENTS,
  type TriggerEventType,
} from '@/lib/cadence/rules';
import { t } from '@/lib/i18n';
import { CHANNEL_LABELS, LEAD_SOURCE_LABELS, PURPOSE_LABELS } from '@/lib/labels';
import { moveStep, removeStep } from '@/lib/playbook-editor';
import {
  ACTION_LABELS,
  describeRule,
  EVENT_LABELS,
  INTENT_LABELS,
  newRule,
  withAction,
  withEvent,
} from '@/lib/playbook-editor/rules';

/** The rule with `condition`, or without one when nothing is left in it. */
function withCondition(r: CadenceRule, condition: RuleCondition): CadenceRule {
  const next = { ...r, condition };
  if (!Object.keys(condition).length) delete (next as CadenceRule).condition;
  return next;
}

/** An empty box is "no value" (the checks say so), not zero. */
const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
const shown = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : n);

function ChannelSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Channel;
  onChange(c: Channel): void;
}) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Channel)}>
      {CHANNELS.map((c) => (
        <option key={c} value={c}>
          {CHANNEL_LABELS[c]}
        </option>
      ))}
    </select>
  );
}

function PurposeSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Purpose;
  onChange(p: Purpose): void;
}) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Purpose)}>
      {PURPOSES.map((p) => (
        <option key={p} value={p}>
          {PURPOSE_LABELS[p]}
        </option>
      ))}
    </select>
  );
}

function MinutesInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | undefined;
  onChange(n: number): void;
}) {
  return (
    <input
      type="number"
      min={1}
      className="tb-pb-num"
      aria-label={label}
      value={shown(value)}
      onChange={(e) => onChange(num(e.target.value))}
    />
  );
}

/** The "then" part's own fields, per action. */
function ActionFields({
  rule,
  n,
  onChange,
}: {
  rule: CadenceRule;
  n: number;
  onChange(r: CadenceRule): void;
}) {
  const a = rule.action;
  const set = (action: CadenceRule['action']) => onChange({ ...rule, action });
  switch (a.kind) {
    case 'touch-within':
      return (
        <span className="tb-rule-fields">
          <ChannelSelect
            label={t('pb_rule_channel', { rule: n })}
            value={a.channel}
            onChange={(channel) => set({ ...a, channel })}
          />
          <PurposeSelect
            label={t('pb_rule_purpose', { rule: n })}
            value={a.purpose}
            onChange={(purpose) => set({ ...a, purpose })}
          />
          {t('pb_rule_within')}
          <MinutesInput
            label={t('pb_rule_within_minutes', { rule: n })}
            value={a.withinMinutes}
            onChange={(withinMinutes) => set({ ...a, withinMinutes })}
          />
          {t('pb_rule_minutes')}
        </span>
      );
    case 'propose-call-now':
      return (
        <span className="tb-rule-fields">
          {t('pb_rule_due_within')}
          <MinutesInput
            label={t('pb_rule_within_minutes', { rule: n })}
            value={a.withinMinutes}
            onChange={(withinMinutes) => set({ ...a, withinMinutes })}
          />
          {t('pb_rule_minutes_once_confirmed')}
        </span>
      );
    case 're-nurture':
      return (
        <span className="tb-rule-fields">
          {t('pb_rule_after')}
          <input
            type="number"
            min={60}
            max={90}
            className="tb-pb-num"
            aria-label={t('pb_rule_re_nurture_days', { rule: n })}
            placeholder="60"
            value={shown(a.days)}
            onChange={(e) =>
              set(e.target.value.trim() === '' ? { kind: 're-nurture' } : { ...a, days: num(e.target.value) })
            }
          />
          {t('pb_rule_days')} <span className="tb-muted">{t('pb_rule_days_empty')}</span>
        </span>
      );
    case 'meeting-reminders': {
      const setReminder = (k: number, patch: Partial<MeetingReminder>) =>
        set({ ...a, reminders: a.reminders.map((m, j) => (j === k ? { ...m, ...patch } : m)) });
      return (
        <div className="tb-rule-list">
          {a.reminders.map((m, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: reminders have no id; their position is their identity.
            <div key={k} className="tb-rule-fields">
              {t('pb_rule_reminder', { item: k + 1 })}
              <ChannelSelect
                label={t('pb_rule_reminder_channel', { rule: n, item: k + 1 })}
                value={m.channel}
                onChange={(channel) => setReminder(k, { channel })}
              />
              <MinutesInput
                label={t('pb_rule_reminder_minutes', { rule: n, item: k + 1 })}
                value={m.beforeMinutes}
                onChange={(beforeMinutes) => setReminder(k, { beforeMinutes })}
              />
              {t('pb_rule_minutes_before')} <span className="tb-muted">{t('pb_rule_day_before_hint')}</span>
              <button
                type="button"
                className="danger"
                aria-label={t('pb_rule_reminder_remove', { rule: n, item: k + 1 })}
                onClick={() => set({ ...a, reminders: removeStep(a.reminders, k) })}
              >
                ✕
              </button>
            </div>
          ))}
          <div className="tb-rule-fields">
            <button
              type="button"
              onClick={() =>
                set({ ...a, reminders: [...a.reminders, { channel: 'email', beforeMinutes: 120 }] })
              }
            >
              {t('pb_rule_add_reminder')}
            </button>
            {t('pb_rule_recap_within')}
            <MinutesInput
              label={t('pb_rule_recap_hours', { rule: n })}
              value={a.recapWithinHours}
              onChange={(recapWithinHours) => set({ ...a, recapWithinHours })}
            />
            {t('pb_rule_hours_after_meeting')}
          </div>
        </div>
      );
    }
    case 'mini-sequence': {
      const setStep = (k: number, patch: Partial<MiniStep>) =>
        set({
          ...a,
          steps: a.steps.map((s, j) => {
            if (j !== k) return s;
            const next = { ...s, ...patch };
            if ('withinMinutes' in patch && patch.withinMinutes === undefined) delete next.withinMinutes;
            return next;
          }),
        });
      return (
        <div className="tb-rule-list">
          {a.steps.map((s, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; their position is their identity.
            <div key={k} className="tb-rule-fields">
              {t('pb_col_day')}
              <input
                type="number"
                min={0}
                className="tb-pb-num"
                aria-label={t('pb_rule_touch_day', { rule: n, item: k + 1 })}
                value={shown(s.dayOffset)}
                onChange={(e) => setStep(k, { dayOffset: num(e.target.value) })}
              />
              <ChannelSelect
                label={t('pb_rule_touch_channel', { rule: n, item: k + 1 })}
                value={s.channel}
                onChange={(channel) => setStep(k, { channel })}
              />
              <PurposeSelect
                label={t('pb_rule_touch_purpose', { rule: n, item: k + 1 })}
                value={s.purpose}
                onChange={(purpose) => setStep(k, { purpose })}
              />
              {t('pb_rule_within')}
              <input
                type="number"
                min={1}
                className="tb-pb-num"
                placeholder="–"
                aria-label={t('pb_rule_touch_within', { rule: n, item: k + 1 })}
                value={shown(s.withinMinutes)}
                onChange={(e) =>
                  setStep(k, {
                    withinMinutes: e.target.value.trim() === '' ? undefined : num(e.target.value),
                  })
                }
              />
              {t('pb_rule_min')}
              <button
                type="button"
                aria-label={t('pb_rule_touch_up', { rule: n, item: k + 1 })}
                disabled={k === 0}
                onClick={() => set({ ...a, steps: moveStep(a.steps, k, -1) })}
              >
                ↑
              </button>
              <button
                type="button"
                className="danger"
                aria-label={t('pb_rule_touch_remove', { rule: n, item: k + 1 })}
                onClick={() => set({ ...a, steps: removeStep(a.steps, k) })}
              >
                ✕
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => {
              const last = a.steps[a.steps.length - 1];
              set({
                ...a,
                steps: [
                  ...a.steps,
                  { channel: 'email', dayOffset: last ? last.dayOffset + 2 : 0, purpose: 'follow-up' },
                ],
              });
            }}
          >
            {t('pb_rule_add_touch')}
          </button>
        </div>
      );
    }
    default:
      return null;
  }
}

/**
 * The playbook's rules, "when EVENT [if CONDITION] then ACTION", edited next to its steps with
 * the same checks (`validateRules`): errors under the rule they belong to block saving,
 * warnings do not.
 */
export function RuleEditor({
  rules,
  onChange,
  errors,
  warnings,
}: {
  rules: CadenceRule[];
  onChange(rules: CadenceRule[]): void;
  errors: RuleIssue[];
  warnings: RuleIssue[];
}) {
  const setRule = (i: number, r: CadenceRule) => onChange(rules.map((x, j) => (j === i ? r : x)));
  return (
    <section className="tb-rules" data-testid="rule-editor">
      <h3>{t('pb_rules_title')}</h3>
      <p className="tb-muted">{t('pb_rules_hint')}</p>
      {rules.length === 0 ? (
        <p className="tb-muted" data-testid="rules-empty">
          {t('pb_no_rules')}
        </p>
      ) : null}
      <ol className="tb-rule-cards">
        {rules.map((r, i) => {
          const n = i + 1;
          const errs = errors.filter((e) => e.rule === n);
          const warns = warnings.filter((w) => w.rule === n);
          const eventOk = TRIGGER_EVENTS.includes(r.when);
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: ids can be edited or repeated by mistake; the position is stable.
              key={i}
              className={`tb-rule-card${errs.length ? ' has-error' : ''}${r.enabled === false ? ' off' : ''}`}
              data-testid={`rule-${n}`}
            >
              <div className="tb-rule-head">
                <label className="tb-rule-toggle">
                  <input
                    type="checkbox"
                    checked={r.enabled !== false}
                    aria-label={t('pb_rule_on', { rule: n })}
                    onChange={(e) => {
                      const next = { ...r };
                      if (e.target.checked) delete next.enabled;
                      else next.enabled = false;
                      setRule(i, next);
                    }}
                  />
                  {t('dash_on')}
                </label>
                <input
                  className="tb-rule-name"
                  aria-label={t('pb_rule_name', { rule: n })}
                  value={r.name}
                  maxLength={120}
                  onChange={(e) => setRule(i, { ...r, name: e.target.value })}
                />
                <button
                  type="button"
                  className="danger"
                  aria-label={t('pb_rule_remove', { rule: n })}
                  onClick={() => onChange(removeStep(rules, i))}
                >
                  {t('dash_remove')}
                </button>
              </div>
              <div className="tb-rule-fields">
                <strong>{t('pb_rule_when')}</strong>
                <select
                  aria-label={t('pb_rule_event', { rule: n })}
                  value={r.when}
                  onChange={(e) => setRule(i, withEvent(r, e.target.value as TriggerEventType))}
                >
                  {TRIGGER_EVENTS.map((ev) => (
                    <option key={ev} value={ev}>
                      {EVENT_LABELS[ev]}
                    </option>
                  ))}
                </select>
                {r.when === 'reply' ? (
                  <>
                    <strong>{t('pb_rule_if_it')}</strong>
                    <select
                      aria-label={t('pb_rule_reply_says', { rule: n })}
                      value={r.condition?.replyIntent ?? ''}
                      onChange={(e) => {
                        const condition: RuleCondition = { ...r.condition };
                        if (e.target.value) condition.replyIntent = e.target.value as ReplyIntent;
                        else delete condition.replyIntent;
                        setRule(i, withCondition(r, condition));
                      }}
                    >
                      <option value="">{t('pb_intent_anything')}</option>
                      {REPLY_INTENTS.map((it) => (
                        <option key={it} value={it}>
                          {INTENT_LABELS[it]}
                        </option>
                      ))}
                    </select>
                  </>
                ) : null}
              </div>
              <fieldset
                className="tb-days tb-plain tb-rule-sources"
                aria-label={t('pb_rule_sources', { rule: n })}
              >
                <span className="tb-muted">{t('pb_rule_only_for')}</span>
                {LEAD_SOURCES.map((s) => (
                  <label key={s}>
                    <input
                      type="checkbox"
                      checked={r.condition?.sources?.includes(s) ?? false}
                      onChange={(e) => {
                        const had = r.condition?.sources ?? [];
                        const sources = e.target.checked
                          ? LEAD_SOURCES.filter((x) => x === s || had.includes(x))
                          : had.filter((x) => x !== s);
                        const condition: RuleCondition = { ...r.condition, sources };
                        if (!sources.length) delete condition.sources;
                        setRule(i, withCondition(r, condition));
                      }}
                    />
                    {LEAD_SOURCE_LABELS[s]}
                  </label>
                ))}
                {!r.condition?.sources?.length ? (
                  <span className="tb-muted">{t('pb_rule_every_lead')}</span>
                ) : null}
              </fieldset>
              {eventOk ? (
                <div className="tb-rule-fields">
                  <strong>{t('pb_rule_then')}</strong>
                  <select
                    aria-label={t('pb_rule_action', { rule: n })}
                    value={r.action?.kind}
                    onChange={(e) => setRule(i, withAction(r, e.target.value as RuleActionKind))}
                  >
                    {ACTIONS_FOR_EVENT[r.when].map((k) => (
                      <option key={k} value={k}>
                        {ACTION_LABELS[k]}
                      </option>
                    ))}
                  </select>
                  <ActionFields rule={r} n={n} onChange={(next) => setRule(i, next)} />
                </div>
              ) : null}
              {errs.length === 0 && eventOk ? (
                <p className="tb-muted tb-rule-summary" data-testid="rule-summary">
                  {describeRule(r)}
                </p>
              ) : null}
              {errs.map((e) => (
                <p key={`${e.code}-${e.message}`} className="tb-problem error" data-testid="rule-error">
                  {e.message}
                </p>
              ))}
              {warns.map((w) => (
                <p key={`${w.code}-${w.message}`} className="tb-problem" data-testid="rule-warning">
                  {w.message}
                </p>
              ))}
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => onChange([...rules, newRule(rules)])} data-testid="rule-add">
        {t('dash_add_rule')}
      </button>
    </section>
  );
}
