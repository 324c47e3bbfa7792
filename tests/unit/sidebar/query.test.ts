import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolContact, logReply } from '@/lib/db/repo';
import { TouchbaseDb } from '@/lib/db/schema';
import { loadSidebarData } from '@/lib/sidebar/query';

let db: TouchbaseDb;
const NOW = Date.UTC(2026, 10, 23, 15);

beforeEach(() => {
  db = new TouchbaseDb(`sidebar-query-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('loadSidebarData', () => {
  it('answers detail for people and enrolments only for senders', async () => {
    const bob = await enrolContact(db, {
      contact: { email: 'Bob@Example.org', firstName: 'Bob' },
      playbookId: 'seven-touch-14-day',
      source: 'web-form',
      via: 'test',
      now: NOW,
    });
    const carol = await enrolContact(db, {
      contact: { email: 'carol@example.org' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: NOW,
    });
    await logReply(db, carol.contactId, { now: NOW + 1, via: 'test' });

    const data = await loadSidebarData(db, {
      people: ['BOB@example.org', 'nobody@example.org'],
      senders: ['carol@example.org'],
    });
    expect(data.contacts.map((c) => c.emailLower).sort()).toEqual(['bob@example.org', 'carol@example.org']);
    expect(data.enrolments.map((e) => e.contactId).sort()).toEqual([bob.contactId, carol.contactId].sort());
    expect(new Set(data.touches.map((t) => t.contactId))).toEqual(new Set([bob.contactId]));
    expect(data.touches.length).toBe(7);
    expect(data.activities.every((a) => a.contactId === bob.contactId)).toBe(true);
    expect(data.activities.some((a) => a.kind === 'enrolled')).toBe(true);
    expect(data.playbooks.length).toBeGreaterThanOrEqual(5);
    expect(data.settings.timeZone).toBeTruthy();
  });

  it('finds the person of a record by its external id, with or without an email', async () => {
    const li = await enrolContact(db, {
      contact: { externalIds: ['linkedin:https://www.linkedin.com/in/dee/'], firstName: 'Dee' },
      playbookId: 'linkedin-14-day',
      source: 'web-form',
      via: 'test',
      now: NOW,
    });
    const hs = await enrolContact(db, {
      contact: { email: 'eve@example.org', externalIds: ['hubspot:1:2'] },
      playbookId: 'seven-touch-14-day',
      source: 'web-form',
      via: 'test',
      now: NOW,
    });
    const data = await loadSidebarData(db, {
      people: [],
      externalIds: ['linkedin:https://www.linkedin.com/in/dee/', 'hubspot:1:2', 'junk', 'hubspot:9:9'],
    });
    expect(data.contacts.map((c) => c.id).sort()).toEqual([li.contactId, hs.contactId].sort());
    expect(new Set(data.touches.map((t) => t.contactId))).toEqual(new Set([li.contactId, hs.contactId]));
    expect(data.contacts.find((c) => c.id === li.contactId)).not.toHaveProperty('emailLower');
  });

  it('answers empty lists for nobody', async () => {
    const data = await loadSidebarData(db, { people: [] });
    expect(data.contacts).toEqual([]);
    expect(data.touches).toEqual([]);
  });
});
