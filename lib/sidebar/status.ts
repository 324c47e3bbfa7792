/**
 * What the sidebar says about an enrolment: its state, "Touch 3 of 7 · Text due now", the
 * timeline of done and coming touches, and times in the rep's zone, in the interface language.
 * `now` comes in.
 */
import { HOUR_MS, MINUTE_MS, toLocal } from '@/lib/cadence/zoned';
import { coarseDuration, dayDiff, formatDay, formatTime } from '@/lib/format/datetime';
import type { Channel, EnrolmentState, Purpose } from '@/lib/cadence/types';
import type { EnrolmentRow, TouchRow } from '@/lib/db/schema';
import { messageMap, t, uiLocale } from '@/lib/i18n';

/** Channel names as the sidebar writes them inside a sentence. */
export const CHANNEL_WORDS: Record<Channel, string> = messageMap({
  email: 'channel_step_email',
  sms: 'channel_step_sms',
  call: 'channel_step_call',
  voicemail: 'channel_step_voicemail',
  linkedin: 'channel_step_linkedin',
  task: 'channel_step_task',
});

/** "Active", "Paused (replied)", "Booked"… */
export function stateLabel(e: Pick<EnrolmentRow, 'state' | 'pauseReason'>): string {
  switch (e.state) {
    case 'active':
      return t('state_active');
    case 'paused':
      return e.pauseReason === 'replied' ? t('state_paused_replied') : t('state_paused');
    case 'booked':
      return t('state_booked');
    case 'opted-out':
      return t('state_opted_out');
    case 'completed':
      return t('state_completed');
    case 'removed':
      return t('state_removed');
  }
}

/** Tone of the state chip. */
export function stateTone(state: EnrolmentState): 'ok' | 'warn' | 'muted' | 'accent' {
  if (state === 'active') return 'accent';
  if (state === 'booked') return 'ok';
  if (state === 'paused') return 'warn';
  return 'muted';
}

const STATE_RANK: Record<EnrolmentState, number> = {
  active: 0,
  paused: 1,
  booked: 2,
  completed: 3,
  'opted-out': 4,
  removed: 5,
};

/** The enrolment the sidebar shows: a running one first, else the most recent. */
export function currentEnrolment(enrolments: readonly EnrolmentRow[]): EnrolmentRow | undefined {
  return [...enrolments].sort(
    (a, b) => STATE_RANK[a.state] - STATE_RANK[b.state] || b.stateChangedAt - a.stateChangedAt || b.id - a.id,
  )[0];
}

/** Whether an enrolment still runs (a new one would be refused). */
export function isRunning(e: EnrolmentRow | undefined): boolean {
  return !!e && (e.state === 'active' || e.state === 'paused');
}

/** The enrolment's next planned touch: earliest due, then lowest step. */
export function nextPlannedTouch(touches: readonly TouchRow[], enrolmentId: number): TouchRow | undefined {
  return touches
    .filter((t) => t.enrolmentId === enrolmentId && t.state === 'planned')
    .sort((a, b) => a.dueAt - b.dueAt || a.step - b.step)[0];
}

/**
 * The contact's own clock at `at` when their zone differs from the rep's ("4:30 PM their time"),
 * else undefined.
 */
export function theirTime(
  at: number,
  repZone: string,
  contactZone: string | undefined,
  locale = uiLocale(),
): string | undefined {
  if (!contactZone || contactZone === repZone) return undefined;
  try {
    if (toLocal(contactZone, at) === toLocal(repZone, at)) return undefined;
  } catch {
    return undefined;
  }
  return t('their_time', { time: formatTime(at, contactZone, locale) });
}

/** How urgent a touch is, for the chip colour. */
export type DueTone = 'overdue' | 'due' | 'today' | 'later';

/** "overdue by 2 h", "due now", "due today, 3:00 PM", "due tomorrow, 9:00 AM", "due Thu, Nov 26". */
export function dueText(
  touch: Pick<TouchRow, 'dueAt' | 'deadlineAt'>,
  now: number,
  timeZone: string,
  locale = uiLocale(),
): { text: string; tone: DueTone } {
  if (touch.deadlineAt <= now)
    return {
      text: t('due_overdue_by', { duration: coarseDuration(now - touch.deadlineAt, locale) }),
      tone: 'overdue',
    };
  // Within the minute counts as now: a touch replanned "from now" must not read "due in 1 min".
  if (touch.dueAt <= now + MINUTE_MS) return { text: t('due_now'), tone: 'due' };
  const diff = dayDiff(touch.dueAt, now, timeZone);
  const time = () => formatTime(touch.dueAt, timeZone, locale);
  if (diff === 0) {
    if (touch.dueAt - now < HOUR_MS)
      return { text: t('due_in', { duration: coarseDuration(touch.dueAt - now, locale) }), tone: 'today' };
    return { text: t('due_today_at', { time: time() }), tone: 'today' };
  }
  if (diff === 1) return { text: t('due_tomorrow_at', { time: time() }), tone: 'later' };
  return { text: t('due_on', { day: formatDay(touch.dueAt, timeZone, locale) }), tone: 'later' };
}

