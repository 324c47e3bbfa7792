/**
 * The enrolment state machine. Pure: every function takes `now` (epoch ms) and returns the new
 * enrolment plus the activities to log, or a refusal; nothing is mutated.
 */
import { englishText, type Msg, msg, msgOf, msgWhen, storedMsg as said } from '@/lib/i18n/msg';
import { CadenceError, stateMsg } from './errors';
import { adjustForSource } from './lead-source';
import { multiThreadDecision } from './multi-thread';
import { assertWindow, planTouches } from './plan';
import type { CadenceRule } from './rules';
import type {
  Activity,
  CadenceStep,
  CallOutcome,
  Channel,
  ContactWindow,
  DoneTouch,
  Enrolment,
  ExtraTouch,
  FollowUpTouch,
  LeadSource,
  PlannedTouch,
  Purpose,
} from './types';
import {
  activeRules,
  applyTrigger,
  noteWithWarnings,
  placeTouch,
  type TriggerWarning,
  triggerWarning,
} from './triggers';
import { addLocalDays, assertTimeZone, HOUR_MS, MINUTE_MS, nextLocalMidnight } from './zoned';

/** Re-engage delay after a completed sequence: default and allowed range, in days. */
export const DEFAULT_REENGAGE_DAYS = 60;
export const MIN_REENGAGE_DAYS = 60;
export const MAX_REENGAGE_DAYS = 90;
/** The recap after a booked meeting is due within this long. */
export const AFTER_MEETING_WITHIN_MS = 24 * HOUR_MS;

/** Things that can happen to an enrolment. Times default to `now`. */
export type EnrolmentEvent =
  /** The next step went out (`step`, when given, must be that step). */
  | { type: 'touch-done'; step?: number; at?: number; outcome?: CallOutcome; text?: string }
  /** The rep skipped the next step. */
  | { type: 'touch-skipped'; step?: number; text?: string }
  /** The next step is due no earlier than `until`; the rest keep their spacing from it. */
  | { type: 'snooze'; until: number }
  /** `text`: what they wrote (rules read it); `msg`: what Touchbase notes instead (a call answered). */
  | { type: 'reply'; at?: number; channel?: Channel; text?: string; msg?: Msg }
  | { type: 'pause'; text?: string }
  | { type: 'resume' }
  /** `meetingAt`: the meeting's start, when the rep entered it (reminders hang off it). */
  | { type: 'book'; text?: string; meetingAt?: number }
  /** The contact missed the booked meeting: the re-book rules take over. */
  | { type: 'missed-appointment'; text?: string }
  /** The rep confirmed what a rule proposed (opt-out, finish, call now). */
  | { type: 'confirm-proposal'; id: number }
  | { type: 'dismiss-proposal'; id: number }
  /** A touch a rule added outside the steps was done (or skipped). */
  | { type: 'extra-done'; key: number; skipped?: boolean; text?: string }
  /** The after-meeting or re-engage touch was done. */
  | { type: 'follow-up-done'; text?: string; msg?: Msg }
  /** `msg`: why, when Touchbase says it (a reply asked to stop); `text` is what the rep typed. */
  | { type: 'opt-out'; channel?: Channel; text?: string; msg?: Msg }
  | { type: 'withdraw-opt-out'; text?: string }
  /**
   * An email sent outside the steps (a value email): it fills no step and the next step stays
   * next, but the steps after it are spaced from it (48 h between emails).
   */
  | { type: 'extra-sent'; channel: Channel; purpose: Purpose; at?: number; text?: string }
  /**
   * The break-up email went out: it is the end of the sequence, whatever steps were left. The
   * enrolment completes and the re-engage touch is planned from it.
   */
  | { type: 'breakup-sent'; channel?: Channel; at?: number; text?: string }
  | { type: 'remove'; text?: string }
  | { type: 'set-reengage-days'; days: number }
  /**
   * The contact's zone or contact window changed: the steps not yet done are replanned in them
   * (done steps keep their times). `window` absent means the default window.
   */
  | { type: 'set-schedule'; timeZone: string; window?: ContactWindow; text?: string; msg?: Msg };

