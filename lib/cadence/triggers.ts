/**
 * Cadences that react: carries out a playbook's rules when an event happens to an enrolment.
 * Pure (times are epoch ms, `now` comes in). A touch a rule adds to a running sequence becomes a
 * step of its snapshot, so the planner's channel rules hold for it and for everything after it;
 * touches outside a running sequence (meeting reminders, a requested call) are `extras`, placed
 * by the same rules. Whenever a rule could not do exactly what it says (one text a day, the
 * contact window, 48 h between emails), the touch moves later and a warning says why: the
 * channel rules always win, never silently.
 */
import { englishText, joinAs, type Msg, msg, msgN, msgWhen, storedMsg } from '@/lib/i18n/msg';
import { BUILT_IN_TEXT } from './builtin-text';
import { detectReplyIntents, type IntentMatch } from './keywords';
import { parseHhMm } from './plan';
import { planEnrolment } from './states';
import {
  BUILT_IN_RULES,
  type CadenceRule,
  MAX_RENURTURE_DAYS,
  MIN_RENURTURE_DAYS,
  type TriggerEventType,
} from './rules';
import {
  type Activity,
  type CadenceStep,
  type Channel,
  type ContactWindow,
  DEFAULT_WINDOW,
  type Enrolment,
  type ExtraTouch,
  type Proposal,
  type Purpose,
} from './types';
import {
  addLocalDays,
  DAY_MS,
  fromLocal,
  HOUR_MS,
  localDay,
  localTimeOfDay,
  MINUTE_MS,
  nextLocalMidnight,
  toLocal,
  weekdayOf,
} from './zoned';

/** An event that may fire rules. `at` is when it happened (epoch ms). */
export type TriggerEvent =
  | { type: 'call-no-answer'; at: number }
  | { type: 'call-voicemail'; at: number }
  /** `meetingAt`: the meeting's start, as the rep entered it. */
  | { type: 'meeting-booked'; at: number; meetingAt?: number }
  | { type: 'appointment-missed'; at: number }
  | { type: 'reply'; at: number; text?: string }
  | { type: 'no-reply-after-last-step'; at: number };

export type TriggerWarningCode =
  | 'one-sms-a-day'
  | 'contact-window'
  | 'email-spacing'
  | 'too-late'
  | 'no-consent'
  | 'nothing-to-reference'
  | 'not-applicable';

export interface TriggerWarning {
  rule: string;
  code: TriggerWarningCode;
  /** What the rep reads, in their language. */
  msg: Msg;
  /** The same in English (logs, tests). */
  message: string;
}

export function triggerWarning(rule: string, code: TriggerWarningCode, m: Msg): TriggerWarning {
  return { rule, code, msg: m, message: englishText(m) };
}

/** What a rule did, followed by each warning ("Warning: …"), as one message. */
export function noteWithWarnings(what: Msg, warnings: readonly TriggerWarning[]): Msg {
  return joinAs('activity_joined', [
    what,
    ...warnings.map((w) => msg('activity_warning', { text: w.msg })),
  ]) as Msg;
}

/** "a, b, c" of messages (a rule's plan). */
function listMsg(items: readonly Msg[]): Msg {
  return joinAs('activity_list', items) ?? { key: 'err_plain', params: { text: '' } };
}

/** A touch a rule scheduled: a step of the sequence (`step`) or an extra touch (`extraKey`). */
export interface ScheduledTouch {
  rule: string;
  channel: Channel;
  purpose: Purpose;
  dueAt: number;
  deadlineAt: number;
  step?: number;
  extraKey?: number;
}

export interface TriggerResult {
  enrolment: Enrolment;
  /** The rules that fired, in order. */
  fired: string[];
  scheduled: ScheduledTouch[];
  proposals: Proposal[];
  warnings: TriggerWarning[];
  /** One `rule-fired` activity per fired rule, saying what it scheduled or proposed. */
  activities: Activity[];
}

export interface TriggerContext {
  via?: string;
}

/** The rules an enrolment runs by: its snapshot, else the built-ins. Switched-off rules are left out. */
export function activeRules(e: Pick<Enrolment, 'rules' | 'source'>, when: TriggerEventType): CadenceRule[] {
  const rules = e.rules ?? (BUILT_IN_RULES as CadenceRule[]);
  return rules.filter(
    (r) =>
      r.when === when &&
      r.enabled !== false &&
      (r.condition?.sources === undefined ||
        r.condition.sources.length === 0 ||
        r.condition.sources.includes(e.source)),
  );
}

