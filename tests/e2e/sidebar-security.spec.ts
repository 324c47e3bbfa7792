import { expect, test } from './support/fixtures';
import { openGmail, readStore, seedSettings } from './support/sidebar';

const THREAD = 'gmail-thread-with-compose.SYNTHETIC.html';

/**
 * The Gmail page shares its window with our content script, so anything the page posts looks
 * like it came from Gmail. Only the sidebar frame (extension origin, our iframe as the source)
 * may ask for an insert, and the page itself has no way to reach the background.
 */
test('a hostile page cannot insert text, fake a send or reach the background', async ({
  context,
  serviceWorker,
}) => {
  await seedSettings(serviceWorker);
  const { page, sidebar } = await openGmail(context, THREAD);
  await sidebar.getByTestId('enrol-playbook').selectOption('seven-touch-14-day');
  await sidebar.getByTestId('enrol-submit').click();
  await expect(sidebar.getByTestId('enrolment-state')).toHaveText('Active');
  const touches = await readStore<{ id: number; state: string }>(serviceWorker, 'touches');
  const touchId = touches.find((t) => t.state === 'planned')?.id ?? 1;
  const activitiesBefore = await readStore(serviceWorker, 'activities');
  const body = page.locator('.M9 [g_editable="true"]');
  const bodyBefore = (await body.textContent()) ?? '';

  const reached = await page.evaluate((touchId) => {
    const insert = {
      tb: 'insert',
      requestId: 'evil',
      touchId,
      to: 'evil@example.com',
      subject: 'PWNED',
      body: 'PWNED',
    };
    // From the page's own window (the content script's window too) ...
    window.postMessage(insert, '*');
    window.postMessage(insert, 'https://mail.google.com');
    // ... and a forged answer into our frame, as if the content script had inserted.
    const frame = document.querySelector<HTMLIFrameElement>('#touchbase-sidebar iframe');
    frame?.contentWindow?.postMessage({ tb: 'insert-result', requestId: 'evil', ok: true }, '*');
    // A page has no runtime to message the extension with.
    const c = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
    return typeof c?.runtime?.sendMessage === 'function';
  }, touchId);
  expect(reached).toBe(false);

  // A real insert from the sidebar goes through after the hostile messages were handled.
  await sidebar.getByTestId('action-done').click();
  await expect(sidebar.getByTestId('draft-card')).toHaveAttribute('data-channel', 'email');
  await sidebar.getByTestId('draft-insert').click();
  await expect(sidebar.getByTestId('insert-result')).toContainText('inserted');
  await expect(body).toContainText('Hi Bob,');
  expect(await body.textContent()).not.toContain('PWNED');
  expect(bodyBefore).not.toContain('PWNED');
  await expect(page.locator('input[name="subjectbox"]')).not.toHaveValue(/PWNED/);

  // Only the rep's own "done" was written: no send, no insert was recorded for the page.
  const activities = await readStore<{ kind: string; source?: string }>(serviceWorker, 'activities');
  const added = activities.slice(activitiesBefore.length);
  expect(added.every((a) => a.source === 'sidebar')).toBe(true);
  expect(activities.some((a) => a.source === 'gmail')).toBe(false);
});
