import { badge, fireDueAlarm, seedRows } from './support/extension';
import { expect, serveGmail, test } from './support/fixtures';

const HOUR = 3_600_000;

function touch(dueAt: number, deadlineAt: number) {
  return {
    enrolmentId: 1,
    contactId: 1,
    step: 1,
    totalSteps: 7,
    channel: 'sms',
    purpose: 'acknowledge',
    dueAt,
    deadlineAt,
    state: 'planned',
  };
}

test('the service worker runs and the alarm sets the badge from IndexedDB', async ({ serviceWorker }) => {
  expect(serviceWorker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
  const alarm = await serviceWorker.evaluate(() => chrome.alarms.get('touchbase-due'));
  expect(alarm?.periodInMinutes).toBe(1);
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('');

  const now = Date.now();
  await seedRows(serviceWorker, 'touches', [
    touch(now - HOUR, now + HOUR),
    touch(now - 2 * HOUR, now + HOUR),
  ]);
  await fireDueAlarm(serviceWorker);
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('2');
  // Due but not late: the calm colour.
  expect((await badge(serviceWorker)).color.slice(0, 3)).toEqual([26, 115, 232]);

  await seedRows(serviceWorker, 'touches', [touch(now - 3 * HOUR, now - HOUR)]);
  await fireDueAlarm(serviceWorker);
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('3');
  expect((await badge(serviceWorker)).color.slice(0, 3)).toEqual([217, 48, 37]);
});

test('the sidebar iframe mounts on a Gmail page served at mail.google.com', async ({
  context,
  extensionId,
}) => {
  await serveGmail(context, 'gmail-thread-with-compose.SYNTHETIC.html');
  const page = await context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  const frameEl = page.locator('#touchbase-sidebar iframe');
  await expect(frameEl).toHaveAttribute('src', `chrome-extension://${extensionId}/sidebar.html`);
  const frame = page.frameLocator('#touchbase-sidebar iframe');
  await expect(frame.getByTestId('sidebar-url')).toHaveText('https://mail.google.com/mail/u/0/#inbox');
});

test('popup and options pages open and read the database', async ({ context, extensionId }) => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-empty')).toBeVisible();
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('contact-count')).toHaveText('0 contacts');
});

test('an empty page at mail.google.com shows no error and breaks nothing', async ({
  context,
  consoleErrors,
}) => {
  await context.route('https://mail.google.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><html><body></body></html>',
    }),
  );
  const page = await context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/');
  await expect(page.locator('#touchbase-sidebar')).toHaveCount(1);
  // The sidebar has loaded, asked for the view and answered calmly: only then count errors.
  await expect(page.frameLocator('#touchbase-sidebar iframe').getByTestId('sidebar-empty')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