/** "Tue 2026-03-03 10:10" in the contact's zone: activities read like the spec's tables. */
export function formatLocal(timeZone: string, utc: number): string {
  const local = toLocal(timeZone, utc);
  const d = new Date(local);
  const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wd} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The note on a text a rule adds after an unanswered call (its key is in builtin-text.ts). */
const UNANSWERED_CALL_NOTE = 'The call went unanswered: a short text to go with it.';

/** A channel inside a sentence ("text", "SMS"), in the reader's language. */
const channelWord = (c: Channel): Msg =>
  msg(
    (
      {
        sms: 'channel_word_sms',
        email: 'channel_word_email',
        call: 'channel_word_call',
        voicemail: 'channel_word_voicemail',
        linkedin: 'channel_word_linkedin',
        task: 'channel_word_task',
      } as const
    )[c],
  );

/** Why a touch could not go where a rule wanted it, inside a sentence. */
const REASON_MSG: Record<MoveReason, Msg> = {
  'contact-window': msg('activity_reason_contact_window'),
  'one-sms-a-day': msg('activity_reason_one_text'),
  'email-spacing': msg('activity_reason_email_spacing'),
};

const isInterruptive = (c: Channel) => c === 'sms' || c === 'call' || c === 'voicemail';

interface CompiledWindow {
  days: boolean[];
  startMs: number;
  endMs: number;
  start: string;
  end: string;
}

function compile(w: ContactWindow | undefined): CompiledWindow {
  const win = w ?? DEFAULT_WINDOW;
  const days = new Array<boolean>(7).fill(false);
  for (const d of win.days) days[d] = true;
  return {
    days,
    startMs: parseHhMm(win.start) * MINUTE_MS,
    endMs: parseHhMm(win.end, true) * MINUTE_MS,
    start: win.start,
    end: win.end,
  };
}

/** The earliest instant at or after `utc` inside the window (contact's zone). */
function nextInWindow(tz: string, win: CompiledWindow, utc: number): number {
  const local = toLocal(tz, utc);
  const day = localDay(local);
  const tod = localTimeOfDay(local);
  if (win.days[weekdayOf(day)] && tod >= win.startMs && tod < win.endMs) return utc;
  if (win.days[weekdayOf(day)] && tod < win.startMs) return fromLocal(tz, day * DAY_MS + win.startMs, utc);
  let k = 1;
  while (!win.days[weekdayOf(day + k)]) k++;
  return fromLocal(tz, (day + k) * DAY_MS + win.startMs, utc);
}

/** What the contact has had or will get from this enrolment, as far as the channel rules care. */
function history(e: Enrolment, exceptStep?: number): { channel: Channel; at: number }[] {
  const out: { channel: Channel; at: number }[] = [];
  for (const d of e.done) if (!d.skipped) out.push({ channel: d.channel, at: d.at });
  for (const x of e.extras ?? []) if (!x.skipped) out.push({ channel: x.channel, at: x.doneAt ?? x.dueAt });
  for (const x of e.extraTouches ?? []) out.push({ channel: x.channel, at: x.at });
  if (e.followUp && e.state !== 'active')
    out.push({ channel: e.followUp.channel, at: e.followUp.doneAt ?? e.followUp.dueAt });
  if (e.state === 'active') {
    const plan = planOf(e);
    for (const t of plan)
      if (!t.completedAt && t.step !== exceptStep) out.push({ channel: t.channel, at: t.dueAt.getTime() });
  }
  return out;
}

function planOf(e: Enrolment) {
  return planEnrolment(e);
}

type MoveReason = 'contact-window' | 'one-sms-a-day' | 'email-spacing';

/**
 * Places a touch outside the steps at or after `desired` by the contract's channel rules: the
 * contact window (sms, call, voicemail), one text per local day, 48 h between emails (both ways:
 * an extra may land before a touch already planned). Vary-call-times is not applied: an extra
 * call is one the contact asked for.
 */
