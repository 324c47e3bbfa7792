import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMsg } from '@/lib/i18n/message';
import {
  contactByEmail,
  enrolContact,
  enrolmentAction,
  optOutContact,
  RepoError,
  saveSettings,
  TouchbaseDb,
  withdrawOptOut,
  withdrawSuppression,
} from '@/lib/db';
import { bulkContacts } from '@/lib/db/contacts';
import { importContacts } from '@/lib/db/import';

const T0 = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-optout-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function enrolAda(extra: Record<string, string> = {}) {
  return enrolContact(db, {
    contact: { email: 'Ada@Example.com', firstName: 'Ada', phone: '+1 (555) 010-2000', ...extra },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'test',
    now: T0,
  });
}

function importAda(email = 'ada@example.com', extra: Record<string, string> = {}) {
  return importContacts(db, {
    drafts: [
      { email, firstName: 'Ada', lastName: 'L', company: 'Co', title: '', phone: '', custom: {}, ...extra },
      {
        email: 'grace@example.com',
        firstName: 'Grace',
        lastName: 'H',
        company: 'Navy',
        title: '',
        phone: '',
        custom: {},
      },
    ],
    mode: 'update',
    enrol: { playbookId: 'seven-touch-14-day', source: 'web-form' },
    via: 'import',
    now: T0 + 1_000,
  });
}

