import { openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';
import { extensionPage, openGmail, runtime, seedSettings } from './support/sidebar';

const SHOTS = 'tests/e2e/screenshots';

test("the Spanish version of a template, edited with the same checks, is what a Spanish contact's draft uses", async ({
  context,
  extensionId,
  serviceWorker,
  consoleErrors,
}) => {
  await seedSettings(serviceWorker);
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await openDashboard(page, extensionId, 'templates');

  // The same template, in another language.
  await page.getByTestId('template-item-acknowledge.sms.default').click();
  await expect(page.getByTestId('template-body')).toHaveValue(/^Hi \{\{firstName/);
  await page.getByTestId('template-language').selectOption('es');
  await expect(page.getByTestId('template-item-acknowledge.sms.default.es')).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expect(page.getByTestId('template-item-acknowledge.sms.default')).toHaveCount(0);
  const body = page.getByTestId('template-body');
  await expect(body).toHaveValue(/^Hola, \{\{firstName\|buenas\}\}\./);

  // An unknown merge field blocks the save, as in English.
  await body.fill('Hola {{nombre}}, soy {{rep.name}}.');
  await expect(page.getByTestId('preview-body').locator('mark.tb-tpl-unknown')).toHaveText('[nombre]');
  await expect(page.getByTestId('template-save')).toBeDisabled();
  await body.fill('Hola {{firstName}}, soy {{rep.name}}. ¿Hablamos esta semana?');
  await expect(page.getByTestId('preview-body')).toContainText('¿Hablamos esta semana?');
  await page.screenshot({ path: `${SHOTS}/dashboard-templates-es.png`, fullPage: true });
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-notice')).toContainText('Saved as version 2');
  await expect(page.getByTestId('template-item-acknowledge.sms.default.es')).toContainText('edited');
  // English is untouched.
  await page.getByTestId('template-language').selectOption('en');
  await expect(page.getByTestId('template-item-acknowledge.sms.default')).not.toContainText('edited');
  await expect(page.getByTestId('template-body')).toHaveValue(/^Hi \{\{firstName/);

  // A Spanish contact's first text is drafted from the edited Spanish version.
  const ext = await extensionPage(context, extensionId);
  await runtime(ext, 'enrol', {
    contact: { email: 'ana.garcia@example.com', firstName: 'Ana', lastName: 'García', language: 'es' },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'e2e',
  });
  const { sidebar } = await openGmail(context, 'gmail-thread-es.SYNTHETIC.html');
  await expect(sidebar.getByTestId('draft-body')).toHaveValue(
    /^Hola Ana, soy Jane Seller\. ¿Hablamos esta semana\?/,
  );
  await expect(sidebar.getByTestId('draft-language-note')).toHaveCount(0);
  expect(consoleErrors.filter((e) => !e.includes('mail.google.com'))).toEqual([]);
});
