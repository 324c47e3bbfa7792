import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  plannedTouchesOf,
  completeTouch,
  contactByEmail,
  dueSummary,
  enrolContact,
  enrolmentAction,
  logCallOutcome,
  logReply,
  nextTouchFor,
  RepoError,
  saveSettings,
  skipTouch,
  STORE_AHEAD_MS,
  snoozeTouch,
  TouchbaseDb,
  withLaterTouches,
} from '@/lib/db';

const T0 = Date.parse('2026-03-03T15:00:00Z'); // Tue 10:00 in New York
const HOUR = 3_600_000;
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-repo-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function enrolAda(playbookId = 'seven-touch-14-day', source: 'web-form' | 'referral' = 'web-form') {
  return enrolContact(db, {
    contact: {
      email: 'Ada@Example.com',
      firstName: 'Ada',
      company: 'Analytical',
      timeZone: 'America/New_York',
    },
    playbookId,
    source,
    via: 'test',
    now: T0,
  });
}

describe('enrolment', () => {
  it('creates the contact, the enrolment, its planned touches and an activity, in one go', async () => {
    const { contactId, enrolmentId } = await enrolAda();
    const contact = await contactByEmail(db, 'ada@example.COM');
    expect(contact?.id).toBe(contactId);
    const e = (await db.enrolments.get(enrolmentId))!;
    const stored = await db.touches.where('enrolmentId').equals(enrolmentId).sortBy('step');
    // Rows only inside the stored horizon; the engine gives the rest, and the enrolment's
    // laterDueAt says when the first of those is due (the alarm stores it as it comes closer).
    expect(stored.length).toBeLessThan(7);
    expect(stored.every((t) => t.dueAt < T0 + STORE_AHEAD_MS)).toBe(true);
    const touches = withLaterTouches(stored, [e]).sort((a, b) => a.step - b.step);
    expect(e.laterDueAt).toBe(Math.min(...touches.filter((t) => t.id < 0).map((t) => t.dueAt)));
    expect(touches.map((t) => [t.step, t.channel, t.purpose])).toEqual([
      [1, 'sms', 'acknowledge'],
      [2, 'email', 'confirm'],
      [3, 'call', 'call'],
      [4, 'sms', 'voicemail-nudge'],
      [5, 'email', 'value'],
      [6, 'call', 'call'],
      [7, 'sms', 'breakup'],
    ]);
    // web-form: the first touch is due within 2 minutes.
    expect(touches[0]!.deadlineAt - touches[0]!.dueAt).toBe(2 * 60_000);
    const acts = await db.activities.toArray();
    expect(acts.map((a) => a.kind)).toEqual(['enrolled']);
    expect(await dueSummary(db, T0)).toEqual({ due: 2, overdue: 0 });
    expect(await dueSummary(db, T0 + 5 * 60_000)).toEqual({ due: 2, overdue: 1 });
  });

  it('refuses a second running enrolment and an unknown playbook, writing nothing', async () => {
    await enrolAda();
    await expect(enrolAda()).rejects.toThrow(/already in a running sequence/);
    await expect(enrolAda('nope')).rejects.toBeInstanceOf(RepoError);
    expect(await db.enrolments.count()).toBe(1);
  });

  it('refuses an unknown time zone with a clear message and writes nothing', async () => {
    await expect(
      enrolContact(db, {
        contact: { email: 'x@example.com', timeZone: 'Mars/Olympus' },
        playbookId: 'seven-touch-14-day',
        source: 'web-form',
        via: 'test',
        now: T0,
      }),
    ).rejects.toThrow(/time zone/i);
    expect(await db.contacts.count()).toBe(0);
  });
});

