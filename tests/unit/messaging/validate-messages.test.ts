/**
 * What the payload checks say. A problem a rep can cause (too much typed into a field, no
 * playbook picked, an emptied email) is a message in their language; a malformed payload only our
 * own pages could send is English for the log (the worker answers `request_malformed`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { isMsg, renderMsg } from '@/lib/i18n/message';
import type { RuntimeMessage } from '@/lib/messaging/protocol';
import { MAX_FIELD, MAX_TEXT, payloadProblem } from '@/lib/messaging/validate';

afterEach(() => resetI18n());

const request = (type: string, payload: unknown) => ({ type, payload }) as unknown as RuntimeMessage;
const enrol = (contact: object, extra: object = {}) =>
  request('enrol', { contact, playbookId: 'p', source: 'web-form', via: 'sidebar', ...extra });
const sync = (extra: object) =>
  request('sync.connect', {
    url: 'https://couch.example.com',
    database: 'team',
    username: 'ana',
    password: 'pw',
    repName: 'Ana',
    ...extra,
  });
const long = 'x'.repeat(MAX_FIELD + 1);

describe('what a rep can cause is a message in their language', () => {
  it.each([
    [
      'no playbook picked',
      enrol({ email: 'a@b.co' }, { playbookId: '' }),
      ['Pick a playbook.', 'Wähl ein Playbook.', 'Choisissez un playbook.'],
    ],
    [
      'no lead source picked',
      enrol({ email: 'a@b.co' }, { source: '' }),
      ['Pick a lead source.', 'Wähl eine Lead-Quelle.', 'Choisissez l’origine du prospect.'],
    ],
    [
      'the email emptied in the enrol form',
      enrol({ email: '  ', firstName: 'Ana' }),
      [
        'A contact needs an email address or a record it comes from.',
        'Ein Kontakt braucht eine E-Mail-Adresse oder einen Datensatz, aus dem er stammt.',
        'Un contact a besoin d’une adresse e-mail ou d’une fiche d’origine.',
      ],
    ],
    [
      'a company pasted far too long',
      enrol({ email: 'a@b.co', company: long }),
      [
        'Company: not valid text (or too long).',
        'Firma: kein gültiger Text (oder zu lang).',
        'Entreprise : texte non valide (ou trop long).',
      ],
    ],
    [
      'a topic pasted far too long',
      enrol({ email: 'a@b.co', topic: long }),
      [
        'What they asked about: not valid text (or too long).',
        'Worum es in der Anfrage ging: kein gültiger Text (oder zu lang).',
        'L’objet de sa demande : texte non valide (ou trop long).',
      ],
    ],
    [
      'a note over a million characters',
      request('note.add', { contactId: 1, text: 'x'.repeat(MAX_TEXT + 1), via: 'sidebar' }),
      ['This note is too long.', 'Diese Notiz ist zu lang.', 'Cette note est trop longue.'],
    ],
    [
      'a sync address too long',
      sync({ url: `https://couch.example.com/${long}` }),
      [
        'A team sync setting is too long.',
        'Eine Einstellung für die Team-Synchronisierung ist zu lang.',
        'Un réglage de la synchronisation d’équipe est trop long.',
      ],
    ],
  ])('%s', async (_, req, [en, de, fr]) => {
    const problem = payloadProblem(req);
    expect(isMsg(problem)).toBe(true);
    if (!isMsg(problem)) return;
    expect(renderMsg(problem)).toBe(en);
    await applyChoice('de');
    expect(renderMsg(problem)).toBe(de);
    await applyChoice('fr');
    expect(renderMsg(problem)).toBe(fr);
  });
});

describe('what only our own bug can send stays English, for the log', () => {
  it.each([
    ['a NaN touch id', request('touch.complete', { touchId: Number.NaN, via: 'popup' })],
    ['a company that is no text', enrol({ email: 'a@b.co', company: 7 })],
    ['a note that is no text', request('note.add', { contactId: 1, text: { html: '<b>' }, via: 'sidebar' })],
    ['a sync password that is no text', sync({ password: 5 })],
    [
      'an unknown bulk action',
      request('contacts.bulk', { contactIds: [1], action: { kind: 'nuke' }, via: 'd' }),
    ],
    ['an unknown request', request('explode', {})],
  ])('%s', (_, req) => {
    expect(typeof payloadProblem(req)).toBe('string');
  });
});
