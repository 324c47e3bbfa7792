import { expect, test } from './support/fixtures';
import { openGmail, readStore, seedSettings } from './support/sidebar';

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
  // Nothing on this English page says otherwise: English, no guess shown.
  await expect(sidebar.getByTestId('enrol-language')).toHaveValue('en');
  await expect(sidebar.getByTestId('enrol-language-guess')).toHaveCount(0);
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
