import { describe, expect, it } from 'vitest';
import {
  guessLanguage,
  languageFromField,
  languageFromPhone,
  languageFromText,
} from '@/lib/contacts/language';

describe('languageFromField (a CRM language value)', () => {
  it.each([
    ['Spanish', 'es'],
    ['  español ', 'es'],
    ['es-MX', 'es'],
    ['es_AR', 'es'],
    ['Deutsch', 'de'],
    ['de-CH', 'de'],
    ['German', 'de'],
    ['Français', 'fr'],
    ['fr-CA', 'fr'],
    ['Portuguese (Brazil)', 'pt-BR'],
    ['pt-BR', 'pt-BR'],
    ['pt_BR', 'pt-BR'],
    ['Português', 'pt-BR'],
    ['English', 'en'],
    ['en-GB', 'en'],
  ])('%j -> %s', (value, expected) => {
    expect(languageFromField(value)).toBe(expected);
  });

  it.each([[''], ['   '], ['Italian'], ['it-IT'], ['Klingon'], ['e'], ['es-'], [undefined]])(
    '%j names none of ours',
    (value) => {
      expect(languageFromField(value)).toBeUndefined();
    },
  );
});

describe('languageFromText (stop-word scoring)', () => {
  it.each([
    [
      'Hola Sam, gracias por la información. Por ahora no es urgente, pero me interesa para el año que viene. Saludos',
      'es',
    ],
    [
      'Hallo Sam, vielen Dank für die Infos. Das ist für uns nicht dringend, aber wir melden uns gerne im Frühjahr. Viele Grüße',
      'de',
    ],
    [
      'Bonjour Sam, merci pour votre message. Ce n’est pas urgent pour nous, je vous recontacte au printemps. Cordialement',
      'fr',
    ],
    [
      'Oi Sam, obrigado pelo retorno. Não é urgente para nós agora, mas você pode me ligar amanhã. Abraço',
      'pt-BR',
    ],
    [
      'Hi Sam, thanks for the note. This is not urgent for us, but we would like to talk in the spring. Best',
      'en',
    ],
  ])('%j -> %s', (text, expected) => {
    expect(languageFromText(text)).toBe(expected);
  });

  it.each([
    ['too short', 'ok'],
    ['a mix', 'Thanks, gracias, danke, merci'],
    ['no words', '12345 !!! 😀'],
    ['empty', ''],
    ['Italian (not ours)', 'Ciao Sam, grazie mille per il messaggio, ci sentiamo presto'],
  ])('%s: no guess', (_label, text) => {
    expect(languageFromText(text)).toBeUndefined();
  });

  it('words shared by Spanish and Portuguese count for neither', () => {
    // "para" is as Spanish as it is Portuguese: three of it are no evidence at all.
    expect(languageFromText('para para para')).toBeUndefined();
  });
});

describe('languageFromPhone (country calling code)', () => {
  it.each([
    ['+34 612 345 678', 'es'],
    ['+52 55 1234 5678', 'es'],
    ['0049 30 1234567', 'de'],
    ['+43 1 234 5678', 'de'],
    ['+33 6 12 34 56 78', 'fr'],
    ['+55 11 91234-5678', 'pt-BR'],
    ['+44 20 7946 0958', 'en'],
  ])('%s -> %s', (phone, expected) => {
    expect(languageFromPhone(phone)).toBe(expected);
  });

  it.each([
    ['+1 212 555 0100', 'shared by the US, Canada (French too) and the Caribbean'],
    ['+41 44 123 45 67', 'Switzerland speaks four languages'],
    ['+32 2 123 45 67', 'Belgium speaks three'],
    ['030 1234567', 'a national number names no country'],
    ['', 'empty'],
  ])('%s: no guess (%s)', (phone) => {
    expect(languageFromPhone(phone)).toBeUndefined();
  });
});

describe('guessLanguage', () => {
  const spanishText =
    'Hola, gracias por la propuesta. Lo vemos con el equipo y te decimos algo mañana. Saludos';

  it('trusts an explicit field over the text and the phone', () => {
    expect(guessLanguage({ field: 'German', text: spanishText, phone: '+33 6 12 34 56 78' })).toEqual({
      language: 'de',
      source: 'field',
    });
  });

  it('uses the text when the field names nothing', () => {
    expect(guessLanguage({ field: 'Italian', text: spanishText, phone: '+33 6 12 34 56 78' })).toEqual({
      language: 'es',
      source: 'text',
    });
  });

  it('falls back to the phone', () => {
    expect(guessLanguage({ text: 'ok', phone: '+55 11 91234-5678' })).toEqual({
      language: 'pt-BR',
      source: 'phone',
    });
  });

  it('makes no guess without evidence', () => {
    expect(guessLanguage({})).toBeUndefined();
    expect(guessLanguage({ phone: '+1 212 555 0100' })).toBeUndefined();
  });
});