export type RefusalCode =
  | 'opted-out'
  | 'already-enrolled'
  | 'removed'
  | 'not-active'
  | 'invalid-transition'
  | 'wrong-step'
  | 'no-follow-up'
  | 'bad-input';

/** A refused event: nothing changes and nothing is logged. */
export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** Why, as data: rendered in the rep's language where it is shown. */
  msg: Msg;
  /** The same in English (logs, tests). */
  message: string;
}

export interface Transition {
  ok: true;
  enrolment: Enrolment;
  /** At least one per transition, in the order they happened. */
  activities: Activity[];
  /** What fired rules could not do exactly as written (one text a day won, ...), for the rep to see. */
  warnings?: TriggerWarning[];
}

export type TransitionResult = Transition | Refusal;

/** Optional context copied onto the activities. */
export interface TransitionContext {
  /** Where the event came from (sidebar, popup, gmail...). */
  via?: string;
}

const refuse = (code: RefusalCode, m: Msg): Refusal => ({ ok: false, code, msg: m, message: englishText(m) });

/** A thrown engine error as a refusal (its message kept as data when it has one). */
const refuseError = (err: unknown): Refusal =>
  refuse(
    'bad-input',
    msgOf(err) ?? msg('err_plain', { text: err instanceof Error ? err.message : String(err) }),
  );

function assertReengageDays(days: number): void {
  if (!Number.isInteger(days) || days < MIN_REENGAGE_DAYS || days > MAX_REENGAGE_DAYS) {
    throw new CadenceError(
      'bad-reengage-days',
      msg('err_reengage_days', { min: MIN_REENGAGE_DAYS, max: MAX_REENGAGE_DAYS, value: String(days) }),
    );
  }
}

export interface EnrolInput {
  contactId: number;
  playbook: { id: string; steps: readonly CadenceStep[]; rules?: readonly CadenceRule[] };
  source: LeadSource;
  timeZone: string;
  window?: ContactWindow;
  reengageDays?: number;
  /** The contact asked to stop (stored on the contact). */
  contactOptedOut?: boolean;
  /** The contact's other enrolments: an opted-out one blocks, a running one would overlap. */
  existing?: readonly Enrolment[];
}

/** Where a rep withdraws an opt-out: every refusal to contact an opted-out person names it. */
export const WITHDRAW_OPT_OUT_HINT: Msg = msg('err_withdraw_opt_out_hint');

/**
 * Enrols a contact. Refused while the contact is opted out (until the rep withdraws it) or
 * already in a running (active or paused) sequence.
 * @throws CadenceError for malformed input (unknown source or zone, bad window, empty playbook).
 */
export function enrol(input: EnrolInput, now: number, ctx: TransitionContext = {}): TransitionResult {
  const existing = input.existing ?? [];
  if (input.contactOptedOut || existing.some((e) => e.state === 'opted-out')) {
    return refuse('opted-out', msg('err_enrol_opted_out', { hint: WITHDRAW_OPT_OUT_HINT }));
  }
  const running = existing.find((e) => e.state === 'active' || e.state === 'paused');
  if (running) {
    return refuse('already-enrolled', msg('err_enrol_running', { playbook: running.playbookId }));
  }
  assertTimeZone(input.timeZone);
  if (input.window) assertWindow(input.window);
  if (input.reengageDays !== undefined) assertReengageDays(input.reengageDays);
  const steps = adjustForSource(input.playbook.steps, input.source);
  if (steps.length === 0) throw new CadenceError('bad-step', msg('err_playbook_no_steps'));
  const enrolment: Enrolment = {
    contactId: input.contactId,
    playbookId: input.playbook.id,
    source: input.source,
    steps,
    enrolledAt: now,
    timeZone: input.timeZone,
    state: 'active',
    stateChangedAt: now,
    done: [],
  };
  if (input.window) enrolment.window = { ...input.window, days: [...input.window.days] };
  if (input.reengageDays !== undefined) enrolment.reengageDays = input.reengageDays;
  if (input.playbook.rules) enrolment.rules = structuredClone(input.playbook.rules) as CadenceRule[];
  // Plan once so a bad step fails here, not at the first badge refresh.
  planEnrolment(enrolment);
  return {
    ok: true,
    enrolment,
    activities: [activity(enrolment, 'enrolled', now, ctx, { text: input.playbook.id })],
  };
}

