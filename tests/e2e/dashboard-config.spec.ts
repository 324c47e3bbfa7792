import { openDashboard } from './support/dashboard';
import { readStore, send } from './support/dashboard-config';
import { expect, test } from './support/fixtures';

const SHOTS = 'tests/e2e/screenshots';

test('copy a built-in playbook, edit a step, see the warning, save and enrol with it', async ({
  context,
  extensionId,
  serviceWorker,
  consoleErrors,
}) => {
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await openDashboard(page, extensionId, 'playbooks');

  await expect(page.getByTestId('playbook-title')).toHaveText('7 touches in 14 days');
  const timeline = page.getByTestId('playbook-timeline');
  await expect(timeline.locator('li')).toHaveCount(7);
  await expect(timeline.locator('li').first()).toContainText('Day 0');
  await expect(timeline.locator('li').first()).toContainText('Acknowledge the inquiry');
  await expect(timeline.locator('li').first()).toContainText('within 5 min');
  await expect(page.getByTestId('preview-table').locator('tbody tr')).toHaveCount(7);
  await page.screenshot({ path: `${SHOTS}/dashboard-playbooks-view.png`, fullPage: true });

  await page.getByTestId('playbook-item-ten-touchpoints').click();
  await expect(page.getByTestId('playbook-title')).toHaveText('10 touchpoints');
  await expect(page.getByTestId('playbook-timeline')).toContainText('after 2 unanswered');
  await page.getByTestId('playbook-item-seven-touch-14-day').click();

  await page.getByTestId('playbook-copy').click();
  const editor = page.getByTestId('playbook-editor');
  await expect(page.getByTestId('playbook-name')).toHaveValue('7 touches in 14 days (copy)');
  await page.getByTestId('playbook-name').fill('Fast texts, 14 days');

  // An error blocks saving: an empty day.
  await editor.getByLabel('Step 3 day').fill('');
  await expect(page.getByTestId('playbook-error')).toContainText('whole number');
  await expect(page.getByTestId('playbook-save')).toBeDisabled();
  await editor.getByLabel('Step 3 day').fill('1');
  await expect(page.getByTestId('playbook-error')).toHaveCount(0);

  // A warning does not: the day-0 email becomes a second text on day 0.
  await editor.getByLabel('Step 2 channel').selectOption('sms');
  await expect(page.getByTestId('playbook-warning')).toContainText('second text on day 0');
  await expect(page.getByTestId('step-row-2')).toHaveClass(/has-warning/);
  await expect(page.getByTestId('playbook-save')).toBeEnabled();

  // Reorder and add: the new step lands last, two days after the previous one.
  await editor.getByRole('button', { name: '+ Add step' }).click();
  await expect(page.getByTestId('playbook-steps').locator('tbody tr')).toHaveCount(8);
  await expect(editor.getByLabel('Step 8 day')).toHaveValue('16');
  await editor.getByLabel('Step 8 purpose').selectOption('final-check-in');
  await editor.getByLabel('Step 8 within minutes').fill('30');

  // The preview follows the lead source: a referral gets a call first.
  await page.getByTestId('preview-source').selectOption('referral');
  await expect(editor.getByTestId('preview-table').locator('tbody tr').first()).toContainText('Call');
  await page.getByTestId('preview-source').selectOption('facebook-lead-ad');
  await expect(editor.getByTestId('preview-table').locator('tbody tr')).toHaveCount(8);
  await page.screenshot({ path: `${SHOTS}/dashboard-playbooks.png`, fullPage: true });

  await page.getByTestId('playbook-save').click();
  await expect(page.getByTestId('playbook-notice')).toContainText('Saved with 1 warning');
  await expect(page.getByTestId('own-playbooks')).toContainText('Fast texts, 14 days');
  await expect(page.getByTestId('playbook-title')).toHaveText('Fast texts, 14 days');

  const rows = await readStore<{
    id: string;
    name: string;
    steps: { channel: string; withinMinutes?: number }[];
  }>(serviceWorker, 'playbooks');
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ id: 'custom-fast-texts-14-days', name: 'Fast texts, 14 days' });
  expect(rows[0]?.steps[1]?.channel).toBe('sms');
  expect(rows[0]?.steps[7]?.withinMinutes).toBe(30);

  // Selectable: a contact can be enrolled in it through the real background.
  const res = await send<{ enrolmentId: number }>(page, 'enrol', {
    contact: { email: 'ada@example.com', firstName: 'Ada' },
    playbookId: rows[0]?.id,
    source: 'web-form',
    via: 'test',
  });
  const enrolments = await readStore<{ id: number; playbookName: string }>(serviceWorker, 'enrolments');
  expect(enrolments.find((e) => e.id === res.enrolmentId)?.playbookName).toBe('Fast texts, 14 days');

  // Saving the same name again is refused by the background, whatever the page says.
  await expect(
    send(page, 'playbook.save', { playbook: { name: 'fast texts, 14 DAYS', steps: rows[0]?.steps } }),
  ).rejects.toThrow(/already a playbook/);

  // Deleting keeps the running enrolment on its snapshot.
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('playbook-notice')).toContainText('1 running sequence keeps its own copy');
  await expect(page.getByTestId('own-playbooks')).toHaveCount(0);
  expect(await readStore(serviceWorker, 'playbooks')).toHaveLength(0);
  expect(consoleErrors).toEqual([]);
});

