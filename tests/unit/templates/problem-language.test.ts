/**
 * A template's check problems (missing values, unknown fields, subject, questions) are messages:
 * the preview, the sidebar draft and the popup render them in the rep's language; `message`
 * keeps the English as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import { type Template, render } from '@/lib/templates';
import { fullContext, sparseContext } from './fixtures';

afterEach(() => resetI18n());

const email: Template = {
  id: 'test',
  purpose: 'follow-up',
  channel: 'email',
  variant: 'default',
  name: 'Test',
  subject: '',
  body: 'Hi {{firstName}}, {{rep.bookingLink}} and {{custom.budget}}? Is {{frist}} ok? Really?',
  version: 1,
  builtIn: false,
};

const shown = () => {
  const { bookingLink: _none, ...rep } = fullContext().rep;
  return render(email, { ...sparseContext(), rep }).problems;
};

describe('template problems in the rep’s language', () => {
  it('English renders exactly the English text kept in message', () => {
    const problems = shown();
    expect(problems.map((p) => renderMsg(p.msg!))).toEqual(problems.map((p) => p.message));
    expect(problems.map((p) => p.message)).toContain(
      'This contact has no first name. Add it to the contact, or edit the text where [firstName] appears.',
    );
  });

  it.each([
    [
      'de',
      [
        '{{frist}} ist kein Feld, das Touchbase kennt, und kann nicht ausgefüllt werden. Prüf die Schreibweise (zum Beispiel {{firstName}}).',
        'Bei diesem Kontakt fehlt: Vorname. Ergänze es am Kontakt oder bearbeite den Text dort, wo [firstName] steht.',
        'Noch nicht festgelegt: dein Feld „Buchungslink“. Ergänze es in den Einstellungen oder bearbeite den Text dort, wo [rep.bookingLink] steht.',
        'Das Feld „budget“ ist noch leer. Ergänze es am Kontakt oder trag den Wert dort ein, wo [custom.budget] steht.',
        'Diese E-Mail hat keinen Betreff.',
        'Diese Nachricht stellt mehr als eine Frage. Eine klare Bitte bekommt mehr Antworten.',
      ],
    ],
    [
      'fr',
      [
        '{{frist}} n’est pas un champ que Touchbase connaît : il ne peut pas être rempli. Vérifiez l’orthographe (par exemple {{firstName}}).',
        'Il manque à ce contact : prénom. Ajoutez-le au contact, ou modifiez le texte là où figure [firstName].',
        'Votre champ « lien de réservation » n’est pas encore renseigné. Ajoutez-le dans les Réglages, ou modifiez le texte là où figure [rep.bookingLink].',
        'Le champ « budget » n’est pas encore rempli. Ajoutez-le au contact, ou saisissez-le là où figure [custom.budget].',
        'Cet e-mail n’a pas d’objet.',
        'Ce message pose plus d’une question. Une seule demande claire obtient plus de réponses.',
      ],
    ],
  ])('%s', async (lang, want) => {
    const problems = shown();
    await applyChoice(lang);
    const text = problems.map((p) => renderMsg(p.msg!));
    for (const line of want) expect(text).toContain(line);
  });
});
