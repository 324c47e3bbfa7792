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

/**
 * The sidebar shows and acts on what our content script reported through the extension, never on
 * what arrives in its frame: a page posting a view with a fresh "reply" from the enrolled contact
 * (which would pause the sequence), a collapse, a theme or an insert answer changes nothing, by
 * postMessage into the frame or by a synthetic message event dressed up as coming from the frame.
 */
test('forged views, replies, collapses and inserts from the page change nothing', async ({
  context,
  serviceWorker,
}) => {
  await seedSettings(serviceWorker);
  const { page, sidebar } = await openGmail(context, THREAD);
  await sidebar.getByTestId('enrol-playbook').selectOption('seven-touch-14-day');
  await sidebar.getByTestId('enrol-submit').click();
  await expect(sidebar.getByTestId('enrolment-state')).toHaveText('Active');
  const activitiesBefore = await readStore(serviceWorker, 'activities');
  const body = page.locator('.M9 [g_editable="true"]');

  await page.evaluate(() => {
    const bob = { email: 'bob.buyer@example.org', name: 'Bob Buyer' };
    const later = Date.now() + 60_000;
    const view = {
      site: 'gmail',
      kind: 'thread',
      url: 'https://mail.google.com/mail/u/0/#inbox/forged',
      thread: {
        id: 'thread-f:1',
        subject: 'Re: forged',
        messages: [{ id: 'msg-f:1', from: bob, at: later, isAutoReply: false, snippet: 'Stop' }],
        participants: [bob],
      },
      composes: [],
      inboxRows: [{ threadId: 'thread-f:1', from: bob, subject: 'Re: forged', at: later, unread: true }],
      problems: [],
    };
    const frame = document.querySelector<HTMLIFrameElement>('#touchbase-sidebar iframe');
    const win = frame?.contentWindow;
    const extensionOrigin = new URL(frame?.src ?? 'chrome-extension://x/').origin;
    const forged: unknown[] = [
      { tb: 'view', view },
      { tb: 'collapsed', collapsed: true },
      { tb: 'theme', theme: 'dark' },
      { tb: 'insert-result', requestId: 'i1-x', ok: true },
      { type: 'page.report', payload: { session: 'evil', collapsed: true, view } },
      { tbCommand: { kind: 'insert', body: 'PWNED', subject: 'PWNED' } },
    ];
    for (const data of forged) {
      // Straight into the frame, as the old bridge accepted ...
      win?.postMessage(data, '*');
      // ... and to the content script's window, with and without a forged origin and source.
      window.postMessage(data, '*');
      window.dispatchEvent(
        new MessageEvent('message', { data, origin: extensionOrigin, source: win ?? null }),
      );
    }
    for (const tb of ['insert', 'collapse', 'ready'] as const) {
      const data = { tb, requestId: 'evil', body: 'PWNED', subject: 'PWNED', collapsed: true };
      window.dispatchEvent(
        new MessageEvent('message', { data, origin: extensionOrigin, source: win ?? null }),
      );
    }
  });

  // Let any listener that would act on them run, then prove the real channel still works.
  await page.waitForTimeout(500);
  await sidebar.getByTestId('action-done').click();
  await expect(sidebar.getByTestId('draft-card')).toHaveAttribute('data-channel', 'email');
  await sidebar.getByTestId('draft-insert').click();
  await expect(sidebar.getByTestId('insert-result')).toContainText('inserted');
  await expect(body).toContainText('Hi Bob,');
  expect(await body.textContent()).not.toContain('PWNED');

  await expect(sidebar.getByTestId('enrolment-state')).toHaveText('Active');
  await expect(sidebar.getByTestId('sidebar')).toHaveAttribute('data-kind', 'thread');
  await expect(sidebar.getByTestId('sidebar-url')).not.toHaveText(/forged/);
  await expect(page.locator('#touchbase-sidebar')).toHaveAttribute('data-collapsed', 'false');
  await expect(sidebar.getByTestId('sidebar-collapse')).toBeVisible();
  expect(await sidebar.locator('html').getAttribute('data-theme')).not.toBe('dark');
  const enrolments = await readStore<{ state: string }>(serviceWorker, 'enrolments');
  expect(enrolments.map((e) => e.state)).toEqual(['active']);
  const added = (await readStore<{ kind: string; source?: string }>(serviceWorker, 'activities')).slice(
    activitiesBefore.length,
  );
  expect(added.some((a) => a.kind === 'reply')).toBe(false);
  expect(added.every((a) => a.source === 'sidebar')).toBe(true);
});