/** The full plan of an enrolment (done steps carry `completedAt`). */
export function planEnrolment(enrolment: Enrolment): PlannedTouch[] {
  const plan = planTouches({
    steps: enrolment.steps,
    enrolledAt: new Date(enrolment.enrolledAt),
    timeZone: enrolment.timeZone,
    window: enrolment.window,
    completed: enrolment.done.map((d) => ({ channel: d.channel, at: new Date(d.at), skipped: d.skipped })),
    notBefore: enrolment.notBefore === undefined ? undefined : new Date(enrolment.notBefore),
    earlier: earlierTouches(enrolment),
  });
  return plan;
}

/**
 * Touches outside the steps that reached the contact: done extras, a done follow-up, and value or
 * break-up emails sent between steps.
 */
export function earlierTouches(e: Enrolment): { channel: Channel; at: Date }[] | undefined {
  const out: { channel: Channel; at: Date }[] = [];
  for (const x of e.extras ?? [])
    if (x.doneAt !== undefined && !x.skipped) out.push({ channel: x.channel, at: new Date(x.doneAt) });
  if (e.followUp?.doneAt !== undefined)
    out.push({ channel: e.followUp.channel, at: new Date(e.followUp.doneAt) });
  // Value and break-up emails the rep sent between steps.
  for (const x of e.extraTouches ?? []) out.push({ channel: x.channel, at: new Date(x.at) });
  return out.length ? out : undefined;
}

/**
 * What the rep still has to do: the remaining steps of an active enrolment, or the open
 * follow-up (step 0) of a booked or completed one. Empty for other states.
 */
export function pendingTouches(enrolment: Enrolment): PlannedTouch[] {
  const e = enrolment;
  const extras: PlannedTouch[] = [];
  if (e.state === 'active' || e.state === 'paused' || e.state === 'booked' || e.state === 'completed') {
    for (const x of e.extras ?? []) {
      if (x.doneAt !== undefined) continue;
      const t: PlannedTouch = {
        step: 0,
        channel: x.channel,
        purpose: x.purpose,
        dueAt: new Date(x.dueAt),
        deadlineAt: new Date(x.deadlineAt),
        extraKey: x.key,
        rule: x.rule,
      };
      if (x.note !== undefined) t.note = x.note;
      extras.push(t);
    }
  }
  if (e.state === 'active') return [...planEnrolment(e).filter((t) => !t.completedAt), ...extras];
  const f = e.followUp;
  if ((e.state === 'booked' || e.state === 'completed') && f && f.doneAt === undefined) {
    return [
      {
        step: 0,
        channel: f.channel,
        purpose: f.purpose,
        dueAt: new Date(f.dueAt),
        deadlineAt: new Date(f.deadlineAt),
      },
      ...extras,
    ];
  }
  return extras;
}

/**
 * Applies one event. Every accepted event yields at least one activity; a refusal changes
 * nothing. There is no way out of `removed`.
 */
