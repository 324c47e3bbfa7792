/**
 * The dashboard's data tabs in the rep's language: a browser in German (and one in French) shows
 * Contacts with the bulk bar and the contact drawer in that language, with none of the English
 * these tabs used to show, text that fits its columns, and screenshots to look at.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';
import { extensionPage, readStore, runtime, seedSettings } from './support/sidebar';

const SHOTS = 'tests/e2e/screenshots';
/**
 * A HubSpot export (its header row), one row of it without an email, one whose language is none
 * Touchbase writes in (the summary's problem line, worded by the background, in the rep's language).
 */
const HUBSPOT_CSV = [
  '"Record ID","First Name","Last Name","Email","Phone Number","Contact owner","Associated Company","Preferred language"',
  '"101","Bob","Buyer","bob.buyer@example.org","+1 202 555 0101","Jane Seller","Example Corp",""',
  '"102","Carol","Cfo","carol.cfo@example.org","","Jane Seller","Example Corp","Klingon"',
  '"103","Dan","Noemail","","","Jane Seller","Example Corp",""',
].join('\r\n');
type Catalogue = Record<string, { message: string }>;
const catalogue = (folder: string): Catalogue =>
  JSON.parse(readFileSync(`public/_locales/${folder}/messages.json`, 'utf8'));
const EN = catalogue('en');

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `piece` as whole words ("Confirm" is not in "Confirmer"). */
const asWords = (piece: string) => new RegExp(`(?<!\\p{L})${escapeRe(piece)}(?!\\p{L})`, 'u');

/**
 * The English pieces of every message of these areas that reads differently in `folder`: the
 * words around the placeholders, long enough to be language rather than a symbol, and not words
 * of that language too ("contacts" is French as well).
 */
function englishPieces(folder: string, prefixes: string[]): RegExp[] {
  const other = catalogue(folder);
  const theirs = Object.values(other)
    .map((e) => e.message)
    .join('\n');
  const pieces = new Map<string, RegExp>();
  for (const [key, { message }] of Object.entries(EN)) {
    if (!prefixes.some((p) => key.startsWith(p)) || other[key]?.message === message) continue;
    for (const piece of message.split(/\$[A-Z_]+\$/)) {
      const clean = piece.replace(/^[\s·:,.;()“”]+|[\s·:,.;()“”?…]+$/g, '');
      if (clean.length < 5 || !/\p{L}{3}/u.test(clean)) continue;
      const re = asWords(clean);
      if (!re.test(theirs)) pieces.set(clean, re);
    }
  }
  return [...pieces.values()];
}

/** What a rep can read or hear on the page: its text and the labels of its controls. */
async function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label], [placeholder], [title]')].flatMap((el) =>
      ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, ...attrs].join('\n');
  });
}

async function expectNoEnglish(page: Page, folder: string, prefixes: string[]): Promise<void> {
  const text = await shownText(page);
  const pieces = englishPieces(folder, prefixes);
  expect(pieces.length).toBeGreaterThan(20);
  expect(pieces.filter((p) => p.test(text)).map((p) => p.source)).toEqual([]);
}

/** Cells and buttons whose text is cut off or spills out of its box. */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((el) => {
        const e = el as HTMLElement;
        // Cells ellipsize by design when the data is long; a header or a button never should.
        return e.scrollWidth > e.clientWidth + 1;
      })
      .map((el) => (el as HTMLElement).innerText),
  );
}

async function enrolThree(page: Page): Promise<number> {
  let first = 0;
  for (const [email, firstName, lastName] of [
    ['bob.buyer@example.org', 'Bob', 'Buyer'],
    ['ines.ortega@example.org', 'Inés', 'Ortega'],
    ['jurgen.weiss@example.org', 'Jürgen', 'Weiß'],
  ] as const) {
    const { contactId } = await runtime<{ contactId: number }>(page, 'enrol', {
      contact: { email, firstName, lastName, company: 'Northwind Roofing' },
      playbookId: 'seven-touch-14-day',
      source: 'web-form',
      via: 'e2e',
    });
    first ||= contactId;
  }
  return first;
}

