// Issue #13, the rule editor as a rep uses it: copy a playbook, switch its "text after no
// answer" rule off, add "email within 30 minutes after no answer" (an error shown inline on the
// way), save, and the rule fires when a call from the popup is logged "No answer".
import { openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';
import { openPopup } from './support/popup';
import { extensionPage, readStore, runtime, seedSettings } from './support/sidebar';

test('a rule added in the playbook editor fires when the call is not answered', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  // The window is open all day, so the call is due at once whatever time the suite runs.
  await seedSettings(serviceWorker);
  const dash = await context.newPage();
  await dash.setViewportSize({ width: 1280, height: 900 });
  await openDashboard(dash, extensionId, 'playbooks');
  await dash.getByTestId('playbook-item-speed-to-lead-90').click();
  await expect(dash.getByTestId('playbook-rule')).toHaveCount(8);
  await dash.getByTestId('playbook-copy').click();

  const editor = dash.getByTestId('rule-editor');
  await expect(editor.getByTestId('rule-1').getByTestId('rule-summary')).toHaveText(
    'When a call is not answered, then a text within 10 min.',
  );
  await editor.getByLabel('Rule 1 on').uncheck();
  await editor.getByTestId('rule-add').click();
  const rule = editor.getByTestId('rule-9');
  await rule.getByLabel('Rule 9 name').fill('No answer: email within 30 minutes');
  // An empty minutes box is an error under the rule, and saving waits for it.
  await rule.getByLabel('Rule 9 within minutes').fill('');
  await expect(rule.getByTestId('rule-error')).toHaveText(
    'Rule 9: "within minutes" must be a positive number.',
  );
  await expect(dash.getByTestId('playbook-save')).toBeDisabled();
  await rule.getByLabel('Rule 9 channel').selectOption('email');
  await rule.getByLabel('Rule 9 purpose').selectOption('follow-up');
  await rule.getByLabel('Rule 9 within minutes').fill('30');
  await expect(rule.getByTestId('rule-error')).toHaveCount(0);
  await expect(rule.getByTestId('rule-summary')).toHaveText(
    'When a call is not answered, then an email within 30 min.',
  );
  await editor.screenshot({ path: 'test-results/rule-editor.png' });
  await dash.getByTestId('playbook-save').click();
  await expect(dash.getByTestId('playbook-notice')).toContainText('Saved');
  await expect(dash.getByTestId('playbook-rule')).toHaveCount(9);
  await expect(dash.getByTestId('playbook-rule').nth(0)).toContainText('Off');

  const [saved] = await readStore<{ id: string; rules: { id: string; enabled?: boolean }[] }>(
    serviceWorker,
    'playbooks',
  );
  expect(saved?.rules.map((r) => [r.id, r.enabled])).toContainEqual(['no-answer-text', false]);

  const ext = await extensionPage(context, extensionId);
  await runtime(ext, 'enrol', {
    contact: {
      email: 'bob.buyer@example.org',
      firstName: 'Bob',
      lastName: 'Buyer',
      timeZone: 'America/New_York',
    },
    playbookId: saved?.id,
    source: 'google-lsa',
    via: 'test',
  });

  // From the popup: open the call, log "No answer".
  const popup = await openPopup(context, extensionId);
  const call = popup
    .getByTestId('due-row')
    .filter({ hasText: 'Bob Buyer' })
    .filter({ hasText: 'Call' })
    .first();
  await call.getByTestId('due-row-head').click();
  await call.getByRole('button', { name: 'No answer' }).click();

  // The new rule's email is due now with a 30-minute clock; the switched-off text never came.
  const email = popup
    .getByTestId('due-row')
    .filter({ hasText: 'Bob Buyer' })
    .filter({ hasText: 'Email · Follow up' })
    .first();
  await expect(email.getByTestId('countdown')).toHaveText(/^(29|30):\d\d$/);
  const activities = await readStore<{ kind: string; rule?: string; text?: string }>(
    serviceWorker,
    'activities',
  );
  const fired = activities.filter((a) => a.kind === 'rule-fired');
  expect(fired.map((a) => a.rule)).toEqual(['my-rule-9']);
  expect(fired[0]?.text).toMatch(/^No answer: email within 30 minutes: email \(step \d\) due /);
  const touches = await readStore<{ channel: string; state: string; dueAt: number }>(
    serviceWorker,
    'touches',
  );
  expect(
    touches.filter((t) => t.channel === 'sms' && t.state === 'planned' && t.dueAt < Date.now() + 3_600_000),
  ).toEqual([]);

  // The weekly review counts it: the rule that fired, the unanswered call (no text after it),
  // and the week's new lead by score.
  await openDashboard(dash, extensionId, 'metrics');
  const reactions = dash.getByTestId('metrics-reactions');
  await expect(reactions.getByTestId('rules-fired-table')).toContainText(
    'No answer: email within 30 minutes',
  );
  await expect(reactions.getByTestId('rules-fired-table').locator('tbody tr')).toHaveText([
    /No answer: email within 30 minutes\s*1\s*0 of 1 \(0%\)\s*0 of 1 \(0%\)/,
  ]);
  await expect(reactions.getByTestId('no-answer-table').locator('tbody tr').nth(1)).toContainText('No text1');
  await expect(reactions.getByTestId('score-distribution').locator('tbody tr')).toHaveText([
    /Google Local Services\s*1\s*0\s*1\s*0\s*40/,
  ]);
  await expect(reactions.getByTestId('renurture')).toHaveText(
    'Re-nurture: no re-engage touch sent this week.',
  );
  await reactions.screenshot({ path: 'test-results/metrics-reactions.png' });
});
