import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claimUnowned,
  completeTouch,
  enrolContact,
  insertRefusal,
  logCallOutcome,
  logReply,
  RepoError,
  SYNC_ME_KEY,
  SYNC_ON_KEY,
  saveSettings,
  skipTouch,
  snoozeTouch,
  syncMe,
  TouchbaseDb,
  takeOver,
  upsertContact,
} from '@/lib/db';
import { recordSend } from '@/lib/db/sends';
import { ownerNote } from '@/lib/sync/owner-text';
import { renderMsg } from '@/lib/i18n/message';

const T0 = Date.parse('2026-03-03T15:00:00Z'); // a Tuesday
const DAY = 86_400_000;
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-owner-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const enrolAda = (now = T0) =>
  enrolContact(db, {
    contact: { email: 'ada@example.com', firstName: 'Ada' },
    playbookId: 'speed-to-lead-90',
    source: 'web-form',
    via: 'sidebar',
    now,
  });

describe('lead ownership', () => {
  it('with sync never set up, contacts have no owner and nothing is refused', async () => {
    const { contactId } = await enrolAda();
    expect((await db.contacts.get(contactId))?.owner).toBeUndefined();
    expect(await syncMe(db)).toBeUndefined();
  });

  it('connecting makes the rep the owner of every contact without one, and of new ones', async () => {
    const { contactId } = await enrolAda();
    expect(await claimUnowned(db, { id: 'rep-ana', name: 'Ana' }, T0 + 1)).toBe(1);
    expect((await db.contacts.get(contactId))?.owner).toEqual({ id: 'rep-ana', name: 'Ana', since: T0 + 1 });
    const c = await upsertContact(db, { email: 'cy@example.com' }, T0 + 2);
    expect(c.owner).toEqual({ id: 'rep-ana', name: 'Ana', since: T0 + 2 });
  });

  it("another rep's lead cannot be enrolled until taken over; the take-over is logged", async () => {
    await db.meta.put({ key: SYNC_ME_KEY, value: JSON.stringify({ id: 'rep-ben', name: 'Ben' }) });
    const id = await db.contacts.add({
      email: 'ada@example.com',
      emailLower: 'ada@example.com',
      externalIds: [],
      firstName: 'Ada',
      lastName: '',
      company: '',
      phone: '',
      title: '',
      timeZone: 'America/New_York',
      leadSource: 'web-form',
      notes: '',
      optOut: {},
      custom: {},
      owner: { id: 'rep-ana', name: 'Ana', since: T0 },
      createdAt: T0,
      updatedAt: T0,
    } as never);
    await expect(enrolAda(T0 + DAY)).rejects.toThrow(RepoError);
    await expect(enrolAda(T0 + DAY)).rejects.toThrow(/Ana's lead: use "Take over"/);
    expect(await db.enrolments.count()).toBe(0);
    const after = await takeOver(db, id as number, { now: T0 + DAY, via: 'sidebar' });
    expect(after.owner).toEqual({ id: 'rep-ben', name: 'Ben', since: T0 + DAY });
    // The note is a message (each teammate reads it in their language) with its English beside it.
    expect((await db.activities.toArray()).map((a) => [a.text, a.msg])).toEqual([
      [
        'Ben took this lead over from Ana.',
        { key: 'activity_took_over', params: { name: 'Ben', previous: 'Ana' } },
      ],
    ]);
    await expect(enrolAda(T0 + DAY)).resolves.toMatchObject({ contactId: id });
  });

  it('taking over needs team sync', async () => {
    const { contactId } = await enrolAda();
    await expect(takeOver(db, contactId, { now: T0, via: 'sidebar' })).rejects.toThrow(/Team sync is off/);
  });
});

describe('ownerNote', () => {
  const owner = { id: 'rep-ana', name: 'Ana', since: T0 };
  const tz = 'America/New_York';
  it.each([
    ['my own lead', owner, 'rep-ana', T0, undefined],
    ['sync off', owner, undefined, T0, undefined],
    ['no owner', undefined, 'rep-ben', T0, undefined],
    ['since today', owner, 'rep-ben', T0 + 3_600_000, "Ana's lead since today"],
    ['since yesterday', owner, 'rep-ben', T0 + DAY, "Ana's lead since yesterday"],
    ['since Tuesday', owner, 'rep-ben', T0 + 3 * DAY, "Ana's lead since Tuesday"],
    ['older: the date', owner, 'rep-ben', T0 + 20 * DAY, "Ana's lead since Tue, Mar 3"],
  ] as const)('%s', (_n, o, me, now, want) => {
    expect(ownerNote(o, me, now, tz)).toBe(want);
  });
});

describe("another rep's lead: touches need a take-over first (team sync on)", () => {
  const asRep = (id: string, name: string) =>
    db.meta.put({ key: SYNC_ME_KEY, value: JSON.stringify({ id, name }) });
  /** Ana enrols Ada; then the same database acts as Ben's device. */
  async function anasLeadOnBensDevice() {
    await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
    await asRep('rep-ana', 'Ana');
    const { contactId } = await enrolAda();
    await asRep('rep-ben', 'Ben');
    const planned = (await db.touches.where('contactId').equals(contactId).toArray()).filter(
      (t) => t.state === 'planned',
    );
    return { contactId, planned };
  }
  const snapshot = async () => ({
    touches: await db.touches.toArray(),
    enrolments: await db.enrolments.toArray(),
    activities: await db.activities.toArray(),
  });

  it('done, call outcome, skip, snooze and draft insert are refused with the way out; nothing changes', async () => {
    const { contactId, planned } = await anasLeadOnBensDevice();
    const touch = planned[0];
    if (!touch) throw new Error('no planned touch');
    const before = await snapshot();
    const opts = { now: T0 + 60_000, via: 'sidebar' };
    const refused = /Ana's lead: use "Take over"/;
    await expect(completeTouch(db, touch.id, opts)).rejects.toThrow(refused);
    await expect(logCallOutcome(db, touch.id, 'voicemail', opts)).rejects.toThrow(refused);
    await expect(skipTouch(db, touch.id, opts)).rejects.toThrow(refused);
    await expect(snoozeTouch(db, touch.id, 60, opts)).rejects.toThrow(refused);
    expect(renderMsg((await insertRefusal(db, { kind: 'touch', touchId: touch.id })) ?? '')).toMatch(refused);
    expect(renderMsg((await insertRefusal(db, { kind: 'quick', contactId })) ?? '')).toMatch(refused);
    expect(await insertRefusal(db, undefined)).toBeUndefined();
    expect(await snapshot()).toEqual(before);
    // News from the contact is not an ownership matter: any rep logs a reply.
    await expect(logReply(db, contactId, { now: T0 + 120_000, via: 'sidebar' })).resolves.toBeDefined();
  });

  it('a send Gmail already confirmed is recorded all the same (sent is sent)', async () => {
    const { planned } = await anasLeadOnBensDevice();
    const email = planned.find((t) => t.channel === 'email');
    if (!email) throw new Error('no planned email');
    // Ana works the steps before the email; it is then next, and Ben's Gmail reports it sent.
    await asRep('rep-ana', 'Ana');
    for (const t of planned.filter((x) => x.step < email.step))
      await completeTouch(db, t.id, { now: T0 + 1_000, via: 'sidebar' });
    await asRep('rep-ben', 'Ben');
    const res = await recordSend(
      db,
      { kind: 'touch', touchId: email.id },
      { at: T0 + 60_000, recipients: ['ada@example.com'], via: 'gmail' },
    );
    expect(res).toEqual({ recorded: true });
  });

  it('after a take-over the touch is theirs to work; with sync off nothing is refused', async () => {
    const { contactId, planned } = await anasLeadOnBensDevice();
    const [first, second] = planned;
    if (!first || !second) throw new Error('two planned touches expected');
    await takeOver(db, contactId, { now: T0 + 1_000, via: 'sidebar' });
    await expect(completeTouch(db, first.id, { now: T0 + 60_000, via: 'sidebar' })).resolves.toEqual({
      alreadyDone: false,
    });
    // Back to Ana's ownership, sync off: the old single-rep behaviour.
    await db.contacts.update(contactId, { owner: { id: 'rep-ana', name: 'Ana', since: T0 } });
    await db.meta.delete(SYNC_ON_KEY);
    const next = (await db.touches.where('contactId').equals(contactId).toArray()).find(
      (t) => t.state === 'planned',
    );
    await expect(
      skipTouch(db, next?.id as number, { now: T0 + 120_000, via: 'sidebar' }),
    ).resolves.toBeUndefined();
    expect(await insertRefusal(db, { kind: 'quick', contactId })).toBeUndefined();
  });
});
