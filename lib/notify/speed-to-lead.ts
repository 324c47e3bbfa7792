/** Notification text for speed-to-lead touches that just fell due. Pure. */
import type { Channel, Purpose } from '@/lib/cadence/types';
import { CHANNEL_LABELS, contactLabel, PURPOSE_LABELS } from '@/lib/touches/labels';

export interface SpeedToLeadItem {
  touchId: number;
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

/** One notification per touch; beyond `max` at once, a single summary instead of a pile. */
export function speedToLeadNotices(items: readonly SpeedToLeadItem[], now: number, max = 3): NoticeText[] {
  if (items.length === 0) return [];
  if (items.length > max) {
    const names = items.map((i) => contactLabel(i.contact));
    return [
      {
        id: `tb-speed-batch-${now}`,
        title: `${items.length} new leads need a first touch`,
        message: `Within minutes matters most: ${names.slice(0, 3).join(', ')}${names.length > 3 ? '…' : ''}`,
      },
    ];
  }
  return items.map((i) => {
    const who = contactLabel(i.contact);
    const company = i.contact?.company?.trim();
    const left = Math.max(0, Math.round((i.deadlineAt - now) / 60_000));
    return {
      id: `tb-touch-${i.touchId}`,
      title: `Speed to lead: ${who}${company ? ` (${company})` : ''}`,
      message: `${CHANNEL_LABELS[i.channel]} · ${PURPOSE_LABELS[i.purpose]}. ${
        left > 0
          ? `${left} min left of ${i.withinMinutes}.`
          : `The ${i.withinMinutes}-minute window has passed.`
      }`,
    };
  });
}
