import type { FrameLocator, Page, Worker } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { gmailConfirmsSend, HOUR, openGmail, readStore, seedSettings } from './support/sidebar';

/** Inbox + one compose; its script plays Gmail's Send, Undo and Schedule send (see its header). */
const SEND = 'gmail-compose-send.SYNTHETIC.html';
const THREAD = 'gmail-thread-with-compose.SYNTHETIC.html';
const BOB = 'bob.buyer@example.org';

interface TouchRow {
  id: number;
  step: number;
  channel: string;
  state: string;
  dueAt: number;
  doneAt?: number;
  purpose: string;
}
interface ActivityRow {
  kind: string;
  at: number;
  purpose?: string;
  step?: number;
  source?: string;
}

async function touches(sw: Worker): Promise<TouchRow[]> {
  return (await readStore<TouchRow>(sw, 'touches')).sort((a, b) => a.step - b.step);
}

/** Opens the send fixture with Bob in the compose's `field`, enrols him and marks the text done. */
async function bobWithEmailNext(
  context: import('@playwright/test').BrowserContext,
  sw: Worker,
  field: 'to' | 'bcc' = 'to',
  undoMs = 1200,
): Promise<{ page: Page; sidebar: FrameLocator; emailTouch: TouchRow }> {
  await seedSettings(sw);
  const { page, sidebar } = await openGmail(context, SEND, `#inbox?undo=${undoMs}`);
  await page.waitForFunction(
    () => typeof (window as { __addRecipient?: unknown }).__addRecipient === 'function',
  );
  await page.evaluate(
    ([f, email]) =>
      (window as unknown as { __addRecipient: (...a: string[]) => void }).__addRecipient(
        f,
        email,
        'Bob Buyer',
      ),
    [field, BOB] as const,
  );
  await expect(sidebar.getByTestId('enrol-form')).toContainText(BOB);
  await sidebar.getByTestId('enrol-playbook').selectOption('seven-touch-14-day');
  await sidebar.getByTestId('enrol-submit').click();
  await expect(sidebar.getByTestId('step-line')).toHaveText('Touch 1 of 7 · Text due now');
  await sidebar.getByTestId('action-done').click();
  await expect(sidebar.getByTestId('step-line')).toHaveText('Touch 2 of 7 · Email due now');
  const emailTouch = (await touches(sw)).find((t) => t.step === 2)!;
  return { page, sidebar, emailTouch };
}

const sendButton = (page: Page) => page.locator('#moles [role="button"].aoO');
const stateOf = async (sw: Worker, id: number) =>
  (await readStore<TouchRow>(sw, 'touches')).find((t) => t.id === id)?.state;

test('a send counts once Gmail confirms it after the undo window', async ({ context, serviceWorker }) => {
  const { page, sidebar, emailTouch } = await bobWithEmailNext(context, serviceWorker, 'to', 3000);
  await sidebar.getByTestId('draft-insert').click();
  await expect(sidebar.getByTestId('insert-result')).toContainText('inserted');
  await sendButton(page).click();
  // Gmail offers Undo: nothing is sent yet, so the touch is still to do.
  await expect(page.locator('#link_undo')).toBeVisible();
  expect(await stateOf(serviceWorker, emailTouch.id)).toBe('planned');
  await expect(page.locator('#link_undo')).toHaveCount(0, { timeout: 6000 });
  await expect.poll(() => stateOf(serviceWorker, emailTouch.id)).toBe('done');
  const next = (await touches(serviceWorker)).find((t) => t.state === 'planned');
  expect(next?.step).toBe(3);
});

