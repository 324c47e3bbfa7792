import { afterEach, beforeEach, expect, it } from 'vitest';
import { completeTouch, enrolContact, logReply, saveSettings, TouchbaseDb } from '@/lib/db';
import { loadMetricsData } from '@/lib/db/metrics-data';

const T0 = Date.parse('2026-03-03T15:00:00Z');
const D = 86_400_000;
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-metrics-data-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

it('loads the period by index, and only the enrolments started in it', async () => {
  const old = await enrolContact(db, {
    contact: { email: 'old@example.com' },
    playbookId: 'seven-touch-14-day',
    source: 'referral',
    via: 'test',
    now: T0 - 60 * D,
  });
  const { enrolmentId, contactId } = await enrolContact(db, {
    contact: { email: 'ada@example.com' },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'test',
    now: T0,
  });
  const first = await db.touches.where('[enrolmentId+step]').equals([enrolmentId, 1]).first();
  await completeTouch(db, first!.id, { now: T0 + 60_000, via: 'test' });
  await logReply(db, contactId, { now: T0 + 2 * D, via: 'test' });
  // The older enrolment is touched inside the period: its activity is read, its row is not.
  const oldFirst = await db.touches.where('[enrolmentId+step]').equals([old.enrolmentId, 1]).first();
  await completeTouch(db, oldFirst!.id, { now: T0 + 3 * D, via: 'test' });

  const data = await loadMetricsData(db, T0, T0 + 7 * D);
  expect(data.activities.map((a) => a.kind)).toEqual([
    'enrolled',
    'touch-done',
    'reply',
    'paused',
    'touch-done',
  ]);
  expect(data.activities.every((a) => a.at >= T0 && a.at < T0 + 7 * D)).toBe(true);
  expect(data.enrolments).toEqual([{ id: enrolmentId, contactId, source: 'web-form', enrolledAt: T0 }]);

  // A metric that needs older entries asks for a look-back.
  const back = await loadMetricsData(db, T0, T0 + 7 * D, 90 * D);
  expect(back.activities[0]).toMatchObject({ kind: 'enrolled', at: T0 - 60 * D });
  expect(back.enrolments.map((e) => e.id).sort()).toEqual([old.enrolmentId, enrolmentId].sort());
});
