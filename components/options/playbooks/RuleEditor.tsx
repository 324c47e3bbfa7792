import { CHANNELS, type Channel, LEAD_SOURCES, PURPOSES, type Purpose } from '@/lib/cadence';
import {
  ACTIONS_FOR_EVENT,
  type CadenceRule,
  describeRule,
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
import { CHANNEL_LABELS, LEAD_SOURCE_LABELS, PURPOSE_LABELS } from '@/lib/labels';
import { moveStep, removeStep } from '@/lib/playbook-editor';
import { ACTION_LABELS, EVENT_LABELS, newRule, withAction, withEvent } from '@/lib/playbook-editor/rules';

const INTENT_LABELS: Record<ReplyIntent, string> = {
  'opt-out': 'asks to stop',
  'not-interested': 'says not interested',
  'call-me': 'asks for a call',
};

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
            label={`Rule ${n} channel`}
            value={a.channel}
            onChange={(channel) => set({ ...a, channel })}
          />
          <PurposeSelect
            label={`Rule ${n} purpose`}
            value={a.purpose}
            onChange={(purpose) => set({ ...a, purpose })}
          />
          within
          <MinutesInput
            label={`Rule ${n} within minutes`}
            value={a.withinMinutes}
            onChange={(withinMinutes) => set({ ...a, withinMinutes })}
          />
          minutes
        </span>
      );
    case 'propose-call-now':
      return (
        <span className="tb-rule-fields">
          due within
          <MinutesInput
            label={`Rule ${n} within minutes`}
            value={a.withinMinutes}
            onChange={(withinMinutes) => set({ ...a, withinMinutes })}
          />
          minutes, once you confirm
        </span>
      );
    case 're-nurture':
      return (
        <span className="tb-rule-fields">
          after
          <input
            type="number"
            min={60}
            max={90}
            className="tb-pb-num"
            aria-label={`Rule ${n} re-nurture days`}
            placeholder="60"
            value={shown(a.days)}
            onChange={(e) =>
              set(e.target.value.trim() === '' ? { kind: 're-nurture' } : { ...a, days: num(e.target.value) })
            }
          />
          days <span className="tb-muted">(empty: the re-engage delay in Settings)</span>
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
              Reminder {k + 1}:
              <ChannelSelect
                label={`Rule ${n} reminder ${k + 1} channel`}
                value={m.channel}
                onChange={(channel) => setReminder(k, { channel })}
              />
              <MinutesInput
                label={`Rule ${n} reminder ${k + 1} minutes before`}
                value={m.beforeMinutes}
                onChange={(beforeMinutes) => setReminder(k, { beforeMinutes })}
              />
              minutes before <span className="tb-muted">(1440 = the day before)</span>
              <button
                type="button"
                className="danger"
                aria-label={`Remove rule ${n} reminder ${k + 1}`}
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
              + Reminder
            </button>
            recap due within
            <MinutesInput
              label={`Rule ${n} recap within hours`}
              value={a.recapWithinHours}
              onChange={(recapWithinHours) => set({ ...a, recapWithinHours })}
            />
            hours after the meeting
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
              Day
              <input
                type="number"
                min={0}
                className="tb-pb-num"
                aria-label={`Rule ${n} touch ${k + 1} day`}
                value={shown(s.dayOffset)}
                onChange={(e) => setStep(k, { dayOffset: num(e.target.value) })}
              />
              <ChannelSelect
                label={`Rule ${n} touch ${k + 1} channel`}
                value={s.channel}
                onChange={(channel) => setStep(k, { channel })}
              />
              <PurposeSelect
                label={`Rule ${n} touch ${k + 1} purpose`}
                value={s.purpose}
                onChange={(purpose) => setStep(k, { purpose })}
              />
              within
              <input
                type="number"
                min={1}
                className="tb-pb-num"
                placeholder="–"
                aria-label={`Rule ${n} touch ${k + 1} within minutes`}
                value={shown(s.withinMinutes)}
                onChange={(e) =>
                  setStep(k, {
                    withinMinutes: e.target.value.trim() === '' ? undefined : num(e.target.value),
                  })
                }
              />
              min
              <button
                type="button"
                aria-label={`Move rule ${n} touch ${k + 1} up`}
                disabled={k === 0}
                onClick={() => set({ ...a, steps: moveStep(a.steps, k, -1) })}
              >
                ↑
              </button>
              <button
                type="button"
                className="danger"
                aria-label={`Remove rule ${n} touch ${k + 1}`}
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
            + Touch
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
      <h3>Rules: what happens when something happens</h3>
      <p className="tb-muted">
        When an event happens to a contact in this playbook, the rule adds or changes touches, or proposes
        something for you to confirm. The contact window, one text a day and 48 h between emails still hold.
      </p>
      {rules.length === 0 ? (
        <p className="tb-muted" data-testid="rules-empty">
          No rules: this playbook runs its steps by the calendar only.
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
                    aria-label={`Rule ${n} on`}
                    onChange={(e) => {
                      const next = { ...r };
                      if (e.target.checked) delete next.enabled;
                      else next.enabled = false;
                      setRule(i, next);
                    }}
                  />
                  On
                </label>
                <input
                  className="tb-rule-name"
                  aria-label={`Rule ${n} name`}
                  value={r.name}
                  maxLength={120}
                  onChange={(e) => setRule(i, { ...r, name: e.target.value })}
                />
                <button
                  type="button"
                  className="danger"
                  aria-label={`Remove rule ${n}`}
                  onClick={() => onChange(removeStep(rules, i))}
                >
                  Remove
                </button>
              </div>
              <div className="tb-rule-fields">
                <strong>When</strong>
                <select
                  aria-label={`Rule ${n} event`}
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
                    <strong>if it</strong>
                    <select
                      aria-label={`Rule ${n} reply says`}
                      value={r.condition?.replyIntent ?? ''}
                      onChange={(e) => {
                        const condition: RuleCondition = { ...r.condition };
                        if (e.target.value) condition.replyIntent = e.target.value as ReplyIntent;
                        else delete condition.replyIntent;
                        setRule(i, withCondition(r, condition));
                      }}
                    >
                      <option value="">says anything</option>
                      {REPLY_INTENTS.map((it) => (
                        <option key={it} value={it}>
                          {INTENT_LABELS[it]}
                        </option>
                      ))}
                    </select>
                  </>
                ) : null}
              </div>
              <fieldset className="tb-days tb-plain tb-rule-sources" aria-label={`Rule ${n} lead sources`}>
                <span className="tb-muted">Only for</span>
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
                  <span className="tb-muted">(none ticked: every lead)</span>
                ) : null}
              </fieldset>
              {eventOk ? (
                <div className="tb-rule-fields">
                  <strong>Then</strong>
                  <select
                    aria-label={`Rule ${n} action`}
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
        + Add rule
      </button>
    </section>
  );
}
