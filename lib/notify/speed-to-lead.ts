/**
 * Notification text for speed-to-lead touches that just fell due, in the rep's interface
 * language (the background loads it before a tick shows anything). No I/O.
 */
import type { Channel, Purpose } from '@/lib/cadence/types';
import { CHANNEL_LABELS, contactLabel, PURPOSE_LABELS } from '@/lib/touches/labels';
import { t, tn } from '@/lib/i18n';

export interface SpeedToLeadItem {
  touchId: number;
  enrolmentId: number;
  step: number;
  channel: Channel;
  purpose: Purpose;
  deadlineAt: number;
  withinMinutes: number;
  contact?: { firstName?: string; lastName?: string; email?: string; company?: string };
}

export interface NoticeText {
  /** Stable notification id, so a repeat replaces instead of stacking. */
  id: string;
  title: string;
  message: string;
}

/**
 * The notification id of one touch, the same whether the engine still computes it (a negative id,
 * lib/db/horizon.ts) or the minute alarm has stored it as a row (another id): a step names one
 * touch of its enrolment, so a new-lead notice naming a computed touch is replaced by that touch's
 * own speed-to-lead notice instead of stacking next to it. Step-0 touches (rule-added) are always
 * rows, so their id is enough.
 */
export function touchNoticeId(t: { touchId: number; enrolmentId: number; step: number }): string {
  return t.step > 0 ? `tb-touch-${t.enrolmentId}-${t.step}` : `tb-touch-${t.touchId}`;
}

/** One notification per touch; beyond `max` at once, a single summary instead of a pile. */
export function speedToLeadNotices(items: readonly SpeedToLeadItem[], now: number, max = 3): NoticeText[] {
  if (items.length === 0) return [];
  if (items.length > max) {
    const names = items.map((i) => contactLabel(i.contact));
    return [
      {
        id: `tb-speed-batch-${now}`,
        title: tn('notify_speed_batch_title', items.length),
        message: t('notify_speed_batch_message', {
          names: `${names.slice(0, 3).join(', ')}${names.length > 3 ? '…' : ''}`,
        }),
      },
    ];
  }
  return items.map((i) => {
    const who = contactLabel(i.contact);
    const company = i.contact?.company?.trim();
    const left = Math.max(0, Math.round((i.deadlineAt - now) / 60_000));
    const what = `${CHANNEL_LABELS[i.channel]} · ${PURPOSE_LABELS[i.purpose]}`;
    return {
      id: touchNoticeId(i),
      title: t('notify_speed_title', { who: company ? `${who} (${company})` : who }),
      message:
        left > 0
          ? t('notify_speed_left', { what, left, within: i.withinMinutes })
          : t('notify_speed_passed', { what, within: i.withinMinutes }),
    };
  });
}
