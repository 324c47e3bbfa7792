// Issue #13 end to end: a call logged "no answer" in the Gmail sidebar puts a text due within
// 10 minutes in the popup (and the badge counts it), and a meeting booked with a time puts its
// reminders and recap in the sidebar's timeline and the popup.
import { badge } from './support/extension';
import { expect, test } from './support/fixtures';
import { openPopup } from './support/popup';
import { extensionPage, openGmail, readStore, runtime, seedSettings } from './support/sidebar';

const THREAD = 'gmail-thread-with-compose.SYNTHETIC.html';

/** "YYYY-MM-DDTHH:MM" of an instant in a zone, as a datetime-local input takes it. */
function localInput(at: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

test('no answer in the sidebar -> a text due in 10 minutes in the popup; booked with a time -> reminders and recap', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const consoleErrors: string[] = [];
  // The window is open all day, so the text is due at once whatever time the suite runs.
  await seedSettings(serviceWorker);
  const ext = await extensionPage(context, extensionId);
  await runtime(ext, 'enrol', {
    contact: {
      email: 'bob.buyer@example.org',
      firstName: 'Bob',
      lastName: 'Buyer',
      timeZone: 'Europe/Berlin',
    },
    playbookId: 'speed-to-lead-90',
    source: 'google-lsa',
    via: 'test',
  });
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('2');

  const { page, sidebar } = await openGmail(context, THREAD);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await expect(sidebar.getByTestId('step-line')).toHaveText(/^Touch 1 of 8 · Call/);
  await sidebar.getByRole('button', { name: 'No answer' }).click();
  await expect(sidebar.getByTestId('step-line')).toContainText('Touch 2 of 9 · Text due now');
  await expect(sidebar.getByTestId('timeline-rule')).toHaveText(
    'Rule: Call not answered: text within 10 minutes',
  );

  // The popup lists the text, due now with a 10-minute clock, and the badge counts it
  // (the text replaces the call: still 2 due, the text and the email after it).
  const popup = await openPopup(context, extensionId);
  const text = popup.getByTestId('due-row').filter({ hasText: 'Bob Buyer' }).filter({ hasText: '2 of 9' });
  await expect(text).toContainText('Text');
  await expect(text).toContainText('Nudge after a voicemail');
  // Google LSA +20 on a base of 20: a Medium lead, explained on hover.
  await expect(text.getByTestId('priority')).toHaveText('Medium');
  await expect(text.getByTestId('priority')).toHaveAttribute(
    'title',
    'Lead score 40: Google Local Services +20, base +20',
  );
  await expect(text.getByTestId('countdown')).toHaveText(/^(09|10):\d\d$/);
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('2');
  const touches = await readStore<{
    step: number;
    channel: string;
    state: string;
    dueAt: number;
    deadlineAt: number;
  }>(serviceWorker, 'touches');
  const sms = touches.find((t) => t.state === 'planned' && t.step === 2);
  expect(sms?.channel).toBe('sms');
  expect(sms!.deadlineAt - sms!.dueAt).toBe(10 * 60_000);

  // Booked, with the meeting in three days at the rep's 10:00 (New York, from the settings).
  const meeting = Date.now() + 3 * 86_400_000;
  const at = `${localInput(meeting, 'America/New_York').slice(0, 10)}T10:00`;
  await sidebar.getByTestId('action-booked').click();
  await sidebar.getByTestId('meeting-at').fill(at);
  await sidebar.getByTestId('book-save').click();
  await expect(sidebar.getByTestId('toast-text')).toContainText('reminders and the recap are planned');
  await expect(sidebar.getByTestId('enrolment-state')).toHaveText('Booked');
  const timeline = sidebar.getByTestId('timeline');
  await expect(timeline.getByTestId('timeline-rule')).toHaveCount(3);
  await expect(timeline).toContainText('Meeting reminder');
  await page.screenshot({ path: 'tests/e2e/screenshots/sidebar-booked.png' });

  const planned = (
    await readStore<{ purpose: string; channel: string; state: string; dueAt: number }>(
      serviceWorker,
      'touches',
    )
  )
    .filter((t) => t.state === 'planned')
    .sort((a, b) => a.dueAt - b.dueAt);
  expect(planned.map((t) => [t.purpose, t.channel])).toEqual([
    ['meeting-reminder', 'email'],
    ['meeting-reminder', 'sms'],
    ['after-meeting', 'email'],
  ]);
  expect(planned[2]!.dueAt - planned[1]!.dueAt).toBe(60 * 60_000);

  await popup.reload();
  const upcoming = popup.getByTestId('group-upcoming');
  await expect(upcoming.getByTestId('due-row').filter({ hasText: 'Meeting reminder' })).toHaveCount(2);
  await expect(upcoming.getByTestId('due-row').filter({ hasText: 'Recap after the meeting' })).toHaveCount(1);
  await popup.screenshot({ path: 'tests/e2e/screenshots/popup-booked.png' });
  // Nothing is due now any more: the sequence stopped.
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('');
  expect(consoleErrors).toEqual([]);
});
