/**
 * The speed-to-lead notification for a new lead worth dropping everything for (seed 003: a new
 * lead, its score and priority, and what to do next). No I/O: the background claims the new leads
 * and shows what this returns, worded in the rep's interface language (it loads it first).
 */
import type { Channel } from '@/lib/cadence/types';
import { formatRelative } from '@/lib/format/datetime';
import {
  factsOf,
  type Score,
  type ScoredContact,
  type ScoredEnrolment,
  type Priority,
  type ScoringSettings,
  scoreLead,
} from '@/lib/scoring';
import { contactLabel } from '@/lib/touches/labels';
import { type NoticeText, touchNoticeId } from './speed-to-lead';
import { formatCount, messageMap, t, tn, uiLocale } from '@/lib/i18n';
import { scoreReasons } from '@/lib/labels/score';

/** What the next touch of a new lead's sequence asks for. */
export interface NextTouch {
  touchId: number;
  step: number;
  channel: Channel;
  dueAt: number;
  withinMinutes?: number;
}

/** A lead that just came in, with what scoring needs and its next touch. */
export interface NewLeadInput {
  enrolmentId: number;
  contact: ScoredContact & { firstName?: string; lastName?: string; email?: string; company?: string };
  enrolment: ScoredEnrolment;
  next?: NextTouch;
}

export interface NewLead extends NewLeadInput {
  score: Score;
}

/** The leads at or above the rep's threshold, best first. */
export function leadsWorthANotice(
  inputs: readonly NewLeadInput[],
  scoring: ScoringSettings,
  now: number,
): NewLead[] {
  return inputs
    .map((i) => ({ ...i, score: scoreLead(factsOf(i.contact, [i.enrolment]), scoring, now) }))
    .filter((l) => l.score.score >= scoring.notifyAt)
    .sort((a, b) => b.score.score - a.score.score || a.enrolmentId - b.enrolmentId);
}

const ACTION = messageMap<Channel>({
  call: 'notify_action_call',
  sms: 'notify_action_sms',
  email: 'notify_action_email',
  voicemail: 'notify_action_voicemail',
  linkedin: 'notify_action_linkedin',
  task: 'notify_action_task',
});

const PRIORITY = messageMap<Priority>({
  High: 'priority_high',
  Medium: 'priority_medium',
  Low: 'priority_low',
});

/** "call within 5 minutes", "email today", "text Tomorrow, 9:00 AM" (in the interface language). */
export function nextActionText(next: NextTouch | undefined, now: number, timeZone: string): string {
  if (!next) return t('notify_next_none');
  const action = ACTION[next.channel] ?? ACTION.task;
  if (next.dueAt > now)
    return t('notify_next_at', { action, when: formatRelative(next.dueAt, now, timeZone, uiLocale()) });
  if (next.withinMinutes !== undefined) return tn('notify_next_within', next.withinMinutes, { action });
  return t('notify_next_today', { action });
}

/** A name and, when known, the company: "Ada Lovelace (Analytical)". */
function whoOf(contact: NewLeadInput['contact']): string {
  const company = contact.company?.trim();
  return company ? `${contactLabel(contact)} (${company})` : contactLabel(contact);
}

/**
 * One notification per lead, or beyond `max` at once (an import) a single summary. The id is the
 * one the lead's next touch is announced under (`touchNoticeId`), so the touch's own
 * speed-to-lead notice replaces this one instead of stacking next to it, even when the touch was
 * still computed here and is a stored row by then.
 */
export function newLeadNotices(
  leads: readonly NewLead[],
  now: number,
  timeZone: string,
  max = 3,
): NoticeText[] {
  if (leads.length === 0) return [];
  if (leads.length > max) {
    const top = leads.slice(0, 3).map((l) => `${contactLabel(l.contact)} (${formatCount(l.score.score)})`);
    return [
      {
        id: `tb-leads-${leads[0]!.enrolmentId}-${leads.length}`,
        title: tn('notify_leads_title', leads.length),
        message: t('notify_leads_best', { names: `${top.join(', ')}${leads.length > 3 ? '…' : ''}` }),
      },
    ];
  }
  return leads.map((l) => ({
    id: l.next
      ? touchNoticeId({ touchId: l.next.touchId, enrolmentId: l.enrolmentId, step: l.next.step })
      : `tb-lead-${l.enrolmentId}`,
    title: t('notify_lead_title', {
      who: whoOf(l.contact),
      score: l.score.score,
      priority: PRIORITY[l.score.priority],
    }),
    message: t('notify_lead_message', {
      next: nextActionText(l.next, now, timeZone),
      why: scoreReasons(l.score),
    }),
  }));
}
