import { expect, test } from './support/fixtures';
import { extensionPage, openGmail, readStore, runtime, seedSettings } from './support/sidebar';

const THREAD = 'gmail-thread-with-compose.SYNTHETIC.html';
const BOB = 'bob.buyer@example.org';
const SHOTS = 'tests/e2e/screenshots';

test('a contact enrolled from Gmail in Spanish gets Spanish drafts; Edit switches them to German', async ({
  context,
  serviceWorker,
  consoleErrors,
}) => {
  await seedSettings(serviceWorker);
  const { page, sidebar } = await openGmail(context, THREAD);
  const form = sidebar.getByTestId('enrol-form');
  await expect(form).toContainText(BOB);
  // An English conversation: English.
  await expect(sidebar.getByTestId('enrol-language')).toHaveValue('en');
  await sidebar.getByTestId('enrol-playbook').selectOption('seven-touch-14-day');
  await sidebar.getByTestId('enrol-language').selectOption('es');
  await sidebar.getByTestId('enrol-submit').click();

  await expect(sidebar.getByTestId('contact-name')).toHaveText('Bob Buyer');
  await expect(sidebar.getByTestId('draft-body')).toHaveValue(
    /^Hola, Bob\. Soy Jane Seller, de Northwind Roofing\./,
  );
  const stored = (await readStore<{ email: string; language?: string }>(serviceWorker, 'contacts')).find(
    (c) => c.email === BOB,
  );
  expect(stored?.language).toBe('es');

  // By hand, from the record: German from now on.
  await sidebar.getByTestId('contact-edit').click();
  const editor = sidebar.getByTestId('contact-editor');
  await expect(editor.getByTestId('contact-language')).toHaveValue('es');
  await editor.getByTestId('contact-language').selectOption('de');
  await page.locator('#touchbase-sidebar').screenshot({ path: `${SHOTS}/sidebar-contact-language.png` });
  await editor.getByTestId('contact-save').click();
  await expect(editor.getByTestId('contact-status')).toContainText('Saved.');
  await sidebar.getByTestId('contact-edit').click();
  await expect(sidebar.getByTestId('draft-body')).toHaveValue(
    /^Hallo Bob, hier ist Jane Seller von Northwind Roofing\./,
  );
  expect(consoleErrors.filter((e) => !e.includes('mail.google.com'))).toEqual([]);
});

test('a Spanish conversation: the enrol form proposes Spanish, and the contact gets Spanish drafts', async ({
  context,
  serviceWorker,
  consoleErrors,
}) => {
  await seedSettings(serviceWorker);
  const { page, sidebar } = await openGmail(context, 'gmail-thread-es.SYNTHETIC.html');
  await expect(sidebar.getByTestId('enrol-form')).toContainText('ana.garcia@example.com');
  await expect(sidebar.getByTestId('enrol-language')).toHaveValue('es');
  await expect(sidebar.getByTestId('enrol-language-guess')).toHaveText(
    'Guessed from the language of the conversation.',
  );
  await page.locator('#touchbase-sidebar').screenshot({ path: `${SHOTS}/sidebar-enrol-language-guess.png` });
  // Nothing is stored before the rep enrols.
  expect(await readStore(serviceWorker, 'contacts')).toEqual([]);
  await sidebar.getByTestId('enrol-playbook').selectOption('seven-touch-14-day');
  await sidebar.getByTestId('enrol-submit').click();

  await expect(sidebar.getByTestId('contact-name')).toHaveText('Ana García');
  await expect(sidebar.getByTestId('draft-body')).toHaveValue(
    /^Hola, Ana\. Soy Jane Seller, de Northwind Roofing\./,
  );
  await expect(sidebar.getByTestId('contact-language-chip')).toHaveValue('es');
  const [ana] = await readStore<{ language?: string }>(serviceWorker, 'contacts');
  expect(ana?.language).toBe('es');
  expect(consoleErrors.filter((e) => !e.includes('mail.google.com'))).toEqual([]);
});

test('a known contact with no language: the sidebar offers the conversation’s in one click', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  await seedSettings(serviceWorker);
  const ext = await extensionPage(context, extensionId);
  await runtime(ext, 'enrol', {
    contact: { email: 'ana.garcia@example.com', firstName: 'Ana', lastName: 'García' },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'e2e',
  });
  await ext.close();
  const { page, sidebar } = await openGmail(context, 'gmail-thread-es.SYNTHETIC.html');
  await expect(sidebar.getByTestId('draft-body')).toHaveValue(/^Hi Ana, it's Jane Seller/);
  await expect(sidebar.getByTestId('contact-language-chip')).toHaveValue('');
  await expect(sidebar.getByTestId('contact-language-guess')).toHaveText('Write in Español?');
  await page.locator('#touchbase-sidebar').screenshot({ path: `${SHOTS}/sidebar-language-chip.png` });
  await sidebar.getByTestId('contact-language-guess').click();
  await expect(sidebar.getByTestId('contact-language-chip')).toHaveValue('es');
  await expect(sidebar.getByTestId('draft-body')).toHaveValue(/^Hola, Ana\./);
  await expect(sidebar.getByTestId('contact-language-guess')).toHaveCount(0);
  // And back by hand, in one pick.
  await sidebar.getByTestId('contact-language-chip').selectOption('');
  await expect(sidebar.getByTestId('draft-body')).toHaveValue(/^Hi Ana, it's Jane Seller/);
});
