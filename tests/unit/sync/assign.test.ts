import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEAD_SOURCES, type LeadSource } from '@/lib/cadence/types';
import {
  type AssignRule,
  checkRules,
  type Counters,
  hash32,
  type LeadFacts,
  normaliseRules,
  type RepRef,
  routeLead,
  routeLeads,
} from '@/lib/sync/assign';
import type { AssignDoc } from '@/lib/sync/docs';
import { formatStamp } from '@/lib/sync/hlc';
import { mergeAssign, mergeDocs } from '@/lib/sync/merge';

const NOW = Date.UTC(2026, 11, 1, 9);
const ana: RepRef = { id: 'rep-ana', name: 'Ana' };
const ben: RepRef = { id: 'rep-ben', name: 'Ben' };
const cy: RepRef = { id: 'rep-cy', name: 'Cy' };
const ctxAna = { me: ana, replica: ana.id };
const lead = (leadSource: LeadSource, score = 20): LeadFacts => ({ leadSource, score });

describe('routeLead', () => {
  const rules: AssignRule[] = [
    { id: 'r-ref', sources: ['referral'], reps: [ben] },
    { id: 'r-hot', minScore: 70, reps: [cy] },
    { id: 'r-band', minScore: 40, maxScore: 69, sources: ['web-form', 'google-lsa'], reps: [ana, ben] },
  ];
  it.each([
    ['a referral goes to the referral rep, whatever its score', lead('referral', 95), 'rep-ben', 'r-ref'],
    ['a hot lead from elsewhere goes to the hot-lead rep', lead('web-form', 70), 'rep-cy', 'r-hot'],
    ['the threshold is inclusive', lead('other', 70), 'rep-cy', 'r-hot'],
    [
      'below the threshold and outside every band: the rep who added it',
      lead('other', 69),
      'rep-ana',
      undefined,
    ],
    ['a band needs both its source and its score', lead('facebook-lead-ad', 50), 'rep-ana', undefined],
    [
      'the band lower bound is inclusive',
      lead('google-lsa', 40),
      expect.stringMatching(/rep-(ana|ben)/),
      'r-band',
    ],
    ['below the band', lead('google-lsa', 39), 'rep-ana', undefined],
  ])('%s', (_name, facts, owner, ruleId) => {
    const r = routeLead(facts, rules, {}, { me: ana, replica: 'dev-1' }, NOW);
    expect(r.owner.id).toEqual(owner);
    expect(r.ruleId).toBe(ruleId);
    expect(r.owner.since).toBe(NOW);
  });

  it('without rules every lead stays with the rep who added it', () => {
    expect(routeLead(lead('referral'), [], {}, ctxAna, NOW).owner).toEqual({ ...ana, since: NOW });
  });

  it('a rule with no reps is passed over (never leaves a lead without an owner)', () => {
    const r = routeLead(
      lead('referral'),
      [
        { id: 'x', reps: [] },
        { id: 'y', reps: [cy] },
      ],
      {},
      ctxAna,
      NOW,
    );
    expect(r.owner.id).toBe('rep-cy');
  });

  it('round-robin deals in turn from a per-device start and advances only its own counter', () => {
    const rr: AssignRule[] = [{ id: 'rr', reps: [ana, ben, cy] }];
    const counters: Counters = { other: 7 };
    const owners = routeLeads(
      [1, 2, 3, 4, 5, 6].map(() => lead('web-form')),
      rr,
      counters,
      ctxAna,
      NOW,
    ).map((r) => r.owner.id);
    const start = hash32(`${ana.id}|rr`) % 3;
    const order = [ana, ben, cy].map((r) => r.id);
    expect(owners).toEqual([0, 1, 2, 3, 4, 5].map((i) => order[(start + i) % 3]));
    expect(counters).toEqual({ other: 7, 'rule:rr': 6 });
  });

  it.each(['__proto__', 'constructor', 'toString'])('a rule id like %s is an ordinary counter', (id) => {
    const counters: Counters = JSON.parse('{}');
    const owners = routeLeads(
      [1, 2, 3, 4].map(() => lead('other')),
      [{ id, reps: [ana, ben] }],
      counters,
      ctxAna,
      NOW,
    );
    expect(owners.map((r) => r.owner.id).sort()).toEqual(['rep-ana', 'rep-ana', 'rep-ben', 'rep-ben']);
    expect(JSON.parse(JSON.stringify(counters))).toEqual({ [`rule:${id}`]: 4 });
  });

  it('two devices starting together do not hand their first leads to the same rep', () => {
    // Replica ids as setup makes them; over many pairs the starts differ about (n-1)/n of the time.
    const rr: AssignRule[] = [{ id: 'rule-1', reps: [ana, ben] }];
    let same = 0;
    for (let i = 0; i < 200; i++) {
      const a = routeLead(lead('other'), rr, {}, { me: ana, replica: `rep-a${i}` }, NOW).owner.id;
      const b = routeLead(lead('other'), rr, {}, { me: ben, replica: `rep-b${i}` }, NOW).owner.id;
      if (a === b) same++;
    }
    expect(same).toBeGreaterThan(60);
    expect(same).toBeLessThan(140);
  });
});

