import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeTouch, enrolContact, plannedTouchesOf, saveSettings, TouchbaseDb } from '@/lib/db';
import { isAddressed, recordSend } from '@/lib/db/sends';
import { parseSendToken, quickToken, touchToken } from '@/lib/messaging/send-token';

const T0 = Date.parse('2026-03-03T15:00:00Z'); // Tue 10:00 in New York
const HOUR = 3_600_000;
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-sends-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function enrolAda() {
  return enrolContact(db, {
    contact: { email: 'Ada@Example.com', firstName: 'Ada', timeZone: 'America/New_York' },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'test',
    now: T0,
  });
}

/** Steps 1 (sms) and 2 (email) done on time; the next email is step 5 (value). */
async function afterTwoSteps() {
  const ids = await enrolAda();
  for (const step of [1, 2]) {
    const t = await db.touches.where({ enrolmentId: ids.enrolmentId, step }).first();
    await completeTouch(db, t!.id, { now: T0, via: 'test' });
  }
  return ids;
}

// Stored rows and the ones the engine computes beyond them (lib/db/horizon.ts).
const planned = async (enrolmentId: number) =>
  (await plannedTouchesOf(db, enrolmentId)).sort((a, b) => a.step - b.step);

describe('recordSend: a planned touch', () => {
  it('counts only when the contact is among To, Cc or Bcc', async () => {
    const { enrolmentId } = await enrolAda();
    const email = (await db.touches.where({ enrolmentId, step: 2 }).first())!;
    const sms = (await db.touches.where({ enrolmentId, step: 1 }).first())!;
    await completeTouch(db, sms.id, { now: T0, via: 'test' });
    const before = await db.activities.count();

    const wrong = await recordSend(
      db,
      { kind: 'touch', touchId: email.id },
      {
        at: T0 + HOUR,
        recipients: ['carol@example.com', 'ada@example.co'],
        via: 'gmail',
      },
    );
    expect(wrong).toEqual({ recorded: false, reason: 'not-addressed' });
    expect((await db.touches.get(email.id))?.state).toBe('planned');
    expect(await db.activities.count()).toBe(before);

    const bcc = await recordSend(
      db,
      { kind: 'touch', touchId: email.id },
      {
        at: T0 + HOUR,
        recipients: ['carol@example.com', 'ADA@example.com'],
        text: 'Subject\n\nBody',
        via: 'gmail',
      },
    );
    expect(bcc).toEqual({ recorded: true });
    expect(await db.touches.get(email.id)).toMatchObject({
      state: 'done',
      doneAt: T0 + HOUR,
      text: 'Subject\n\nBody',
    });
    expect(
      await recordSend(
        db,
        { kind: 'touch', touchId: email.id },
        { at: T0 + 2 * HOUR, recipients: ['ada@example.com'], via: 'gmail' },
      ),
    ).toEqual({ recorded: false, reason: 'already-done' });
  });

  it('a scheduled send is done at its scheduled time and the rest are planned from it', async () => {
    const { enrolmentId } = await enrolAda();
    const sms = (await db.touches.where({ enrolmentId, step: 1 }).first())!;
    await completeTouch(db, sms.id, { now: T0, via: 'test' });
    const step2 = (await db.touches.where({ enrolmentId, step: 2 }).first())!;
    const at = T0 + 26 * HOUR;
    await recordSend(
      db,
      { kind: 'touch', touchId: step2.id },
      { at, recipients: ['ada@example.com'], via: 'gmail' },
    );
    expect((await db.touches.get(step2.id))?.doneAt).toBe(at);
    const next = (await planned(enrolmentId))[0]!;
    expect(next.step).toBe(3);
    expect(next.dueAt).toBeGreaterThanOrEqual(at);
  });
});

