import type { Page } from '@playwright/test';
import { withLaterTouches } from '@/lib/db/horizon';
import type { EnrolmentRow } from '@/lib/db/schema';
import { openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';
import { extensionPage, openGmail, readStore, runtime, seedSettings } from './support/sidebar';

const SHOTS = 'tests/e2e/screenshots';
const THREAD = 'gmail-thread-with-compose.SYNTHETIC.html';
const BOB = 'bob.buyer@example.org';
const LONDON_PHONE = '+44 20 7946 0958';

interface TouchRow {
  id: number;
  contactId: number;
  step: number;
  channel: string;
  state: string;
  dueAt: number;
}
interface ContactRow {
  id: number;
  email: string;
  phone: string;
  timeZone: string;
  otherEmails?: string[];
  window?: { days: number[]; start: string; end: string };
}

/** Today's weekday (0 = Sunday) in `timeZone`, read the way the browser reads it. */
function weekdayIn(timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(new Date());
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(name);
}

async function enrol(
  page: Page,
  email: string,
  firstName: string,
): Promise<{ contactId: number; enrolmentId: number }> {
  return runtime(page, 'enrol', {
    contact: { email, firstName, lastName: 'Buyer' },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'e2e',
  });
}

/**
 * Every planned touch of the contact: the rows inside the stored horizon, and the later ones the
 * engine computes from the enrolment (as the sidebar shows them; lib/db/horizon.ts).
 */
async function planned(sw: import('@playwright/test').Worker, contactId: number): Promise<TouchRow[]> {
  const rows = (await readStore<TouchRow>(sw, 'touches')).filter(
    (t) => t.contactId === contactId && t.state === 'planned',
  );
  const enrolments = (await readStore<EnrolmentRow>(sw, 'enrolments')).filter(
    (e) => e.contactId === contactId,
  );
  return (withLaterTouches(rows as never, enrolments) as TouchRow[]).sort((a, b) => a.step - b.step);
}

test('the contact drawer: open it from the table or a link, give a phone and a zone, and the text touch gets the number and moves', async ({
  context,
  extensionId,
  serviceWorker,
  consoleErrors,
}) => {
  await seedSettings(serviceWorker);
  const ext = await extensionPage(context, extensionId);
  const { contactId } = await enrol(ext, BOB, 'Bob');
  const before = await planned(serviceWorker, contactId);
  const text = before.find((t) => t.channel === 'sms');
  expect(text).toBeDefined();

  const page = await context.newPage();
  await openDashboard(page, extensionId, 'contacts');
  await page.getByTestId('contact-open').first().click();
  await expect(page).toHaveURL(new RegExp(`#/contacts/${contactId}$`));
  const drawer = page.getByTestId('contact-drawer');
  await expect(drawer.getByTestId('drawer-name')).toHaveText('Bob Buyer');
  await expect(drawer.getByTestId('drawer-history')).toContainText('Enrolled');
  await expect(drawer.locator('[data-testid="drawer-touch"][data-channel="sms"]').first()).toContainText(
    'No phone number on file',
  );

  // A London number: the zone picker proposes London from the calling code.
  await drawer.getByTestId('contact-phone').fill(LONDON_PHONE);
  await drawer
    .getByTestId('contact-timeZone-suggestions')
    .getByRole('button', { name: 'Europe/London' })
    .click();
  await expect(drawer.getByTestId('contact-timeZone')).toHaveValue('Europe/London');
  // Their own window, closed today in London: today's text cannot go out today any more.
  await drawer.getByTestId('contact-own-window').check();
  const today = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][weekdayIn('Europe/London')] ?? 'Mon';
  await drawer.getByTestId('contact-window').getByLabel(today, { exact: true }).uncheck();
  await drawer.getByTestId('contact-otherEmails').fill('bob@home.example');
  await drawer.getByTestId('contact-custom').fill('Plan: Pro');
  await page.screenshot({ path: `${SHOTS}/dashboard-contact-drawer.png` });
  await drawer.getByTestId('contact-save').click();
  await expect(drawer.getByTestId('contact-status')).toContainText(/Saved\. \d+ future touch(es)? moved/);

  await expect(drawer.locator('[data-testid="drawer-touch"][data-channel="sms"]').first()).toContainText(
    `to ${LONDON_PHONE}`,
  );
  await expect(drawer.getByTestId('drawer-their-time')).toContainText('Europe/London');
  await expect(drawer.getByTestId('drawer-history')).toContainText(
    'Replanned for their time zone (Europe/London)',
  );
  const after = await planned(serviceWorker, contactId);
  const movedText = after.find((t) => t.id === text?.id);
  // Same touch (same id), later: off today, into their window.
  expect(movedText?.dueAt).toBeGreaterThan(text?.dueAt ?? 0);
  const [stored] = (await readStore<ContactRow>(serviceWorker, 'contacts')).filter((c) => c.id === contactId);
  expect(stored).toMatchObject({
    phone: LONDON_PHONE,
    timeZone: 'Europe/London',
    otherEmails: ['bob@home.example'],
  });
  expect(stored?.window?.days).not.toContain(weekdayIn('Europe/London'));
  await page.screenshot({ path: `${SHOTS}/dashboard-contact-drawer-saved.png` });

  // A bad LinkedIn link is refused with the reason, and nothing changes.
  await drawer.getByTestId('contact-linkedinUrl').fill('javascript:alert(1)');
  await expect(drawer.getByTestId('contact-editor')).toContainText('must start with https://');
  await drawer.getByTestId('contact-save').click();
  await expect(drawer.getByTestId('contact-status')).toContainText('must start with https://');

  // Opting out asks first; withdrawing it needs a reason, and both land in the history.
  await drawer.getByTestId('optout-start').click();
  await drawer.getByTestId('optout-reason').fill('Asked us to stop');
  await drawer.getByTestId('drawer-optout-confirm').click();
  await expect(drawer.getByTestId('drawer-optouts')).toContainText('Text: opted out');
  await expect(drawer.getByTestId('drawer-enrolments')).toContainText('Opted out');
  await expect(drawer.getByTestId('drawer-upcoming')).toContainText('Nothing planned');
  await drawer.getByTestId('optout-withdraw').click();
  await expect(drawer.getByTestId('drawer-optout-confirm')).toBeDisabled();
  await drawer.getByTestId('optout-reason').fill('Wrote back asking for the quote');
  await drawer.getByTestId('drawer-optout-confirm').click();
  await expect(drawer.getByTestId('drawer-optouts')).toContainText('Text: reachable');
  await expect(drawer.getByTestId('drawer-history')).toContainText('Wrote back asking for the quote');

  // Back closes the drawer; Forward (a link) opens it again.
  await page.goBack();
  await expect(page.getByTestId('contact-drawer')).toHaveCount(0);
  await page.goForward();
  await expect(page.getByTestId('contact-drawer')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('contact-drawer')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('settings: a new default window offers to replan running sequences, with the real count, and moves them in one go', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  await seedSettings(serviceWorker);
  const ext = await extensionPage(context, extensionId);
  const a = await enrol(ext, BOB, 'Bob');
  const b = await enrol(ext, 'carol.client@example.org', 'Carol');
  const before = [
    ...(await planned(serviceWorker, a.contactId)),
    ...(await planned(serviceWorker, b.contactId)),
  ];

  const page = await context.newPage();
  await openDashboard(page, extensionId, 'settings');
  // Close today (in the rep's zone, where these contacts live) in the default window.
  const today = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][weekdayIn('America/New_York')] ?? 'Mon';
  await page.getByTestId('settings-window').getByLabel(today, { exact: true }).uncheck();
  await page.getByTestId('settings-save').click();
  const offer = page.getByTestId('replan-offer');
  await expect(offer).toBeVisible();
  const countText = (await offer.getByTestId('replan-count').textContent()) ?? '';
  const offered = Number(/^(\d+)/.exec(countText)?.[1]);
  expect(offered).toBeGreaterThan(0);
  await expect(offer).toContainText('2 running sequences');
  await page.screenshot({ path: `${SHOTS}/dashboard-settings-replan.png` });
  await offer.getByTestId('replan-accept').click();
  await expect(page.getByTestId('settings-status')).toHaveText(
    `Settings saved. ${offered} future touches moved.`,
  );

  const after = [
    ...(await planned(serviceWorker, a.contactId)),
    ...(await planned(serviceWorker, b.contactId)),
  ];
  const moved = after.filter((t) => before.find((x) => x.id === t.id)?.dueAt !== t.dueAt).length;
  expect(moved).toBe(offered);
  const [settings] = await readStore<{ value: { window: { days: number[] } } }>(serviceWorker, 'settings');
  expect(settings?.value.window.days).not.toContain(weekdayIn('America/New_York'));
});

test('the sidebar: edit the contact in view, and the enrol form asks for a phone and zone when the playbook texts or calls', async ({
  context,
  serviceWorker,
  consoleErrors,
}) => {
  await seedSettings(serviceWorker);
  const { page, sidebar } = await openGmail(context, THREAD);
  const form = sidebar.getByTestId('enrol-form');
  await expect(form).toContainText(BOB);
  await sidebar.getByTestId('enrol-playbook').selectOption('seven-touch-14-day');
  await expect(sidebar.getByTestId('enrol-phone-ask')).toBeVisible();
  await expect(sidebar.getByTestId('enrol-phone-note')).toContainText(
    'without a number they will wait for one',
  );
  await sidebar.getByTestId('enrol-phone').fill('+49 30 901820');
  await sidebar
    .getByTestId('enrol-timezone-suggestions')
    .getByRole('button', { name: 'Europe/Berlin' })
    .click();
  await expect(sidebar.getByTestId('enrol-phone-note')).toContainText('go to this number');
  await page.locator('#touchbase-sidebar').screenshot({ path: `${SHOTS}/sidebar-enrol-phone.png` });
  await sidebar.getByTestId('enrol-submit').click();
  await expect(sidebar.getByTestId('contact-reach')).toHaveText('+49 30 901820 · Europe/Berlin');
  const enrolled = (await readStore<ContactRow>(serviceWorker, 'contacts')).find((c) => c.email === BOB);
  expect(enrolled).toMatchObject({ phone: '+49 30 901820', timeZone: 'Europe/Berlin' });

  // Edit in place from the sidebar: a new number and zone.
  await sidebar.getByTestId('contact-edit').click();
  const editor = sidebar.getByTestId('contact-editor');
  await editor.getByTestId('contact-phone').fill(LONDON_PHONE);
  await editor.getByTestId('contact-title').fill('Head of Buying');
  await editor
    .getByTestId('contact-timeZone-suggestions')
    .getByRole('button', { name: 'Europe/London' })
    .click();
  await page.locator('#touchbase-sidebar').screenshot({ path: `${SHOTS}/sidebar-contact-edit.png` });
  await editor.getByTestId('contact-save').click();
  await expect(editor.getByTestId('contact-status')).toContainText('Saved.');
  await expect(sidebar.getByTestId('contact-reach')).toHaveText(`${LONDON_PHONE} · Europe/London`);
  const edited = (await readStore<ContactRow & { title: string }>(serviceWorker, 'contacts')).find(
    (c) => c.email === BOB,
  );
  expect(edited).toMatchObject({ phone: LONDON_PHONE, timeZone: 'Europe/London', title: 'Head of Buying' });
  const enrolments = await readStore<{ contactId: number; timeZone: string }>(serviceWorker, 'enrolments');
  expect(enrolments.find((e) => e.contactId === edited?.id)?.timeZone).toBe('Europe/London');
  expect(consoleErrors.filter((e) => !e.includes('mail.google.com'))).toEqual([]);
});