export function transition(
  enrolment: Enrolment,
  event: EnrolmentEvent,
  now: number,
  ctx: TransitionContext = {},
): TransitionResult {
  const e = enrolment;
  if (e.state === 'removed') return refuse('removed', msg('err_enrolment_removed'));
  const next = (patch: Partial<Enrolment>): Enrolment => ({ ...e, ...patch });
  const stateChange = (patch: Partial<Enrolment>): Enrolment => {
    const n = next({ ...patch, stateChangedAt: now });
    if (n.state !== 'paused') delete n.pauseReason;
    return n;
  };

  switch (event.type) {
    case 'touch-done':
    case 'touch-skipped': {
      if (e.state !== 'active')
        return refuse('not-active', msg('err_steps_need_active', { state: stateMsg(e.state) }));
      const stepNo = e.done.length + 1;
      const step = e.steps[stepNo - 1];
      if (!step) return refuse('invalid-transition', msg('err_all_steps_done'));
      if (event.step !== undefined && event.step !== stepNo) {
        return refuse('wrong-step', msg('err_wrong_step', { step: event.step, next: stepNo }));
      }
      const skipped = event.type === 'touch-skipped';
      const at = event.type === 'touch-done' ? (event.at ?? now) : now;
      const record: DoneTouch = { step: stepNo, channel: step.channel, at };
      if (skipped) record.skipped = true;
      if (event.type === 'touch-done' && event.outcome) record.outcome = event.outcome;
      const acts: Activity[] = [
        activity(e, skipped ? 'touch-skipped' : 'touch-done', at, ctx, {
          step: stepNo,
          channel: step.channel,
          purpose: step.purpose,
          outcome: event.type === 'touch-done' ? event.outcome : undefined,
          text: event.text,
        }),
      ];
      const done = [...e.done, record];
      autoSkipGated(e, done, now, acts, ctx);
      let n = next({ done });
      delete n.notBefore;
      let warnings: TriggerWarning[] | undefined;
      const outcome = event.type === 'touch-done' ? event.outcome : undefined;
      if (outcome === 'no-answer' || outcome === 'voicemail') {
        const fired = applyTrigger(
          n,
          { type: outcome === 'no-answer' ? 'call-no-answer' : 'call-voicemail', at },
          now,
          ctx,
        );
        n = fired.enrolment;
        acts.push(...fired.activities);
        if (fired.warnings.length) warnings = fired.warnings;
      }
      if (n.done.length >= n.steps.length) return withWarnings(complete(n, now, acts, ctx), warnings);
      return withWarnings({ ok: true, enrolment: n, activities: acts }, warnings);
    }
    case 'snooze': {
      if (e.state !== 'active')
        return refuse('not-active', msg('err_snooze_needs_active', { state: stateMsg(e.state) }));
      if (!Number.isFinite(event.until)) return refuse('bad-input', msg('err_snooze_bad_time'));
      const stepNo = e.done.length + 1;
      const step = e.steps[stepNo - 1];
      return {
        ok: true,
        enrolment: next({ notBefore: Math.max(event.until, e.notBefore ?? Number.NEGATIVE_INFINITY) }),
        activities: [
          activity(e, 'touch-snoozed', now, ctx, {
            step: stepNo,
            channel: step?.channel,
            purpose: step?.purpose,
          }),
        ],
      };
    }
    case 'reply': {
      const at = event.at ?? now;
      const lastReplyAt = Math.max(at, e.lastReplyAt ?? Number.NEGATIVE_INFINITY);
      const replyAct = activity(e, 'reply', at, ctx, {
        channel: event.channel,
        ...(event.msg ? said(event.msg) : { text: event.text }),
      });
      if (e.state === 'active') {
        const n = stateChange({ state: 'paused', pauseReason: 'replied', lastReplyAt });
        delete n.notBefore;
        return proposeFromReply(
          {
            ok: true,
            enrolment: n,
            activities: [replyAct, activity(e, 'paused', now, ctx, said(msg('activity_paused_replied')))],
          },
          event,
          at,
          now,
          ctx,
        );
      }
      const n = next({ lastReplyAt });
      if (e.state === 'paused') n.pauseReason = 'replied';
      return proposeFromReply({ ok: true, enrolment: n, activities: [replyAct] }, event, at, now, ctx);
    }
    case 'pause': {
      if (e.state !== 'active')
        return refuse('not-active', msg('err_pause_needs_active', { state: stateMsg(e.state) }));
      const n = stateChange({ state: 'paused', pauseReason: 'manual' });
      delete n.notBefore;
      return {
        ok: true,
        enrolment: n,
        activities: [
          activity(
            e,
            'paused',
            now,
            ctx,
            event.text ? { text: event.text } : said(msg('activity_paused_manual')),
          ),
        ],
      };
    }
    case 'resume': {
      if (e.state !== 'paused')
        return refuse('invalid-transition', msg('err_resume_needs_paused', { state: stateMsg(e.state) }));
      const acts = [activity(e, 'resumed', now, ctx)];
      // Replan from now: the first remaining step is due no earlier than now and the rest keep
      // their spacing, so a long pause never fires every overdue step at once.
      const n = stateChange({ state: 'active', notBefore: now });
      if (n.done.length >= n.steps.length) return complete(n, now, acts, ctx);
      return { ok: true, enrolment: n, activities: acts };
    }
    case 'book': {
      if (e.state === 'booked' || e.state === 'opted-out') {
        return refuse('invalid-transition', msg('err_cannot_book', { state: stateMsg(e.state) }));
      }
      const followUp: FollowUpTouch = {
        channel: 'email',
        purpose: 'after-meeting',
        dueAt: now,
        deadlineAt: now + AFTER_MEETING_WITHIN_MS,
      };
      if (event.meetingAt !== undefined && !Number.isFinite(event.meetingAt))
        return refuse('bad-input', msg('err_meeting_bad_time'));
      const n = stateChange({ state: 'booked', followUp });
      delete n.notBefore;
      delete n.meetingAt;
      const acts = [activity(e, 'booked', now, ctx, { text: event.text })];
      const fired = applyTrigger(
        n,
        { type: 'meeting-booked', at: now, meetingAt: event.meetingAt },
        now,
        ctx,
      );
      acts.push(...fired.activities);
      return withWarnings({ ok: true, enrolment: fired.enrolment, activities: acts }, fired.warnings);
    }
    case 'missed-appointment': {
      if (e.state !== 'booked') return refuse('invalid-transition', msg('err_missed_needs_booked'));
      const extras = (e.extras ?? []).filter((x) => x.doneAt !== undefined);
      const n = stateChange({ state: 'active', notBefore: now, extras });
      delete n.followUp;
      delete n.meetingAt;
      if (!extras.length) delete n.extras;
      const acts = [
        activity(
          e,
          'note',
          now,
          ctx,
          event.text ? { text: event.text } : said(msg('activity_missed_appointment')),
        ),
      ];
      if (activeRules(n, 'appointment-missed').length === 0) {
        // No re-book rule: wait for the rep rather than resuming the old sequence.
        const paused: Enrolment = { ...n, state: 'paused', pauseReason: 'manual' };
        delete paused.notBefore;
        acts.push(activity(e, 'paused', now, ctx, said(msg('activity_paused_no_rebook'))));
        return { ok: true, enrolment: paused, activities: acts };
      }
      const fired = applyTrigger(n, { type: 'appointment-missed', at: now }, now, ctx);
      acts.push(...fired.activities);
      const m = fired.enrolment;
      if (m.done.length >= m.steps.length) return withWarnings(complete(m, now, acts, ctx), fired.warnings);
      return withWarnings({ ok: true, enrolment: m, activities: acts }, fired.warnings);
    }
    case 'confirm-proposal':
    case 'dismiss-proposal': {
      const p = (e.proposals ?? []).find((x) => x.id === event.id);
      if (!p) return refuse('invalid-transition', msg('err_proposal_handled'));
      const rest = (e.proposals ?? []).filter((x) => x.id !== event.id);
      const base = next({ proposals: rest });
      if (!rest.length) delete base.proposals;
      const what = said(
        msg(
          p.action === 'opt-out'
            ? 'activity_proposal_opt_out'
            : p.action === 'finish'
              ? 'activity_proposal_finish'
              : 'activity_proposal_call_now',
        ),
      );
      if (event.type === 'dismiss-proposal') {
        return {
          ok: true,
          enrolment: base,
          activities: [activity(e, 'proposal-dismissed', now, ctx, { ...what, rule: p.rule })],
        };
      }
      const acts = [activity(e, 'proposal-confirmed', now, ctx, { ...what, rule: p.rule })];
      if (p.action === 'opt-out') {
        const r = transition(
          base,
          p.matched
            ? { type: 'opt-out', msg: msg('activity_opt_out_reply', { matched: p.matched }) }
            : { type: 'opt-out' },
          now,
          ctx,
        );
        if (!r.ok) return r;
        return { ok: true, enrolment: r.enrolment, activities: [...acts, ...r.activities] };
      }
      if (p.action === 'finish') {
        const n: Enrolment = { ...base, state: 'completed', stateChangedAt: now };
        delete n.pauseReason;
        delete n.notBefore;
        delete n.followUp;
        dropOpen(n);
        acts.push(activity(e, 'completed', now, ctx, said(msg('activity_finished_not_interested'))));
        return { ok: true, enrolment: n, activities: acts };
      }
      if (e.state === 'opted-out') return refuse('opted-out', msg('err_opted_out_no_calls'));
      const within = p.withinMinutes ?? 5;
      const placed = placeTouch(base, 'call', now);
      let key = 1;
      for (const x of base.extras ?? []) key = Math.max(key, x.key + 1);
      const extra: ExtraTouch = {
        key,
        channel: 'call',
        purpose: 'call',
        dueAt: placed.at,
        deadlineAt: placed.at + within * MINUTE_MS,
        rule: p.rule,
        note: p.matched ? `They asked for a call ("${p.matched}").` : 'They asked for a call.',
      };
      const n: Enrolment = { ...base, extras: [...(base.extras ?? []), extra] };
      const when = msgWhen(placed.at, e.timeZone);
      const warnings: TriggerWarning[] = placed.reasons.map((code) =>
        triggerWarning(p.rule, code, msg('activity_warn_call_outside_hours', { when })),
      );
      acts.push(
        activity(e, 'rule-fired', now, ctx, {
          rule: p.rule,
          channel: 'call',
          ...said(noteWithWarnings(msg('activity_call_due', { when, minutes: within }), warnings)),
        }),
      );
      return withWarnings({ ok: true, enrolment: n, activities: acts }, warnings);
    }
    case 'extra-done': {
      const x = (e.extras ?? []).find((t) => t.key === event.key);
      if (!x || x.doneAt !== undefined) return refuse('no-follow-up', msg('err_touch_not_open'));
      const extras = (e.extras ?? []).map((t) =>
        t.key === event.key ? { ...t, doneAt: now, ...(event.skipped ? { skipped: true } : {}) } : t,
      );
      return {
        ok: true,
        enrolment: next({ extras }),
        activities: [
          activity(e, event.skipped ? 'touch-skipped' : 'touch-done', now, ctx, {
            step: 0,
            channel: x.channel,
            purpose: x.purpose,
            text: event.text,
            rule: x.rule,
          }),
        ],
      };
    }
    case 'follow-up-done': {
      const f = e.followUp;
      if (!f || f.doneAt !== undefined || (e.state !== 'booked' && e.state !== 'completed')) {
        return refuse('no-follow-up', msg('err_no_follow_up'));
      }
      return {
        ok: true,
        enrolment: next({ followUp: { ...f, doneAt: now } }),
        activities: [
          activity(e, 'touch-done', now, ctx, {
            step: 0,
            channel: f.channel,
            purpose: f.purpose,
            ...(event.msg ? said(event.msg) : { text: event.text }),
          }),
        ],
      };
    }
    case 'opt-out': {
      if (e.state === 'opted-out') return refuse('invalid-transition', msg('err_already_opted_out'));
      const n = stateChange({ state: 'opted-out' });
      delete n.notBefore;
      delete n.followUp;
      dropOpen(n);
      return {
        ok: true,
        enrolment: n,
        activities: [
          activity(e, 'opted-out', now, ctx, {
            channel: event.channel,
            ...(event.msg ? said(event.msg) : { text: event.text }),
          }),
        ],
      };
    }
    case 'withdraw-opt-out': {
      if (e.state !== 'opted-out') return refuse('invalid-transition', msg('err_no_opt_out'));
      // Back to a manual pause: nothing goes out until the rep decides to resume or remove.
      const n = stateChange({ state: 'paused', pauseReason: 'manual' });
      return {
        ok: true,
        enrolment: n,
        activities: [activity(e, 'opt-out-withdrawn', now, ctx, { text: event.text })],
      };
    }
    case 'extra-sent': {
      const at = event.at ?? now;
      if (!Number.isFinite(at)) return refuse('bad-input', msg('err_send_bad_time'));
      const sent = activity(e, 'sent-from-gmail', at, ctx, {
        channel: event.channel,
        purpose: event.purpose,
        text: event.text,
      });
      // Only a running sequence has steps left to space; otherwise the send is simply logged.
      if (e.state !== 'active' && e.state !== 'paused') return { ok: true, enrolment: e, activities: [sent] };
      const extraTouches = [
        ...(e.extraTouches ?? []),
        { channel: event.channel, purpose: event.purpose, at },
      ];
      return { ok: true, enrolment: next({ extraTouches }), activities: [sent] };
    }
    case 'breakup-sent': {
      const at = event.at ?? now;
      if (!Number.isFinite(at)) return refuse('bad-input', msg('err_send_bad_time'));
      const channel = event.channel ?? 'email';
      const sent = activity(e, 'sent-from-gmail', at, ctx, { channel, purpose: 'breakup', text: event.text });
      if (e.state !== 'active' && e.state !== 'paused') return { ok: true, enrolment: e, activities: [sent] };
      const extraTouches = [...(e.extraTouches ?? []), { channel, purpose: 'breakup' as const, at }];
      return complete(next({ extraTouches }), now, [sent], ctx);
    }
    case 'remove': {
      const n = stateChange({ state: 'removed' });
      delete n.notBefore;
      dropOpen(n);
      return { ok: true, enrolment: n, activities: [activity(e, 'removed', now, ctx, { text: event.text })] };
    }
    case 'set-reengage-days': {
      try {
        assertReengageDays(event.days);
      } catch (err) {
        return refuseError(err);
      }
      const n = next({ reengageDays: event.days });
      if (n.state === 'completed' && n.followUp?.purpose === 're-engage' && n.followUp.doneAt === undefined) {
        n.followUp = reengageTouch(n);
      }
      return {
        ok: true,
        enrolment: n,
        activities: [
          activity(e, 'note', now, ctx, said(msg('activity_reengage_days', { days: event.days }))),
        ],
      };
    }
    case 'set-schedule': {
      try {
        assertTimeZone(event.timeZone);
        if (event.window) assertWindow(event.window);
      } catch (err) {
        return refuseError(err);
      }
      const n = next({ timeZone: event.timeZone });
      if (event.window) n.window = { ...event.window, days: [...event.window.days] };
      else delete n.window;
      if (n.state === 'completed' && n.followUp?.purpose === 're-engage' && n.followUp.doneAt === undefined) {
        n.followUp = reengageTouch(n);
      }
      return {
        ok: true,
        enrolment: n,
        activities: [
          activity(
            e,
            'note',
            now,
            ctx,
            event.msg
              ? said(event.msg)
              : event.text
                ? { text: event.text }
                : said(msg('activity_replanned_in', { zone: event.timeZone })),
          ),
        ],
      };
    }
    default: {
      const never: never = event;
      return refuse('bad-input', msg('err_unknown_event', { event: JSON.stringify(never) }));
    }
  }
}

