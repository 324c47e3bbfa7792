/**
 * Settings → Lead scoring: the number fields' labels come from the catalogue, so the section
 * reads in the rep's language (they were English arguments to a helper the literal check missed).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ScoringSection } from '@/components/options/settings/ScoringSection';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { DEFAULT_SCORING } from '@/lib/scoring';

afterEach(() => resetI18n());

const NOW = Date.parse('2026-03-03T15:00:00Z');

/** The label text of each number field, in page order. */
function labels(): string[] {
  const html = renderToStaticMarkup(<ScoringSection value={DEFAULT_SCORING} onChange={() => {}} now={NOW} />);
  return [...html.matchAll(/<label class="tb-field">([^<]*)<input type="number"/g)].map((m) => m[1]!);
}

describe('the scoring numbers in the rep’s language', () => {
  it.each([
    [
      'en',
      [
        'Every lead starts at',
        'Notify me of a new lead scoring at least',
        'High priority from',
        'Medium priority from',
        'Points lost per day without a response',
        'Most points lost that way',
      ],
    ],
    [
      'de',
      [
        'Jeder Lead startet bei',
        'Benachrichtige mich bei neuen Leads ab einem Score von',
        'Hohe Priorität ab',
        'Mittlere Priorität ab',
        'Punktabzug pro Tag ohne Antwort',
        'Höchstabzug insgesamt',
      ],
    ],
    [
      'fr',
      [
        'Chaque prospect démarre à',
        'Me prévenir d’un nouveau prospect dont le score atteint au moins',
        'Priorité haute à partir de',
        'Priorité moyenne à partir de',
        'Points perdus par jour sans réponse',
        'Perte de points maximale',
      ],
    ],
  ])('%s', async (lang, want) => {
    await applyChoice(lang);
    expect(labels()).toEqual(want);
  });
});
