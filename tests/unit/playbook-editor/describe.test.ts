// A rule in the rep's words and language: the sentence on the rule cards and the playbook's list.
import { afterEach, describe, expect, it } from 'vitest';
import { builtInRules, type CadenceRule, TRIGGER_EVENTS, ACTIONS_FOR_EVENT } from '@/lib/cadence/rules';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { describeRule, starterAction } from '@/lib/playbook-editor/rules';

afterEach(() => resetI18n());

/** Intl puts narrow and no-break spaces in durations; compare words. */
const sp = (s: string) => s.replace(/\s/g, ' ');

const rule = (r: Partial<CadenceRule> & Pick<CadenceRule, 'when' | 'action'>): CadenceRule => ({
  id: 'r',
  name: 'R',
  ...r,
});

describe('describeRule', () => {
  it.each<[CadenceRule, string]>([
    [
      rule({
        when: 'call-no-answer',
        action: { kind: 'touch-within', channel: 'sms', purpose: 'voicemail-nudge', withinMinutes: 10 },
      }),
      'When a call is not answered, then a text within 10 min.',
    ],
    [
      rule({
        when: 'reply',
        condition: { replyIntent: 'call-me' },
        action: { kind: 'propose-call-now', withinMinutes: 5 },
      }),
      'When the contact replies asking for a call, then propose a call due now.',
    ],
    [
      rule({
        when: 'meeting-booked',
        condition: { sources: ['referral', 'web-form'] },
        action: {
          kind: 'meeting-reminders',
          reminders: [{ channel: 'email', beforeMinutes: 1440 }],
          recapWithinHours: 24,
        },
      }),
      'When a meeting is booked (Referral and Web form only), then 1 reminder and a recap within 24 hr; the sequence stops.',
    ],
    [
      rule({ when: 'no-reply-after-last-step', action: { kind: 're-nurture', days: 75 } }),
      'When the last step gets no reply, then re-nurture after 75 days.',
    ],
    [
      rule({ when: 'no-reply-after-last-step', action: { kind: 're-nurture' } }),
      'When the last step gets no reply, then re-nurture after the re-engage delay.',
    ],
  ])('in English: %#', (r, text) => {
    expect(describeRule(r)).toBe(text);
  });

  it('reads in the interface language, with its durations and lists', async () => {
    await applyChoice('fr');
    expect(
      sp(
        describeRule(
          rule({
            when: 'call-no-answer',
            action: { kind: 'touch-within', channel: 'email', purpose: 'follow-up', withinMinutes: 90 },
          }),
        ),
      ),
    ).toBe('Quand un appel reste sans réponse : un e-mail sous 1 h 30 min.');
    await applyChoice('de');
    // "Min." closes the sentence: one period.
    expect(
      sp(
        describeRule(
          rule({
            when: 'call-no-answer',
            action: { kind: 'touch-within', channel: 'sms', purpose: 'voicemail-nudge', withinMinutes: 10 },
          }),
        ),
      ),
    ).toBe('Wenn ein Anruf nicht angenommen wird, dann eine SMS innerhalb von 10 Min.');
    expect(
      describeRule(
        rule({
          when: 'reply',
          condition: { replyIntent: 'opt-out', sources: ['referral'] },
          action: { kind: 'propose-opt-out' },
        }),
      ),
    ).toBe(
      'Wenn der Kontakt antwortet und um Abmeldung bittet (nur Empfehlung), dann Abmeldung vorschlagen.',
    );
  });

  it('words every built-in rule and every event/action pair, in every language, without a gap', async () => {
    for (const lang of ['en', 'es', 'de', 'fr', 'pt-BR'] as const) {
      await applyChoice(lang);
      const all = [
        ...builtInRules(),
        ...TRIGGER_EVENTS.flatMap((when) =>
          ACTIONS_FOR_EVENT[when].map((kind) => rule({ when, action: starterAction(kind) })),
        ),
      ];
      for (const r of all) {
        const text = describeRule(r);
        // No key name, no unfilled placeholder, no "undefined".
        expect(text, `${lang} ${r.when}/${r.action.kind}`).not.toMatch(/pb_|\$|undefined|NaN/);
        expect(text.length).toBeGreaterThan(15);
      }
    }
  });
});