test('Undo in Gmail leaves the touch to do', async ({ context, serviceWorker }) => {
  const { page, sidebar, emailTouch } = await bobWithEmailNext(context, serviceWorker, 'to', 1500);
  await sidebar.getByTestId('draft-insert').click();
  await expect(sidebar.getByTestId('insert-result')).toContainText('inserted');
  await sendButton(page).click();
  await page.locator('#link_undo').click();
  await expect(page.locator('.bAq')).toHaveText('Sending undone.');
  // Gmail reopened the message; well past the undo window, nothing was recorded.
  await expect(sendButton(page)).toBeVisible();
  await page.waitForTimeout(2500);
  expect(await stateOf(serviceWorker, emailTouch.id)).toBe('planned');
  const acts = await readStore<ActivityRow>(serviceWorker, 'activities');
  expect(acts.filter((a) => a.kind === 'touch-done' && a.step === 2)).toEqual([]);
  await expect(sidebar.getByTestId('step-line')).toHaveText('Touch 2 of 7 · Email due now');
});

test('a scheduled send marks the touch done at its scheduled time', async ({ context, serviceWorker }) => {
  const { page, sidebar, emailTouch } = await bobWithEmailNext(context, serviceWorker);
  await sidebar.getByTestId('draft-insert').click();
  await expect(sidebar.getByTestId('insert-result')).toContainText('inserted');
  await page.locator('#moles [role="button"].hG').click();
  await page.locator('#schedule-send').click();
  await page.locator('#tomorrow-morning').click();
  await expect(page.locator('.bAq')).toContainText('Send scheduled for');
  const expected = await page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() + 1);
    d.setHours(8, 0, 0, 0);
    return d.getTime();
  });
  await expect.poll(() => stateOf(serviceWorker, emailTouch.id), { timeout: 8000 }).toBe('done');
  const done = (await readStore<TouchRow>(serviceWorker, 'touches')).find((t) => t.id === emailTouch.id);
  expect(done?.doneAt).toBe(expected);
  // The rest is planned from the scheduled time.
  const next = (await touches(serviceWorker)).find((t) => t.state === 'planned');
  expect(next?.step).toBe(3);
  expect(next?.dueAt).toBeGreaterThanOrEqual(expected);
});

test('a Bcc-only send is recognised', async ({ context, serviceWorker }) => {
  const { page, sidebar, emailTouch } = await bobWithEmailNext(context, serviceWorker, 'bcc');
  await sidebar.getByTestId('draft-insert').click();
  await expect(sidebar.getByTestId('insert-result')).toContainText('inserted');
  await sendButton(page).click();
  await expect.poll(() => stateOf(serviceWorker, emailTouch.id), { timeout: 8000 }).toBe('done');
});

test('a draft for Bob in a compose addressed to someone else: warned first, and its send does not count', async ({
  context,
  serviceWorker,
}) => {
  await seedSettings(serviceWorker);
  const { page, sidebar } = await openGmail(context, THREAD);
  await sidebar.getByTestId('enrol-playbook').selectOption('seven-touch-14-day');
  await sidebar.getByTestId('enrol-submit').click();
  await sidebar.getByTestId('action-done').click();
  await expect(sidebar.getByTestId('step-line')).toHaveText('Touch 2 of 7 · Email due now');
  const emailTouch = (await touches(serviceWorker)).find((t) => t.step === 2)!;
  // The rep readdressed the reply to Carol only; wait until our content script reported it.
  await page.evaluate(() =>
    document.querySelector('.M9 [name="to"] [data-hovercard-id="bob.buyer@example.org"]')?.remove(),
  );
  await expect
    .poll(() =>
      serviceWorker.evaluate(async () => {
        const all = (await chrome.storage.session.get(null)) as Record<
          string,
          { view?: { composes: { to: { email: string }[] }[] } }
        >;
        return Object.values(all).flatMap(
          (s) => s.view?.composes.flatMap((c) => c.to.map((p) => p.email)) ?? [],
        );
      }),
    )
    .toEqual(['carol.cfo@example.org']);
  const body = page.locator('.M9 [g_editable="true"]');

  await sidebar.getByTestId('draft-insert').click();
  await expect(sidebar.getByTestId('address-confirm')).toContainText('carol.cfo@example.org, not Bob');
  await page
    .locator('#touchbase-sidebar')
    .screenshot({ path: 'tests/e2e/screenshots/sidebar-address-confirm.png' });
  await sidebar.getByTestId('address-cancel').click();
  await expect(sidebar.getByTestId('address-confirm')).toHaveCount(0);
  await expect(body).not.toContainText('Hi Bob,');

  await sidebar.getByTestId('draft-insert').click();
  await sidebar.getByTestId('address-anyway').click();
  await expect(sidebar.getByTestId('insert-result')).toContainText('inserted');
  await expect(body).toContainText('Hi Bob,');
  // Sent to Carol: Gmail confirms it, but it is not Bob's touch.
  await page.evaluate(() => {
    const b = document.createElement('div');
    b.className = 'T-I J-J5-Ji aoO v7 T-I-atl L3';
    b.setAttribute('role', 'button');
    b.id = 'test-send';
    b.textContent = 'Send';
    document.querySelector('.M9')?.appendChild(b);
  });
  await page.locator('#test-send').click();
  await gmailConfirmsSend(page);
  await page.waitForTimeout(1000);
  expect(await stateOf(serviceWorker, emailTouch.id)).toBe('planned');
});

