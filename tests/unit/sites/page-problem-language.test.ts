// @vitest-environment happy-dom
// What a content script answers when it cannot insert is a message (key + params), checked before
// the background renders it in the rep's language: a page-forged key or a huge parameter is dropped.
import { afterEach, describe, expect, it } from 'vitest';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import { msg } from '@/lib/i18n/msg';
import { isPageProblem, pageViewProblem, payloadProblem } from '@/lib/messaging/validate';
import { attempt } from '@/lib/sites/dom';
import { extractGmail } from '@/lib/sites/gmail';
import { insertIntoCompose } from '@/lib/sites/gmail/insert';
import { extract as extractHubspot } from '@/lib/sites/hubspot';
import { extract as extractPipedrive } from '@/lib/sites/pipedrive';
import type { PageView } from '@/lib/sites/types';
import { parseFixture } from './crm/fixtures';

afterEach(() => resetI18n());

describe('a page that changed: the insert problem in the rep language', () => {
  it.each([
    ['en', 'No open compose window found.'],
    ['es', 'No hay ninguna ventana de redacción abierta.'],
    ['de', 'Kein Entwurfsfenster geöffnet.'],
  ])('%s', async (lang, text) => {
    document.body.innerHTML = '<div role="main"><p>Gmail moved things around</p></div>';
    const res = insertIntoCompose(document, { body: 'Hi' });
    expect(res.ok).toBe(false);
    const problem = res.ok ? undefined : res.reason;
    expect(isPageProblem(problem)).toBe(true);
    await applyChoice(lang);
    expect(renderMsg(problem!)).toBe(text);
  });

  it('renders a parameter in Spanish and German', async () => {
    const gone = { key: 'page_compose_gone', params: { id: 'c7' } };
    await applyChoice('es');
    expect(renderMsg(gone)).toBe('La ventana de redacción c7 ya no está abierta.');
    await applyChoice('de');
    expect(renderMsg(gone)).toBe('Das Entwurfsfenster c7 ist nicht mehr geöffnet.');
  });
});

describe('isPageProblem', () => {
  it.each([
    [{ key: 'page_no_compose' }, true],
    [{ key: 'page_compose_gone', params: { id: 'x' } }, true],
    [{ key: 'err_note_empty' }, false],
    [{ key: 'page_compose_gone', params: { id: 'x'.repeat(5_000) } }, false],
    [{ key: 'page_compose_gone', params: { id: { key: 'err_note_empty' } } }, false],
    ['No open compose window found.', false],
    [null, false],
    [{ key: 'PAGE_NO_COMPOSE' }, false],
  ])('%j -> %s', (v, ok) => {
    expect(isPageProblem(v)).toBe(ok);
  });
});

const HUBSPOT = 'https://app.hubspot.com/contacts/4410001/record/0-1/50001';

/** What the sidebar shows: each problem rendered in the interface language. */
const shown = (v: PageView) => v.problems.map((p) => renderMsg(p));