/** Skips gated multi-thread steps that became next while the primary is not yet unresponsive. */
function autoSkipGated(
  e: Enrolment,
  done: DoneTouch[],
  now: number,
  acts: Activity[],
  ctx: TransitionContext,
): void {
  const replies = e.lastReplyAt === undefined ? [] : [e.lastReplyAt];
  for (;;) {
    const stepNo = done.length + 1;
    const step = e.steps[stepNo - 1];
    if (!step) return;
    if (multiThreadDecision({ plan: e.steps, step: stepNo, done, replies }) !== 'skip') return;
    done.push({ step: stepNo, channel: step.channel, at: now, skipped: true });
    acts.push(
      activity(e, 'touch-skipped', now, ctx, {
        step: stepNo,
        channel: step.channel,
        purpose: step.purpose,
        ...said(msg('activity_skipped_primary')),
      }),
    );
  }
}

function reengageTouch(e: Enrolment): FollowUpTouch {
  let last = e.enrolledAt;
  for (const d of e.done) if (!d.skipped && d.at > last) last = d.at;
  for (const x of e.extraTouches ?? []) if (x.at > last) last = x.at;
  const days = e.reengageDays ?? DEFAULT_REENGAGE_DAYS;
  const dueAt = addLocalDays(e.timeZone, last, days);
  return { channel: 'email', purpose: 're-engage', dueAt, deadlineAt: nextLocalMidnight(e.timeZone, dueAt) };
}

