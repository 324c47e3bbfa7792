// Issue #13, lead scoring as a rep sees it: the rules edited in Settings → Lead scoring decide
// the popup's order among touches that are equally urgent, and every score is explained.
import { openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';
import { daytimeZone, openPopup } from './support/popup';
import { extensionPage, readStore, runtime, seedSettings } from './support/sidebar';

test('a scoring rule added in settings reorders the popup and explains the new score', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await seedSettings(serviceWorker);
  const ext = await extensionPage(context, extensionId);
  // One email due at once with an end-of-day deadline: no speed-to-lead clock (a web form lead
  // would get one), so only the score orders the two contacts.
  const { id: playbookId } = await runtime<{ id: string }>(ext, 'playbook.save', {
    playbook: {
      name: 'One email',
      description: '',
      steps: [{ channel: 'email', day: 0, purpose: 'follow-up' }],
    },
  });
  const timeZone = daytimeZone();
  for (const [first, source] of [
    ['Gina', 'google-lsa'],
    ['Oscar', 'other'],
  ] as const)
    await runtime(ext, 'enrol', {
      contact: { email: `${first.toLowerCase()}@example.org`, firstName: first, lastName: 'Lead', timeZone },
      playbookId,
      source,
      via: 'test',
    });

  const popup = await openPopup(context, extensionId);
  const rows = popup.getByTestId('due-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Gina Lead');
  await expect(rows.nth(0).getByTestId('priority')).toHaveAttribute(
    'title',
    'Lead score 40: Google Local Services +20, base +20',
  );
  await expect(rows.nth(1).getByTestId('priority')).toHaveAttribute('title', 'Lead score 20: base +20');

  // The rep adds "lead source Other: +40" in the dashboard's settings.
  const dash = await context.newPage();
  await openDashboard(dash, extensionId, 'settings');
  const section = dash.getByTestId('scoring-section');
  await expect(section.getByTestId('scoring-examples')).toContainText('83: referral +30');
  await section.getByTestId('scoring-add').click();
  const rule = section.getByTestId('score-rule-10');
  // A new rule starts as a custom-field rule with nothing to compare with: said inline, and the
  // save is refused with the same words.
  await expect(section.getByTestId('scoring-rule-problem')).toHaveText(
    'Rule 10: give the value to compare with.',
  );
  await dash.getByTestId('settings-save').click();
  await expect(dash.getByTestId('settings-status')).toHaveText(
    'Not saved: Rule 10: give the value to compare with.',
  );
  await rule.getByLabel('Rule 10 kind').selectOption('source');
  await rule.getByRole('checkbox', { name: 'Referral' }).uncheck();
  await rule.getByRole('checkbox', { name: 'Other' }).check();
  await rule.getByLabel('Rule 10 points').fill('40');
  await expect(rule.getByLabel('Rule 10 label')).toHaveValue('Other');
  await expect(section.getByTestId('scoring-rule-problem')).toHaveCount(0);
  await dash.setViewportSize({ width: 1100, height: 1400 });
  await section.screenshot({ path: 'test-results/scoring-settings.png' });
  await dash.getByTestId('settings-save').click();
  await expect(dash.getByTestId('settings-status')).toHaveText('Settings saved.');
  const [stored] = await readStore<{ value: { scoring?: { rules: { label: string; points: number }[] } } }>(
    serviceWorker,
    'settings',
  );
  expect(stored?.value.scoring?.rules.at(-1)).toMatchObject({ label: 'Other', points: 40 });

  // The popup follows at once: Oscar (60) now comes before Gina (40).
  await expect(rows.nth(0)).toContainText('Oscar Lead');
  await expect(rows.nth(0).getByTestId('priority')).toHaveText('Medium');
  await expect(rows.nth(0).getByTestId('priority')).toHaveAttribute(
    'title',
    'Lead score 60: Other +40, base +20',
  );
  await expect(rows.nth(1)).toContainText('Gina Lead');

  // The dashboard's contacts follow the same order, with the score explained on hover.
  await openDashboard(dash, extensionId, 'contacts');
  const contactRows = dash.getByTestId('contact-row');
  await expect(dash.getByTestId('contacts-order')).toContainText('most urgent first');
  await expect(contactRows.nth(0)).toContainText('Oscar Lead');
  await expect(contactRows.nth(0).getByTestId('contact-priority')).toHaveText('Medium 60');
  await expect(contactRows.nth(0).getByTestId('contact-priority')).toHaveAttribute(
    'title',
    'Lead score 60: Other +40, base +20',
  );
  await expect(contactRows.nth(1)).toContainText('Gina Lead');
  await dash.setViewportSize({ width: 1200, height: 400 });
  await dash.screenshot({ path: 'test-results/contacts-urgency.png' });
  // Sorting by another column and back.
  await dash.getByRole('button', { name: 'Name' }).click();
  await expect(contactRows.nth(0)).toContainText('Gina Lead');
  await dash.getByTestId('contacts-order-reset').click();
  await expect(contactRows.nth(0)).toContainText('Oscar Lead');
  // His record says why, in words.
  await contactRows.nth(0).getByTestId('contact-open').click();
  await expect(dash.getByTestId('drawer-score')).toHaveText('Medium 60 Other +40, base +20');
});
