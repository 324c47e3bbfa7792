import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byUrgency, groupDue, waitingOn } from '@/lib/touches';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// Tue 2026-03-03 10:00 in New York.
const NOW = Date.parse('2026-03-03T15:00:00Z');
const NY = 'America/New_York';

function t(id: number, dueIn: number, deadlineIn: number) {
  return { id, dueAt: NOW + dueIn, deadlineAt: NOW + deadlineIn };
}

describe('groupDue', () => {
  it('splits overdue, due today (rep zone) and the next seven days', () => {
    const touches = [
      t(1, -3 * HOUR, -HOUR), // past its deadline
      t(2, -HOUR, 10 * HOUR), // due, deadline still ahead
      t(3, 5 * HOUR, 13 * HOUR), // 15:00 NY today
      t(4, 14.5 * HOUR, 20 * HOUR), // 00:30 NY tomorrow: not today
      t(5, 6 * DAY, 7 * DAY),
      t(6, 8 * DAY, 9 * DAY), // beyond the horizon
    ];
    const g = groupDue(touches, NOW, NY);
    expect(g.overdue.map((x) => x.id)).toEqual([1]);
    expect(g.today.map((x) => x.id)).toEqual([2, 3]);
    expect(g.upcoming.map((x) => x.id)).toEqual([4, 5]);
  });

  it('"today" follows the rep zone, not UTC', () => {
    // 20:00 NY is already tomorrow in UTC.
    const late = t(1, 10 * HOUR, 12 * HOUR);
    expect(groupDue([late], NOW, NY).today).toHaveLength(1);
    expect(groupDue([late], NOW, 'Europe/London').upcoming).toHaveLength(1);
  });

  it('puts the speed-to-lead touch whose deadline runs out first at the top', () => {
    const email = t(1, -30 * MIN, 14 * HOUR);
    const call = t(2, -2 * MIN, 3 * MIN);
    const later = t(3, 2 * HOUR, 14 * HOUR);
    expect(groupDue([later, email, call], NOW, NY).today.map((x) => x.id)).toEqual([2, 1, 3]);
  });

  it('orders overdue by how long they have been due', () => {
    const g = groupDue([t(1, -HOUR, -MIN), t(2, -DAY, -HOUR)], NOW, NY);
    expect(g.overdue.map((x) => x.id)).toEqual([2, 1]);
  });

  it('property: every touch within the horizon lands in exactly one group, sorted', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            due: fc.integer({ min: -3 * DAY, max: 10 * DAY }),
            span: fc.integer({ min: 0, max: DAY }),
          }),
          { maxLength: 40 },
        ),
        (raw) => {
          const touches = raw.map((r, i) => t(i, r.due, r.due + r.span));
          const g = groupDue(touches, NOW, NY);
          const all = [...g.overdue, ...g.today, ...g.upcoming];
          expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
          expect(all.length).toBe(
            touches.filter((x) => x.deadlineAt <= NOW || x.dueAt < NOW + 7 * DAY).length,
          );
          const cmp = byUrgency(NOW);
          for (const list of [g.today, g.upcoming]) {
            for (let i = 1; i < list.length; i++) expect(cmp(list[i - 1]!, list[i]!)).toBeLessThanOrEqual(0);
          }
        },
      ),
    );
  });
});

describe('waitingOn', () => {
  it('lets only the lowest planned step of each enrolment be acted on', () => {
    const rows = [
      { id: 1, enrolmentId: 10, step: 2 },
      { id: 2, enrolmentId: 10, step: 1 },
      { id: 3, enrolmentId: 10, step: 0 },
      { id: 4, enrolmentId: 11, step: 5 },
    ];
    const blocked = waitingOn(rows);
    expect([...blocked.keys()]).toEqual([1]);
    expect(blocked.get(1)?.id).toBe(2);
  });
});