function complete(n: Enrolment, now: number, acts: Activity[], ctx: TransitionContext): Transition {
  const done: Enrolment = { ...n, state: 'completed', stateChangedAt: now };
  delete done.pauseReason;
  delete done.notBefore;
  delete done.followUp;
  acts.push(activity(n, 'completed', now, ctx));
  // The slower nurture path is a rule: switched off, the contact simply leaves the sequence.
  const fired = applyTrigger(done, { type: 'no-reply-after-last-step', at: now }, now, ctx);
  acts.push(...fired.activities);
  return { ok: true, enrolment: fired.enrolment, activities: acts };
}

/** Open extras and proposals die with the sequence (opt-out, removal); done ones stay as history. */
function dropOpen(n: Enrolment): void {
  delete n.proposals;
  const kept = (n.extras ?? []).filter((x) => x.doneAt !== undefined);
  if (kept.length) n.extras = kept;
  else delete n.extras;
}

function withWarnings<T extends TransitionResult>(r: T, warnings: TriggerWarning[] | undefined): T {
  if (r.ok && warnings?.length) r.warnings = [...(r.warnings ?? []), ...warnings];
  return r;
}

/** A reply's words may fire reply rules: they only propose, the rep confirms. */
function proposeFromReply(
  r: Transition,
  event: { text?: string },
  at: number,
  now: number,
  ctx: TransitionContext,
): Transition {
  if (!event.text) return r;
  const fired = applyTrigger(r.enrolment, { type: 'reply', at, text: event.text }, now, ctx);
  return { ...r, enrolment: fired.enrolment, activities: [...r.activities, ...fired.activities] };
}

function activity(
  e: Enrolment,
  kind: Activity['kind'],
  at: number,
  ctx: TransitionContext,
  extra: Partial<Omit<Activity, 'kind' | 'at'>> = {},
): Activity {
  const a: Activity = { kind, at, contactId: e.contactId };
  if (e.id !== undefined) a.enrolmentId = e.id;
  for (const [k, v] of Object.entries(extra))
    if (v !== undefined) (a as unknown as Record<string, unknown>)[k] = v;
  if (ctx.via !== undefined) a.source = ctx.via;
  return a;
}
