/**
 * The dashboard's Templates and Playbooks tabs in a rep's own language: a browser in French (and
 * one in German, for the longest words) shows every label, hint, notice, confirm and preview
 * statistic translated, and none of the English it used to show. Screenshots for a human look.
 */
import type { Page } from '@playwright/test';
import { openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';
import { seedSettings } from './support/sidebar';

const SHOTS = 'tests/e2e/screenshots';
/** Messages lib/ writes (template problems): converted by the lib side of #14, not by these tabs. */
const LIB_TEXT = '.tb-tpl-problem-text';

/** English the Templates tab showed before; none of it may be left, as text or as an attribute. */
const TEMPLATES_ENGLISH = [
  'Search templates',
  'All channels',
  'Pick a template on the left',
  'Built-in',
  'Subject',
  'Duplicate',
  'Reset to default',
  'Merge fields',
  'click to insert',
  'Add a fallback',
  'imported columns',
  'Preview',
  'Sample contact',
  'Ready to send',
  'characters',
  'words',
  'Unknown field',
  'Saved as version',
  'not in',
  'Write the',
  'yours',
];

/**
 * Which of `phrases` the page still shows, as visible text, an option or an attribute a rep reads
 * or hears, each with the text it sits in. `except` leaves out what lib/ words (template problems,
 * rule validation), which the lib conversion turns into codes separately.
 */
async function englishLeft(page: Page, phrases: readonly string[], except: string): Promise<string[]> {
  return page.evaluate(
    ({ list, skip }) => {
      const attrs = ['title', 'aria-label', 'placeholder', 'alt'];
      const seen: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest(skip)) continue;
        if (el.closest('option') || el.checkVisibility()) seen.push(n.textContent ?? '');
      }
      for (const el of document.querySelectorAll('*')) {
        if (el.closest(skip)) continue;
        for (const a of attrs) {
          const v = el.getAttribute(a);
          if (v) seen.push(v);
        }
      }
      return list.flatMap((p) => {
        const re = new RegExp(`\\b${p}\\b`);
        const hit = seen.find((l) => re.test(l));
        return hit === undefined ? [] : [`${p}: ${hit.trim()}`];
      });
    },
    { list: phrases, skip: except },
  );
}

