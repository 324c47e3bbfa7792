import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claimUnowned,
  enrolContact,
  RepoError,
  saveSettings,
  SYNC_ME_KEY,
  syncMe,
  TouchbaseDb,
  takeOver,
  upsertContact,
} from '@/lib/db';
import { ownerNote } from '@/lib/sync/owner-text';

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
    expect((await db.activities.toArray()).map((a) => a.text)).toEqual(['Ben took this lead over from Ana.']);
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
