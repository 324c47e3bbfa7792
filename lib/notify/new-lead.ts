/**
 * The speed-to-lead notification for a new lead worth dropping everything for (seed 003: a new
 * lead, its score and priority, and what to do next). Pure: the background claims the new leads
 * and shows what this returns.
 */
import type { Channel } from '@/lib/cadence/types';
import { formatRelative } from '@/lib/format/datetime';
import {
  factsOf,
  type Score,
  type ScoredContact,
  type ScoredEnrolment,
  type ScoringSettings,
  scoreLead,
} from '@/lib/scoring';
import { contactLabel } from '@/lib/touches/labels';
import type { NoticeText } from './speed-to-lead';

/** What the next touch of a new lead's sequence asks for. */
export interface NextTouch {
  touchId: number;
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

const ACTION: Record<Channel, string> = {
  call: 'call',
  sms: 'text',
  email: 'email',
  voicemail: 'leave a voicemail',
  linkedin: 'reach out on LinkedIn',
  task: 'do the first task',
};

/** "call within 5 minutes", "email by the end of the day", "text Tomorrow, 9:00 AM". */
export function nextActionText(next: NextTouch | undefined, now: number, timeZone: string): string {
  if (!next) return 'open Touchbase to plan the first touch';
  const what = ACTION[next.channel] ?? 'first touch';
  if (next.dueAt > now) return `${what} ${formatRelative(next.dueAt, now, timeZone)}`;
  if (next.withinMinutes !== undefined)
    return `${what} within ${next.withinMinutes} minute${next.withinMinutes === 1 ? '' : 's'}`;
  return `${what} today`;
}

/**
 * One notification per lead, or beyond `max` at once (an import) a single summary. The id is the
 * one the lead's first touch would be announced under (`tb-touch-<id>`), so the touch's own
 * speed-to-lead notice replaces this one instead of stacking next to it.
 */
export function newLeadNotices(
  leads: readonly NewLead[],
  now: number,
  timeZone: string,
  max = 3,
): NoticeText[] {
  if (leads.length === 0) return [];
  if (leads.length > max) {
    const top = leads.slice(0, 3).map((l) => `${contactLabel(l.contact)} (${l.score.score})`);
    return [
      {
        id: `tb-leads-${leads[0]!.enrolmentId}-${leads.length}`,
        title: `${leads.length} new leads worth a call now`,
        message: `Best first: ${top.join(', ')}${leads.length > 3 ? '…' : ''}`,
      },
    ];
  }
  return leads.map((l) => {
    const company = l.contact.company?.trim();
    return {
      id: l.next ? `tb-touch-${l.next.touchId}` : `tb-lead-${l.enrolmentId}`,
      title: `New lead: ${contactLabel(l.contact)}${company ? ` (${company})` : ''} · Score ${l.score.score} · ${l.score.priority}`,
      message: `Next: ${nextActionText(l.next, now, timeZone)}. Why: ${l.score.explanation.replace(/^\d+: /, '')}.`,
    };
  });
}
