import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING, factsOf, scoreLead } from '@/lib/scoring';
import { byUrgency, groupDue } from '@/lib/touches/due-groups';

const NOW = Date.UTC(2026, 2, 10, 15, 0);
const MIN = 60_000;
const t = (id: string, dueAt: number, deadlineAt: number, withinMinutes?: number) => ({
  id,
  dueAt,
  deadlineAt,
  ...(withinMinutes !== undefined ? { withinMinutes } : {}),
});

describe('due list order: urgency first, then score (issue #13)', () => {
  const scores: Record<string, number> = { low: 20, high: 90, mid: 50, clock: 10, later: 99 };
  const scoreOf = (x: { id: string }) => scores[x.id] ?? 0;

  it('a running speed-to-lead clock beats a better lead; among the rest, the best lead first', () => {
    const list = [
      t('low', NOW - 30 * MIN, NOW + 9 * 60 * MIN),
      t('high', NOW - 10 * MIN, NOW + 9 * 60 * MIN),
      t('clock', NOW - MIN, NOW + 4 * MIN, 5),
      t('mid', NOW - 60 * MIN, NOW + 9 * 60 * MIN),
      t('later', NOW + 60 * MIN, NOW + 9 * 60 * MIN),
    ];
    expect([...list].sort(byUrgency<(typeof list)[number]>(NOW, scoreOf)).map((x) => x.id)).toEqual([
      'clock',
      'high',
      'mid',
      'low',
      'later',
    ]);
    // Without scores the order is as before: by deadline, then due time.
    expect([...list].sort(byUrgency(NOW)).map((x) => x.id)).toEqual(['clock', 'mid', 'low', 'high', 'later']);
  });

  it('overdue stays first whatever the score', () => {
    const g = groupDue(
      [t('high', NOW - 10 * MIN, NOW + 60 * MIN), t('low', NOW - 120 * MIN, NOW - MIN)],
      NOW,
      'UTC',
      7,
      scoreOf,
    );
    expect(g.overdue.map((x) => x.id)).toEqual(['low']);
    expect(g.today.map((x) => x.id)).toEqual(['high']);
  });

  it('facts from stored rows: a reply, an answered call and a booking count as responses', () => {
    const contact = {
      leadSource: 'referral' as const,
      custom: { budget: '20k' },
      createdAt: NOW - 10 * 86_400_000,
    };
    const facts = factsOf(contact, [
      {
        state: 'paused',
        lastReplyAt: NOW - 86_400_000,
        stateChangedAt: NOW - 86_400_000,
        done: [{ outcome: 'answered', at: NOW - 2 * 86_400_000 }],
      },
    ]);
    expect(facts).toMatchObject({
      replied: true,
      answeredCall: true,
      booked: false,
      lastResponseAt: NOW - 86_400_000,
    });
    expect(scoreLead(facts, DEFAULT_SCORING, NOW).explanation).toBe(
      '99: referral +30, replied +20, budget 10k or more +15, answered a call +15, base +20, no response for 1 day -1',
    );
  });
});
