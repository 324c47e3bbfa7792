/**
 * The team library in real Chromium: two browser profiles (Ana and Ben) with the e2e build and a
 * CouchDB-protocol server in this process (express-pouchdb on the memory adapter). Ana shares a
 * playbook and a template from the dashboard; Ben sees them as Ana's after one sync and enrols a
 * lead with the playbook; Ana's private playbook and template never reach the server. Both log
 * touches, and the Metrics tab's Team view shows each rep's row (and the older, rep-less
 * activities as "Unknown rep") with the same counts in both profiles.
 */
import type { Page } from '@playwright/test';
import { joinTeam, rowsOf, teamDashboard, teammate, teamSetup, teamServer } from './support/team';
import { openDashboard } from './support/dashboard';
import { E2E_EXTENSION_DIR, expect, test } from './support/fixtures';
import { daytimeZone, sendFromPage } from './support/popup';
import { openGmail } from './support/sidebar';

test.use({ extensionDir: E2E_EXTENSION_DIR });
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const server = teamServer({ team: ['ana', 'ben'] });

/** Enrols a lead and completes its first `n` planned touches (due at once in a daytime zone). */
async function enrolAndTouch(
  page: Page,
  contact: Record<string, string>,
  playbookId: string,
  n: number,
): Promise<number> {
  const { contactId, enrolmentId } = await sendFromPage<{ contactId: number; enrolmentId: number }>(
    page,
    'enrol',
    {
      contact,
      playbookId,
      source: 'web-form',
      via: 'e2e',
    },
  );
  const planned = (
    await rowsOf<{ id: number; enrolmentId: number; state: string; step: number }>(page, 'touches')
  )
    .filter((t) => t.enrolmentId === enrolmentId && t.state === 'planned')
    .sort((x, y) => x.step - y.step);
  for (const t of planned.slice(0, n))
    await sendFromPage(page, 'touch.complete', { touchId: t.id, via: 'e2e' });
  return contactId;
}

/** The Team view's rows as a rep reads them: name and the figures, without their changes. */
async function teamTable(page: Page): Promise<string[][]> {
  await expect(page.getByTestId('metrics-team')).toBeVisible();
  return page
    .getByTestId('metrics-team')
    .locator('tbody tr, tfoot tr')
    .evaluateAll((rows) =>
      rows.map((r) =>
        [...r.children].map((c) =>
          ((c.querySelector('[data-testid="team-figure"]') ?? c).textContent ?? '').trim(),
        ),
      ),
    );
}

/** The week-on-week change under each figure of the Team view's rows ('' where there is none). */
async function teamChanges(page: Page): Promise<string[][]> {
  return page
    .getByTestId('metrics-team')
    .locator('tbody tr, tfoot tr')
    .evaluateAll((rows) =>
      rows.map((r) =>
        [...r.querySelectorAll('td')].map(
          (c) => c.querySelector('[data-testid="team-change"]')?.textContent?.trim() ?? '',
        ),
      ),
    );
}

const steps = [
  { channel: 'call', day: 0, purpose: 'acknowledge' },
  { channel: 'email', day: 0, purpose: 'acknowledge' },
  { channel: 'sms', day: 2, purpose: 'value' },
  { channel: 'email', day: 6, purpose: 'breakup' },
];