export function placeTouch(
  e: Enrolment,
  channel: Channel,
  desired: number,
  others = history(e),
): { at: number; reasons: MoveReason[] } {
  const tz = e.timeZone;
  const win = compile(e.window);
  const reasons = new Set<MoveReason>();
  const smsDays = new Set(others.filter((o) => o.channel === 'sms').map((o) => localDay(toLocal(tz, o.at))));
  const emails = others.filter((o) => o.channel === 'email').map((o) => o.at);
  let c = desired;
  for (let moved = true, guard = 0; moved && guard < 1000; guard++) {
    moved = false;
    if (isInterruptive(channel)) {
      const n = nextInWindow(tz, win, c);
      if (n > c) {
        c = n;
        moved = true;
        reasons.add('contact-window');
      }
    }
    if (channel === 'sms') {
      const day = localDay(toLocal(tz, c));
      if (smsDays.has(day)) {
        c = Math.max(c, fromLocal(tz, (day + 1) * DAY_MS + win.startMs, c));
        moved = true;
        reasons.add('one-sms-a-day');
      }
    }
    if (channel === 'email') {
      for (const t of emails) {
        if (Math.abs(c - t) < 48 * HOUR_MS) {
          c = t + 48 * HOUR_MS;
          moved = true;
          reasons.add('email-spacing');
        }
      }
    }
  }
  return { at: c, reasons: [...reasons] };
}

function moveWarnings(
  e: Enrolment,
  rule: CadenceRule,
  channel: Channel,
  reasons: readonly MoveReason[],
  dueAt: number,
): TriggerWarning[] {
  const when = msgWhen(dueAt, e.timeZone);
  const win = e.window ?? DEFAULT_WINDOW;
  const word = channelWord(channel);
  return reasons.map((code) =>
    triggerWarning(
      rule.id,
      code,
      code === 'one-sms-a-day'
        ? msg('activity_warn_one_text', { channel: word, when })
        : code === 'contact-window'
          ? msg('activity_warn_outside_hours', { start: win.start, end: win.end, channel: word, when })
          : msg('activity_warn_email_spacing', { channel: word, when }),
    ),
  );
}

function nextExtraKey(e: Enrolment): number {
  let k = 0;
  for (const x of e.extras ?? []) k = Math.max(k, x.key);
  return k + 1;
}

function nextProposalId(e: Enrolment): number {
  let k = 0;
  for (const p of e.proposals ?? []) k = Math.max(k, p.id);
  return k + 1;
}

/** Texting needs consent: cold outbound gets an email instead, as adjustForSource does for its steps. */
function consentChannel(
  e: Enrolment,
  channel: Channel,
  rule: CadenceRule,
  warnings: TriggerWarning[],
): Channel {
  if (channel === 'sms' && e.source === 'cold-outbound') {
    warnings.push(triggerWarning(rule.id, 'no-consent', msg('activity_warn_no_consent')));
    return 'email';
  }
  return channel;
}

function ruleActivity(
  e: Enrolment,
  rule: CadenceRule,
  at: number,
  what: Msg,
  warnings: readonly TriggerWarning[],
  ctx: TriggerContext,
): Activity {
  // A built-in rule's name reads in the reader's language; a rule the rep named, as they wrote it.
  const nameKey = BUILT_IN_TEXT[rule.name.trim()];
  const name: Msg | string = nameKey ? { key: nameKey } : rule.name;
  const a: Activity = {
    kind: 'rule-fired',
    at,
    contactId: e.contactId,
    rule: rule.id,
    ...storedMsg(noteWithWarnings(msg('activity_rule_note', { rule: name, what }), warnings)),
  };
  if (e.id !== undefined) a.enrolmentId = e.id;
  if (ctx.via !== undefined) a.source = ctx.via;
  return a;
}

/**
 * Inserts steps right after the done prefix (the touch just logged), planned by the contract
 * from `notBefore`; returns what each landed on. `dayOffsets` are whole days after the event.
 */
