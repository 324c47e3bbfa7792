import { describe, expect, it } from 'vitest';
import { BUILT_IN_PLAYBOOKS, type CadenceStep, validatePlaybook } from '@/lib/cadence';
import { english } from '@/lib/i18n/english';

const codes = (list: { code: string }[]) => list.map((i) => i.code);

describe('validatePlaybook', () => {
  it('accepts every built-in without errors', () => {
    for (const p of BUILT_IN_PLAYBOOKS) expect(validatePlaybook(p).errors).toEqual([]);
  });

  it('errors on an empty playbook and a blank name', () => {
    expect(codes(validatePlaybook({ steps: [] }).errors)).toEqual(['empty']);
    expect(
      codes(validatePlaybook({ name: '  ', steps: [{ channel: 'email', day: 0, purpose: 'value' }] }).errors),
    ).toEqual(['bad-name']);
  });

  it('errors on negative, fractional and decreasing days, unknown channels and purposes, bad withinMinutes', () => {
    const steps = [
      { channel: 'email', day: -1, purpose: 'value' },
      { channel: 'email', day: 1.5, purpose: 'value' },
      { channel: 'sms', day: 4, purpose: 'value' },
      { channel: 'email', day: 3, purpose: 'value' },
      { channel: 'pigeon', day: 5, purpose: 'value' },
      { channel: 'email', day: 8, purpose: 'flattery' },
      { channel: 'call', day: 9, purpose: 'call', withinMinutes: 0 },
      { channel: 'call', day: 12, purpose: 'call', withinMinutes: Number.NaN },
    ] as unknown as CadenceStep[];
    const { errors } = validatePlaybook({ steps });
    expect(errors.map((e) => `${e.step}:${e.code}`)).toEqual([
      '1:bad-day',
      '2:bad-day',
      '4:decreasing-day',
      '5:unknown-channel',
      '6:unknown-purpose',
      '7:bad-within-minutes',
      '8:bad-within-minutes',
    ]);
    for (const e of errors) expect(english(e.msg)).toMatch(/^Step \d/);
  });

  it('warns (not errors) on two texts a day, emails under 48 h apart, long runs without a breakup', () => {
    const steps: CadenceStep[] = [
      { channel: 'sms', day: 0, purpose: 'acknowledge' },
      { channel: 'email', day: 0, purpose: 'confirm' },
      { channel: 'sms', day: 0, purpose: 'question' },
      { channel: 'email', day: 1, purpose: 'value' },
      { channel: 'email', day: 3, purpose: 'value' },
      { channel: 'call', day: 30, purpose: 'call' },
    ];
    const r = validatePlaybook({ name: 'Busy', steps });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => `${w.step ?? '-'}:${w.code}`)).toEqual([
      '3:two-sms-one-day',
      '4:emails-too-close',
      '-:no-breakup',
    ]);
    const withBreakup = validatePlaybook({
      steps: [...steps, { channel: 'email', day: 31, purpose: 'breakup' }],
    });
    expect(codes(withBreakup.warnings)).not.toContain('no-breakup');
    expect(
      codes(validatePlaybook({ steps: [{ channel: 'email', day: 21, purpose: 'value' }] }).warnings),
    ).toEqual([]);
  });
});
