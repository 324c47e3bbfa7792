import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, getBuiltInPlaybook } from '@/lib/cadence';
import {
  copyName,
  moveStep,
  newStepAfter,
  previewSchedule,
  removeStep,
  roundUpToQuarterHour,
} from '@/lib/playbook-editor';

describe('step list edits', () => {
  it('moves, removes and appends', () => {
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveStep(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
    expect(removeStep(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(newStepAfter([{ channel: 'sms', day: 7, purpose: 'call' }])).toEqual({
      channel: 'email',
      day: 9,
      purpose: 'follow-up',
    });
    expect(newStepAfter([]).day).toBe(0);
  });

  it('names copies without clashing', () => {
    expect(copyName('Drip', [])).toBe('Drip (copy)');
    expect(copyName('Drip', ['drip (COPY)', 'Drip (copy 2)'])).toBe('Drip (copy 3)');
    const fr = (n: number) => (n === 1 ? 'Drip (copie)' : `Drip (copie ${n})`);
    expect(copyName('Drip', ['Drip (copie)'], fr)).toBe('Drip (copie 2)');
    // A wording without the number still ends.
    expect(copyName('Drip', ['Drip (x)', 'Drip (x) 3'], () => 'Drip (x)')).toBe('Drip (x) 4');
  });

  it('rounds the sample enrolment up to a quarter hour', () => {
    expect(roundUpToQuarterHour(Date.parse('2026-03-03T15:01:00Z'))).toBe(Date.parse('2026-03-03T15:15:00Z'));
    expect(roundUpToQuarterHour(Date.parse('2026-03-03T15:15:00Z'))).toBe(Date.parse('2026-03-03T15:15:00Z'));
  });
});

describe('previewSchedule', () => {
  const steps = getBuiltInPlaybook('seven-touch-14-day')!.steps;
  const base = {
    steps,
    enrolledAt: Date.parse('2026-03-03T15:00:00Z'),
    timeZone: 'America/New_York',
    window: DEFAULT_WINDOW,
  };

  it('applies the lead source before planning', () => {
    const fb = previewSchedule({ ...base, source: 'facebook-lead-ad' });
    const lsa = previewSchedule({ ...base, source: 'google-lsa' });
    const referral = previewSchedule({ ...base, source: 'referral' });
    if (!fb.ok || !lsa.ok || !referral.ok) throw new Error('expected plans');
    expect(fb.touches).toHaveLength(7);
    expect(lsa.touches.at(-1)!.dueAt.getTime()).toBeLessThan(fb.touches.at(-1)!.dueAt.getTime());
    expect(referral.touches[0]!.channel).toBe('call');
    expect(referral.touches.some((t) => t.purpose === 'breakup')).toBe(false);
    expect(fb.touches[0]!.deadlineAt.getTime() - fb.touches[0]!.dueAt.getTime()).toBe(5 * 60_000);
  });

  it('answers a refusal instead of throwing', () => {
    const bad = previewSchedule({ ...base, source: 'web-form', timeZone: 'Mars/Olympus' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/time zone/i);
  });
});
