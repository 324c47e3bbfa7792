import { BUILT_IN_PLAYBOOKS } from '../../lib/cadence/playbooks';
import { badge, seedRows } from './support/extension';
import { expect, test } from './support/fixtures';
import {
  contactRow,
  extensionPage,
  gmailConfirmsSend,
  openGmail,
  readStore,
  runtime,
  seedSettings,
} from './support/sidebar';

const THREAD = 'gmail-thread-with-compose.SYNTHETIC.html';
const BOB = 'bob.buyer@example.org';

interface TouchRow {
  id: number;
  contactId: number;
  step: number;
  channel: string;
  state: string;
  text?: string;
}
interface EnrolmentRow {
  id: number;
  contactId: number;
  state: string;
  pauseReason?: string;
}

/** Gmail's Send button as the multi-compose fixture has it; this fixture's compose lacks one. */
async function addSendButton(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector('.M9');
    const b = document.createElement('div');
    b.className = 'T-I J-J5-Ji aoO v7 T-I-atl L3';
    b.setAttribute('role', 'button');
    b.setAttribute('tabindex', '1');
    b.setAttribute('aria-label', 'Send');
    b.setAttribute('data-tooltip', 'Send');
    b.id = 'test-send';
    b.textContent = 'Send';
    root?.appendChild(b);
  });
}

test('enrol from a thread, insert the draft, send it: the touch is done and the badge drops', async ({
  context,
  serviceWorker,
}) => {
  await seedSettings(serviceWorker);
  const { page, sidebar } = await openGmail(context, THREAD);

  // Bob wrote the thread, Carol is on it: Bob is followed, Carol can be picked.
  await expect(sidebar.getByTestId('person-picker')).toContainText('Carol');
  const form = sidebar.getByTestId('enrol-form');
  await expect(form).toContainText(BOB);
  await expect(sidebar.getByTestId('enrol-first')).toHaveValue('Bob');
  await expect(sidebar.getByTestId('enrol-last')).toHaveValue('Buyer');
  await sidebar.getByTestId('enrol-playbook').selectOption('seven-touch-14-day');
  await page.locator('#touchbase-sidebar').screenshot({ path: 'tests/e2e/screenshots/sidebar-enrol.png' });
  await sidebar.getByTestId('enrol-submit').click();

  await expect(sidebar.getByTestId('contact-name')).toHaveText('Bob Buyer');
  await expect(sidebar.getByTestId('enrolment-state')).toHaveText('Active');
  await expect(sidebar.getByTestId('step-line')).toHaveText('Touch 1 of 7 · Text due now');
  await expect(sidebar.getByTestId('draft-card')).toHaveAttribute('data-channel', 'sms');
  await expect(sidebar.getByTestId('draft-meta')).toContainText('SMS segment');
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('2');

  // The text went out from the phone: mark it done, and the email is next.
  await sidebar.getByTestId('action-done').click();
  await expect(sidebar.getByTestId('step-line')).toHaveText('Touch 2 of 7 · Email due now');
  await expect(sidebar.getByTestId('timeline').locator('li[data-status="done"]')).toHaveCount(1);
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('1');
  const subject = await sidebar.getByTestId('draft-subject').inputValue();
  expect(subject.length).toBeGreaterThan(3);
  await expect(sidebar.getByTestId('draft-body')).toHaveValue(/^Hi Bob,/);
  await page.locator('#touchbase-sidebar').screenshot({ path: 'tests/e2e/screenshots/sidebar.png' });

  await sidebar.getByTestId('draft-insert').click();
  await expect(sidebar.getByTestId('insert-result')).toContainText('inserted into the reply');
  const body = page.locator('.M9 [g_editable="true"]');
  await expect(body).toContainText('Hi Bob,');
  await expect(body).toContainText('Jane Seller');
  // A reply keeps Gmail's "Re:" subject; the compose holds our draft token.
  await expect(page.locator('input[name="subjectbox"]')).toHaveValue('Re: Quarterly pricing follow-up');
  const touches = await readStore<TouchRow>(serviceWorker, 'touches');
  const emailTouch = touches.find((t) => t.step === 2);
  await expect(page.locator('.M9')).toHaveAttribute('data-touchbase-draft', String(emailTouch?.id));

  await addSendButton(page);
  await page.locator('#test-send').click();
  // The touch is done only once Gmail confirms the send, after its undo window.
  await gmailConfirmsSend(page);
  await expect
    .poll(
      async () =>
        (await readStore<TouchRow>(serviceWorker, 'touches')).find((t) => t.id === emailTouch?.id)?.state,
    )
    .toBe('done');
  const sent = (await readStore<TouchRow>(serviceWorker, 'touches')).find((t) => t.id === emailTouch?.id);
  expect(sent?.text).toContain('Hi Bob,');
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('');
  await expect(sidebar.getByTestId('step-line')).toContainText('Touch 3 of 7 · Call due tomorrow');
});

