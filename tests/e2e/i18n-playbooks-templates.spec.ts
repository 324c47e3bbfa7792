/**
 * The dashboard's Templates and Playbooks tabs (and Settings → Team sync) in a rep's own language: a browser in French (and
 * one in German, for the longest words) shows every label, hint, notice, confirm and preview
 * statistic translated, and none of the English it used to show. Screenshots for a human look.
 */
import type { Page } from '@playwright/test';
import { openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';
import { seedSettings } from './support/sidebar';

const SHOTS = 'tests/e2e/screenshots';
/**
 * Nothing is left out any more: template problems, built-in playbook names, descriptions, step
 * notes, rule names and validation messages are messages too now, so the English check reads them
 * as well. (A selector that matches no element.)
 */
const LIB_TEXT = ':not(*)';

/**
 * English the Playbooks tab showed before (read view, editor, rule cards, schedule preview).
 * Words a built-in's English name holds ("days") or French shares ("Due", "Note") are checked
 * where they are shown instead.
 */
const PLAYBOOKS_ENGLISH = [
  'Built-in',
  'Yours',
  'Copy a built-in playbook',
  'Copy and edit',
  'Day',
  'within',
  'after 2 unanswered',
  'Speed-to-lead',
  'Schedule preview',
  'Lead source',
  'Enrolled',
  'times in',
  'texts and calls only',
  'every day',
  'Channel',
  'Purpose',
  'Deadline',
  'same day',
  'Rules',
  'When',
  'Then',
  'Only for',
  'every lead',
  'a call is not answered',
  'the contact replies',
  'a text within',
  'New playbook from',
  'Within',
  'Add step',
  'Add rule',
  'Move step',
  'Remove',
  'Save playbook',
  'Cancel',
  'Warnings',
];

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

test.describe('the Playbooks tab in French', () => {
  test.use({ browserLocale: 'fr' });

  test('read view, editor, rule cards and schedule preview read in French', async ({
    context,
    extensionId,
    serviceWorker,
    consoleErrors,
  }) => {
    await seedSettings(serviceWorker);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await openDashboard(page, extensionId, 'playbooks');

    const list = page.getByRole('complementary', { name: 'Playbooks' });
    await expect(list).toContainText('Fournis');
    await expect(list).toContainText('Copiez un playbook fourni pour créer le vôtre.');
    await page.getByTestId('playbook-item-speed-to-lead-90').click();
    const timeline = page.getByTestId('playbook-timeline');
    await expect(timeline.locator('li').first()).toContainText('Jour 0');
    await expect(timeline.locator('.tb-chip.today').first()).toHaveText(/^sous \d+\s?min$/);
    await expect(timeline.locator('.tb-chip.today').first()).toHaveAttribute(
      'title',
      'Délai de premier contact',
    );
    await expect(page.locator('.tb-pb-head .tb-chip').nth(1)).toHaveText(/^\d+ étapes · \d+ jours$/);
    await expect(page.getByRole('heading', { name: 'Aperçu du planning' })).toBeVisible();
    await expect(page.getByTestId('preview-table').locator('thead')).toContainText(
      'JourCanalObjectifPrévuÉchéance',
    );
    await expect(page.locator('.tb-pb-preview-note')).toContainText(
      /^Inscrit le .+ · heures en .+ · SMS et appels uniquement /,
    );
    const rules = page.getByTestId('playbook-rules');
    await expect(rules.getByRole('heading', { name: 'Règles' })).toBeVisible();
    await expect(rules).toContainText('Quand un appel reste sans réponse : un SMS sous 10 min.');
    await page.screenshot({ path: `${SHOTS}/dashboard-playbooks-fr.png`, fullPage: true });
    expect(await englishLeft(page, PLAYBOOKS_ENGLISH, LIB_TEXT)).toEqual([]);

    // Copy and edit: the editor, its rule cards and its own preview.
    await page.getByTestId('playbook-copy').click();
    await expect(page.getByRole('heading', { name: /^Nouveau playbook à partir de « .+ »$/ })).toBeVisible();
    await expect(page.getByTestId('playbook-name')).toHaveValue(/ \(copie\)$/);
    const editor = page.getByTestId('playbook-editor');
    await expect(editor.getByLabel('Jour de l’étape 3')).toBeVisible();
    await expect(editor.getByRole('button', { name: 'Monter l’étape 2' })).toBeEnabled();
    await expect(editor.getByRole('button', { name: '+ Ajouter une étape' })).toBeVisible();
    const ruleEditor = page.getByTestId('rule-editor');
    await expect(ruleEditor.getByRole('heading')).toHaveText(
      'Règles : ce qui se passe quand il se passe quelque chose',
    );
    const rule1 = ruleEditor.getByTestId('rule-1');
    await expect(rule1.getByLabel('Événement de la règle 1').locator('option:checked')).toHaveText(
      'un appel reste sans réponse',
    );
    await expect(rule1.locator('strong')).toHaveText(['Quand', 'Alors']);
    await expect(rule1.getByTestId('rule-summary')).toHaveText(
      'Quand un appel reste sans réponse : un SMS sous 10 min.',
    );
    await expect(rule1.getByRole('group', { name: 'Origines des prospects de la règle 1' })).toContainText(
      'Uniquement pour',
    );
    // A reply rule: its "if it …" picker, and the sentence with the intent and the sources.
    await ruleEditor.getByTestId('rule-add').click();
    const n = await ruleEditor.locator('li.tb-rule-card').count();
    const added = ruleEditor.getByTestId(`rule-${n}`);
    await expect(added.getByLabel(`Nom de la règle ${n}`)).toHaveValue(`Ma règle ${n}`);
    await added.getByLabel(`Événement de la règle ${n}`).selectOption('reply');
    await added.getByLabel(`Règle ${n} : contenu de la réponse`).selectOption('call-me');
    await added.getByText('Recommandation').click();
    await expect(added.getByTestId('rule-summary')).toHaveText(
      /^Quand le contact répond et demande un appel \(uniquement Recommandation\) : .+\.$/,
    );
    await page.screenshot({ path: `${SHOTS}/dashboard-playbook-editor-fr.png`, fullPage: true });
    expect(await englishLeft(page, PLAYBOOKS_ENGLISH, LIB_TEXT)).toEqual([]);

    // Leaving the editor asks first; a saved copy says so in French.
    await page.getByTestId('playbook-item-seven-touch-14-day').click();
    expect(dialogs).toEqual(['Abandonner les modifications de ce playbook ?']);
    await page.getByTestId('playbook-copy').click();
    await page.getByTestId('playbook-save').click();
    await expect(page.getByTestId('playbook-notice')).toHaveText(
      /^Enregistré( avec \d+ avertissements?)?\. Vous pouvez le choisir en inscrivant un contact\.$/,
    );
    await expect(page.getByTestId('own-playbooks')).toContainText(/\d+ étapes · \d+ jours/);
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('the Playbooks tab in German', () => {
  test.use({ browserLocale: 'de' });

  test('long German words fit the rule cards, timeline and preview', async ({
    context,
    extensionId,
    serviceWorker,
  }) => {
    await seedSettings(serviceWorker);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openDashboard(page, extensionId, 'playbooks');
    await page.getByTestId('playbook-item-speed-to-lead-90').click();
    await expect(page.getByTestId('playbook-rules')).toContainText(
      'Wenn ein Anruf nicht angenommen wird, dann eine SMS',
    );
    await page.screenshot({ path: `${SHOTS}/dashboard-playbooks-de.png`, fullPage: true });
    await page.getByTestId('playbook-copy').click();
    await expect(page.getByTestId('rule-editor').getByRole('heading')).toHaveText(
      'Regeln: was passiert, wenn etwas passiert',
    );
    await page.screenshot({ path: `${SHOTS}/dashboard-playbook-editor-de.png`, fullPage: true });
    expect(await englishLeft(page, PLAYBOOKS_ENGLISH, LIB_TEXT)).toEqual([]);
  });
});

test.describe('Settings → Team sync in French', () => {
  test.use({ browserLocale: 'fr' });

  test('the section, its fields and its status line read in French', async ({
    context,
    extensionId,
    serviceWorker,
  }) => {
    await seedSettings(serviceWorker);
    const page = await context.newPage();
    await openDashboard(page, extensionId, 'settings');
    const sync = page.getByTestId('settings-team-sync');
    await expect(sync.getByRole('heading')).toHaveText('Synchronisation d’équipe');
    await expect(sync).toContainText('Désactivée par défaut : tout reste dans ce navigateur.');
    await expect(sync.getByLabel('Adresse du serveur')).toBeVisible();
    await expect(sync.getByLabel('Votre nom, tel que votre équipe le voit')).toBeVisible();
    await expect(page.getByTestId('sync-status')).toHaveText('La synchronisation d’équipe est désactivée.');
    await expect(page.getByTestId('sync-connect')).toHaveText('Connecter');
    await sync.scrollIntoViewIfNeeded();
    await sync.screenshot({ path: `${SHOTS}/settings-team-sync-fr.png` });
    expect(
      await englishLeft(
        page,
        [
          'Team sync',
          'Off by default',
          'Server address',
          'Username',
          'Password',
          'teammates',
          'Connect',
          'is off',
        ],
        LIB_TEXT,
      ),
    ).toEqual([]);

    // Connect with an http:// address and no password: each field says what to fix, in French
    // (checkSetup answers messages; they used to be English).
    await sync.getByLabel('Adresse du serveur').fill('http://couch.example.com');
    await page.getByTestId('sync-connect').click();
    await expect(sync.getByRole('alert')).toContainText([
      'Utilisez https:// (une adresse http:// simple n’est acceptée que pour localhost).',
      'Saisissez votre nom d’utilisateur sur ce serveur.',
      'Saisissez votre mot de passe.',
    ]);
    await sync.screenshot({ path: `${SHOTS}/settings-team-sync-errors-fr.png` });
  });
});
