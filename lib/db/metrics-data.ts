/**
 * Reads what the weekly review needs, by index only: the activity log over the period and the
 * enrolments started in it. Every enrolment logs an 'enrolled' activity at the instant it
 * starts (`enrolledAt`), so those activities name exactly the enrolments the period needs,
 * however many others its touches belong to.
 *
 * Nothing before the period is read: a reply to a touch sent before it is credited to that
 * touch, which the period does not count, so the period's figures are the same without it
 * (property test: tests/unit/metrics/window.test.ts). A metric that needs older entries asks
 * for a look-back.
 */
import type { Enrolment } from '@/lib/cadence/types';
import type { ActivityRow, TouchbaseDb } from './schema';

export interface MetricsData {
  activities: ActivityRow[];
  enrolments: Pick<Enrolment, 'id' | 'contactId' | 'source' | 'enrolledAt'>[];
}

/** Activities in [from − look-back, to) in time order, and the enrolments started in that span. */
export async function loadMetricsData(
  db: TouchbaseDb,
  from: number,
  to: number,
  lookbackMs = 0,
): Promise<MetricsData> {
  return db.transaction('r', db.activities, db.enrolments, async () => {
    const activities = await db.activities
      .where('at')
      .between(from - lookbackMs, to, true, false)
      .toArray();
    const ids: number[] = [];
    for (const a of activities)
      if (a.kind === 'enrolled' && a.enrolmentId !== undefined) ids.push(a.enrolmentId);
    const rows = ids.length ? await db.enrolments.bulkGet([...new Set(ids)]) : [];
    const enrolments: MetricsData['enrolments'] = [];
    for (const e of rows) {
      if (e)
        enrolments.push({ id: e.id, contactId: e.contactId, source: e.source, enrolledAt: e.enrolledAt });
    }
    return { activities, enrolments };
  });
}