function insertSteps(
  e: Enrolment,
  rule: CadenceRule,
  add: { channel: Channel; purpose: Purpose; dayOffset: number; withinMinutes?: number; note?: string }[],
  at: number,
  replaceRest: boolean,
): { enrolment: Enrolment; scheduled: ScheduledTouch[]; reasons: MoveReason[][] } {
  const pos = e.done.length;
  const prevDay = pos > 0 ? (e.steps[pos - 1]?.day ?? 0) : 0;
  const inserted: CadenceStep[] = add.map((a) => {
    const s: CadenceStep = {
      channel: a.channel,
      day: prevDay + a.dayOffset,
      purpose: a.purpose,
      rule: rule.id,
    };
    if (a.withinMinutes !== undefined) s.withinMinutes = a.withinMinutes;
    if (a.note !== undefined) s.note = a.note;
    return s;
  });
  // Later steps keep their spacing: shift their days by the inserted span so "day" stays monotone.
  const span = add.length ? (add[add.length - 1]?.dayOffset ?? 0) : 0;
  const rest = replaceRest ? [] : e.steps.slice(pos).map((s) => ({ ...s, day: s.day + span }));
  const steps = [...e.steps.slice(0, pos), ...inserted, ...rest];
  const n: Enrolment = { ...e, steps, notBefore: Math.max(at, e.notBefore ?? Number.NEGATIVE_INFINITY) };
  const plan = planOf(n);
  const scheduled: ScheduledTouch[] = [];
  const reasons: MoveReason[][] = [];
  const before = { ...e, steps: e.steps.slice(0, pos) } as Enrolment;
  let prevAt = at;
  inserted.forEach((s, i) => {
    const t = plan[pos + i];
    if (!t) return;
    const dueAt = t.dueAt.getTime();
    scheduled.push({
      rule: rule.id,
      channel: s.channel,
      purpose: s.purpose,
      dueAt,
      deadlineAt: t.deadlineAt.getTime(),
      step: pos + i + 1,
    });
    // Why it moved, asked of the same rules against the touches already behind it.
    const desired =
      i === 0
        ? at
        : addLocalDays(e.timeZone, prevAt, (add[i]?.dayOffset ?? 0) - (add[i - 1]?.dayOffset ?? 0));
    const earlier = history(before).concat(
      scheduled.slice(0, -1).map((x) => ({ channel: x.channel, at: x.dueAt })),
    );
    reasons.push(dueAt > desired ? placeTouch(e, s.channel, desired, earlier).reasons : []);
    prevAt = dueAt;
  });
  return { enrolment: n, scheduled, reasons };
}

/**
 * Fires the rules of `enrolment` that match `event`, at `now`. The caller has already applied
 * the event's plain state change (the call step is done, the meeting booked, the reply paused
 * the sequence); this adds what the rules say. Never throws for a rule that cannot apply: it
 * is reported as a warning instead.
 */
