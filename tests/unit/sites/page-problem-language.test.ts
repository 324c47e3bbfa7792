// @vitest-environment happy-dom
// What a content script answers when it cannot insert is a message (key + params), checked before
// the background renders it in the rep's language: a page-forged key or a huge parameter is dropped.
import { afterEach, describe, expect, it } from 'vitest';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import { isPageProblem } from '@/lib/messaging/validate';
import { insertIntoCompose } from '@/lib/sites/gmail/insert';

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
