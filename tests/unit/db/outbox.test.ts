import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  enrolContact,
  markApplying,
  optOutContact,
  outboxId,
  RepoError,
  recordUndo,
  SYNC_ON_KEY,
  saveSettings,
  TouchbaseDb,
  undo,
  writeTables,
} from '@/lib/db';
import { bulkContacts } from '@/lib/db/contacts';

const T0 = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-outbox-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const turnOn = () => db.meta.put({ key: SYNC_ON_KEY, value: 1 });
const enrolAda = () =>
  enrolContact(db, {
    contact: { email: 'ada@example.com', firstName: 'Ada' },
    playbookId: 'speed-to-lead-90',
    source: 'web-form',
    via: 'sidebar',
    now: T0,
  });
const outboxIds = async () => (await db.outbox.toArray()).map((r) => r.id).sort();

describe('sync outbox', () => {
  it('records nothing while sync is off (the default)', async () => {
    await enrolAda();
    expect(await db.outbox.count()).toBe(0);
  });

  it('records every shared row an action wrote, in its own transaction, and no touch', async () => {
    await turnOn();
    const { contactId, enrolmentId } = await enrolAda();
    const acts = await db.activities.toArray();
    expect(acts.length).toBeGreaterThan(0);
    expect(await outboxIds()).toEqual(
      [
        outboxId('contacts', contactId),
        outboxId('enrolments', enrolmentId),
        ...acts.map((a) => outboxId('activities', a.id)),
      ].sort(),
    );
    expect(await db.touches.count()).toBeGreaterThan(0);
    expect((await db.outbox.toArray()).some((r) => r.table === ('touches' as never))).toBe(false);
  });

  it('one entry per row however often it changed; a new write gets a new nonce', async () => {
    await turnOn();
    const { contactId } = await enrolAda();
    const before = await db.outbox.get(outboxId('contacts', contactId));
    await db.contacts.update(contactId, { title: 'CTO' });
    await db.contacts.update(contactId, { title: 'CEO' });
    const after = await db.outbox.get(outboxId('contacts', contactId));
    expect((await db.outbox.toArray()).filter((r) => r.table === 'contacts')).toHaveLength(1);
    expect(after?.n).not.toBe(before?.n);
  });

  it("a contact's entry names the fields written since the last push", async () => {
    await turnOn();
    const { contactId } = await enrolAda();
    const id = outboxId('contacts', contactId);
    expect((await db.outbox.get(id))?.fields).toEqual(['*']);
    await db.outbox.clear();
    await db.contacts.update(contactId, { title: 'CTO', updatedAt: T0 + 5 });
    expect((await db.outbox.get(id))?.fields).toEqual(['title', 'updatedAt']);
    await db.contacts.update(contactId, { phone: '+1 555 0100' });
    expect((await db.outbox.get(id))?.fields).toEqual(['phone', 'title', 'updatedAt']);
    expect((await db.outbox.get(id))?.at).toBeGreaterThan(0);
  });

  it('a refused action leaves no outbox entry (all or nothing)', async () => {
    await turnOn();
    const { contactId } = await enrolAda();
    await optOutContact(db, contactId, { now: T0 + 1, via: 'sidebar', reason: '' });
    await db.outbox.clear();
    await expect(enrolAda()).rejects.toBeInstanceOf(RepoError);
    await expect(
      db.transaction('rw', writeTables(db), async () => {
        await db.contacts.update(contactId, { title: 'half-written' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.contacts.get(contactId))?.title).toBe('');
  });

  it('an opt-out records the suppression; deletes and undo are changes too', async () => {
    await turnOn();
    const { contactId } = await enrolAda();
    await optOutContact(db, contactId, { now: T0 + 1, via: 'sidebar', reason: 'asked' });
    expect(await outboxIds()).toContain(outboxId('suppressions', 'ada@example.com'));
    await db.outbox.clear();
    const { undo: ticket } = await recordUndo(db, { label: 'Deleted', via: 'dashboard', now: T0 + 2 }, () =>
      bulkContacts(db, [contactId], { kind: 'delete' }, { now: T0 + 2, via: 'dashboard' }),
    );
    expect(await outboxIds()).toContain(outboxId('contacts', contactId));
    expect(await db.contacts.get(contactId)).toBeUndefined();
    await db.outbox.clear();
    await undo(db, ticket?.id as number, T0 + 3);
    expect(await db.contacts.get(contactId)).toBeDefined();
    expect(await outboxIds()).toContain(outboxId('contacts', contactId));
  });

  it("the replicator's own writes are not echoed back", async () => {
    await turnOn();
    await db.transaction('rw', writeTables(db), async (tx) => {
      markApplying(tx);
      await db.activities.add({ kind: 'note', at: T0, contactId: 1, text: 'from the team' } as never);
      await db.contacts.where('id').above(0).delete();
    });
    expect(await db.outbox.count()).toBe(0);
  });

  it('a range delete records each deleted key', async () => {
    const { contactId } = await enrolAda();
    await turnOn();
    await db.activities.where('contactId').equals(contactId).count();
    await db.transaction('rw', db.activities, () => db.activities.clear());
    expect((await outboxIds()).every((id) => id.startsWith('activities:'))).toBe(true);
    expect(await db.outbox.count()).toBeGreaterThan(0);
  });
});
