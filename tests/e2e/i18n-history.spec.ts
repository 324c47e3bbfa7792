/**
 * A contact's history in the rep's language: in a German browser, what Touchbase wrote there (a
 * rule's note and its warning, a pause, a teammate's take-over synced in) reads in German in the
 * contact drawer and on the Activity tab, while a note stored before notes had messages reads
 * exactly as it was written.
 */
import { seedRows } from './support/extension';
import { expect, test } from './support/fixtures';
import { extensionPage, readStore, runtime, seedSettings } from './support/sidebar';

const SHOTS = 'tests/e2e/screenshots';
const NY = 'America/New_York';

/** 08:30 in New York, four days from now: the text reminder an hour before falls before their 08:00. */
function earlyMeeting(now = Date.now()): number {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: NY }).format(now + 4 * 86_400_000);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  for (const utcHour of [12, 13]) {
    const at = Date.UTC(y, m - 1, d, utcHour, 30);
    const hour = new Intl.DateTimeFormat('en-US', { timeZone: NY, hour: 'numeric', hourCycle: 'h23' }).format(
      at,
    );
    if (Number(hour) === 8) return at;
  }
  throw new Error('no 08:30 in New York that day');
}

test.use({ browserLocale: 'de' });

test('history notes read in German; a note stored before reads as written', async ({
  context,
  serviceWorker,
  extensionId,
  consoleErrors,
}) => {
  await seedSettings(serviceWorker, {
    timeZone: NY,
    window: { days: [0, 1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' },
  });
  const page = await extensionPage(context, extensionId);
  const { contactId, enrolmentId } = await runtime<{ contactId: number; enrolmentId: number }>(
    page,
    'enrol',
    {
      contact: { email: 'bob.buyer@example.org', firstName: 'Bob', lastName: 'Buyer', timeZone: NY },
      playbookId: 'seven-touch-14-day',
      source: 'web-form',
      via: 'e2e',
    },
  );
  await runtime(page, 'enrolment.action', { enrolmentId, action: { kind: 'pause' }, via: 'e2e' });
  await runtime(page, 'enrolment.action', {
    enrolmentId,
    action: { kind: 'booked', meetingAt: earlyMeeting() },
    via: 'e2e',
  });
  const now = Date.now();
  await seedRows(serviceWorker, 'activities', [
    // As a teammate's take-over arrives by sync: the message, and its English for older builds.
    {
      kind: 'note',
      at: now + 1_000,
      contactId,
      text: 'Ben took this lead over from Ana.',
      msg: { key: 'activity_took_over', params: { name: 'Ben', previous: 'Ana' } },
      source: 'sidebar',
    },
    // Written by a build from before notes had messages.
    { kind: 'note', at: now + 2_000, contactId, text: 'Ana took this lead.', source: 'sidebar' },
  ]);
  // What the background stored is English, with the message beside it.
  const stored = (
    await readStore<{ kind: string; text?: string; msg?: { key: string } }>(serviceWorker, 'activities')
  ).filter((a) => a.kind === 'rule-fired');
  expect(stored[0]?.text).toMatch(
    /^Meeting booked: .*the sequence stops\. Warning: Outside the contact's hours \(08:00-20:00\): the text moves to \w{3} \d{4}-\d{2}-\d{2} 08:00\.$/,
  );
  expect(stored[0]?.msg?.key).toBe('activity_joined');

  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/options.html#/contacts/${contactId}`);
  const history = dash.getByTestId('drawer-history');
  await expect(history).toContainText('Ben hat diesen Lead von Ana übernommen.');
  await expect(history).toContainText('Ana took this lead.');
  await expect(history).toContainText('Von Hand pausiert.');
  await expect(history).toContainText(/Termin vereinbart: .*die Sequenz endet\./);
  await expect(history).toContainText(
    /Hinweis: Außerhalb der Zeiten des Kontakts \(08:00–20:00\): verschoben auf \w{2}\., \d+\. \S+ 8:00 \(SMS\)\./,
  );
  await expect(history.getByTestId('drawer-activity').filter({ hasText: 'Ben hat' })).toContainText('Notiz');
  await expect(history.getByTestId('drawer-activity').filter({ hasText: 'die Sequenz endet' })).toContainText(
    'Regel',
  );
  // An enrolment names its playbook, in German, not the id the row keeps.
  await expect(history.getByTestId('drawer-activity').filter({ hasText: 'Aufgenommen' })).toContainText(
    '7 Kontaktpunkte in 14 Tagen',
  );
  const shown = await history.innerText();
  for (const english of [
    'took this lead over',
    'Warning:',
    'Paused by hand',
    'the sequence stops',
    'rule-fired',
    'seven-touch-14-day',
  ])
    expect(shown).not.toContain(english);
  await history.scrollIntoViewIfNeeded();
  await dash.screenshot({ path: `${SHOTS}/dashboard-contact-history-de.png` });

  await dash.goto(`chrome-extension://${extensionId}/options.html#/activity`);
  const rows = dash.getByTestId('activity-row');
  await expect(rows.filter({ hasText: 'Ben hat diesen Lead von Ana übernommen.' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Ana took this lead.' })).toHaveCount(1);
  await expect(
    rows.filter({ hasText: /Regel.*Termin vereinbart: .*Hinweis: Außerhalb der Zeiten des Kontakts/ }),
  ).toHaveCount(1);
  await dash.screenshot({ path: `${SHOTS}/dashboard-activity-de.png` });
  expect(consoleErrors).toEqual([]);
});
