/**
 * Messages as data (lib/i18n/msg.ts) and how they read (lib/i18n/message.ts): one table per
 * language, nested and counted messages, text stored before messages had keys, and what reaches
 * the rep from an error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { english } from '@/lib/i18n/english';
import {
  errorText,
  isMsg,
  joinMsgs,
  type Msg,
  MsgError,
  msg,
  msgN,
  msgOf,
  renderMsg,
  renderMsgs,
} from '@/lib/i18n/message';

afterEach(() => resetI18n());

const optedOut = msg('err_enrol_opted_out', { hint: msg('err_withdraw_opt_out_hint') });
const notEmail = msg('err_not_email', { value: 'ana@' });
const fields = (n: number) => msgN('err_template_unknown_fields', n, { fields: '{{x}}' });
const rules = msg('err_rules_max', { max: 1234 });
const label = msg('problem_window_times', { label: msg('field_contact_window') });

describe('renderMsg', () => {
  it.each<[string, Msg | string, string]>([
    ['en', notEmail, '"ana@" is not an email address.'],
    ['es', notEmail, '"ana@" no es una dirección de correo.'],
    ['de', notEmail, '„ana@“ ist keine E-Mail-Adresse.'],
    ['fr', notEmail, '« ana@ » n’est pas une adresse e-mail.'],
    ['pt-BR', notEmail, '"ana@" não é um endereço de e-mail.'],
    // A message parameter is rendered in the same language first.
    ['de', label, 'Kontaktfenster: Uhrzeiten im Format 08:00.'],
    [
      'es',
      optedOut,
      expect.stringMatching(/^Este contacto se dio de baja\. Para volver a contactar/) as never,
    ],
    // Counted: the form follows the language's plural rules.
    ['en', fields(1), 'Unknown merge field {{x}}: pick one from the list or use {{custom.<name>}}.'],
    ['en', fields(2), 'Unknown merge fields {{x}}: pick one from the list or use {{custom.<name>}}.'],
    ['fr', fields(1), expect.stringMatching(/^Champ de fusion inconnu/) as never],
    // Numbers in the reader's digits.
    ['de', rules, 'Höchstens 1.234 Regeln.'],
    ['en', rules, 'Keep it to 1,234 rules or fewer.'],
    // Text stored before it had a key reads as written; an unknown key shows itself, not blank.
    ['es', 'Marked done', 'Marked done'],
    ['es', { key: 'from_a_newer_version' }, 'from_a_newer_version'],
  ])('%s: %j', async (lang, m, want) => {
    await applyChoice(lang);
    expect(renderMsg(m)).toEqual(want);
  });

  it('joins several problems into one paragraph, first ones first', async () => {
    await applyChoice('es');
    const joined = joinMsgs([notEmail, msg('err_note_empty'), msg('err_contact_gone')], 2);
    expect(renderMsg(joined)).toBe('"ana@" no es una dirección de correo. Una nota necesita algo de texto.');
    expect(renderMsgs([notEmail, 'old text'])).toBe('"ana@" no es una dirección de correo. old text');
  });
});

describe('errors', () => {
  it('a MsgError says English in its message and the rep language through errorText', async () => {
    const err = new MsgError(notEmail);
    expect(err.message).toBe('"ana@" is not an email address.');
    await applyChoice('pt-BR');
    expect(errorText(err)).toBe('"ana@" não é um endereço de e-mail.');
    // What the messaging client rethrows: a plain Error with the message as data.
    const wire = Object.assign(new Error('x'), { msg: notEmail });
    expect(errorText(wire)).toBe('"ana@" não é um endereço de e-mail.');
    expect(errorText(new Error('plain'))).toBe('plain');
    expect(errorText('str')).toBe('str');
    expect(msgOf(Object.assign(new Error('x'), { msg: { key: 'BAD KEY' } }))).toBeUndefined();
  });

  it('english() is what the catalogue says in English', () => {
    expect(english(optedOut)).toMatch(/^This contact opted out\. To contact them again/);
  });
});

describe('isMsg', () => {
  it.each<[unknown, boolean]>([
    [{ key: 'err_note_empty' }, true],
    [{ key: 'err_not_email', params: { value: 'x' } }, true],
    [{ key: 'a', params: { n: 1, m: { key: 'b' } } }, true],
    [{ key: 'a', params: { n: Number.NaN } }, false],
    [{ key: 'a', params: { m: { key: 1 } } }, false],
    [{ key: 'Not A Key' }, false],
    [{ key: 'a', params: ['x'] }, false],
    ['err_note_empty', false],
    [null, false],
  ])('%j -> %s', (v, ok) => {
    expect(isMsg(v)).toBe(ok);
  });
});