test('the break-up email ends the sequence and plans the re-engage touch', async ({
  context,
  serviceWorker,
}) => {
  const { page, sidebar } = await bobWithEmailNext(context, serviceWorker);
  await sidebar.getByTestId('quick-breakup').click();
  await expect(sidebar.getByTestId('sidebar-status')).toContainText('Break-up email inserted');
  await sendButton(page).click();
  await expect
    .poll(async () => (await readStore<{ state: string }>(serviceWorker, 'enrolments'))[0]?.state, {
      timeout: 8000,
    })
    .toBe('completed');
  const left = (await touches(serviceWorker)).filter((t) => t.state === 'planned');
  expect(left.map((t) => t.purpose)).toEqual(['re-engage']);
  const acts = await readStore<ActivityRow>(serviceWorker, 'activities');
  expect(acts.filter((a) => a.kind === 'sent-from-gmail').map((a) => [a.purpose, a.source])).toEqual([
    ['breakup', 'gmail'],
  ]);
  // The planned email (touch 2) was not consumed by it.
  expect(acts.some((a) => a.kind === 'touch-done' && a.step === 2)).toBe(false);
});

test('a value email is logged as an extra touch: the next touch stays and is spaced 48 h from it', async ({
  context,
  serviceWorker,
}) => {
  const { page, sidebar, emailTouch } = await bobWithEmailNext(context, serviceWorker);
  await sidebar.getByTestId('quick-value').click();
  await expect(sidebar.getByTestId('sidebar-status')).toContainText('Value email inserted');
  await sendButton(page).click();
  await expect
    .poll(
      async () =>
        (await readStore<ActivityRow>(serviceWorker, 'activities')).filter(
          (a) => a.kind === 'sent-from-gmail',
        ),
      {
        timeout: 8000,
      },
    )
    .toHaveLength(1);
  const sent = (await readStore<ActivityRow>(serviceWorker, 'activities')).find(
    (a) => a.kind === 'sent-from-gmail',
  )!;
  expect(sent).toMatchObject({ purpose: 'value', source: 'gmail' });
  await expect
    .poll(async () => (await touches(serviceWorker)).find((t) => t.id === emailTouch.id)?.dueAt)
    .toBe(sent.at + 48 * HOUR);
  const t2 = (await touches(serviceWorker)).find((t) => t.id === emailTouch.id);
  expect(t2?.state).toBe('planned');
  expect((await readStore<{ state: string }>(serviceWorker, 'enrolments'))[0]?.state).toBe('active');
  // Bob in view again (a new message to him): his next touch is still the planned email.
  await page.locator('[gh="cm"]').click();
  await page.evaluate(
    (email) =>
      (window as unknown as { __addRecipient: (...a: string[]) => void }).__addRecipient(
        'to',
        email,
        'Bob Buyer',
      ),
    BOB,
  );
  await expect(sidebar.getByTestId('step-line')).toContainText('Touch 2 of 7 · Email due');
});
