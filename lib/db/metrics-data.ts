/**
 * Reads what the weekly review needs, by index only: the activity log over the period (plus a
 * look-back, since a reply this week may answer an older touch) and the enrolments those
 * activities name. Every enrolment writes an 'enrolled' activity when it starts, so enrolments
 * started in the period are always among them.
 */
import type { Enrolment } from '@/lib/cadence/types';
import type { ActivityRow, TouchbaseDb } from './schema';

/** How far before the period touches are still credited with a reply. */
export const METRICS_LOOKBACK_MS = 30 * 86_400_000;

export interface MetricsData {
  activities: ActivityRow[];
  enrolments: Pick<Enrolment, 'id' | 'contactId' | 'source' | 'enrolledAt'>[];
}

/** Activities in [from − look-back, to) in time order, and the enrolments they belong to. */
export async function loadMetricsData(
  db: TouchbaseDb,
  from: number,
  to: number,
  lookbackMs = METRICS_LOOKBACK_MS,
): Promise<MetricsData> {
  const activities = await db.activities
    .where('at')
    .between(from - lookbackMs, to, true, false)
    .toArray();
  const ids = [
    ...new Set(activities.map((a) => a.enrolmentId).filter((id): id is number => id !== undefined)),
  ];
  const rows = ids.length ? await db.enrolments.bulkGet(ids) : [];
  const enrolments = rows
    .filter((e) => e !== undefined)
    .map((e) => ({ id: e.id, contactId: e.contactId, source: e.source, enrolledAt: e.enrolledAt }));
  return { activities, enrolments };
}