describe('completing touches', () => {
  it('records a touch once even when completed twice (two tabs, a double click)', async () => {
    const { enrolmentId } = await enrolAda();
    const first = await db.touches.where('[enrolmentId+step]').equals([enrolmentId, 1]).first();
    const [a, b] = await Promise.all([
      completeTouch(db, first!.id, { now: T0 + 60_000, via: 'test', text: 'Hi Ada' }),
      completeTouch(db, first!.id, { now: T0 + 61_000, via: 'test', text: 'Hi Ada' }),
    ]);
    expect([a.alreadyDone, b.alreadyDone].sort()).toEqual([false, true]);
    expect(await db.activities.where('kind').equals('touch-done').count()).toBe(1);
    const e = await db.enrolments.get(enrolmentId);
    expect(e?.done).toHaveLength(1);
    const stored = await db.touches.get(first!.id);
    expect(stored).toMatchObject({ state: 'done', text: 'Hi Ada', doneAt: T0 + 60_000 });
    // Remaining steps are still planned and the next one is the email.
    expect((await nextTouchFor(db, e!.contactId))?.step).toBe(2);
  });

  it('replans the rest from the actual time of a late touch', async () => {
    const { enrolmentId } = await enrolAda();
    // Step 3 is computed, not stored, until it comes close (lib/db/horizon.ts).
    const step = async (s: number) => (await plannedTouchesOf(db, enrolmentId)).find((t) => t.step === s);
    const before = (await step(3))!.dueAt;
    await completeTouch(db, (await step(1))!.id, { now: T0 + 60_000, via: 'test' });
    await completeTouch(db, (await step(2))!.id, { now: T0 + 2 * 24 * HOUR, via: 'test' });
    const after = (await step(3))!.dueAt;
    expect(after).toBeGreaterThan(before);
  });

  it('rolls back everything when a write in the middle fails', async () => {
    const { enrolmentId } = await enrolAda();
    const first = await db.touches.where('[enrolmentId+step]').equals([enrolmentId, 1]).first();
    const activities = await db.activities.count();
    db.activities.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(completeTouch(db, first!.id, { now: T0, via: 'test' })).rejects.toThrow('disk full');
    expect((await db.touches.get(first!.id))?.state).toBe('planned');
    expect(await db.activities.count()).toBe(activities);
    expect((await db.enrolments.get(enrolmentId))?.done).toEqual([]);
  });

  it('a call answered counts as a response and pauses the sequence', async () => {
    const { enrolmentId } = await enrolContact(db, {
      contact: { email: 'r@example.com' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: T0,
    });
    const call = await db.touches.where('[enrolmentId+step]').equals([enrolmentId, 1]).first();
    expect(call?.channel).toBe('call');
    await logCallOutcome(db, call!.id, 'answered', { now: T0 + 60_000, via: 'test' });
    const e = await db.enrolments.get(enrolmentId);
    expect(e?.state).toBe('paused');
    expect(e?.pauseReason).toBe('replied');
    const kinds = (await db.activities.toArray()).map((a) => a.kind);
    expect(kinds).toEqual(['enrolled', 'call-outcome', 'touch-done', 'reply', 'paused']);
    // Touchbase's notes are messages with their English beside them (each rep reads their language).
    const notes = (await db.activities.toArray())
      .filter((a) => a.msg)
      .map((a) => [a.kind, a.msg?.key, a.text]);
    expect(notes).toEqual([
      ['reply', 'activity_answered_call', 'Answered the call.'],
      ['paused', 'activity_paused_replied', 'They replied.'],
    ]);
    expect(
      await db.touches.where('[state+dueAt]').between(['planned', -Infinity], ['planned', Infinity]).count(),
    ).toBe(0);
  });

  it('skip and snooze move the plan and each leave one activity', async () => {
    const { enrolmentId } = await enrolAda();
    const t1 = await db.touches.where('[enrolmentId+step]').equals([enrolmentId, 1]).first();
    await skipTouch(db, t1!.id, { now: T0, via: 'test' });
    const t2 = await db.touches.where('[enrolmentId+step]').equals([enrolmentId, 2]).first();
    const { dueAt } = await snoozeTouch(db, t2!.id, 120, { now: T0, via: 'test' });
    expect(dueAt).toBe(T0 + 120 * 60_000);
    expect((await db.touches.get(t2!.id))?.dueAt).toBe(dueAt);
    const kinds = (await db.activities.toArray()).map((a) => a.kind);
    expect(kinds).toEqual(['enrolled', 'touch-skipped', 'touch-snoozed']);
  });
});

describe('states', () => {
  it('a reply pauses, resume replans from now without firing everything at once', async () => {
    const { enrolmentId, contactId } = await enrolAda();
    expect(await logReply(db, contactId, { now: T0 + HOUR, via: 'test' })).toEqual({ paused: 1 });
    expect(await dueSummary(db, T0 + 30 * 24 * HOUR)).toEqual({ due: 0, overdue: 0 });
    // The same reply seen again is not logged twice.
    await logReply(db, contactId, { now: T0 + 2 * HOUR, at: T0 + HOUR, via: 'test' });
    expect(await db.activities.where('kind').equals('reply').count()).toBe(1);

    const later = T0 + 20 * 24 * HOUR;
    await enrolmentAction(db, enrolmentId, { kind: 'resume' }, { now: later, via: 'test' });
    const stored = await db.touches
      .where('enrolmentId')
      .equals(enrolmentId)
      .filter((t) => t.state === 'planned')
      .toArray();
    const planned = withLaterTouches(stored, [(await db.enrolments.get(enrolmentId))!]);
    expect(planned).toHaveLength(7);
    expect(Math.min(...planned.map((t) => t.dueAt))).toBeGreaterThanOrEqual(later);
    // Only the first step(s) are due right away, not the whole overdue backlog.
    expect((await dueSummary(db, later + 3 * HOUR)).due).toBeLessThanOrEqual(2);
  });

  it('opt-out stops every channel and refuses re-enrolment until withdrawn', async () => {
    const { enrolmentId } = await enrolAda();
    await enrolmentAction(db, enrolmentId, { kind: 'opted-out' }, { now: T0, via: 'test' });
    const contact = await contactByEmail(db, 'ada@example.com');
    expect(contact?.optOut.sms).toBe(true);
    expect(contact?.optOut.email).toBe(true);
    expect(await db.touches.filter((t) => t.state === 'planned').count()).toBe(0);
    await enrolmentAction(db, enrolmentId, { kind: 'remove' }, { now: T0, via: 'test' }).catch(
      () => undefined,
    );
    await expect(enrolAda()).rejects.toThrow(/opted out/);
  });

  it('booked stops the sequence and puts an after-meeting touch due within 24 h', async () => {
    const { enrolmentId } = await enrolAda();
    await enrolmentAction(db, enrolmentId, { kind: 'booked' }, { now: T0, via: 'test' });
    const planned = await db.touches
      .where('enrolmentId')
      .equals(enrolmentId)
      .filter((t) => t.state === 'planned')
      .toArray();
    expect(planned.map((t) => [t.step, t.purpose])).toEqual([[0, 'after-meeting']]);
    expect(planned[0]!.deadlineAt - T0).toBe(24 * HOUR);
    await completeTouch(db, planned[0]!.id, { now: T0 + HOUR, via: 'test' });
    expect(await db.touches.filter((t) => t.state === 'planned').count()).toBe(0);
  });
});