const repArb = fc.constantFrom(ana, ben, cy, { id: 'rep-dee', name: 'Dee' });
const ruleArb: fc.Arbitrary<AssignRule> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 8 }),
    sources: fc.subarray([...LEAD_SOURCES]),
    minScore: fc.integer({ min: 0, max: 100 }),
    maxScore: fc.integer({ min: 0, max: 100 }),
    reps: fc.uniqueArray(repArb, { minLength: 1, maxLength: 4, selector: (r) => r.id }),
  },
  { requiredKeys: ['id', 'reps'] },
);
const leadArb = fc.record({
  leadSource: fc.constantFrom(...LEAD_SOURCES),
  score: fc.integer({ min: 0, max: 100 }),
});

describe('routing properties', () => {
  it('every new lead gets exactly one owner, one of the reps of the rule it matched (or the adder)', () => {
    fc.assert(
      fc.property(
        // Ids are unique in any list routing sees (normaliseRules keeps the first of a repeated id);
        // with a repeat, `ruleId` could not say which of the two routed the lead.
        fc.uniqueArray(ruleArb, { maxLength: 6, selector: (r) => r.id }),
        fc.array(leadArb, { maxLength: 40 }),
        (rules, leads) => {
          const routed = routeLeads(leads, rules, {}, ctxAna, NOW);
          expect(routed).toHaveLength(leads.length);
          routed.forEach((r) => {
            const rule = rules.find((x) => x.id === r.ruleId);
            const allowed = rule ? rule.reps : [ana];
            expect(allowed.map((p) => p.id)).toContain(r.owner.id);
          });
        },
      ),
    );
  });

  it('round-robin spreads one device’s N leads within ±1 across the listed reps', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(repArb, { minLength: 2, maxLength: 4, selector: (r) => r.id }),
        fc.integer({ min: 0, max: 60 }),
        fc.string({ maxLength: 12 }),
        fc.nat({ max: 1000 }),
        (reps, n, replica, already) => {
          const counters: Counters = { 'rule:rr': already };
          const routed = routeLeads(
            Array.from({ length: n }, () => lead('other')),
            [{ id: 'rr', reps }],
            counters,
            { me: ana, replica },
            NOW,
          );
          const counts = reps.map((p) => routed.filter((r) => r.owner.id === p.id).length);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
          expect(counters['rule:rr']).toBe(already + n);
        },
      ),
    );
  });

  it('rules are tried in order: the first matching rule wins', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 6 }), leadArb, (rules, facts) => {
        const r = routeLead(facts, rules, {}, ctxAna, NOW);
        const first = rules.findIndex(
          (x) =>
            (!x.sources?.length || x.sources.includes(facts.leadSource)) &&
            (x.minScore === undefined || facts.score >= x.minScore) &&
            (x.maxScore === undefined || facts.score <= x.maxScore),
        );
        if (first < 0) expect(r.ruleId).toBeUndefined();
        else expect(r.ruleId).toBe(rules[first]?.id);
      }),
    );
  });
});

