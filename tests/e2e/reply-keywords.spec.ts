// Issue #13: a reply seen in Gmail carries its visible words, so the keyword rules fire. Bob's
// row in the message list asks to be removed: his sequence pauses, an opt-out is proposed (not
// done), and his conversation's sidebar offers it for the rep to confirm.
import { BUILT_IN_PLAYBOOKS } from '../../lib/cadence/playbooks';
import { seedRows } from './support/extension';
import { expect, test } from './support/fixtures';
import { contactRow, openGmail, readStore } from './support/sidebar';

const BOB = 'bob.buyer@example.org';

test('a Gmail reply asking to be removed proposes an opt-out the rep confirms in the sidebar', async ({
  context,
  serviceWorker,
}) => {
  const aug1 = Date.UTC(2025, 7, 1, 12);
  const [bobId] = await seedRows(serviceWorker, 'contacts', [contactRow(BOB, 'Bob', 'Buyer')]);
  await seedRows(serviceWorker, 'enrolments', [
    {
      contactId: bobId,
      playbookId: 'seven-touch-14-day',
      playbookName: '7 touches in 14 days',
      source: 'web-form',
      steps: BUILT_IN_PLAYBOOKS.find((p) => p.id === 'seven-touch-14-day')?.steps,
      enrolledAt: aug1,
      timeZone: 'UTC',
      state: 'active',
      stateChangedAt: aug1,
      done: [{ step: 1, channel: 'sms', at: aug1 + 60_000 }],
      lastTouchAt: aug1 + 60_000,
    },
  ]);

  const inbox = await openGmail(context, 'gmail-inbox-optout-reply.SYNTHETIC.html', '#inbox');
  await expect(inbox.sidebar.getByTestId('sidebar-empty')).toContainText('Open a conversation');
  await expect
    .poll(
      async () => (await readStore<{ state: string; proposals?: unknown[] }>(serviceWorker, 'enrolments'))[0],
    )
    .toMatchObject({
      state: 'paused',
      proposals: [
        expect.objectContaining({ action: 'opt-out', rule: 'reply-opt-out', matched: 'remove me' }),
      ],
    });
  const acts = await readStore<{ kind: string; text?: string; rule?: string }>(serviceWorker, 'activities');
  // The reply's words are kept as text in the timeline; nothing was opted out yet.
  expect(acts.find((a) => a.kind === 'reply')?.text).toBe('Please remove me from your list, thanks.');
  expect(acts.some((a) => a.kind === 'rule-fired' && a.rule === 'reply-opt-out')).toBe(true);
  expect(acts.some((a) => a.kind === 'opted-out')).toBe(false);
  await inbox.page.close();

  // Bob's conversation: the sidebar asks the rep.
  const { page, sidebar } = await openGmail(context, 'gmail-thread-reply.SYNTHETIC.html');
  // His score counts the reply ("replied +20") and says so.
  await expect(sidebar.getByTestId('lead-score')).toHaveAttribute('title', /^Lead score \d+: .*replied \+20/);
  const proposal = sidebar.getByTestId('proposal');
  await expect(proposal).toHaveAttribute('data-action', 'opt-out');
  await expect(proposal).toContainText('“remove me”');
  await page.locator('#touchbase-sidebar').screenshot({ path: 'test-results/sidebar-proposal.png' });
  await proposal.getByTestId('proposal-confirm').click();
  await expect
    .poll(async () => (await readStore<{ state: string }>(serviceWorker, 'enrolments'))[0]?.state)
    .toBe('opted-out');
});