const LANGUAGES = [
  {
    locale: 'de',
    folder: 'de',
    count: '3 Kontakte',
    headers: ['Name', 'Firma', 'E-Mail', 'Quelle', 'Playbook', 'Status', 'Priorität', 'Nächster Schritt'],
    active: 'Aktiv',
    playbook: '7 Kontaktpunkte in 14 Tagen',
    selected: '3 ausgewählt',
    deleteConfirm: '3 Kontakte mit Sequenzen und Verlauf löschen?',
    drawer: [
      'Datensatz',
      'Abmeldungen',
      'Sequenzen',
      'Als Nächstes',
      'Verlauf',
      'Keine Telefonnummer hinterlegt',
    ],
    reachable: 'SMS: erreichbar',
    steps: ['Datei wählen', 'Spalten prüfen', 'Importieren'],
    drop: 'CSV-Datei hierher ziehen oder Datei wählen',
    format: 'hubspot.csv – sieht aus wie ein HubSpot-Export. Prüf unten die Spalten.',
    mapping: ['Spalte in der Datei', 'Übernehmen als'],
    rowsInFile: '3 Zeilen in der Datei.',
    wontImport: 'Wird nicht importiert:',
    run: '3 Zeilen importieren',
    summary: [
      'Import abgeschlossen',
      'angelegt',
      'nicht importierbar',
      'aufgenommen',
      'Zeilen, die nicht importiert werden konnten',
    ],
    problem:
      'carol.cfo@example.org: „Klingon“ ist keine Sprache, in der Touchbase schreibt (English, Español, Deutsch, Français oder Português (Brasil)); die Entwürfe sind auf Englisch, bis du eine Sprache wählst.',
    rejectedHead: ['Zeile', 'Grund'],
    metricsEmpty: 'Diese Woche keine Aktivität.',
    booked: ['33 %', '1 von 3 Aufnahmen dieser Woche'],
    firstTouch: '100 % innerhalb von 5 Min. (2 von 2)',
    metrics: [
      'Wochenrückblick',
      'Gesendete Schritte',
      'Antwortquote nach Kanal',
      'Ausgelöste Regeln',
      'Neue Leads nach Score',
    ],
    sourcesHead: ['Lead-Quelle', 'Aufgenommen', 'Ohne Antwort beendet', 'Anteil'],
    activityHead: ['Wann', 'Kontakt', 'Was', 'Schritt', 'Kanal', 'Details'],
    exported: 'Kontakte exportiert.',
  },
  {
    locale: 'fr',
    folder: 'fr',
    count: '3 contacts',
    headers: [
      'Nom',
      'Entreprise',
      'E-mail',
      'Origine',
      'Playbook',
      'Statut',
      'Priorité',
      'Prochaine relance',
    ],
    active: 'Active',
    playbook: '7 relances en 14 jours',
    selected: '3 sélectionnés',
    deleteConfirm: 'Supprimer 3 contacts avec leurs séquences et leur historique ?',
    drawer: ['Fiche', 'Désinscriptions', 'Séquences', 'À venir', 'Historique', 'Aucun numéro de téléphone'],
    reachable: 'SMS : joignable',
    steps: ['Choisir un fichier', 'Vérifier les colonnes', 'Importer'],
    drop: 'Déposez un fichier CSV ici ou Choisir un fichier',
    format: 'hubspot.csv — ressemble à un export HubSpot. Vérifiez les colonnes ci-dessous.',
    mapping: ['Colonne du fichier', 'Va dans'],
    rowsInFile: '3 lignes dans le fichier.',
    wontImport: 'Ne sera pas importée :',
    run: 'Importer 3 lignes',
    summary: [
      'Import terminé',
      'créés',
      "n'a pas pu être importé",
      'inscrits',
      "Lignes qui n'ont pas pu être importées",
    ],
    problem:
      'carol.cfo@example.org : Touchbase n’écrit pas en « Klingon » (English, Español, Deutsch, Français ou Português (Brasil)) ; ses brouillons sont en anglais tant que vous n’en choisissez pas une.',
    rejectedHead: ['Ligne', 'Raison'],
    metricsEmpty: 'Aucune activité cette semaine.',
    booked: ['33 %', '1 sur 3 inscrits cette semaine'],
    firstTouch: '100 % en moins de 5 min (2 sur 2)',
    metrics: [
      'Bilan de la semaine',
      'Relances envoyées',
      'Taux de réponse par canal',
      'Règles déclenchées',
      'Nouveaux prospects par score',
    ],
    sourcesHead: ['Origine du prospect', 'Inscrits', 'Terminées sans réponse', 'Part'],
    activityHead: ['Quand', 'Contact', 'Quoi', 'Étape', 'Canal', 'Détails'],
    exported: 'Contacts exportés.',
  },
];

