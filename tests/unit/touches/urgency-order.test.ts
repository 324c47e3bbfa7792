// One order of due work for the popup and the dashboard (issue #13): the dashboard's contacts
// sorted by urgency are exactly the popup's groups, in the popup's order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContactRows, filterAndSortRows } from '@/lib/db/contacts';
import type { ContactRow, EnrolmentRow, TouchRow } from '@/lib/db/schema';
import { DEFAULT_SCORING } from '@/lib/scoring';
import { groupDue, UPCOMING_DAYS, urgencyOrder } from '@/lib/touches/due-groups';
import { contactRow } from '../db/seed-rows';

const NOW = Date.UTC(2026, 2, 10, 15, 0); // Tue 11:00 New York
const NY = 'America/New_York';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Item {
  id: number;
  dueAt: number;
  deadlineAt: number;
  withinMinutes?: number;
  score: number;
}

const item = fc
  .record({
    id: fc.integer({ min: 1, max: 1_000_000 }),
    due: fc.integer({ min: -3 * DAY, max: 9 * DAY }),
    span: fc.integer({ min: MIN, max: 2 * DAY }),
    clock: fc.option(fc.constantFrom(2, 5, 10), { nil: undefined }),
    score: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ id, due, span, clock, score }): Item => {
    const t: Item = { id, dueAt: NOW + due, deadlineAt: NOW + due + (clock ? clock * MIN : span), score };
    if (clock) t.withinMinutes = clock;
    return t;
  });

describe('urgencyOrder', () => {
  it('property: a flat sort is the popup groups one after the other (same order inside each)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(item, { selector: (t) => t.id, maxLength: 40 }), (items) => {
        const scoreOf = (t: Item) => t.score;
        const g = groupDue(items, NOW, NY, UPCOMING_DAYS, scoreOf);
        const flat = [...items].sort(urgencyOrder(NOW, NY, scoreOf));
        const shown = flat.slice(0, g.overdue.length + g.today.length + g.upcoming.length);
        expect(shown.map((t) => t.id)).toEqual([...g.overdue, ...g.today, ...g.upcoming].map((t) => t.id));
        // What lies beyond the horizon comes after everything the popup shows.
        for (const t of flat.slice(shown.length))
          expect(t.dueAt).toBeGreaterThanOrEqual(NOW + UPCOMING_DAYS * DAY);
      }),
    );
  });

  it('table: overdue, then a running clock, then the best lead due now, then later today, then coming up', () => {
    const list: Item[] = [
      { id: 1, dueAt: NOW + 2 * DAY, deadlineAt: NOW + 3 * DAY, score: 100 },
      { id: 2, dueAt: NOW - 10 * MIN, deadlineAt: NOW + 5 * HOUR, score: 40 },
      { id: 3, dueAt: NOW - 2 * MIN, deadlineAt: NOW + 3 * MIN, withinMinutes: 5, score: 0 },
      { id: 4, dueAt: NOW - 30 * MIN, deadlineAt: NOW + 5 * HOUR, score: 90 },
      { id: 5, dueAt: NOW - DAY, deadlineAt: NOW - HOUR, score: 10 },
      { id: 6, dueAt: NOW + HOUR, deadlineAt: NOW + 5 * HOUR, score: 95 },
      { id: 7, dueAt: NOW + 20 * DAY, deadlineAt: NOW + 21 * DAY, score: 99 },
    ];
    expect([...list].sort(urgencyOrder(NOW, NY, (t) => t.score)).map((t) => t.id)).toEqual([
      5, 3, 4, 2, 6, 1, 7,
    ]);
  });
});

const contact = (id: number, leadSource: ContactRow['leadSource']) =>
  contactRow(id, { timeZone: NY, at: NOW, leadSource });

describe('the dashboard contacts in urgency order', () => {
  // Scores with the defaults: referral 50, Google LSA 40, web form 35, other 20.
  const contacts = [
    contact(1, 'other'),
    contact(2, 'referral'),
    contact(3, 'web-form'),
    contact(4, 'google-lsa'),
    contact(5, 'referral'),
  ];
  const touch = (contactId: number, dueAt: number, deadlineAt: number, withinMinutes?: number) =>
    ({
      contactId,
      enrolmentId: contactId,
      dueAt,
      deadlineAt,
      state: 'planned',
      ...(withinMinutes ? { withinMinutes } : {}),
    }) as TouchRow;
  const planned = [
    touch(1, NOW - DAY, NOW - HOUR), // overdue
    touch(2, NOW - 5 * MIN, NOW + 5 * HOUR), // due now, 50
    touch(3, NOW - MIN, NOW + MIN, 2), // clock running, 35
    touch(4, NOW - 20 * MIN, NOW + 5 * HOUR), // due now, 40
    touch(3, NOW + DAY, NOW + 2 * DAY), // a later touch of contact 3 does not count
  ];
  const rows = buildContactRows(contacts, [] as EnrolmentRow[], planned, {
    settings: DEFAULT_SCORING,
    now: NOW,
  });

  it('rows carry the next touch and the explained score', () => {
    expect(rows.find((r) => r.id === 3)).toMatchObject({
      nextDueAt: NOW - MIN,
      next: { dueAt: NOW - MIN, deadlineAt: NOW + MIN, withinMinutes: 2 },
      score: { score: 35, priority: 'Low', explanation: '35: web form +15, base +20' },
    });
  });

  it('urgency: overdue, clock, best lead due now, ...; nothing planned last, best lead first', () => {
    const at = { now: NOW, timeZone: NY };
    expect(filterAndSortRows(rows, '', 'urgency', 'asc', at).map((r) => r.id)).toEqual([1, 3, 2, 4, 5]);
    // Contact 5 has no touch; the same ordering function as the popup decides the rest.
    const popup = groupDue(
      planned.slice(0, 4),
      NOW,
      NY,
      UPCOMING_DAYS,
      (t) => rows.find((r) => r.id === t.contactId)?.score?.score ?? 0,
    );
    expect([...popup.overdue, ...popup.today].map((t) => t.contactId)).toEqual([1, 3, 2, 4]);
  });

  it('priority: best lead first, then lowest on a second click; search still applies', () => {
    expect(filterAndSortRows(rows, '', 'score', 'desc').map((r) => r.id)).toEqual([2, 5, 4, 3, 1]);
    expect(filterAndSortRows(rows, '', 'score', 'asc').map((r) => r.id)).toEqual([1, 3, 4, 2, 5]);
    expect(
      filterAndSortRows(rows, 'c2', 'urgency', 'asc', { now: NOW, timeZone: NY }).map((r) => r.id),
    ).toEqual([2]);
  });

  it('rows built without scoring have no score and sort as before', () => {
    const plain = buildContactRows(contacts, [], planned);
    expect(plain.every((r) => r.score === undefined)).toBe(true);
    expect(filterAndSortRows(plain, '', 'nextDueAt', 'asc').map((r) => r.id)).toEqual([1, 4, 2, 3, 5]);
  });
});