describe('recordSend: break-up and value emails', () => {
  it('a value email fills no step: the next touch stays, an email after it keeps 48 h', async () => {
    const { enrolmentId, contactId } = await afterTwoSteps();
    const before = await planned(enrolmentId);
    const step5 = before.find((t) => t.step === 5)!;
    const sentAt = step5.dueAt - 10 * HOUR;
    const res = await recordSend(
      db,
      { kind: 'quick', purpose: 'value', contactId },
      {
        at: sentAt,
        recipients: ['ada@example.com'],
        text: 'A guide',
        via: 'gmail',
      },
    );
    expect(res).toEqual({ recorded: true });
    const after = await planned(enrolmentId);
    expect(after.map((t) => t.step)).toEqual(before.map((t) => t.step));
    expect(after.find((t) => t.step === 3)?.dueAt).toBe(before.find((t) => t.step === 3)?.dueAt);
    expect(after.find((t) => t.step === 5)?.dueAt).toBe(sentAt + 48 * HOUR);
    const logged = await db.activities.where('kind').equals('sent-from-gmail').toArray();
    expect(logged).toEqual([
      expect.objectContaining({
        contactId,
        enrolmentId,
        channel: 'email',
        purpose: 'value',
        at: sentAt,
        text: 'A guide',
        source: 'gmail',
      }),
    ]);
    const e = await db.enrolments.get(enrolmentId);
    expect(e).toMatchObject({ state: 'active', lastTouchAt: sentAt });
    expect(e?.done).toHaveLength(2);
  });

  it('the break-up ends the enrolment and plans the re-engage touch', async () => {
    const { enrolmentId, contactId } = await afterTwoSteps();
    const sentAt = T0 + 30 * HOUR;
    await recordSend(
      db,
      { kind: 'quick', purpose: 'breakup', contactId },
      {
        at: sentAt,
        recipients: ['ada@example.com'],
        via: 'gmail',
      },
    );
    const e = await db.enrolments.get(enrolmentId);
    expect(e?.state).toBe('completed');
    const left = await planned(enrolmentId);
    expect(left.map((t) => [t.step, t.purpose])).toEqual([[0, 're-engage']]);
    expect(left[0]!.dueAt).toBeGreaterThan(sentAt + 59 * 24 * HOUR);
    const kinds = (await db.activities.where('enrolmentId').equals(enrolmentId).toArray()).map((a) => a.kind);
    expect(kinds.slice(-3)).toEqual(['sent-from-gmail', 'completed', 'rule-fired']);
  });

  it('to the wrong person or without a sequence', async () => {
    const { enrolmentId, contactId } = await afterTwoSteps();
    expect(
      await recordSend(
        db,
        { kind: 'quick', purpose: 'breakup', contactId },
        { at: T0, recipients: ['bob@example.com'], via: 'gmail' },
      ),
    ).toEqual({ recorded: false, reason: 'not-addressed' });
    expect((await db.enrolments.get(enrolmentId))?.state).toBe('active');
    await db.enrolments.update(enrolmentId, { state: 'removed' });
    expect(
      await recordSend(
        db,
        { kind: 'quick', purpose: 'value', contactId },
        { at: T0, recipients: ['ada@example.com'], via: 'gmail' },
      ),
    ).toEqual({ recorded: true });
    const logged = await db.activities.where('kind').equals('sent-from-gmail').toArray();
    expect(logged).toEqual([expect.objectContaining({ contactId, purpose: 'value' })]);
    expect(logged[0]?.enrolmentId).toBeUndefined();
  });
});

describe('send tokens', () => {
  it('round-trip and refuse anything else', () => {
    expect(parseSendToken(touchToken(42))).toEqual({ kind: 'touch', touchId: 42 });
    expect(parseSendToken(quickToken('breakup', 7, 'abc'))).toEqual({
      kind: 'quick',
      purpose: 'breakup',
      contactId: 7,
    });
    expect(parseSendToken(quickToken('value', 9, 'X-Y!'))).toEqual({
      kind: 'quick',
      purpose: 'value',
      contactId: 9,
    });
    for (const bad of [
      '',
      '0',
      '-1',
      '1.5',
      'tb-abc-1',
      'value:0:a',
      'value:7',
      'breakup:x:1',
      'value:7:a b',
      '9'.repeat(20),
    ]) {
      expect(parseSendToken(bad), bad).toBeUndefined();
    }
  });

  it('isAddressed compares whole addresses, case-insensitively', () => {
    expect(isAddressed('ada@example.com', ['x@y.z', ' ADA@Example.com '])).toBe(true);
    expect(isAddressed('ada@example.com', ['ada@example.com.evil'])).toBe(false);
    expect(isAddressed(undefined, ['ada@example.com'])).toBe(false);
  });
});