export function applyTrigger(
  enrolment: Enrolment,
  event: TriggerEvent,
  now: number,
  ctx: TriggerContext = {},
): TriggerResult {
  let e: Enrolment = enrolment;
  const res: TriggerResult = {
    enrolment: e,
    fired: [],
    scheduled: [],
    proposals: [],
    warnings: [],
    activities: [],
  };
  const at = Number.isFinite(event.at) ? event.at : now;
  if (e.state === 'opted-out' || e.state === 'removed') return res;
  const tz = e.timeZone;

  for (const rule of activeRules(e, event.type)) {
    const warnings: TriggerWarning[] = [];
    let what: Msg = { key: 'err_plain', params: { text: '' } };
    const a = rule.action;
    if (a.kind === 'touch-within') {
      if (e.state !== 'active') continue;
      const channel = consentChannel(e, a.channel, rule, warnings);
      const ins = insertSteps(
        e,
        rule,
        [
          {
            channel,
            purpose: a.purpose,
            dayOffset: 0,
            withinMinutes: a.withinMinutes,
            note: event.type === 'call-no-answer' ? UNANSWERED_CALL_NOTE : undefined,
          },
        ],
        at,
        false,
      );
      const s = ins.scheduled[0];
      if (!s) continue;
      e = ins.enrolment;
      warnings.push(...moveWarnings(e, rule, channel, ins.reasons[0] ?? [], s.dueAt));
      res.scheduled.push(s);
      what = msg('activity_rule_touch_within', {
        channel: channelWord(channel),
        step: s.step ?? 0,
        when: msgWhen(s.dueAt, tz),
        minutes: a.withinMinutes,
      });
    } else if (a.kind === 'reference-voicemail') {
      if (e.state !== 'active') continue;
      const idx = e.steps.findIndex((s, i) => i >= e.done.length && s.channel === 'sms');
      if (idx < 0) {
        warnings.push(
          triggerWarning(rule.id, 'nothing-to-reference', msg('activity_warn_nothing_to_reference')),
        );
        what = msg('activity_rule_no_text_left');
      } else {
        const steps = e.steps.map((s) => ({ ...s }));
        const step = steps[idx] as CadenceStep;
        step.afterVoicemail = true;
        if (step.purpose !== 'breakup') step.purpose = 'voicemail-nudge';
        step.note = 'Refer to the voicemail you just left.';
        e = { ...e, steps };
        const t = planOf(e)[idx];
        if (t) {
          res.scheduled.push({
            rule: rule.id,
            channel: 'sms',
            purpose: step.purpose,
            dueAt: t.dueAt.getTime(),
            deadlineAt: t.deadlineAt.getTime(),
            step: idx + 1,
          });
          what = msg('activity_rule_text_refers_voicemail', {
            step: idx + 1,
            when: msgWhen(t.dueAt.getTime(), tz),
          });
        }
      }
    } else if (a.kind === 'meeting-reminders') {
      if (e.state !== 'booked' || event.type !== 'meeting-booked') continue;
      const meetingAt = event.meetingAt;
      // Booked with no time (seen on a page, not entered): the plain recap within 24 h, no rule.
      if (meetingAt === undefined || !Number.isFinite(meetingAt)) continue;
      {
        const extras: ExtraTouch[] = (e.extras ?? []).filter(
          (x) => x.doneAt !== undefined || x.purpose !== 'meeting-reminder',
        );
        let key = nextExtraKey(e);
        const parts: Msg[] = [];
        // The meeting's own emails (reminders, recap) answer the meeting: the 48 h spacing holds
        // against the sequence's emails, not among them. One text a day holds throughout.
        const base = { ...e, extras: [...extras] } as Enrolment;
        delete base.followUp;
        const others = () => [
          ...history(base),
          ...extras
            .filter((x) => x.purpose === 'meeting-reminder' && x.channel === 'sms' && x.doneAt === undefined)
            .map((x) => ({ channel: x.channel, at: x.dueAt })),
        ];
        for (const r of a.reminders) {
          const desired =
            r.beforeMinutes % 1440 === 0
              ? addLocalDays(tz, meetingAt, -(r.beforeMinutes / 1440))
              : meetingAt - r.beforeMinutes * MINUTE_MS;
          const label =
            r.beforeMinutes % 1440 === 0
              ? msgN('activity_reminder_days_before', r.beforeMinutes / 1440)
              : msg('activity_reminder_minutes_before', { minutes: r.beforeMinutes });
          if (desired <= now) {
            warnings.push(triggerWarning(rule.id, 'too-late', msg('activity_warn_too_close', { label })));
            continue;
          }
          let channel = consentChannel(e, r.channel, rule, warnings);
          let placed = placeTouch(base, channel, desired, others());
          if (placed.at >= meetingAt && channel !== 'email') {
            // Past the meeting a reminder is worthless; an email needs no contact window.
            warnings.push(
              triggerWarning(
                rule.id,
                'contact-window',
                msg('activity_warn_reminder_outside_hours', { channel: channelWord(channel), label }),
              ),
            );
            channel = 'email';
            placed = placeTouch(base, channel, desired, others());
          }
          if (placed.at >= meetingAt) {
            warnings.push(
              triggerWarning(
                rule.id,
                'too-late',
                msg('activity_warn_reminder_no_room', {
                  label,
                  reasons: listMsg(placed.reasons.map((r) => REASON_MSG[r])),
                }),
              ),
            );
            continue;
          }
          warnings.push(...moveWarnings(e, rule, channel, placed.reasons, placed.at));
          const x: ExtraTouch = {
            key: key++,
            channel,
            purpose: 'meeting-reminder',
            dueAt: placed.at,
            deadlineAt: meetingAt,
            rule: rule.id,
            note: `Meeting ${formatLocal(tz, meetingAt)}.`,
          };
          extras.push(x);
          res.scheduled.push({
            rule: rule.id,
            channel,
            purpose: x.purpose,
            dueAt: x.dueAt,
            deadlineAt: x.deadlineAt,
            extraKey: x.key,
          });
          parts.push(
            msg('activity_rule_reminder', { channel: channelWord(channel), when: msgWhen(x.dueAt, tz) }),
          );
        }
        const recapDeadline = meetingAt + a.recapWithinHours * HOUR_MS;
        const followUp = {
          channel: 'email' as Channel,
          purpose: 'after-meeting' as const,
          dueAt: meetingAt,
          deadlineAt: recapDeadline,
        };
        e = { ...e, extras, meetingAt, followUp };
        res.scheduled.push({
          rule: rule.id,
          channel: 'email',
          purpose: 'after-meeting',
          dueAt: meetingAt,
          deadlineAt: recapDeadline,
        });
        parts.push(msg('activity_rule_recap_by', { when: msgWhen(recapDeadline, tz) }));
        what = msg('activity_rule_meeting', { when: msgWhen(meetingAt, tz), plan: listMsg(parts) });
      }
    } else if (a.kind === 'mini-sequence') {
      if (e.state !== 'active') continue;
      const add = a.steps.map((s) => ({
        channel: consentChannel(e, s.channel, rule, warnings),
        purpose: s.purpose,
        dayOffset: s.dayOffset,
        withinMinutes: s.withinMinutes,
      }));
      const ins = insertSteps(e, rule, add, at, true);
      e = ins.enrolment;
      ins.scheduled.forEach((s, i) => {
        warnings.push(...moveWarnings(e, rule, s.channel, ins.reasons[i] ?? [], s.dueAt));
      });
      res.scheduled.push(...ins.scheduled);
      what = msg('activity_rule_plan', {
        plan: listMsg(
          ins.scheduled.map((s) =>
            msg('activity_rule_touch_at', { channel: channelWord(s.channel), when: msgWhen(s.dueAt, tz) }),
          ),
        ),
      });
    } else if (a.kind === 'propose-opt-out' || a.kind === 'propose-finish' || a.kind === 'propose-call-now') {
      if (event.type !== 'reply') continue;
      const matches: IntentMatch[] = detectReplyIntents(event.text);
      const want = rule.condition?.replyIntent;
      const m = want === undefined ? matches[0] : matches.find((x) => x.intent === want);
      if (want !== undefined && !m) continue;
      const action =
        a.kind === 'propose-opt-out' ? 'opt-out' : a.kind === 'propose-finish' ? 'finish' : 'call-now';
      // The newest reply decides: an older proposal of the same kind is replaced, not repeated.
      const kept = (e.proposals ?? []).filter((p) => p.action !== action);
      const p: Proposal = { id: nextProposalId(e), action, rule: rule.id, at };
      if (m) p.matched = m.matched;
      if (a.kind === 'propose-call-now') p.withinMinutes = a.withinMinutes;
      e = { ...e, proposals: [...kept, p] };
      res.proposals.push(p);
      const matched = m?.matched;
      what =
        action === 'opt-out'
          ? matched
            ? msg('activity_rule_propose_opt_out_quoted', { matched })
            : msg('activity_rule_propose_opt_out')
          : action === 'finish'
            ? matched
              ? msg('activity_rule_propose_finish_quoted', { matched })
              : msg('activity_rule_propose_finish')
            : matched
              ? msg('activity_rule_propose_call_now_quoted', { matched })
              : msg('activity_rule_propose_call_now');
    } else if (a.kind === 're-nurture') {
      if (e.state !== 'completed') continue;
      const days = a.days ?? e.reengageDays ?? MIN_RENURTURE_DAYS;
      const clamped = Math.min(MAX_RENURTURE_DAYS, Math.max(MIN_RENURTURE_DAYS, days));
      let last = e.enrolledAt;
      for (const d of e.done) if (!d.skipped && d.at > last) last = d.at;
      // A break-up or value email sent between steps is a touch too: re-nurture dates from it.
      for (const x of e.extraTouches ?? []) if (x.at > last) last = x.at;
      const dueAt = addLocalDays(tz, last, clamped);
      e = {
        ...e,
        followUp: { channel: 'email', purpose: 're-engage', dueAt, deadlineAt: nextLocalMidnight(tz, dueAt) },
      };
      res.scheduled.push({
        rule: rule.id,
        channel: 'email',
        purpose: 're-engage',
        dueAt,
        deadlineAt: nextLocalMidnight(tz, dueAt),
      });
      what = msg('activity_rule_reengage', { when: msgWhen(dueAt, tz), days: clamped });
    }
    res.fired.push(rule.id);
    res.warnings.push(...warnings);
    res.activities.push(ruleActivity(e, rule, now, what, warnings, ctx));
  }
  res.enrolment = e;
  return res;
}