test('an enrolled contact: step, timeline in two zones, and the break-up email in one click', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await seedSettings(serviceWorker);
  const ext = await extensionPage(context, extensionId);
  await runtime(ext, 'enrol', {
    contact: {
      email: BOB,
      firstName: 'Bob',
      lastName: 'Buyer',
      company: 'Buyer & Sons',
      timeZone: 'Europe/Berlin',
    },
    playbookId: 'speed-to-lead-90',
    source: 'google-lsa',
    via: 'test',
  });
  const { page, sidebar } = await openGmail(context, THREAD);
  await expect(sidebar.getByTestId('contact-name')).toHaveText('Bob Buyer');
  await expect(sidebar.getByTestId('contact-panel')).toContainText('Buyer & Sons');
  await expect(sidebar.getByTestId('contact-panel')).toContainText('Google Local Services');
  await expect(sidebar.getByTestId('step-line')).toHaveText(/^Touch 1 of 8 · Call (due now|overdue by)/);
  await expect(sidebar.getByTestId('call-outcomes')).toBeVisible();
  await expect(sidebar.getByTestId('timeline')).toContainText('their time');

  await sidebar.getByTestId('quick-breakup').click();
  await expect(sidebar.getByTestId('sidebar-status')).toContainText('Break-up email inserted');
  const body = page.locator('.M9 [g_editable="true"]');
  await expect(body).toContainText('https://example.com/jane');
  await expect(body).toContainText('my last note');

  // Log the call: nobody picked up, so (issue #13's no-answer rule) a text is next, due now.
  await sidebar.getByRole('button', { name: 'No answer' }).click();
  await expect(sidebar.getByTestId('step-line')).toContainText('Touch 2 of 9 · Text due now');
  const acts = await readStore<{ kind: string; outcome?: string }>(serviceWorker, 'activities');
  expect(acts.some((a) => a.kind === 'call-outcome' && a.outcome === 'no-answer')).toBe(true);

  // Pause and resume, then a note: each is one activity.
  await sidebar.getByTestId('action-pause').click();
  await expect(sidebar.getByTestId('enrolment-state')).toHaveText('Paused');
  await sidebar.getByTestId('action-resume').click();
  await expect(sidebar.getByTestId('enrolment-state')).toHaveText('Active');
  await sidebar.getByTestId('action-note').click();
  await sidebar.getByTestId('note-text').fill('Prefers mornings.');
  await sidebar.getByTestId('note-save').click();
  await expect
    .poll(async () =>
      (await readStore<{ kind: string; text?: string }>(serviceWorker, 'activities')).some(
        (a) => a.kind === 'note' && a.text === 'Prefers mornings.',
      ),
    )
    .toBe(true);
});

test('a reply in the inbox list pauses the sequence; auto-replies and older mail do not', async ({
  context,
  serviceWorker,
}) => {
  const aug1 = Date.UTC(2025, 7, 1, 12);
  const aug10 = Date.UTC(2025, 7, 10, 12);
  const [bobId, carolId, erinId] = await seedRows(serviceWorker, 'contacts', [
    contactRow(BOB, 'Bob', 'Buyer'),
    contactRow('carol.cfo@example.org', 'Carol', 'CFO'),
    contactRow('erin.eng@example.org', 'Erin', 'Eng'),
  ]);
  const steps = BUILT_IN_PLAYBOOKS.find((p) => p.id === 'seven-touch-14-day')?.steps;
  const enrolment = (contactId: number | undefined, lastTouchAt: number) => ({
    contactId,
    playbookId: 'seven-touch-14-day',
    playbookName: '7 touches in 14 days',
    source: 'web-form',
    steps,
    enrolledAt: aug1,
    timeZone: 'UTC',
    state: 'active',
    stateChangedAt: aug1,
    done: [{ step: 1, channel: 'sms', at: lastTouchAt }],
    lastTouchAt,
  });
  await seedRows(serviceWorker, 'enrolments', [
    enrolment(bobId, aug1 + 60_000),
    // Carol only sent a German out-of-office; Erin's row (Aug 1) is older than our last touch.
    enrolment(carolId, aug1 + 60_000),
    enrolment(erinId, aug10),
  ]);

  const { sidebar } = await openGmail(context, 'gmail-inbox-replies.SYNTHETIC.html', '#inbox');
  await expect(sidebar.getByTestId('sidebar-empty')).toContainText('Open a conversation');
  await expect
    .poll(async () =>
      (await readStore<EnrolmentRow>(serviceWorker, 'enrolments')).find((e) => e.contactId === bobId),
    )
    .toMatchObject({ state: 'paused', pauseReason: 'replied' });
  const acts = await readStore<{ kind: string; contactId: number; source?: string }>(
    serviceWorker,
    'activities',
  );
  expect(acts.filter((a) => a.kind === 'reply')).toEqual([
    expect.objectContaining({ contactId: bobId, source: 'gmail' }),
  ]);
  const rows = await readStore<EnrolmentRow>(serviceWorker, 'enrolments');
  expect(rows.find((e) => e.contactId === carolId)?.state).toBe('active');
  expect(rows.find((e) => e.contactId === erinId)?.state).toBe('active');
});