for (const lang of LANGUAGES) {
  test.describe(`a browser in ${lang.locale}`, () => {
    test.use({ browserLocale: lang.locale });

    test('Contacts, the bulk bar and the contact drawer', async ({
      context,
      serviceWorker,
      extensionId,
      consoleErrors,
    }) => {
      await seedSettings(serviceWorker);
      const contactId = await enrolThree(await extensionPage(context, extensionId));
      const page = await context.newPage();
      await openDashboard(page, extensionId, 'contacts');

      await expect(page.getByTestId('contact-count')).toHaveText(lang.count);
      await expect(page.getByTestId('contacts-table').locator('thead th')).toHaveText(['', ...lang.headers]);
      await expect(page.getByTestId('contact-row').first()).toContainText(lang.active);
      // A built-in playbook's name is the reader's language too, not the English stored with it.
      await expect(page.getByTestId('contact-row').first()).toContainText(lang.playbook);
      expect(
        await overflowing(
          page,
          '.tb-contacts-table thead th button, .tb-toolbar button, tbody td:last-child',
        ),
      ).toEqual([]);

      await page.getByTestId('contacts-table').locator('thead input[type=checkbox]').check();
      const bulk = page.getByTestId('bulk-bar');
      await expect(bulk).toContainText(lang.selected);
      const words = catalogue(lang.folder);
      await bulk.getByRole('button', { name: words.bulk_delete?.message, exact: true }).click();
      await expect(bulk.getByRole('alertdialog')).toContainText(lang.deleteConfirm);
      await page.screenshot({ path: `${SHOTS}/dashboard-contacts-${lang.locale}.png` });
      expect(await overflowing(page, '.tb-bulk button')).toEqual([]);
      await expectNoEnglish(page, lang.folder, ['contacts_', 'bulk_', 'state_']);
      await bulk.getByRole('alertdialog').getByRole('button', { name: words.common_cancel?.message }).click();
      await expect(bulk.getByRole('alertdialog')).toHaveCount(0);

      await page.goto(`chrome-extension://${extensionId}/options.html#/contacts/${contactId}`);
      const drawer = page.getByTestId('contact-drawer');
      for (const heading of lang.drawer) await expect(drawer).toContainText(heading);
      await expect(drawer.getByTestId('drawer-optouts')).toContainText(lang.reachable);
      await expect(drawer.getByTestId('drawer-enrolment')).toHaveCount(1);
      await page.screenshot({ path: `${SHOTS}/dashboard-contact-drawer-${lang.locale}.png` });
      await drawer.getByTestId('optout-start').click();
      await expect(drawer.getByTestId('drawer-optout-confirm')).toBeVisible();
      await drawer.screenshot({ path: `${SHOTS}/dashboard-contact-drawer-optout-${lang.locale}.png` });
      await expectNoEnglish(page, lang.folder, ['drawer_']);
      expect(consoleErrors).toEqual([]);
    });

    test('Import: a HubSpot file, its mapping, preview and summary', async ({
      context,
      serviceWorker,
      extensionId,
      consoleErrors,
    }) => {
      await seedSettings(serviceWorker);
      const page = await context.newPage();
      await openDashboard(page, extensionId, 'import');
      await expect(page.locator('.tb-steps li')).toHaveText(lang.steps);
      await expect(page.getByTestId('import-drop').locator('p').first()).toHaveText(lang.drop);

      await page.getByTestId('import-file').setInputFiles({
        name: 'hubspot.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(HUBSPOT_CSV),
      });
      await expect(page.getByTestId('import-format')).toHaveText(lang.format);
      await expect(page.getByTestId('mapping-table').locator('thead th')).toHaveText(lang.mapping);
      await expect(page.getByTestId('import-preview')).toContainText(lang.wontImport);
      await expect(page.getByText(lang.rowsInFile)).toBeVisible();
      await expect(page.getByTestId('import-run')).toHaveText(lang.run);
      await page.getByTestId('import-enrol').check();
      await page.screenshot({ path: `${SHOTS}/dashboard-import-map-${lang.locale}.png`, fullPage: true });
      expect(
        await overflowing(page, '.tb-steps li, .tb-mapping th, .tb-preview th, .tb-import button'),
      ).toEqual([]);
      // (The file's own column names are English data: field_ words are left out here.)
      await expectNoEnglish(page, lang.folder, ['import_']);

      await page.getByTestId('import-run').click();
      const summary = page.getByTestId('import-summary');
      await expect(page.getByTestId('import-created')).toHaveText('2');
      await expect(page.getByTestId('import-rejected')).toHaveText('1');
      for (const words of lang.summary) await expect(summary).toContainText(words);
      await expect(page.getByTestId('import-problems').locator('li')).toHaveText([lang.problem]);
      await expect(page.getByTestId('import-rejected-list').locator('thead th')).toHaveText(
        lang.rejectedHead,
      );
      await page.screenshot({ path: `${SHOTS}/dashboard-import-done-${lang.locale}.png`, fullPage: true });
      await expectNoEnglish(page, lang.folder, ['import_']);
      expect(consoleErrors).toEqual([]);
    });

    test('Metrics from real activity, then Activity & export', async ({
      context,
      serviceWorker,
      extensionId,
      consoleErrors,
    }) => {
      await seedSettings(serviceWorker);
      const page = await context.newPage();
      await openDashboard(page, extensionId, 'metrics');
      await expect(page.getByTestId('metrics-empty')).toContainText(lang.metricsEmpty);

      // Three new leads through the real background; two get their first text at once, one
      // replies and books, one opts out.
      const enrol = (email: string, firstName: string, source: string) =>
        runtime<{ enrolmentId: number; contactId: number }>(page, 'enrol', {
          contact: { email, firstName },
          playbookId: 'seven-touch-14-day',
          source,
          via: 'e2e',
        });
      const ada = await enrol('ada@example.com', 'Ada', 'web-form');
      const ben = await enrol('ben@example.com', 'Ben', 'google-lsa');
      await enrol('cy@example.com', 'Cy', 'facebook-lead-ad');
      const touches = await readStore<{ id: number; enrolmentId: number; step: number; state: string }>(
        serviceWorker,
        'touches',
      );
      const first = (enrolmentId: number) =>
        touches.find((t) => t.enrolmentId === enrolmentId && t.step === 1 && t.state === 'planned')?.id;
      await runtime(page, 'touch.complete', { touchId: first(ada.enrolmentId), via: 'e2e' });
      await runtime(page, 'touch.complete', { touchId: first(ben.enrolmentId), via: 'e2e' });
      await runtime(page, 'reply.log', { contactId: ada.contactId, via: 'e2e' });
      await runtime(page, 'enrolment.action', {
        enrolmentId: ada.enrolmentId,
        action: { kind: 'booked' },
        via: 'e2e',
      });
      await runtime(page, 'enrolment.action', {
        enrolmentId: ben.enrolmentId,
        action: { kind: 'opted-out' },
        via: 'e2e',
      });

      await expect(page.getByTestId('metric-booked-value')).toHaveText(lang.booked[0] ?? '');
      await expect(page.getByTestId('metric-booked')).toContainText(lang.booked[1] ?? '');
      await expect(page.getByTestId('metric-first-touch')).toContainText(lang.firstTouch);
      for (const words of lang.metrics) await expect(page.locator('.tb-mx')).toContainText(words);
      await expect(page.getByTestId('sources-table').locator('thead th')).toHaveText(lang.sourcesHead);
      await expect(page.getByTestId('chart-by-channel').locator('canvas')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/dashboard-metrics-${lang.locale}.png`, fullPage: true });
      expect(
        await overflowing(page, '.tb-mx-table th, .tb-mx-kpi-title, .tb-mx-nav button, .tb-mx-delta'),
      ).toEqual([]);
      await expectNoEnglish(page, lang.folder, ['metrics_']);

      await openDashboard(page, extensionId, 'activity');
      await expect(page.getByTestId('activity-list').locator('thead th')).toHaveText(lang.activityHead);
      await expect(page.getByTestId('activity-row').first()).toBeVisible();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-contacts').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^touchbase-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
      await expect(page.getByTestId('export-status')).toHaveText(lang.exported);
      await page.screenshot({ path: `${SHOTS}/dashboard-activity-${lang.locale}.png` });
      await expectNoEnglish(page, lang.folder, ['log_']);
      expect(consoleErrors).toEqual([]);
    });
  });
}
