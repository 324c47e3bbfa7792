import { afterEach, beforeEach, expect, it } from 'vitest';
import { completeTouch, enrolContact, getDb, saveSettings } from '@/lib/db';
import { loadMetricsData } from '@/lib/db/metrics-data';
import { shiftWeek, weekOf } from '@/lib/metrics/week';
import { primeMetrics, readMetricsStart, takePrimedMetrics } from '@/components/options/metrics/primed';

const NY = 'America/New_York';
// Monday 2026-03-09 02:00 UTC is still Sunday the 8th in New York: the week differs by zone.
const NOW = Date.parse('2026-03-09T02:00:00Z');
const D = 86_400_000;
const db = getDb();

beforeEach(async () => {
  await db.open();
  for (const t of db.tables) await t.clear();
  await saveSettings(db, { timeZone: NY });
  // One sequence in last week, one in this week, one before both (in New York's weeks).
  for (const [i, at] of [NOW - 20 * D, NOW - 10 * D, NOW - 3_600_000].entries()) {
    const { enrolmentId } = await enrolContact(db, {
      contact: { email: `lead${i}@example.com` },
      playbookId: 'seven-touch-14-day',
      source: 'web-form',
      via: 'test',
      now: at,
    });
    const first = await db.touches.where('[enrolmentId+step]').equals([enrolmentId, 1]).first();
    await completeTouch(db, first!.id, { now: at + 60_000, via: 'test' });
  }
});
afterEach(() => takePrimedMetrics());

it('reads the settings and the two weeks the tab first shows, in the rep zone', async () => {
  const start = await readMetricsStart(db, NOW);
  const week = weekOf(NOW, NY);
  const prev = shiftWeek(week, -1, NY);
  // Not the UTC week (which would start on Monday the 9th).
  expect(week.from).toBeLessThan(NOW);
  expect(start).toEqual({
    now: NOW,
    settings: expect.objectContaining({ timeZone: NY }),
    from: prev.from,
    to: week.to,
    data: await loadMetricsData(db, prev.from, week.to),
  });
  expect(start.data.activities.length).toBeGreaterThan(0);
  expect(start.data.enrolments).toHaveLength(2);
});

it('hands the primed read to one first render only', async () => {
  expect(takePrimedMetrics()).toBeUndefined();
  await primeMetrics();
  const first = takePrimedMetrics();
  expect(first?.settings.timeZone).toBe(NY);
  // The same render (StrictMode's second call) still gets it; a later mount does not.
  expect(takePrimedMetrics()).toBe(first);
  await Promise.resolve();
  expect(takePrimedMetrics()).toBeUndefined();
});
