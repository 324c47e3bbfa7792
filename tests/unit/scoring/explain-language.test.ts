/**
 * A score's reasons read in the rep's language where Touchbase wrote them (default rules, the
 * base, freshness), and as typed where the rep wrote them (a renamed or new rule).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { scoreExplanation, scoreReasons } from '@/lib/labels/score';
import { DEFAULT_SCORING, type ScoreFacts, scoreLead } from '@/lib/scoring';

afterEach(() => resetI18n());

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-10T12:00:00Z');
const facts = (over: Partial<ScoreFacts> = {}): ScoreFacts => ({
  leadSource: 'referral',
  custom: {},
  createdAt: NOW - 3 * DAY,
  lastResponseAt: NOW - 2 * DAY,
  replied: true,
  answeredCall: false,
  booked: false,
  ...over,
});

describe('score reasons', () => {
  it.each([
    ['en', '68: referral +30, replied +20, base +20, no response for 2 days -2'],
    ['de', '68: Empfehlung +30, hat geantwortet +20, Basis +20, seit 2 Tagen keine Antwort -2'],
    ['es', '68: recomendación +30, respondió +20, base +20, sin respuesta desde hace 2 días -2'],
    ['fr', '68 : recommandation +30, a répondu +20, base +20, sans réponse depuis 2 jours -2'],
    ['pt-BR', '68: indicação +30, respondeu +20, base +20, sem resposta há 2 dias -2'],
  ])('%s: %s', async (lang, want) => {
    await applyChoice(lang);
    const score = scoreLead(facts(), DEFAULT_SCORING, NOW);
    expect(scoreExplanation(score)).toBe(want);
    // The stored English explanation is unchanged (logs, exports, older callers).
    expect(score.explanation).toBe('68: referral +30, replied +20, base +20, no response for 2 days -2');
  });

  it('keeps a label the rep typed, and says so when no rule applies', async () => {
    await applyChoice('de');
    const rules = DEFAULT_SCORING.rules.map((r) =>
      r.id === 'src-referral' ? { ...r, label: 'Tipp von Kunden' } : r,
    );
    const score = scoreLead(
      facts({ replied: false, lastResponseAt: undefined, createdAt: NOW }),
      { ...DEFAULT_SCORING, rules },
      NOW,
    );
    expect(scoreReasons(score)).toBe('Tipp von Kunden +30, Basis +20');
    expect(
      scoreReasons(scoreLead(facts(), { ...DEFAULT_SCORING, base: 0, rules: [], maxDecay: 0 }, NOW)),
    ).toBe('keine Regel greift');
  });
});