/** "Touch 3 of 7 · Text due now"; follow-ups outside the steps are named instead. */
export function stepLine(
  touch: Pick<TouchRow, 'step' | 'totalSteps' | 'channel' | 'purpose' | 'dueAt' | 'deadlineAt'>,
  now: number,
  timeZone: string,
  locale = uiLocale(),
): { text: string; tone: DueTone } {
  const due = dueText(touch, now, timeZone, locale);
  const head =
    touch.step === 0
      ? touch.purpose === 'after-meeting'
        ? t('step_meeting_recap')
        : touch.purpose === 'meeting-reminder'
          ? t('step_meeting_reminder')
          : touch.purpose === 're-engage'
            ? t('step_re_engage')
            : t('step_requested')
      : t('step_touch_of', { step: touch.step, total: touch.totalSteps });
  return {
    text: t('step_line', { head, channel: CHANNEL_WORDS[touch.channel], due: due.text }),
    tone: due.tone,
  };
}

/** One line of the timeline. */
export interface TimelineItem {
  key: string;
  step: number;
  channel: Channel;
  purpose: Purpose;
  status: 'done' | 'skipped' | 'planned' | 'waiting';
  /** Done/skipped: when; planned: due time; waiting (paused or stopped): none. */
  at?: number;
  outcome?: string;
  /** The next touch to act on. */
  next?: boolean;
}

/**
 * Every step of the enrolment in order, from the touch rows where they exist (they carry the
 * real times), from the enrolment's own record of done steps otherwise, and steps that are not
 * scheduled right now (paused, stopped) as "waiting". Follow-ups (step 0) come last.
 */
export function timeline(e: EnrolmentRow, touches: readonly TouchRow[]): TimelineItem[] {
  const mine = touches.filter((t) => t.enrolmentId === e.id);
  const next = nextPlannedTouch(mine, e.id);
  const items: TimelineItem[] = [];
  e.steps.forEach((s, i) => {
    const step = i + 1;
    const rows = mine.filter((t) => t.step === step);
    const closed = rows.find((t) => t.state !== 'planned');
    const planned = rows.find((t) => t.state === 'planned');
    const done = e.done.find((d) => d.step === step);
    const base = { key: `s${step}`, step, channel: s.channel, purpose: s.purpose };
    if (closed) {
      items.push({
        ...base,
        status: closed.state === 'skipped' ? 'skipped' : 'done',
        at: closed.doneAt ?? done?.at,
        outcome: done?.outcome,
      });
    } else if (done) {
      items.push({ ...base, status: done.skipped ? 'skipped' : 'done', at: done.at, outcome: done.outcome });
    } else if (planned) {
      items.push({ ...base, status: 'planned', at: planned.dueAt, next: planned.id === next?.id });
    } else {
      items.push({ ...base, status: 'waiting' });
    }
  });
  for (const t of mine.filter((x) => x.step === 0)) {
    items.push({
      key: `f${t.id}`,
      step: 0,
      channel: t.channel,
      purpose: t.purpose,
      status: t.state === 'planned' ? 'planned' : t.state === 'skipped' ? 'skipped' : 'done',
      at: t.state === 'planned' ? t.dueAt : t.doneAt,
      next: t.id === next?.id,
    });
  }
  return items;
}

/**
 * Since when a message from the contact counts as a reply: the latest of the enrolment start,
 * the last touch done and the last reply already recorded.
 */
export function replyCutoff(
  e: Pick<EnrolmentRow, 'enrolledAt' | 'lastTouchAt' | 'lastReplyAt' | 'done'>,
): number {
  let at = e.enrolledAt;
  if (e.lastTouchAt !== undefined) at = Math.max(at, e.lastTouchAt);
  if (e.lastReplyAt !== undefined) at = Math.max(at, e.lastReplyAt);
  for (const d of e.done) if (!d.skipped) at = Math.max(at, d.at);
  return at;
}
