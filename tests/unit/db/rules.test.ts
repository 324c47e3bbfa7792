/**
 * Rules through the repositories (issue #13): what a rep's one-click logs write, in one
 * transaction each: touch rows the popup and badge read, and the activity that explains them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suppressedMessage } from '@/lib/db/suppressions';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { renderMsg, storedText } from '@/lib/i18n/message';
import {
  plannedTouchesOf,
  completeTouch,
  enrolContact,
  enrolmentAction,
  logCallOutcome,
  logReply,
  saveSettings,
  skipTouch,
  snoozeTouch,
  TouchbaseDb,
} from '@/lib/db';

const T0 = Date.parse('2026-03-03T15:00:00Z'); // Tue 10:00 in New York
const MIN = 60_000;
const HOUR = 60 * MIN;
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-rules-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function enrol(playbookId = 'speed-to-lead-90') {
  return enrolContact(db, {
    contact: { email: 'ada@example.com', firstName: 'Ada', timeZone: 'America/New_York' },
    playbookId,
    source: 'web-form',
    via: 'test',
    now: T0,
  });
}

// Stored rows and the ones the engine computes beyond them (lib/db/horizon.ts).
const planned = (enrolmentId: number) => plannedTouchesOf(db, enrolmentId);

describe('rules in the repositories', () => {
  it('no answer on a call: a text due now within 10 minutes, and an activity naming the rule', async () => {
    const { enrolmentId } = await enrol();
    const [call] = await planned(enrolmentId);
    expect(call).toMatchObject({ step: 1, channel: 'call' });
    await logCallOutcome(db, call!.id, 'no-answer', { now: T0 + 2 * MIN, via: 'sidebar' });
    const rows = await planned(enrolmentId);
    expect(rows[0]).toMatchObject({
      step: 2,
      totalSteps: 9,
      channel: 'sms',
      purpose: 'voicemail-nudge',
      dueAt: T0 + 2 * MIN,
      deadlineAt: T0 + 12 * MIN,
    });
    const fired = await db.activities.where('kind').equals('rule-fired').toArray();
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ rule: 'no-answer-text', enrolmentId, source: 'sidebar' });
    expect(fired[0]!.text).toContain('text (step 2) due Tue 2026-03-03 10:02, within 10 min');
  });

  it('booked with a meeting time: reminders and the recap as touches; each can be done, skipped or snoozed', async () => {
    const { enrolmentId } = await enrol();
    const meetingAt = Date.parse('2026-03-05T15:00:00Z'); // Thu 10:00 NY
    await enrolmentAction(db, enrolmentId, { kind: 'booked', meetingAt }, { now: T0 + HOUR, via: 'sidebar' });
    const rows = await planned(enrolmentId);
    expect(rows.map((r) => [r.purpose, r.channel, r.dueAt, r.deadlineAt, r.extraKey])).toEqual([
      ['meeting-reminder', 'email', meetingAt - 24 * HOUR, meetingAt, 1],
      ['meeting-reminder', 'sms', meetingAt - HOUR, meetingAt, 2],
      ['after-meeting', 'email', meetingAt, meetingAt + 24 * HOUR, undefined],
    ]);
    const e = await db.enrolments.get(enrolmentId);
    expect(e).toMatchObject({ state: 'booked', meetingAt });

    await completeTouch(db, rows[0]!.id, { now: meetingAt - 24 * HOUR, via: 'popup' });
    await snoozeTouch(db, rows[1]!.id, 15, { now: meetingAt - HOUR, via: 'popup' });
    let left = await planned(enrolmentId);
    expect(left.map((r) => [r.purpose, r.dueAt])).toEqual([
      ['meeting-reminder', meetingAt - 45 * MIN],
      ['after-meeting', meetingAt],
    ]);
    // The snoozed reminder kept its id.
    expect(left[0]!.id).toBe(rows[1]!.id);
    await skipTouch(db, left[0]!.id, { now: meetingAt - 40 * MIN, via: 'popup' });
    left = await planned(enrolmentId);
    expect(left.map((r) => r.purpose)).toEqual(['after-meeting']);
    const done = await db.enrolments.get(enrolmentId);
    expect(done!.extras?.map((x) => [x.key, x.doneAt !== undefined, !!x.skipped])).toEqual([
      [1, true, false],
      [2, true, true],
    ]);
  });

  it('booked without a meeting time: the recap touch snoozed moves on its own, keeps its deadline an hour past it, and leaves one activity', async () => {
    const { enrolmentId } = await enrol();
    await enrolmentAction(db, enrolmentId, { kind: 'booked' }, { now: T0 + HOUR, via: 'sidebar' });
    const [recap] = await planned(enrolmentId);
    expect(recap).toMatchObject({ purpose: 'after-meeting', step: 0, dueAt: T0 + HOUR });
    const deadline = recap!.deadlineAt;
    // Snoozed past its deadline: the deadline moves to an hour after the new time.
    const late = deadline - 10 * MIN;
    await snoozeTouch(db, recap!.id, 30, { now: late, via: 'popup' });
    let [moved] = await planned(enrolmentId);
    expect(moved).toMatchObject({
      purpose: 'after-meeting',
      dueAt: late + 30 * MIN,
      deadlineAt: late + 90 * MIN,
    });
    // Snoozed well before it: the deadline stays.
    await snoozeTouch(db, moved!.id, 15, { now: T0 + 2 * HOUR, via: 'popup' });
    [moved] = await planned(enrolmentId);
    expect(moved).toMatchObject({ dueAt: T0 + 2 * HOUR + 15 * MIN, deadlineAt: late + 90 * MIN });
    expect((await db.enrolments.get(enrolmentId))?.state).toBe('booked');
    const snoozed = await db.activities.where('kind').equals('touch-snoozed').toArray();
    expect(snoozed.map((a) => [a.step, a.channel, a.purpose, a.source, a.enrolmentId])).toEqual([
      [0, 'email', 'after-meeting', 'popup', enrolmentId],
      [0, 'email', 'after-meeting', 'popup', enrolmentId],
    ]);
  });

  it('missed appointment: the re-book touches replace the recap and reminders', async () => {
    const { enrolmentId } = await enrol();
    const meetingAt = Date.parse('2026-03-05T15:00:00Z');
    await enrolmentAction(db, enrolmentId, { kind: 'booked', meetingAt }, { now: T0 + HOUR, via: 'sidebar' });
    await enrolmentAction(
      db,
      enrolmentId,
      { kind: 'missed-appointment' },
      { now: meetingAt + 30 * MIN, via: 'sidebar' },
    );
    const rows = await planned(enrolmentId);
    expect(rows.map((r) => [r.channel, r.purpose])).toEqual([
      ['sms', 'meeting-ask'],
      ['email', 'meeting-ask'],
      ['call', 'call'],
    ]);
    expect(rows[0]).toMatchObject({ dueAt: meetingAt + 30 * MIN, deadlineAt: meetingAt + 40 * MIN });
    expect((await db.enrolments.get(enrolmentId))!.state).toBe('active');
  });

  it('a reply asking for a call proposes; confirming puts a call due now, dismissing nothing', async () => {
    const { enrolmentId, contactId } = await enrol();
    await logReply(db, contactId, {
      now: T0 + HOUR,
      via: 'gmail',
      text: 'Yes please, call me at 555 010 4477',
    });
    let e = await db.enrolments.get(enrolmentId);
    expect(e!.state).toBe('paused');
    expect(e!.proposals).toEqual([
      {
        id: 1,
        action: 'call-now',
        rule: 'reply-call-me',
        at: T0 + HOUR,
        matched: 'call me',
        withinMinutes: 5,
      },
    ]);
    expect(await planned(enrolmentId)).toEqual([]);
    await enrolmentAction(
      db,
      enrolmentId,
      { kind: 'confirm-proposal', id: 1 },
      { now: T0 + 2 * HOUR, via: 'sidebar' },
    );
    const rows = await planned(enrolmentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'call', step: 0, extraKey: 1, dueAt: T0 + 2 * HOUR });
    e = await db.enrolments.get(enrolmentId);
    expect(e!.proposals).toBeUndefined();
    await expect(
      enrolmentAction(
        db,
        enrolmentId,
        { kind: 'confirm-proposal', id: 1 },
        { now: T0 + 3 * HOUR, via: 'sidebar' },
      ),
    ).rejects.toThrow(/already handled/);
  });

  it('a reply asking to stop proposes an opt-out; confirming opts the contact out everywhere', async () => {
    const { enrolmentId, contactId } = await enrol();
    await logReply(db, contactId, { now: T0 + HOUR, via: 'gmail', text: 'Please unsubscribe me' });
    await enrolmentAction(
      db,
      enrolmentId,
      { kind: 'confirm-proposal', id: 1 },
      { now: T0 + 2 * HOUR, via: 'sidebar' },
    );
    const e = await db.enrolments.get(enrolmentId);
    expect(e!.state).toBe('opted-out');
    expect(e!.proposals).toBeUndefined();
    const kinds = (await db.activities.where('enrolmentId').equals(enrolmentId).toArray()).map((a) => a.kind);
    expect(kinds).toContain('proposal-confirmed');
    expect(kinds).toContain('opted-out');
    // Why, as Touchbase wrote it: a message on the opt-out and in the history, English beside it.
    const [entry] = await db.suppressions.toArray();
    expect(entry?.reasonMsg).toMatchObject({ key: 'activity_opt_out_reply' });
    expect(entry?.reason).toMatch(/^Reply: ".+"$/);
    const optedOut = (await db.activities.where('enrolmentId').equals(enrolmentId).toArray()).find(
      (a) => a.kind === 'opted-out',
    );
    expect(optedOut).toMatchObject({ msg: entry?.reasonMsg, text: entry?.reason });
    await applyChoice('de');
    try {
      expect(storedText(optedOut?.msg, optedOut?.text)).toMatch(/^Antwort: „.+“$/);
      expect(renderMsg(suppressedMessage(entry!))).toMatch(/Antwort: „.+“/);
    } finally {
      resetI18n();
    }
  });

  it('a dismissed "not interested" leaves the sequence paused', async () => {
    const { enrolmentId, contactId } = await enrol();
    await logReply(db, contactId, { now: T0 + HOUR, via: 'gmail', text: 'Not interested' });
    await enrolmentAction(
      db,
      enrolmentId,
      { kind: 'dismiss-proposal', id: 1 },
      { now: T0 + 2 * HOUR, via: 'sidebar' },
    );
    const e = await db.enrolments.get(enrolmentId);
    expect(e!.state).toBe('paused');
    expect(e!.proposals).toBeUndefined();
  });
});
