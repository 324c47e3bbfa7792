import { msg } from '@/lib/i18n/msg';
import { CadenceError } from './errors';
import { type CadenceStep, LEAD_SOURCES, type LeadSource } from './types';

/** True when `source` is one of {@link LEAD_SOURCES}. */
export function isLeadSource(source: unknown): source is LeadSource {
  return typeof source === 'string' && (LEAD_SOURCES as readonly string[]).includes(source);
}

/**
 * Applies the lead-source adjustment of the spec (seed 000, "Sequence Adjustments by Lead
 * Source") to a playbook's steps. Pure: the input is never mutated.
 * @throws CadenceError for an unknown source.
 */
export function adjustForSource(steps: readonly CadenceStep[], source: LeadSource): CadenceStep[] {
  const copy = steps.map((s) => ({ ...s }));
  switch (source) {
    case 'facebook-lead-ad':
    case 'other':
      return copy;
    case 'google-lsa':
      return copy.map((s) => ({ ...s, day: Math.ceil((s.day * 7) / 14) }));
    case 'referral': {
      // Warm intros get a call first; a breakup message would be rude to someone's referral.
      const kept = copy.filter((s) => s.purpose !== 'breakup');
      return [{ channel: 'call', day: 0, withinMinutes: 5, purpose: 'call' }, ...kept];
    }
    case 'web-form': {
      const [first, ...rest] = copy;
      return first ? [{ ...first, withinMinutes: 2 }, ...rest] : [];
    }
    case 'cold-outbound':
      return copy.map((s) => {
        // No texting without consent, and no speed-to-lead clock on a contact who never asked.
        const { withinMinutes: _dropped, ...rest } = s;
        return {
          ...rest,
          day: 1 + Math.ceil((s.day * 20) / 14),
          channel: s.channel === 'sms' ? 'email' : s.channel,
        };
      });
    default:
      throw new CadenceError(
        'unknown-lead-source',
        msg('err_lead_source_unknown_of', { source: String(source), list: LEAD_SOURCES.join(', ') }),
      );
  }
}