test('a page without Gmail’s elements shows a calm message and no console errors', async ({
  context,
  consoleErrors,
}) => {
  const { page, sidebar } = await openGmail(context, 'gmail-empty.html', '');
  await expect(sidebar.getByTestId('sidebar-empty')).toContainText('Nothing to show here');
  await expect(sidebar.getByTestId('sidebar-problems')).not.toBeEmpty();
  await page.locator('#touchbase-sidebar').screenshot({ path: 'tests/e2e/screenshots/sidebar-empty.png' });
  expect(consoleErrors).toEqual([]);
});

test('the German Gmail UI: the contact shows and the draft goes into the inline reply', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await seedSettings(serviceWorker);
  const ext = await extensionPage(context, extensionId);
  await runtime(ext, 'enrol', {
    contact: { email: BOB, firstName: 'Bob', lastName: 'Buyer' },
    playbookId: 'ten-touchpoints',
    source: 'web-form',
    via: 'test',
  });
  // Step 1 is an internal task; mark it done so the confirmation email is next.
  const first = (await readStore<TouchRow>(serviceWorker, 'touches')).find((t) => t.step === 1);
  await runtime(ext, 'touch.complete', { touchId: first?.id, via: 'test' });

  const { page, sidebar } = await openGmail(context, 'gmail-thread-de.SYNTHETIC.html');
  await expect(sidebar.getByTestId('contact-name')).toHaveText('Bob Buyer');
  await expect(sidebar.getByTestId('step-line')).toContainText(/Touch 2 of \d+ · Email/);
  await sidebar.getByTestId('draft-insert').click();
  await expect(sidebar.getByTestId('insert-result')).toContainText('inserted into the reply');
  await expect(page.locator('[aria-label="Nachrichtentext"]')).toContainText('Hi Bob,');
});

test('several compose windows: the draft goes into the focused one only', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await seedSettings(serviceWorker);
  const ext = await extensionPage(context, extensionId);
  await runtime(ext, 'enrol', {
    contact: { email: BOB, firstName: 'Bob', lastName: 'Buyer' },
    playbookId: 'ten-touchpoints',
    source: 'web-form',
    via: 'test',
  });
  const first = (await readStore<TouchRow>(serviceWorker, 'touches')).find((t) => t.step === 1);
  await runtime(ext, 'touch.complete', { touchId: first?.id, via: 'test' });

  const { page, sidebar } = await openGmail(
    context,
    'gmail-multi-compose.SYNTHETIC.html',
    '#inbox?compose=new',
  );
  const bodies = page.locator('[g_editable="true"]');
  await expect(bodies).toHaveCount(3);
  const before = await bodies.allTextContents();
  await bodies.nth(1).click();
  await expect(sidebar.getByTestId('contact-name')).toHaveText('Bob Buyer');
  await sidebar.getByTestId('draft-insert').click();
  await expect(sidebar.getByTestId('insert-result')).toContainText('inserted');
  await expect(bodies.nth(1)).toContainText('Hi Bob,');
  // The signature stays below the inserted text.
  await expect(bodies.nth(1)).toContainText('Jane Seller');
  expect(await bodies.nth(0).textContent()).toBe(before[0]);
  expect(await bodies.nth(2).textContent()).toBe(before[2]);
});

test('the panel follows Gmail’s dark theme and collapses to a slim tab (Alt+Shift+K)', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await seedSettings(serviceWorker);
  const ext = await extensionPage(context, extensionId);
  await runtime(ext, 'enrol', {
    contact: { email: BOB, firstName: 'Bob', lastName: 'Buyer', company: 'Buyer & Sons' },
    playbookId: 'seven-touch-14-day',
    source: 'referral',
    via: 'test',
  });
  const { page, sidebar } = await openGmail(context, THREAD);
  await expect(sidebar.getByTestId('contact-name')).toHaveText('Bob Buyer');
  await page.addStyleTag({ content: 'body{background:#1f1f1f;color:#e3e3e3}' });
  // Any navigation re-reads the page, theme included.
  await page.evaluate(() => {
    location.hash = '#inbox/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx?dark';
  });
  await expect(sidebar.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.locator('#touchbase-sidebar').screenshot({ path: 'tests/e2e/screenshots/sidebar-dark.png' });

  const wrapper = page.locator('#touchbase-sidebar');
  await page.keyboard.press('Alt+Shift+KeyK');
  await expect(wrapper).toHaveAttribute('data-collapsed', 'true');
  await expect(sidebar.getByTestId('sidebar-expand')).toBeVisible();
  expect((await wrapper.boundingBox())?.width).toBe(28);
  // Remembered across reloads.
  await page.reload();
  await expect(page.locator('#touchbase-sidebar')).toHaveAttribute('data-collapsed', 'true');
  await sidebar.getByTestId('sidebar-expand').click();
  await expect(page.locator('#touchbase-sidebar')).toHaveAttribute('data-collapsed', 'false');
  await expect(sidebar.getByTestId('contact-name')).toHaveText('Bob Buyer');
});