describe('a CRM page that changed: "could not read" in the rep language', () => {
  it.each([
    [
      'en',
      [
        'The contact header was not found.',
        'The contact properties were not found.',
        'No email address shown on this contact.',
        'Nobody found on this record page.',
      ],
    ],
    [
      'de',
      [
        'Der Kopfbereich des Kontakts wurde nicht gefunden.',
        'Die Eigenschaften des Kontakts wurden nicht gefunden.',
        'Dieser Kontakt zeigt keine E-Mail-Adresse.',
        'Auf dieser Datensatzseite wurde niemand gefunden.',
      ],
    ],
    [
      'es',
      [
        'No se encontró la cabecera del contacto.',
        'No se encontraron las propiedades del contacto.',
        'Este contacto no muestra ninguna dirección de correo.',
        'No se encontró a nadie en esta página de registro.',
      ],
    ],
    [
      'fr',
      [
        'En-tête du contact introuvable.',
        'Propriétés du contact introuvables.',
        'Aucune adresse e-mail affichée sur ce contact.',
        'Personne n’a été trouvé sur cette fiche.',
      ],
    ],
  ])('HubSpot, %s', async (lang, want) => {
    const view = extractHubspot(parseFixture('hubspot', 'hubspot-dom-changed.SYNTHETIC.html'), HUBSPOT);
    // What the background gets is what the sidebar renders: the report crosses as JSON.
    const posted = JSON.parse(JSON.stringify(view));
    expect(pageViewProblem(posted)).toBeUndefined();
    await applyChoice(lang);
    expect(shown(posted)).toEqual(want);
  });

  it.each([
    ['en', 'Could not read the name.', 'Sender of message 2 not found.'],
    ['de', 'Konnte den Namen nicht lesen.', 'Der Absender von Nachricht 2 wurde nicht gefunden.'],
    ['es', 'No se pudo leer el nombre.', 'No se encontró el remitente del mensaje 2.'],
    ['pt-BR', 'Não foi possível ler o nome.', 'O remetente da mensagem 2 não foi encontrado.'],
  ])('a part that threw, and a counted message, %s', async (lang, read, sender) => {
    const problems: ReturnType<typeof msg>[] = [];
    attempt(problems, msg('page_part_name'), () => {
      throw new Error('the host page moved things');
    });
    problems.push(msg('page_gmail_sender_missing', { n: 2 }));
    expect(problems.every((p) => isPageProblem(p))).toBe(true);
    await applyChoice(lang);
    expect(problems.map((p) => renderMsg(p))).toEqual([read, sender]);
  });

  it('every problem an adapter reports on a changed page passes the background check', () => {
    const views = [
      extractHubspot(parseFixture('hubspot', 'hubspot-dom-changed.SYNTHETIC.html'), HUBSPOT),
      extractPipedrive(
        parseFixture('pipedrive', 'pipedrive-dom-changed.SYNTHETIC.html'),
        'https://acme.pipedrive.com/person/31',
      ),
      extractGmail(document, { url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJ' }),
    ];
    for (const v of views) {
      expect(v.problems.length).toBeGreaterThan(0);
      for (const p of v.problems) expect(isPageProblem(p), JSON.stringify(p)).toBe(true);
    }
  });
});

describe('pageViewProblem: what a page reports is checked before the sidebar shows it', () => {
  const view = (problems: unknown[]) => ({
    site: 'hubspot',
    kind: 'unknown',
    url: HUBSPOT,
    composes: [],
    inboxRows: [],
    problems,
  });

  it.each([
    ['a page message', [{ key: 'page_record_nobody' }]],
    [
      'a part inside "could not read"',
      [{ key: 'page_read_failed', params: { what: { key: 'page_part_name' } } }],
    ],
    ['a number', [{ key: 'page_gmail_sender_missing', params: { n: 3 } }]],
    ['text from a content script older than the messages', ['Could not read the name.']],
    ['none', []],
  ])('accepts %s', (_, problems) => {
    expect(pageViewProblem(view(problems))).toBeUndefined();
  });

  it.each([
    ['a key outside the page area', [{ key: 'err_note_empty' }]],
    ['a key the catalogue does not have', [{ key: 'page_made_up_by_the_host' }]],
    ['an inherited name', [{ key: 'page_' }, { key: '__proto__' }]],
    ['an oversized parameter', [{ key: 'page_compose_gone', params: { id: 'x'.repeat(201) } }]],
    ['a non-page message inside', [{ key: 'page_read_failed', params: { what: { key: 'err_note_empty' } } }]],
    [
      'messages nested too deep',
      [
        {
          key: 'page_read_failed',
          params: {
            what: {
              key: 'page_read_failed',
              params: {
                what: {
                  key: 'page_read_failed',
                  params: { what: { key: 'page_read_failed', params: { what: 'x' } } },
                },
              },
            },
          },
        },
      ],
    ],
    ['an object that is no message', [{ text: 'Hi' }]],
    ['a huge text', ['x'.repeat(2_001)]],
    ['a number', [7]],
    ['too many', Array.from({ length: 101 }, () => ({ key: 'page_record_nobody' }))],
  ])('refuses %s', (_, problems) => {
    expect(pageViewProblem(view(problems))).toEqual(expect.anything());
    const report = { type: 'page.report', payload: { session: 's', collapsed: false, view: view(problems) } };
    expect(payloadProblem(report as never)).toEqual(expect.anything());
  });
});
