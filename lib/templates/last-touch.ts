/**
 * `{{lastTouch}}`: the latest outreach to the contact, in words the contact would use
 * ("left you a voicemail yesterday"), read from the real activity log.
 */
import { TZDate } from '@date-fns/tz';
import type { Channel } from '@/lib/cadence';
import { DEFAULT_LANGUAGE, type Language } from './language';
import { localDayNumber } from './slots';
import type { RenderActivity } from './types';
import { lastTouchWords, type TouchAction, type TouchWhen } from './words';

/** A call and its logged outcome are matched when this close in time. */
const CALL_OUTCOME_MATCH_MS = 60 * 60_000;

interface Outbound {
  at: number;
  channel: Exclude<Channel, 'task'>;
  outcome?: RenderActivity['outcome'];
}

function toOutbound(a: RenderActivity): Outbound | undefined {
  if (a.kind === 'sent-from-gmail') return { at: a.at, channel: 'email' };
  if (a.kind === 'call-outcome') return { at: a.at, channel: 'call', outcome: a.outcome };
  if (a.kind === 'touch-done' && a.channel && a.channel !== 'task') {
    return { at: a.at, channel: a.channel, outcome: a.outcome };
  }
  return undefined;
}

function action(t: Outbound): TouchAction {
  switch (t.channel) {
    case 'email':
      return 'emailed';
    case 'sms':
      return 'texted';
    case 'voicemail':
      return 'voicemail';
    case 'linkedin':
      return 'linkedin';
    case 'call':
      if (t.outcome === 'voicemail') return 'voicemail';
      if (t.outcome === 'answered') return 'spoke';
      if (t.outcome === 'no-answer') return 'tried-calling';
      return 'called';
  }
}

function when(at: number, now: number, timeZone: string): TouchWhen {
  const z = new TZDate(at, timeZone);
  const diff = localDayNumber(new TZDate(now, timeZone)) - localDayNumber(z);
  if (diff <= 0) return { kind: 'today' };
  if (diff === 1) return { kind: 'yesterday' };
  if (diff <= 6) return { kind: 'weekday', at };
  const sameYear = z.getFullYear() === new TZDate(now, timeZone).getFullYear();
  return { kind: 'date', at, withYear: !sameYear };
}

/**
 * "emailed you earlier today", "left you a voicemail yesterday", "texted you on Monday" (or the
 * same in `language`: "te dejé un mensaje de voz ayer"), or undefined when the log holds no
 * outreach up to `now`. Days are counted in `timeZone` (the contact's), which must be a valid zone.
 */
export function describeLastTouch(
  activities: readonly RenderActivity[],
  now: Date,
  timeZone: string,
  language: Language = DEFAULT_LANGUAGE,
): string | undefined {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) return undefined;
  const touches: Outbound[] = [];
  for (const a of activities ?? []) {
    if (!a || !Number.isFinite(a.at) || a.at > nowMs) continue;
    const t = toOutbound(a);
    if (t) touches.push(t);
  }
  if (touches.length === 0) return undefined;
  let latest = touches[0]!;
  for (const t of touches) {
    // On a tie, an entry that knows the call outcome is the more specific one.
    if (t.at > latest.at || (t.at === latest.at && t.outcome && !latest.outcome)) latest = t;
  }
  if (latest.channel === 'call' && !latest.outcome) {
    let nearest: Outbound | undefined;
    for (const t of touches) {
      if (t.channel !== 'call' || !t.outcome) continue;
      const gap = Math.abs(t.at - latest.at);
      if (gap <= CALL_OUTCOME_MATCH_MS && (!nearest || gap < Math.abs(nearest.at - latest.at))) nearest = t;
    }
    if (nearest) latest = { ...latest, outcome: nearest.outcome };
  }
  return lastTouchWords(language, action(latest), when(latest.at, nowMs, timeZone), timeZone);
}
