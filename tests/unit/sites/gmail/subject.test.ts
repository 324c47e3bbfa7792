import { describe, expect, it } from 'vitest';
import { baseSubject, isAutoReply, isReplySubject, parseSubjectPrefixes } from '@/lib/sites/gmail';

describe('reply and forward prefixes in five languages', () => {
  it.each([
    ['Re: Angebot', 'Angebot', 'English / Gmail everywhere'],
    ['RE: Propuesta', 'Propuesta', 'Outlook, Spanish'],
    ['AW: Angebot Q3', 'Angebot Q3', 'German Outlook'],
    ['Antw: Offerte', 'Offerte', 'Dutch / Belgian clients'],
    ['RES: Orçamento', 'Orçamento', 'Brazilian Outlook'],
    ['R: Preventivo', 'Preventivo', 'Italian / Portuguese clients'],
    ['RE : Proposition', 'Proposition', 'French spacing before the colon'],
    ['Réf : Devis', 'Devis', 'French'],
    ['Re[2]: Quote', 'Quote', 'counter in brackets'],
    ['RE(3): Quote', 'Quote', 'counter in parentheses'],
    ['Re：見積もり', '見積もり', 'full-width colon'],
    ['Re: AW: Re: Angebot', 'Angebot', 'a chain'],
    ['  re:   spaced out  ', 'spaced out', 'odd spacing'],
  ])('%j is a reply to %j (%s)', (subject, base) => {
    expect(parseSubjectPrefixes(subject)).toEqual({ base, reply: true, forward: false });
    expect(isReplySubject(subject)).toBe(true);
    expect(baseSubject(subject)).toBe(base);
  });

  it.each([
    ['Fwd: Quote', 'Quote'],
    ['FW: Quote', 'Quote'],
    ['WG: Angebot', 'Angebot'],
    ['TR : Devis', 'Devis'],
    ['RV: Propuesta', 'Propuesta'],
    ['ENC: Orçamento', 'Orçamento'],
    ['Fwd: Re: Quote', 'Quote'],
  ])('%j is a forward of %j', (subject, base) => {
    expect(parseSubjectPrefixes(subject)).toEqual({ base, reply: false, forward: true });
    expect(isReplySubject(subject)).toBe(false);
  });

  it.each([
    ['Regarding the quote'],
    ['Reunión del martes'],
    ['Resposta ao orçamento'],
    ['Aw shucks: we missed it'],
    ['Rechnung 2026'],
    ['Re Quote (no colon)'],
    [''],
  ])('%j has no prefix', (subject) => {
    expect(parseSubjectPrefixes(subject)).toEqual({ base: subject.trim(), reply: false, forward: false });
  });

  it('a pathological run of prefixes ends', () => {
    const s = `${'Re: '.repeat(10_000)}x`;
    expect(isReplySubject(s)).toBe(true);
  });
});

describe('auto-reply markers in our languages', () => {
  it.each([
    ['Abwesenheitsnotiz: Angebot'],
    ['Automatische Antwort: AW: Angebot'],
    ['Respuesta automática: RE: Propuesta'],
    ['Fuera de la oficina: Propuesta'],
    ['Réponse automatique : Devis'],
    ["Message d'absence : Devis"],
    ['Resposta automática: RES: Orçamento'],
    ['Fora do escritório: Orçamento'],
    ['Ausência temporária: Orçamento'],
  ])('subject %j is an auto-reply', (subject) => {
    expect(isAutoReply({ subject })).toBe(true);
  });

  it.each([
    ['AW: Abwesenheitsnotiz: Angebot', 'a person answering a German out-of-office'],
    ['RE: Respuesta automática: Propuesta', 'a person answering a Spanish one'],
    ['RES: Resposta automática: Orçamento', 'a person answering a Portuguese one'],
    ['RE : Réponse automatique : Devis', 'a person answering a French one'],
  ])('subject %j is a real reply (%s)', (subject) => {
    expect(isAutoReply({ subject })).toBe(false);
  });

  it.each([
    ['Gracias por tu mensaje. Estoy fuera hasta el 3 de septiembre.'],
    ['Estaré fuera de la oficina hasta el lunes.'],
    ['Danke für Ihre Nachricht. Ich bin bis zum 2. September abwesend.'],
    ['Merci pour votre message. Je suis absent jusqu’au 4 septembre.'],
    ['Obrigado pela mensagem. Estou de férias até 5 de setembro.'],
    ['Olá! Estou ausente do escritório até segunda.'],
  ])('body %j opens an out-of-office', (body) => {
    expect(isAutoReply({ subject: 'RE: Propuesta', body })).toBe(true);
  });

  it.each([
    ['Hola Sam, el martes me viene bien. ¿A qué hora?'],
    ['Hallo Sam, Donnerstag passt. Bis dann!'],
    ['Bonjour Sam, jeudi me convient.'],
    ['Oi Sam, pode ser na quinta. Abraço'],
  ])('body %j is a person', (body) => {
    expect(isAutoReply({ subject: 'AW: Angebot', body })).toBe(false);
  });
});