test('edit a template with a live preview, save a new version, reset to default', async ({
  context,
  extensionId,
  serviceWorker,
  consoleErrors,
}) => {
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await openDashboard(page, extensionId, 'templates');

  await page.getByTestId('template-channel-filter').selectOption('email');
  await expect(page.getByTestId('template-item-acknowledge.sms.default')).toHaveCount(0);
  await page.getByTestId('template-item-acknowledge.email.default').click();
  await expect(page.getByTestId('template-version')).toHaveText('v1');
  const body = page.getByTestId('template-body');
  const preview = page.getByTestId('preview-body');
  const shipped = await body.inputValue();
  await expect(preview).toContainText('Hi Jordan,');

  await body.fill('Hi {{firstName}},\n\nWe helped {{custom.caseStudy}} last spring.\n\n');
  await expect(preview).toContainText('Hi Jordan,');
  await expect(preview.locator('mark.tb-missing')).toHaveText('[custom.caseStudy]');
  await expect(page.getByTestId('preview-problems')).toContainText(
    'Nothing is filled in for the "caseStudy" field',
  );

  // Insert a merge field at the caret (the end of the text).
  await body.focus();
  await body.press('End');
  await page.getByTestId('insert-rep.name').click();
  await expect(body).toHaveValue(/last spring\.\n\n\{\{rep\.name\}\}$/);
  // The rep has not set a name yet: that is a missing value too.
  await expect(preview.locator('mark.tb-missing')).toHaveCount(2);

  // An unknown field is an error and blocks saving.
  await body.press('End');
  await body.pressSequentially(' {{frstName}}');
  await expect(preview.locator('mark.tb-tpl-unknown')).toHaveText('[frstName]');
  await expect(page.getByTestId('template-save')).toBeDisabled();
  await body.fill('Hi {{firstName}},\n\nWe helped {{custom.caseStudy}} last spring.\n\n{{rep.name}}');

  await page.getByTestId('template-subject').fill('A question for {{company}}');
  await expect(page.getByTestId('preview-subject')).toHaveText('A question for Rivera Roofing');
  await expect(page.getByTestId('preview-stats')).toContainText('subject 29/60 characters');
  await page.screenshot({ path: `${SHOTS}/dashboard-templates.png`, fullPage: true });

  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-notice')).toContainText('Saved as version 2');
  await expect(page.getByTestId('template-version')).toHaveText('v2');
  await expect(page.getByTestId('template-item-acknowledge.email.default')).toContainText('edited');
  let rows = await readStore<{ id: string; version: number; builtIn: boolean; body: string }>(
    serviceWorker,
    'templates',
  );
  expect(rows).toEqual([
    expect.objectContaining({ id: 'acknowledge.email.default', version: 2, builtIn: false }),
  ]);

  // A real contact in the preview: their own name, and the gap stays marked.
  await send(page, 'enrol', {
    contact: { email: 'grace@example.com', firstName: 'Grace', company: 'Navy Labs' },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'test',
  });
  await page.getByTestId('preview-contact').selectOption({ label: 'Grace · Navy Labs' });
  await expect(preview).toContainText('Hi Grace,');
  await expect(page.getByTestId('preview-subject')).toHaveText('A question for Navy Labs');

  await page.getByTestId('template-reset').click();
  await expect(page.getByTestId('template-version')).toHaveText('v3');
  await expect(body).toHaveValue(shipped);
  await expect(page.getByTestId('template-item-acknowledge.email.default')).not.toContainText('edited');
  rows = await readStore(serviceWorker, 'templates');
  expect(rows).toEqual([
    expect.objectContaining({ id: 'acknowledge.email.default', version: 3, builtIn: true }),
  ]);
  expect(consoleErrors).toEqual([]);
});