describe('opt-out as a suppression entry', () => {
  it('is written with the reason and keys, and stops every running sequence', async () => {
    const { contactId, enrolmentId } = await enrolAda({ linkedinUrl: 'https://www.linkedin.com/in/ada/' });
    await enrolmentAction(
      db,
      enrolmentId,
      { kind: 'opted-out', reason: 'asked by email' },
      { now: T0, via: 'sidebar' },
    );
    expect(await db.suppressions.toArray()).toEqual([
      {
        key: 'ada@example.com',
        emailLower: 'ada@example.com',
        phone: '15550102000',
        linkedin: 'linkedin.com/in/ada',
        channels: ['email', 'sms', 'call', 'voicemail', 'linkedin', 'task'],
        reason: 'asked by email',
        at: T0,
        via: 'sidebar',
      },
    ]);
    expect((await db.enrolments.get(enrolmentId))?.state).toBe('opted-out');
    expect(
      await db.touches.where('[state+dueAt]').between(['planned', 0], ['planned', Infinity]).count(),
    ).toBe(0);
    const act = await db.activities.where('kind').equals('opted-out').first();
    expect(act).toMatchObject({ contactId, enrolmentId, text: 'asked by email', source: 'sidebar' });
  });

  it('survives deleting the contact: a re-import flags the address and never enrols it', async () => {
    const { contactId } = await enrolAda();
    await optOutContact(db, contactId, { now: T0, via: 'dashboard', reason: 'unsubscribed' });
    await bulkContacts(db, [contactId], { kind: 'delete' }, { now: T0, via: 'dashboard' });
    expect(await db.contacts.count()).toBe(0);
    expect(await db.suppressions.count()).toBe(1);

    const res = await importAda('ADA@example.com');
    expect(res).toMatchObject({
      created: 2,
      enrolled: 1,
      suppressed: 1,
      suppressedEmails: ['ADA@example.com'],
    });
    const ada = await contactByEmail(db, 'ada@example.com');
    expect(ada?.optOut).toMatchObject({ email: true, sms: true, call: true });
    expect(await db.enrolments.where('contactId').equals(ada!.id).count()).toBe(0);
    const grace = await contactByEmail(db, 'grace@example.com');
    expect(await db.enrolments.where('contactId').equals(grace!.id).count()).toBe(1);
  });

  it('matches a re-import under another email by phone or LinkedIn URL', async () => {
    const { contactId } = await enrolAda({ linkedinUrl: 'linkedin.com/in/ada' });
    await optOutContact(db, contactId, { now: T0, via: 'test' });
    await bulkContacts(db, [contactId], { kind: 'delete' }, { now: T0, via: 'test' });
    expect(await importAda('ada.new@example.com', { phone: '1 555 010 2000' })).toMatchObject({
      suppressed: 1,
    });
    await db.contacts.clear();
    expect(
      await importAda('ada.other@example.com', { linkedinUrl: 'HTTPS://LinkedIn.com/in/ada/?utm=x' }),
    ).toMatchObject({ suppressed: 1, enrolled: 1 });
  });

  it('refuses enrolling a suppressed person from the sidebar, naming the control that withdraws it', async () => {
    const { contactId } = await enrolAda();
    await optOutContact(db, contactId, { now: T0, via: 'sidebar', reason: 'STOP reply' });
    await bulkContacts(db, [contactId], { kind: 'delete' }, { now: T0, via: 'dashboard' });
    const err = await enrolAda().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepoError);
    expect((err as Error).message).toMatch(/Ada@Example.com opted out on 2026-03-03 \(STOP reply\)/);
    expect((err as Error).message).toMatch(/Withdraw opt-out…/);
    // Refused before anything was written: no contact came back.
    expect(await db.contacts.count()).toBe(0);
  });

  it('bulk opt-out writes one entry per contact and skips those already out', async () => {
    const a = await enrolAda();
    const b = await enrolContact(db, {
      contact: { email: 'b@example.com' },
      playbookId: 'seven-touch-14-day',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    await optOutContact(db, b.contactId, { now: T0, via: 'test' });
    const res = await bulkContacts(
      db,
      [a.contactId, b.contactId],
      { kind: 'opt-out', reason: 'list cleanup' },
      {
        now: T0,
        via: 'dashboard',
      },
    );
    expect({ ...res, reasons: res.reasons.map(renderMsg) }).toEqual({
      changed: 1,
      skipped: 1,
      reasons: ['1 had already opted out'],
    });
    expect((await db.suppressions.toArray()).map((s) => s.emailLower).sort()).toEqual([
      'ada@example.com',
      'b@example.com',
    ]);
  });
});

describe('a person without an email', () => {
  it('is suppressed by LinkedIn URL and external id, and refused when enrolled again', async () => {
    const req = {
      contact: {
        externalIds: ['hubspot:1:42'],
        linkedinUrl: 'https://linkedin.com/in/nomail',
        firstName: 'No',
      },
      playbookId: 'seven-touch-14-day',
      source: 'web-form' as const,
      via: 'test',
      now: T0,
    };
    const { contactId } = await enrolContact(db, req);
    await optOutContact(db, contactId, { now: T0, via: 'test', reason: 'asked on LinkedIn' });
    expect(await db.suppressions.toArray()).toMatchObject([
      { key: 'linkedin:linkedin.com/in/nomail', externalIds: ['hubspot:1:42'] },
    ]);
    await bulkContacts(db, [contactId], { kind: 'delete' }, { now: T0, via: 'test' });
    await expect(enrolContact(db, { ...req, contact: { externalIds: ['hubspot:1:42'] } })).rejects.toThrow(
      /opted out on 2026-03-03 \(asked on LinkedIn\)/,
    );
    await withdrawSuppression(db, 'linkedin:linkedin.com/in/nomail', {
      now: T0,
      via: 'd',
      reason: 'ok again',
    });
    await expect(enrolContact(db, req)).resolves.toMatchObject({ enrolmentId: expect.any(Number) });
  });
});

describe('withdrawing an opt-out', () => {
  it('needs a reason, logs it, removes the entry and leaves the sequence on hold', async () => {
    const { contactId, enrolmentId } = await enrolAda();
    await optOutContact(db, contactId, { now: T0, via: 'test' });
    await expect(withdrawOptOut(db, contactId, { now: T0, via: 'sidebar', reason: '  ' })).rejects.toThrow(
      /Say why/,
    );
    expect(await db.suppressions.count()).toBe(1);
    await withdrawOptOut(db, contactId, {
      now: T0 + 1,
      via: 'sidebar',
      reason: 'asked to hear from us again',
    });
    expect(await db.suppressions.count()).toBe(0);
    expect((await db.contacts.get(contactId))?.optOut).toEqual({});
    expect(await db.enrolments.get(enrolmentId)).toMatchObject({ state: 'paused', pauseReason: 'manual' });
    expect(await db.activities.where('kind').equals('opt-out-withdrawn').toArray()).toMatchObject([
      { contactId, enrolmentId, text: 'asked to hear from us again', source: 'sidebar' },
    ]);
    // Free to be contacted again: the paused sequence can be removed and a new one started.
    await enrolmentAction(db, enrolmentId, { kind: 'remove' }, { now: T0 + 2, via: 'test' });
    await expect(enrolAda()).resolves.toMatchObject({ contactId });
  });

  it('works for a deleted contact by its email, and then an import enrols them again', async () => {
    const { contactId } = await enrolAda();
    await optOutContact(db, contactId, { now: T0, via: 'test' });
    await bulkContacts(db, [contactId], { kind: 'delete' }, { now: T0, via: 'test' });
    await withdrawSuppression(db, 'ada@example.com', {
      now: T0,
      via: 'dashboard',
      reason: 'signed up again',
    });
    expect(await db.activities.where('kind').equals('opt-out-withdrawn').toArray()).toMatchObject([
      { contactId: 0, text: 'ada@example.com: signed up again' },
    ]);
    expect(await importAda()).toMatchObject({ created: 2, enrolled: 2, suppressed: 0 });
  });

  it('refuses when there is nothing to withdraw', async () => {
    const { contactId } = await enrolAda();
    await expect(withdrawOptOut(db, contactId, { now: T0, via: 't', reason: 'x' })).rejects.toThrow(
      /no opt-out to withdraw/,
    );
  });
});