test.describe('a browser in French', () => {
  test.use({ browserLocale: 'fr' });

  test('the Templates tab: list, editor, merge fields, preview and notices read in French', async ({
    context,
    extensionId,
    serviceWorker,
    consoleErrors,
  }) => {
    await seedSettings(serviceWorker);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await openDashboard(page, extensionId, 'templates');

    await expect(page.getByRole('complementary', { name: 'Modèles' })).toBeVisible();
    await expect(page.getByPlaceholder('Rechercher un modèle')).toBeVisible();
    await expect(page.getByTestId('template-channel-filter').locator('option[value="all"]')).toHaveText(
      'Tous les canaux',
    );
    // The library opens in the rep's own language.
    await expect(page.getByTestId('template-language')).toHaveValue('fr');
    await page.getByTestId('template-item-acknowledge.email.default.fr').click();
    await expect(page.getByTestId('template-body')).toHaveValue(/^Bonjour/);
    const editor = page.getByTestId('template-editor');
    await expect(editor).toContainText('Fourni');
    await expect(editor.getByText('Objet', { exact: true })).toBeVisible();
    await expect(editor.getByRole('button', { name: 'Dupliquer' })).toBeVisible();
    await expect(editor.locator('summary')).toContainText('Champs de fusion');
    await expect(page.getByTestId('insert-firstName')).toHaveAttribute(
      'title',
      'Prénom du contact : cliquez pour insérer',
    );
    await expect(page.getByRole('heading', { name: 'Aperçu' })).toBeVisible();
    await expect(page.getByTestId('preview-contact').locator('option[value="sample"]')).toHaveText(
      'Contact d’exemple (Jordan Rivera)',
    );
    await expect(page.getByTestId('preview-stats')).toContainText(/objet \d+\/60 caractères · \d+ mots/);

    // A typo in a merge field: flagged in French, in the editor and on the preview's mark.
    const body = page.getByTestId('template-body');
    await body.fill(`${await body.inputValue()}\n{{frstName}}`);
    await expect(editor.locator('p.tb-problem.error')).toHaveText(
      'Champ inconnu : {{frstName}}. Impossible d’enregistrer tant qu’il n’est pas corrigé.',
    );
    await expect(page.getByTestId('preview-body').locator('mark.tb-tpl-unknown')).toHaveAttribute(
      'title',
      'Champ inconnu : frstName',
    );
    // Leaving with unsaved changes asks first, in French.
    await page.getByTestId('template-item-acknowledge.sms.default.fr').click();
    expect(dialogs).toEqual(['Abandonner les modifications non enregistrées ?']);
    // Accented French needs Unicode: fewer characters per part.
    await expect(page.getByTestId('preview-stats')).toContainText(
      /^\d+ SMS · UCS-2 \(Unicode\) · (\d+\/70 caractères|\d+ caractères? restants? dans la dernière partie)$/,
    );

    // The rep's own English copy, then its missing Spanish version.
    await page.getByTestId('template-language').selectOption('en');
    await page.getByTestId('template-item-acknowledge.sms.default').click();
    await page.getByTestId('template-duplicate').click();
    await expect(page.getByTestId('template-notice')).toContainText(/^« .+ \(copie\) » créé\.$/);
    await expect(page.locator('.tb-tpl-list [aria-current="true"]')).toContainText('le vôtre');
    await page.getByTestId('template-body').fill('Hi {{firstName|there}}, a quick word.');
    await page.getByTestId('template-save').click();
    await expect(page.getByTestId('template-notice')).toHaveText(
      'Enregistré en version 2. Les messages déjà envoyés gardent leur texte.',
    );
    await page.screenshot({ path: `${SHOTS}/dashboard-templates-fr.png`, fullPage: true });

    await page.getByTestId('template-language').selectOption('es');
    const untranslated = page.getByTestId('template-untranslated');
    await expect(untranslated).toContainText('Les vôtres, pas encore en espagnol');
    await expect(untranslated).toContainText('Vos contacts en espagnol les reçoivent en anglais');
    await expect(untranslated).toContainText('Rédiger la version en espagnol');

    expect(await englishLeft(page, TEMPLATES_ENGLISH, LIB_TEXT)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('a browser in German', () => {
  test.use({ browserLocale: 'de' });

  test('the Templates tab in German (long words: list, editor, preview)', async ({
    context,
    extensionId,
    serviceWorker,
  }) => {
    await seedSettings(serviceWorker);
    const page = await context.newPage();
    await openDashboard(page, extensionId, 'templates');
    await page.getByTestId('template-item-call.call.default.de').click();
    const editor = page.getByTestId('template-editor');
    await expect(editor).toContainText(
      'Gesprächsleitfaden (für den Mailbox-Text eine Zeile „Mailbox“ einfügen)',
    );
    await expect(editor.getByRole('button', { name: 'Auf Original zurücksetzen' })).toHaveCount(0);
    // The sample contact asked about something in German, too.
    await expect(page.getByTestId('preview-body')).toContainText('anrufen wegen Dachsanierung');
    await expect(page.getByTestId('preview-ok').or(page.getByTestId('preview-problems'))).toBeVisible();
    await expect(page.getByTestId('preview-stats')).toContainText(/etwa \d+ s gesprochen \(max\. 30 s\)/);
    await page.screenshot({ path: `${SHOTS}/dashboard-templates-de.png`, fullPage: true });
    expect(await englishLeft(page, TEMPLATES_ENGLISH, LIB_TEXT)).toEqual([]);
  });
});