test('metrics: a calm empty week, then charts and numbers from real activity', async ({
  context,
  extensionId,
  serviceWorker,
  consoleErrors,
}) => {
  const page = await context.newPage();
  await openDashboard(page, extensionId, 'metrics');
  await expect(page.getByTestId('metrics-empty')).toContainText('No activity this week');
  await expect(page.locator('canvas')).toHaveCount(0);

  // Three new leads through the real background; two get their first text at once.
  const enrol = (email: string, firstName: string, source: string) =>
    send<{ enrolmentId: number; contactId: number }>(page, 'enrol', {
      contact: { email, firstName },
      playbookId: 'seven-touch-14-day',
      source,
      via: 'test',
    });
  const ada = await enrol('ada@example.com', 'Ada', 'web-form');
  const ben = await enrol('ben@example.com', 'Ben', 'google-lsa');
  await enrol('cy@example.com', 'Cy', 'facebook-lead-ad');
  const touches = await readStore<{ id: number; enrolmentId: number; step: number; state: string }>(
    serviceWorker,
    'touches',
  );
  const first = (enrolmentId: number) =>
    touches.find((t) => t.enrolmentId === enrolmentId && t.step === 1 && t.state === 'planned')!.id;
  await send(page, 'touch.complete', { touchId: first(ada.enrolmentId), via: 'test' });
  await send(page, 'touch.complete', { touchId: first(ben.enrolmentId), via: 'test' });
  await send(page, 'reply.log', { contactId: ada.contactId, via: 'test' });
  await send(page, 'enrolment.action', {
    enrolmentId: ada.enrolmentId,
    action: { kind: 'booked' },
    via: 'test',
  });
  await send(page, 'enrolment.action', {
    enrolmentId: ben.enrolmentId,
    action: { kind: 'opted-out' },
    via: 'test',
  });

  // The tab reads live: no reload needed.
  await expect(page.getByTestId('metrics-empty')).toHaveCount(0);
  await expect(page.getByTestId('metric-sent-value')).toHaveText('2');
  await expect(page.getByTestId('metric-booked-value')).toHaveText('33%');
  await expect(page.getByTestId('metric-booked')).toContainText('1 of 3 enrolled this week');
  await expect(page.getByTestId('metric-optout-value')).toHaveText('50%');
  await expect(page.getByTestId('metric-optout')).toHaveClass(/flagged/);
  await expect(page.getByTestId('metric-first-touch')).toContainText('100% within 5 min (2 of 2)');
  await expect(page.getByTestId('chart-by-touch').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('chart-by-channel').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('chart-sources').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('sources-table')).toContainText('Web form');
  await page.screenshot({ path: `${SHOTS}/dashboard-metrics.png`, fullPage: true });

  // Last week was quiet; next week cannot be opened yet.
  await expect(page.getByTestId('week-next')).toBeDisabled();
  await page.getByTestId('week-prev').click();
  await expect(page.getByTestId('metrics-empty')).toBeVisible();
  await expect(page.locator('canvas')).toHaveCount(0);
  await page.getByTestId('week-next').click();
  await expect(page.locator('canvas')).toHaveCount(3);
  expect(consoleErrors).toEqual([]);
});