describe('checkRules', () => {
  it.each<[string, AssignRule[], ReturnType<typeof checkRules>]>([
    [
      'a valid list',
      [
        { id: 'a', sources: ['referral'], reps: [ben] },
        { id: 'b', reps: [ana, ben] },
      ],
      [],
    ],
    ['no rep picked', [{ id: 'a', reps: [] }], [{ rule: 0, field: 'reps', code: 'no-reps' }]],
    [
      'the same rep twice',
      [{ id: 'a', reps: [ana, ana] }],
      [{ rule: 0, field: 'reps', code: 'duplicate-rep' }],
    ],
    [
      'a score above 100',
      [{ id: 'a', minScore: 101, reps: [ana] }],
      [{ rule: 0, field: 'score', code: 'score-range' }],
    ],
    [
      'a fractional score',
      [{ id: 'a', maxScore: 4.5, reps: [ana] }],
      [{ rule: 0, field: 'score', code: 'score-range' }],
    ],
    [
      'a band upside down',
      [{ id: 'a', minScore: 80, maxScore: 20, reps: [ana] }],
      [{ rule: 0, field: 'score', code: 'score-order' }],
    ],
    [
      'an unknown source',
      [{ id: 'a', sources: ['fax' as LeadSource], reps: [ana] }],
      [{ rule: 0, field: 'sources', code: 'unknown-source' }],
    ],
    [
      'a rule below a catch-all is never used',
      [
        { id: 'a', reps: [ana] },
        { id: 'b', sources: ['referral'], reps: [ben] },
      ],
      [{ rule: 1, field: 'order', code: 'unreachable', above: 0 }],
    ],
    [
      'a narrower band below a wider one is never used',
      [
        { id: 'a', minScore: 50, reps: [ana] },
        { id: 'b', minScore: 60, maxScore: 90, reps: [ben] },
      ],
      [{ rule: 1, field: 'order', code: 'unreachable', above: 0 }],
    ],
    [
      'a wider rule below a narrower one is fine',
      [
        { id: 'a', sources: ['referral'], reps: [ana] },
        { id: 'b', reps: [ben] },
      ],
      [],
    ],
  ])('%s', (_name, rules, issues) => {
    expect(checkRules(rules)).toEqual(issues);
  });
});

describe('normaliseRules', () => {
  it('keeps well-formed rules and drops what routing cannot trust', () => {
    expect(
      normaliseRules([
        { id: 'a', sources: ['referral', 'fax'], minScore: 30, maxScore: 'x', reps: [ana, { id: 7 }, null] },
        { reps: [ana] },
        'nope',
        { id: 'b', reps: 'all' },
      ]),
    ).toEqual([
      { id: 'a', sources: ['referral'], minScore: 30, reps: [ana] },
      { id: 'b', reps: [] },
    ]);
    expect(normaliseRules(undefined)).toEqual([]);
    expect(normaliseRules({ rules: [] })).toEqual([]);
  });

  it('keeps the first of two rules with the same id (they would share its counter)', () => {
    expect(
      normaliseRules([
        { id: 'a', reps: [ana] },
        { id: 'a', reps: [cy] },
        { id: 'b', reps: [cy] },
      ]),
    ).toEqual([
      { id: 'a', reps: [ana] },
      { id: 'b', reps: [cy] },
    ]);
  });
});

describe('a rules document from anywhere', () => {
  it('never throws, and routing with what survives still gives every lead one owner', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.array(
          fc.oneof(
            fc.anything(),
            fc.record({
              id: fc.string(),
              reps: fc.array(fc.record({ id: fc.string(), name: fc.oneof(fc.string(), fc.anything()) })),
              sources: fc.anything(),
              minScore: fc.oneof(fc.integer(), fc.double(), fc.anything()),
              maxScore: fc.oneof(fc.integer(), fc.double(), fc.anything()),
            }),
          ),
          { maxLength: 5 },
        ),
        leadArb,
        (junk, list, facts) => {
          for (const v of [junk, list]) {
            const rules = normaliseRules(v);
            const r = routeLead(facts, rules, JSON.parse('{}'), ctxAna, NOW);
            expect(typeof r.owner.id).toBe('string');
            expect(r.owner.id.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});

describe('mergeAssign', () => {
  const doc = (wall: number, rules: unknown, replica = 'rep-ana'): AssignDoc => ({
    _id: 'assign:rules',
    kind: 'assign',
    t: formatStamp({ wall, counter: 0, replica }),
    body: { rules },
  });
  it('the latest edit wins whole, in either order', () => {
    const a = doc(1, [{ id: 'x', reps: [ana] }]);
    const b = doc(2, [{ id: 'y', reps: [ben] }]);
    expect(mergeAssign(a, b)).toEqual(b);
    expect(mergeDocs(b, a)).toEqual(b);
  });
  it('equal wall times still order the same way everywhere (replica id breaks the tie)', () => {
    const a = doc(5, ['a'], 'rep-ana');
    const b = doc(5, ['b'], 'rep-ben');
    expect(mergeAssign(a, b)).toEqual(mergeAssign(b, a));
    expect(mergeAssign(a, b).body.rules).toEqual(['b']);
  });
});