test('Ana shares a playbook and a template; Ben gets them after one sync and enrols with the playbook; private ones stay home', async ({
  context,
  extensionId,
}) => {
  const timeZone = daytimeZone();
  const a = await teamDashboard(context, extensionId, server, { name: 'Ana', timeZone });
  const { id: shared } = await sendFromPage<{ id: string }>(a, 'playbook.save', {
    playbook: { name: 'Inbound in 5 minutes', description: 'Call at once, then email and text.', steps },
  });
  await sendFromPage(a, 'playbook.save', { playbook: { name: 'Ana private plan', steps } });
  const { template: hello } = await sendFromPage<{ template: { id: string } }>(a, 'template.save', {
    mode: 'duplicate',
    fromId: 'acknowledge.email.default',
    changes: { name: 'Team first reply', body: 'Hi {{firstName}}, thanks for getting in touch.' },
  });
  await sendFromPage(a, 'template.save', {
    mode: 'duplicate',
    fromId: 'acknowledge.email.default',
    changes: { name: 'Ana private reply', body: 'Only Ana writes this.' },
  });
  // Before team sync: this lead and touch name no rep (shown as "Unknown rep" later).
  await enrolAndTouch(a, { email: 'oscar@example.com', firstName: 'Oscar', timeZone }, 'speed-to-lead-90', 1);
  await sendFromPage(a, 'sync.connect', teamSetup(server, 'ana', 'Ana'));

  // Shared from the Playbooks tab and the Templates tab, as a rep does it.
  await openDashboard(a, extensionId, 'playbooks');
  await a.getByTestId(`playbook-item-${shared}`).click();
  await expect(a.getByTestId('team-share')).not.toBeChecked();
  await a.getByTestId('team-share').click();
  await expect(a.getByTestId('playbook-notice')).toContainText('Shared');
  await expect(a.getByTestId(`playbook-item-${shared}`).getByTestId('team-chip')).toHaveText(
    'Shared with the team',
  );
  await a.screenshot({ path: 'tests/e2e/screenshots/team-library-share.png' });
  await openDashboard(a, extensionId, 'templates');
  await a.getByTestId(`template-item-${hello.id}`).click();
  await a.getByTestId('team-share').click();
  await expect(a.getByTestId('template-notice')).toContainText('Shared');
  await sendFromPage(a, 'sync.now', {});

  const onServer = JSON.stringify((await server.database('team').allDocs({ include_docs: true })).rows);
  expect(onServer).toContain('Inbound in 5 minutes');
  expect(onServer).toContain('Team first reply');
  for (const secret of ['Ana private plan', 'Ana private reply', 'Only Ana writes this.'])
    expect(onServer).not.toContain(secret);

  const b = await teammate(server);
  try {
    const idB = b.id;
    const { page: pb } = await joinTeam(b.context, idB, server, { username: 'ben', name: 'Ben', timeZone });

    // One sync later, Ben's library has Ana's playbook, marked as hers, and not her private one.
    await openDashboard(pb, idB, 'playbooks');
    const item = pb.getByTestId('team-playbooks').getByTestId(`playbook-item-${shared}`);
    await expect(item.getByTestId('team-chip')).toHaveText('Team · by Ana');
    await expect(pb.getByText('Ana private plan')).toHaveCount(0);
    await item.click();
    await expect(pb.getByTestId('playbook-title')).toHaveText('Inbound in 5 minutes');
    await expect(pb.getByTestId('team-theirs')).toContainText('Ana shared this with the team');
    await expect(pb.getByTestId('team-share')).toHaveCount(0);
    await pb.screenshot({ path: 'tests/e2e/screenshots/team-library-playbooks.png' });

    await openDashboard(pb, idB, 'templates');
    await expect(pb.getByTestId(`template-item-${hello.id}`).getByTestId('team-chip')).toHaveText(
      'Team · by Ana',
    );
    await expect(pb.getByText('Ana private reply')).toHaveCount(0);

    // The sidebar's enrol picker marks it as the Playbooks tab does, in a Team group of its own.
    const { page: gmail, sidebar } = await openGmail(b.context, 'gmail-thread-with-compose.SYNTHETIC.html');
    const picker = sidebar.getByTestId('enrol-playbook');
    await expect(picker.locator('optgroup')).toHaveCount(2);
    const team = sidebar.getByTestId('enrol-team-playbooks');
    await expect(team).toHaveAttribute('label', 'Team');
    await expect(team.locator('option')).toHaveText(['Inbound in 5 minutes · Team · by Ana']);
    await expect(picker.locator('option', { hasText: 'Ana private plan' })).toHaveCount(0);
    await expect(sidebar.getByTestId('enrol-playbook-team')).toHaveCount(0);
    await picker.selectOption(shared);
    await expect(sidebar.getByTestId('enrol-playbook-team')).toHaveText('Team · by Ana');
    await gmail
      .locator('#touchbase-sidebar')
      .screenshot({ path: 'tests/e2e/screenshots/team-enrol-picker.png' });
    await gmail.close();

    // Ben enrols a lead with it (the sequence runs on its own copy of Ana's steps), calls her,
    // and she replies; Ana enrols one too and makes its first two touches.
    const lin = await enrolAndTouch(
      pb,
      { email: 'lin@example.com', firstName: 'Lin', lastName: 'Okafor', phone: '+1 202 555 0150', timeZone },
      shared,
      1,
    );
    const linEnrolment = (
      await rowsOf<{ contactId: number; playbookName: string; steps: unknown[] }>(pb, 'enrolments')
    ).find((e) => e.contactId === lin);
    expect(linEnrolment).toMatchObject({ playbookName: 'Inbound in 5 minutes', steps });
    await sendFromPage(pb, 'reply.log', { contactId: lin, via: 'e2e' });
    await enrolAndTouch(
      a,
      { email: 'ada@example.com', firstName: 'Ada', phone: '+1 202 555 0147', timeZone },
      shared,
      2,
    );
    for (const p of [pb, a, pb]) await sendFromPage(p, 'sync.now', {});

    // The Team view, on either profile: both reps' rows with their counts, and the team's total.
    const want = (me: 'Ana' | 'Ben') => [
      [me === 'Ana' ? 'Ana (you)' : 'Ana', '2', '0 · 0%', '1', '0 · 0%', '<1 min', '0', '0'],
      [me === 'Ben' ? 'Ben (you)' : 'Ben', '1', '1 · 100%', '1', '0 · 0%', '<1 min', '0', '0'],
      ['Unknown rep', '1', '0 · 0%', '1', '0 · 0%', '<1 min', '0', '0'],
      ['Team total', '4', '1 · 25%', '3', '0 · 0%', '<1 min', '0', '0'],
    ];
    for (const [page, id, me] of [
      [a, extensionId, 'Ana'],
      [pb, idB, 'Ben'],
    ] as const) {
      await openDashboard(page, id, 'metrics');
      await page.getByTestId('metrics-view-team').click();
      // Every first touch came seconds after the enrolment ("12 sec"): compared as "<1 min".
      const rows = (await teamTable(page)).map((r) =>
        r.map((c, i) => (i === 5 && /^\d+ sec$/.test(c) ? '<1 min' : c)),
      );
      expect(rows).toEqual(want(me));
      // Nothing the week before: each count's change is the count itself; no rate to compare.
      expect(await teamChanges(page)).toEqual([
        ['+2', '', '+1', '', '', '', ''],
        ['+1', '', '+1', '', '', '', ''],
        ['+1', '', '+1', '', '', '', ''],
        ['+4', '', '+3', '', '', '', ''],
      ]);
    }
    await pb.getByTestId('metrics-team').screenshot({ path: 'tests/e2e/screenshots/team-metrics.png' });
    await pb.screenshot({ path: 'tests/e2e/screenshots/team-metrics-page.png' });
  } finally {
    await b.close();
  }
});
